package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/crawler"
)

// waitFlag is the value of --wait: a fixed DURATION, or "auto" (leave a
// page as soon as nothing on it can still set a cookie, at most 3s) or
// "auto:DURATION" (at most DURATION).
type waitFlag struct {
	d    *time.Duration
	auto *bool
}

func (w waitFlag) String() string {
	if w.d == nil {
		return ""
	}
	switch {
	case !*w.auto:
		return w.d.String()
	case *w.d == crawler.DefaultWait:
		return "auto"
	default:
		return "auto:" + w.d.String()
	}
}

func (w waitFlag) Set(s string) error {
	rest, auto := strings.CutPrefix(s, "auto")
	if auto && rest == "" {
		*w.d, *w.auto = crawler.DefaultWait, true
		return nil
	}
	if auto {
		var ok bool
		if rest, ok = strings.CutPrefix(rest, ":"); !ok {
			return fmt.Errorf("want a duration (3s), auto, or auto:DURATION")
		}
	}
	d, err := time.ParseDuration(rest)
	if err != nil {
		if auto {
			return fmt.Errorf("the bound of auto:DURATION is not a duration: %q", rest)
		}
		return fmt.Errorf("want a duration (3s), auto, or auto:DURATION")
	}
	*w.d, *w.auto = d, auto
	return nil
}

func (w waitFlag) Type() string { return "wait" }
