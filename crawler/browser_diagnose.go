package crawler

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"time"
)

// diagnoseTime bounds the second start that rerunForOutput makes.
const diagnoseTime = 10 * time.Second

// rerunForOutput starts the browser command that failed once more, with a
// fresh profile, and returns what it printed before it exited, or before it
// said it was ready (it is then stopped at once).
//
// chromedp reads the output of the first start from a pipe that os/exec
// closes as soon as the process is reaped, so a browser that exits at once
// can lose some or all of its output there.
// A browser that cannot start fails the same way the second time, and here
// the pipe is ours.
func rerunForOutput(ctx context.Context, failed *exec.Cmd) string {
	profile, err := os.MkdirTemp("", "ca-diagnose-")
	if err != nil {
		return ""
	}
	defer os.RemoveAll(profile)
	args := make([]string, 0, len(failed.Args))
	for _, a := range failed.Args[1:] {
		if strings.HasPrefix(a, "--user-data-dir=") {
			a = "--user-data-dir=" + profile
		}
		args = append(args, a)
	}
	ctx, cancel := context.WithTimeout(ctx, diagnoseTime)
	defer cancel()
	cmd := exec.Command(failed.Path, args...)
	cmd.Env = failed.Env
	setGroup(cmd)
	r, w, err := os.Pipe()
	if err != nil {
		return ""
	}
	defer r.Close()
	cmd.Stdout, cmd.Stderr = w, w
	err = cmd.Start()
	w.Close() // the child has its own copy
	if err != nil {
		return err.Error()
	}
	defer func() {
		killGroup(cmd)
		cmd.Wait()
	}()
	done := make(chan struct{})
	var out bytes.Buffer
	go func() {
		defer close(done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for sc.Scan() && out.Len() < 1<<20 {
			line := sc.Text()
			if strings.HasPrefix(line, "DevTools listening on") {
				return // it started this time: what it printed so far is all there is
			}
			out.WriteString(line + "\n")
		}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		killGroup(cmd)
		r.SetReadDeadline(time.Now()) // pipes from os.Pipe are pollable
		<-done
	}
	return out.String()
}
