package policy

import "testing"

func TestPHPCodeNames(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		// Functions, constants and keywords go; strings stay.
		{`<?php require __DIR__ . '/a.php'; $s = array_filter(['Cookies: _ga', URL_BASE]); ?><p>SESSION_ID</p>`,
			`<?php                 . '/a.php'; $s =             (['Cookies: _ga',         ]); ?><p>SESSION_ID</p>`},
		// Variables, comments, numbers and escaped quotes stay.
		{`<?= $analytics_cookies[0x1F] /* keep_me */ ?>`, `<?= $analytics_cookies[0x1F] /* keep_me */ ?>`},
		{`<?php echo 'it\'s PHPSESSID'; // note_me` + "\n" + `fn_x(); ?>`,
			`<?php      'it\'s PHPSESSID'; // note_me` + "\n" + `    (); ?>`},
		// A heredoc's text is shown; the name that closes it is no code.
		{"<?php echo <<<EOT\n_ga lasts two years\n  EOT;\nprint_r(1); ?>", "<?php      <<<EOT\n_ga lasts two years\n  EOT;\n       (1); ?>"},
		// The opening tag in any case.
		{`<?PHP fn_x(); ?>`, `<?PHP     (); ?>`},
		// No PHP: left as it is.
		{`<?xml version="1.0"?><p>CONSENT_ID</p>`, `<?xml version="1.0"?><p>CONSENT_ID</p>`},
		// A block that is not closed runs to the end.
		{`<?php $c = ['name' => 'wp_lang']; do_it();`, `<?php $c = ['name' => 'wp_lang'];      ();`},
	} {
		if got := string(phpCodeNames([]byte(tt.in))); got != tt.want {
			t.Errorf("phpCodeNames(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
