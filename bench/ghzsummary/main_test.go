package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The testdata reports are hand-written in the shape ghz v0.93 writes with
// -O json (durations in nanoseconds), trimmed of fields not read here.
func TestRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{
			name:     "clean batch run",
			args:     []string{"-name", "batch-100", "-batch", "100", "testdata/clean.json"},
			wantCode: 0,
			// 2000 calls × 100 statements in 4 s.
			wantOut: "batch-100: 2000 calls in 4.00s: 500 calls/s, 50000 statements/s, p50 7.50ms, p99 21.50ms, 0 errors (end: normal)\n",
		},
		{
			name:     "failed calls make the exit status 1",
			args:     []string{"testdata/errors.json"},
			wantCode: 1,
			// Failed calls do not count as statements analysed.
			wantOut: "ghz: 1000 calls in 2.00s: 500 calls/s, 498 statements/s, p50 1.20ms, p99 8.00ms, 3 errors (end: normal)\n",
			wantErr: "3 of 1000 calls failed",
		},
		{
			// MEASURING.md: a -z run cancels in-flight calls at the end;
			// the summary refuses such a run even when ghz counted no error.
			name:     "a run ended by timeout is not clean",
			args:     []string{"testdata/timeout.json"},
			wantCode: 1,
			wantErr:  `run ended by "timeout"`,
		},
		{
			name:     "report on stdin, no percentiles",
			stdin:    `{"endReason":"normal","count":10,"total":1000000000,"rps":10,"statusCodeDistribution":{"OK":10}}`,
			wantCode: 0,
			wantOut:  "ghz: 10 calls in 1.00s: 10 calls/s, 10 statements/s, p50/p99 not in report, 0 errors (end: normal)\n",
		},
		{
			name:     "no calls",
			stdin:    `{"endReason":"normal","count":0}`,
			wantCode: 1,
			wantErr:  "no calls were made",
		},
		{
			name:     "not JSON",
			stdin:    "Summary:\n  Count: 10\n",
			wantCode: 1,
			wantErr:  "not a ghz JSON report",
		},
		{
			name:     "missing file",
			args:     []string{filepath.Join("testdata", "absent.json")},
			wantCode: 1,
			wantErr:  "absent.json",
		},
		{name: "bad batch", args: []string{"-batch", "0"}, wantCode: 2, wantErr: "usage"},
		{name: "two files", args: []string{"a", "b"}, wantCode: 2, wantErr: "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &out, &errOut)
			assert.Equal(t, tt.wantCode, code, "stderr: %s", errOut.String())
			if tt.wantOut != "" {
				assert.Equal(t, tt.wantOut, out.String())
			}
			if tt.wantErr != "" {
				assert.Contains(t, errOut.String(), tt.wantErr)
			} else {
				assert.Empty(t, errOut.String())
			}
		})
	}
}
