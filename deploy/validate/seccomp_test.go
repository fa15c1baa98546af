package validate

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// seccompProfile is the profile format that the container runtimes read
// (runc through containerd or CRI-O, and Docker): the fields the profile
// uses, decoded strictly.
type seccompProfile struct {
	DefaultAction string `json:"defaultAction"`
	Syscalls      []struct {
		Names    []string `json:"names"`
		Action   string   `json:"action"`
		ErrnoRet *uint    `json:"errnoRet"`
	} `json:"syscalls"`
}

// TestSeccompProfile checks the profile of Chromium's pods: it lets
// Chromium build its sandbox (new user, PID and network namespaces, a
// chroot) and refuses the calls that act on the kernel or on other
// processes.
func TestSeccompProfile(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader(readFile(t, seccompFile)))
	dec.DisallowUnknownFields()
	var p seccompProfile
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("%s: %v", seccompFile, err)
	}
	if p.DefaultAction != "SCMP_ACT_ALLOW" {
		t.Fatalf("%s: defaultAction %q: the checks below assume a list of refused calls", seccompFile, p.DefaultAction)
	}
	denied := map[string]bool{}
	for _, r := range p.Syscalls {
		if r.Action != "SCMP_ACT_ERRNO" || r.ErrnoRet == nil || *r.ErrnoRet != 1 {
			t.Errorf("%s: rule %v: action %q, want SCMP_ACT_ERRNO with errnoRet 1 (EPERM)", seccompFile, r.Names, r.Action)
		}
		for _, n := range r.Names {
			if denied[n] {
				t.Errorf("%s: %s listed twice", seccompFile, n)
			}
			denied[n] = true
		}
	}
	for _, n := range []string{"clone", "clone3", "unshare", "chroot", "seccomp", "prctl"} {
		if denied[n] {
			t.Errorf("%s refuses %s, which Chromium's sandbox needs", seccompFile, n)
		}
	}
	for _, n := range []string{
		"mount", "umount2", "pivot_root", "ptrace", "process_vm_readv", "process_vm_writev",
		"bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
		"kexec_load", "init_module", "finit_module", "delete_module", "reboot", "swapon",
		"open_by_handle_at", "io_uring_setup", "setns", "acct", "settimeofday", "clock_settime",
	} {
		if !denied[n] {
			t.Errorf("%s allows %s", seccompFile, n)
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range denied {
			if !yield(n) {
				return
			}
		}
	})
	t.Logf("%d calls refused: %v", len(names), names)
}
