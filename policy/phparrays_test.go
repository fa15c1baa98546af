package policy

import "testing"

// TestPHPLiteral reads PHP array literals as the JavaScript literals they
// stand for: an array with keys is an object, one without an array, and
// what is not a literal is null.
func TestPHPLiteral(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		php, want string
	}{
		{`['a' => 'x', "b" => "y\"z"]`, `{"a": "x", "b": "y\"z"}`},
		{`array('a' => array(1, 2.5, true, NULL))`, `{"a": [1, 2.5, true, null]}`},
		{`['x', 'y' => 'z', 'w']`, `{"0": "x", "y": "z", "1": "w"}`},
		{`[5 => 'x', 'y']`, `{"5": "x", "6": "y"}`},
		{`['a' => 'one ' . "two", 'b' => 'it\'s']`, `{"a": "one two", "b": "it's"}`},
		{"['a' => __('texts.a', ['n' => 1]), // a call\n 'b' => $var, /* c */ 'c' => 'd',]", `{"a": null, "b": null, "c": "d"}`},
		{`[Cookie::ID => 'x', 'p' => '<b>bold</b>']`, `{"Cookie::ID": "x", "p": "\u003cb>bold\u003c/b>"}`},
		{`['a' => 'x' . $y]`, `{"a": null}`},
	} {
		p := &phpLit{data: []byte(tt.php + ";")}
		v, ok := p.value(0)
		if !ok || v.js != tt.want {
			t.Errorf("%s: got %s, %v; want %s", tt.php, v.js, ok, tt.want)
		}
	}
	for _, bad := range []string{`['a' => 'x'`, `['a' => ]`, `['a' => 'x';`} {
		p := &phpLit{data: []byte(bad)}
		if v, ok := p.value(0); ok {
			t.Errorf("%s: got %s, want no literal", bad, v.js)
		}
	}
}
