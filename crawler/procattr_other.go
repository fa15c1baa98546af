//go:build !linux

package crawler

import "os/exec"

// setProcAttr does nothing where the kernel has no parent-death signal.
func setProcAttr(cmd *exec.Cmd) {}
