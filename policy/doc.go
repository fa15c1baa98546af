// Package policy reads what a website declares about its cookies.
//
// A declared policy comes from one of three kinds of source:
//
//   - a policy file, YAML or JSON, written or reviewed by a person ([Parse]);
//     every error names the file, the line and the column, and what was
//     expected there;
//   - the site's cookie-policy page, rendered to HTML by the crawler or saved
//     to a file ([ExtractHTML]): cookie tables under headings naming their
//     category, in English, French, German, Spanish or Italian, including the
//     lists drawn by the OneTrust, Cookiebot and CookieYes consent platforms
//     and the declaration data those platforms embed in the page;
//   - the declaration data a consent platform publishes on its own, such as
//     OneTrust's domain JSON ([ExtractJSON]).
//
// [Load] picks the right reader from a file's name and content.
//
// Every source yields a [Policy]: a list of [Declaration] values, each with
// a cookie name [Pattern], a canonical [Category], a [Duration], and the
// page's own wording (heading, category and duration text) kept beside the
// canonical values, so a person reviewing the result can see what the page
// said. [WriteYAML] and [WriteJSON] write a policy back in the policy-file
// format, so an extracted policy can be reviewed, corrected and committed;
// what WriteYAML writes, Parse reads back to the same declarations.
//
// Pages are messy: a duration or a name that cannot be understood on a page
// is kept as text and reported in [Policy.Warnings], while the same mistake in
// a policy file is an error. This package never launches a browser: pages
// whose tables are drawn by JavaScript are rendered by the crawler first.
package policy
