package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// result is what a mode measured.
type result struct {
	name       string
	calls      int64
	statements int64 // analysed correctly
	elapsed    time.Duration
	// lat are latencies of successful calls (batch) or statements
	// (stream), in any order; latOf says which.
	lat   []time.Duration
	latOf string
	extra string
	// errors counts failed calls and wrong replies; firstErr is the first.
	errors   int64
	firstErr error
}

func (r result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d calls, %d statements in %.2fs: %.0f statements/s",
		r.name, r.calls, r.statements, r.elapsed.Seconds(), perSecond(r.statements, r.elapsed))
	if r.latOf != "" {
		if len(r.lat) == 0 {
			fmt.Fprintf(&b, ", no latencies")
		} else {
			s := slices.Clone(r.lat)
			slices.Sort(s)
			fmt.Fprintf(&b, ", p50 %s, p99 %s %s", ms(percentile(s, 50)), ms(percentile(s, 99)), r.latOf)
		}
	}
	b.WriteString(r.extra)
	fmt.Fprintf(&b, ", %d errors", r.errors)
	return b.String()
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// percentile returns the p-th percentile (nearest rank) of sorted, which
// must not be empty.
func percentile(sorted []time.Duration, p int) time.Duration {
	// Nearest rank: the smallest value with at least p% of values <= it.
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

// mib formats a size in kB as MiB.
func mib(kb int64) string {
	return fmt.Sprintf("%.1fMiB", float64(kb)/1024)
}

// readRSS returns the resident set size of process pid in kB.
func readRSS(pid int) (int64, error) {
	path := "/proc/" + strconv.Itoa(pid) + "/status"
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("reading RSS: %w", err)
	}
	defer f.Close()
	kb, err := parseVMRSS(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	return kb, nil
}

// parseVMRSS returns the VmRSS value, in kB, of a /proc/PID/status file.
func parseVMRSS(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmRSS:"))
		if !ok {
			continue
		}
		f := strings.Fields(string(rest))
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("line %d: VmRSS %q is not \"N kB\"", line, rest)
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("line %d: VmRSS: %w", line, err)
		}
		return kb, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no VmRSS line (a kernel thread, or a process that has exited?)")
}
