// Command ghzsummary reads one ghz JSON report (`ghz -O json`) from stdin or
// FILE and prints a one-line summary: calls, calls per second, statements
// per second (calls × -batch), p50 and p99 latency, and the number of
// failed calls:
//
//	ghz … -O json | ghzsummary -name unary -batch 1
//	unary: 50000 calls in 6.12s: 8170 calls/s, 8170 statements/s, p50 1.52ms, p99 5.80ms, 0 errors (end: normal)
//
// Exit status: 0 for a clean run; 1 when any call failed, the run ended
// other than normally (ghz's -z timeout or a cancel, which count in-flight
// calls as failures), no call was made, or the report could not be read;
// 2 bad usage.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// report is the part of ghz's runner.Report read here. Durations are
// nanoseconds, as ghz writes time.Duration.
type report struct {
	EndReason           string         `json:"endReason"`
	Count               uint64         `json:"count"`
	Total               time.Duration  `json:"total"`
	Average             time.Duration  `json:"average"`
	Rps                 float64        `json:"rps"`
	ErrorDist           map[string]int `json:"errorDistribution"`
	StatusCodeDist      map[string]int `json:"statusCodeDistribution"`
	LatencyDistribution []struct {
		Percentage int           `json:"percentage"`
		Latency    time.Duration `json:"latency"`
	} `json:"latencyDistribution"`
}

// summary is what is printed.
type summary struct {
	calls, errors      uint64
	total              time.Duration
	callsPerSec        float64
	statementsPerSec   float64
	p50, p99           time.Duration
	endReason          string
	missingPercentiles bool
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ghzsummary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("name", "ghz", "label printed first")
	batch := fs.Int("batch", 1, "statements per call, for statements/s")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 || *batch < 1 {
		fmt.Fprintln(stderr, "usage: ghzsummary [-name LABEL] [-batch N] [FILE]")
		return 2
	}
	in, src := stdin, "stdin"
	if fs.NArg() == 1 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintf(stderr, "ghzsummary: %v\n", err)
			return 1
		}
		defer f.Close()
		in, src = f, fs.Arg(0)
	}
	var r report
	if err := json.NewDecoder(in).Decode(&r); err != nil {
		fmt.Fprintf(stderr, "ghzsummary: %s: not a ghz JSON report: %v\n", src, err)
		return 1
	}
	s, err := summarise(r, *batch)
	fmt.Fprintf(stdout, "%s: %s\n", *name, s)
	if err != nil {
		fmt.Fprintf(stderr, "ghzsummary: %s: %v\n", *name, err)
		return 1
	}
	return 0
}

// summarise computes the summary of r for calls of batch statements, and an
// error when the run is not clean.
func summarise(r report, batch int) (summary, error) {
	s := summary{calls: r.Count, total: r.Total, callsPerSec: r.Rps, endReason: r.EndReason}
	// Failed calls appear in both distributions: errorDistribution by
	// message, statusCodeDistribution by code. Take the larger, so that a
	// report with only one of them filled still counts its failures.
	var byStatus, byError uint64
	for code, n := range r.StatusCodeDist {
		if code != "OK" {
			byStatus += uint64(n)
		}
	}
	for _, n := range r.ErrorDist {
		byError += uint64(n)
	}
	s.errors = max(byStatus, byError)
	if secs := r.Total.Seconds(); secs > 0 && s.calls >= s.errors {
		s.statementsPerSec = float64((s.calls-s.errors)*uint64(batch)) / secs
	}
	found := 0
	for _, l := range r.LatencyDistribution {
		switch l.Percentage {
		case 50:
			s.p50, found = l.Latency, found+1
		case 99:
			s.p99, found = l.Latency, found+1
		}
	}
	s.missingPercentiles = found < 2

	switch {
	case s.calls == 0:
		return s, errors.New("no calls were made")
	case s.errors > 0:
		return s, fmt.Errorf("%d of %d calls failed: %v", s.errors, s.calls, r.ErrorDist)
	case s.endReason != "" && s.endReason != "normal":
		return s, fmt.Errorf("run ended by %q, not by count: in-flight calls were cut short", s.endReason)
	}
	return s, nil
}

func (s summary) String() string {
	lat := fmt.Sprintf("p50 %s, p99 %s", ms(s.p50), ms(s.p99))
	if s.missingPercentiles {
		lat = "p50/p99 not in report"
	}
	return fmt.Sprintf("%d calls in %.2fs: %.0f calls/s, %.0f statements/s, %s, %d errors (end: %s)",
		s.calls, s.total.Seconds(), s.callsPerSec, s.statementsPerSec, lat, s.errors, s.endReason)
}

// ms formats d in milliseconds with two decimals.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}
