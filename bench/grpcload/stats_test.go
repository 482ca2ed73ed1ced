package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

func TestPercentile(t *testing.T) {
	t.Parallel()
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"p50 of 1..100", hundred, 50, 50 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		// One value is every percentile.
		{"single value", []time.Duration{7}, 99, 7},
		{"single value p50", []time.Duration{7}, 50, 7},
		// Nearest rank: p99 of 10 values is the largest, not an
		// interpolation below it.
		{"p99 of ten", hundred[:10], 99, 10 * time.Millisecond},
		{"p50 of two", []time.Duration{1, 2}, 50, 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, percentile(tt.sorted, tt.p), tt.name)
	}
}

func TestParseVmRSS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  string
		want    int64
		wantErr string
	}{
		{"usual", "Name:\tstancetag\nVmPeak:\t 1300000 kB\nVmHWM:\t   40000 kB\nVmRSS:\t   35124 kB\nThreads:\t7\n", 35124, ""},
		{"kernel thread has none", "Name:\tkthreadd\nThreads:\t1\n", 0, "no VmRSS line"},
		{"unit changed", "VmRSS:\t 35 MB\n", 0, `is not "N kB"`},
		{"not a number", "Name:\tx\nVmRSS:\t lots kB\n", 0, "line 2: VmRSS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseVMRSS(strings.NewReader(tt.status))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckAnalyses(t *testing.T) {
	t.Parallel()
	sts := []*stancev1.Statement{{Id: "a"}, {Id: "b"}}
	assert.NoError(t, checkAnalyses(sts, []*stancev1.Analysis{{StatementId: "a"}, {StatementId: "b"}}))
	assert.ErrorContains(t, checkAnalyses(sts, []*stancev1.Analysis{{StatementId: "a"}}), "1 analyses for 2 statements")
	assert.ErrorContains(t, checkAnalyses(sts, []*stancev1.Analysis{{StatementId: "b"}, {StatementId: "a"}}), `analysis 0 has statement_id "b", want "a"`)
}

func TestBatchRequests(t *testing.T) {
	t.Parallel()
	pool := newPool(1, 5)
	reqs := batchRequests(pool, 2)
	require.Len(t, reqs, 2, "5 statements make 2 full batches of 2")
	assert.Equal(t, "s1", reqs[0].GetStatements()[0].GetId())
	assert.Equal(t, "s4", reqs[1].GetStatements()[1].GetId())

	one := batchRequests(pool, 3)
	require.Len(t, one, 1, "a remainder too small for a batch is left out")
	assert.Equal(t, "s3", one[0].GetStatements()[2].GetId())
}

func TestResultString(t *testing.T) {
	t.Parallel()
	r := result{name: "batch-100 c=4", calls: 10, statements: 1000, elapsed: 2 * time.Second,
		lat: []time.Duration{3 * time.Millisecond, time.Millisecond, 2 * time.Millisecond}, latOf: "per call"}
	assert.Equal(t, "batch-100 c=4: 10 calls, 1000 statements in 2.00s: 500 statements/s, p50 2.00ms, p99 3.00ms per call, 0 errors", r.String())
}
