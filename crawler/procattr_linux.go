//go:build linux

package crawler

import (
	"os/exec"
	"syscall"
)

// setProcAttr makes the kernel kill the browser when the process that
// started it dies, so that no Chromium outlives a crashed scan. chromedp sets
// the same unless a ModifyCmdFunc is given, and we give one.
func setProcAttr(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = new(syscall.SysProcAttr)
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
