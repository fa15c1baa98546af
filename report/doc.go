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
// Cookie values are left out of every report unless Options.ShowValues is
// set: they can be session tokens.
package report
