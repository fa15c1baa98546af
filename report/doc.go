// Package report turns what a scan observed into reports: the report model,
// which is the JSON contract other tools rely on (schema
// "cookieaudit/report/v1"), and one writer per output format.
//
// A report is a plain value built once by New and never changed by the
// writers. Site-controlled strings (cookie names, domains, URLs, page error
// texts) are data: the JSON writer escapes them as JSON does, and the table
// writer makes control characters and terminal escape sequences visible
// instead of sending them to the terminal.
//
// Cookie and web storage values are left out of every report unless
// Options.ShowValues is set: they can be session tokens.
//
// Besides the writers (table, JSON, HTML, Markdown, SARIF, JUnit, and
// GitHub workflow annotations), the package holds what works on finished
// reports: ApplyGate filters findings by ignore file, baseline, kind and
// severity and records the outcome in the report; ConsentFailures lists
// the consent choices a scan was asked to make and could not, which leave
// it incomplete; Read loads a saved JSON report; Compare lists what changed
// between two reports. Deciding what is a finding is the classifier's job,
// not this package's.
package report
