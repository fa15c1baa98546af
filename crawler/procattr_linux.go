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

// setGroup puts cmd in a process group of its own, which killGroup ends.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills every process of the group that setGroup made for cmd.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
