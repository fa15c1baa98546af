// Package policy reads what a website declares about its cookies.
//
// A declared policy comes from one of these kinds of source, which [Load]
// tells apart by their content ([Sniff]):
//
//   - a policy file, YAML or JSON, written or reviewed by a person ([Parse]);
//     every error names the file, the line and the column, and what was
//     expected there;
//   - the site's cookie-policy page, rendered to HTML by the crawler or saved
//     to a file ([ExtractHTML]), or kept as Markdown ([ExtractMarkdown]) or
//     plain text ([ExtractText]): tables, records of labels and values,
//     lists, headings and sentences naming cookies, in fifteen languages,
//     the lists the consent platforms draw, and the declaration data they
//     embed in the page;
//   - the declaration data a consent platform publishes on its own, such as
//     OneTrust's domain JSON ([ExtractJSON]).
//
// Every source yields a [Policy]: a list of [Declaration] values, each with
// a cookie name [Pattern] (or, for services declared without cookie names,
// a service), a canonical [Category], a [Duration], a storage [StorageType]
// for entries that are not cookies, and the page's own wording (heading,
// category and duration text) kept beside the canonical values, so a
// person reviewing the result can see what the page said. [WriteYAML] and
// [WriteJSON] write a policy back in the policy-file format, so an
// extracted policy can be reviewed, corrected and committed; what
// WriteYAML writes, Parse reads back to the same declarations.
//
// The extraction of pages goes by structure and evidence rather than by
// known templates (see [ExtractHTML]). The files are arranged by job:
// file.go reads policy files, decode.go holds what goccy/go-yaml needs for
// them, limit.go bounds what any source may cost; html.go walks the page,
// after selfclose.go mends the self-closed tags of templates;
// heading.go keeps the headings and what acts as one, leads.go the bold
// lead-ins; context.go says where a declaration's category comes from;
// table.go, grid.go and columns.go read tables; pairs.go reads records of
// labels and values, triples.go records without labels; lists.go lists
// led by names; prose.go sentences;
// flat.go and tabrows.go text laid out as tables; jsdata.go records kept
// as data in a page's code; names.go tells cookie names from words;
// vocab.go and category.go hold the words of the supported languages;
// markdown.go, text.go and data.go turn Markdown, text and page data into markup;
// embedded.go reads the platforms' data in scripts.
//
// Pages are messy: a duration or a name that cannot be understood on a page
// is kept as text and reported in [Policy.Warnings], while the same mistake in
// a policy file is an error. This package never launches a browser: pages
// whose tables are drawn by JavaScript are rendered by the crawler first,
// and it has no knowledge base of its own: the caller lends one
// ([Knowledge]).
package policy
