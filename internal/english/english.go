// Package english holds the few rules of English that the messages and
// reports of cookieaudit need, so that each is written once.
package english

import "strconv"

// Count returns n and the noun, in the plural when n is not 1: "1 cookie",
// "3 cookies", "0 cookies". The plural is the noun followed by "s" unless
// many gives it ("1 optional purpose was", "2 optional purposes were").
func Count(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	noun := one + "s"
	if len(many) > 0 {
		noun = many[0]
	}
	return strconv.Itoa(n) + " " + noun
}
