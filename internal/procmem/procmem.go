// Package procmem measures what the benchmarks report besides time: the
// peak memory of the browser's processes (their summed PSS, from /proc)
// and of the Go heap, and the machine's load. It is for benchmarks only.
package procmem

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// WatchPeak calls sample every 100ms, and once more at the end, until the
// returned function is called, which returns the largest value sampled.
func WatchPeak(sample func() int64) func() int64 {
	var peak int64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, sample())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		<-stopped
		return max(peak, sample())
	}
}

// WatchTreePSS samples the summed PSS of every process descended from
// this one (not this one) until the returned function is called; that
// function returns the peak, in bytes. Where /proc is missing it returns
// 0.
func WatchTreePSS() func() int64 {
	return WatchPeak(func() int64 { return TreePSS(os.Getpid()) })
}

// WatchLiveHeap samples the live Go heap (as of the last collection:
// runtime/metrics' /gc/heap/live:bytes) from a collected start until the
// returned function is called, which returns its peak, in bytes. Unlike
// the heap in use, it does not depend on when the collector ran.
func WatchLiveHeap() func() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	return WatchPeak(func() int64 {
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(s[0].Value.Uint64())
	})
}

// TreePSS returns the summed PSS of root's descendants, in bytes.
func TreePSS(root int) int64 {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	parent := map[int]int{}
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(b, ')')
		f := strings.Fields(string(b[i+1:]))
		pid, _ := strconv.Atoi(filepath.Base(d))
		if len(f) > 1 {
			parent[pid], _ = strconv.Atoi(f[1])
		}
	}
	var sum int64
	for pid := range parent {
		p := parent[pid]
		for p > 1 && p != root {
			p = parent[p]
		}
		if p != root {
			continue
		}
		sum += PSS(pid)
	}
	return sum
}

// PSS returns the PSS of one process, from /proc/PID/smaps_rollup; 0
// where it cannot be read.
func PSS(pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "Pss:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// LoadAverage returns the machine's one-minute load average, or "?" where
// /proc/loadavg cannot be read.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}
