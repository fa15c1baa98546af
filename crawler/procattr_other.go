//go:build !linux

package crawler

import "os/exec"

// setProcAttr does nothing where the kernel has no parent-death signal.
func setProcAttr(cmd *exec.Cmd) {}

// setGroup does nothing here; killGroup kills the process alone.
func setGroup(cmd *exec.Cmd) {}

// killGroup kills the process that cmd started.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
