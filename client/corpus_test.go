package client

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// fastBackoff keeps AnalyzeAll's own retries quick in tests; gRPC's retries
// (0.1 s doubling) still apply.
var fastBackoff = WithBatchBackoff(time.Millisecond, 5*time.Millisecond)

// faults is a server interceptor that fails Analyze calls as decided by
// fail, given the 1-based number of the call, and records the batch sizes
// it let through.
type faults struct {
	calls atomic.Int64
	fail  func(call int64, req *stancev1.AnalyzeRequest) error

	mu    sync.Mutex
	sizes []int
}

func (f *faults) option() server.Option {
	return server.WithGRPCOptions(grpc.ChainUnaryInterceptor(
		func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			r, ok := req.(*stancev1.AnalyzeRequest)
			if !ok {
				return h(ctx, req)
			}
			n := f.calls.Add(1)
			if f.fail != nil {
				if err := f.fail(n, r); err != nil {
					return nil, err
				}
			}
			f.mu.Lock()
			f.sizes = append(f.sizes, len(r.GetStatements()))
			f.mu.Unlock()
			return h(ctx, req)
		}))
}

func TestAnalyzeAllOrder(t *testing.T) {
	t.Parallel()
	// Every generated statement encodes to more than 80 bytes.
	one := proto.Size(&stancev1.Statement{Id: statementID(0), Text: statementText(0)})
	require.Greater(t, one, 80)
	tests := []struct {
		name     string
		n        int
		opts     []Option
		maxBatch int // largest batch the server may see
	}{
		{name: "empty corpus", n: 0, maxBatch: 0},
		{name: "one statement", n: 1, maxBatch: 1},
		{name: "last batch short", n: 1234, opts: []Option{WithBatchSize(100)}, maxBatch: 100},
		// Batches finish out of order on 8 concurrent calls; output may not.
		{name: "many small batches", n: 3000, opts: []Option{WithBatchSize(7), WithConcurrency(8)}, maxBatch: 7},
		{name: "one batch at a time", n: 500, opts: []Option{WithConcurrency(1)}, maxBatch: 100},
		// The byte budget cuts batches before the count does.
		{name: "byte budget", n: 300, opts: []Option{WithBatchBytes(3 * 80)}, maxBatch: 2},
		// A statement over the budget still goes out, alone.
		{name: "statement over the budget", n: 50, opts: []Option{WithBatchBytes(10)}, maxBatch: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &faults{}
			r := startReplica(t, f.option())
			c := dial(t, r.addr, tt.opts...)
			var o inOrder
			require.NoError(t, c.AnalyzeAll(t.Context(), Corpus{Statements: statements(tt.n)}, o.out))
			o.check(t, tt.n)
			f.mu.Lock()
			defer f.mu.Unlock()
			sum, largest := 0, 0
			for _, s := range f.sizes {
				sum += s
				largest = max(largest, s)
			}
			assert.Equal(t, tt.n, sum, "statements sent: none twice")
			assert.Equal(t, tt.maxBatch, largest)
		})
	}
}

func TestAnalyzeAllSharesActorsAndOptions(t *testing.T) {
	t.Parallel()
	var seen atomic.Int64
	f := &faults{fail: func(_ int64, r *stancev1.AnalyzeRequest) error {
		if len(r.GetActors()) == 1 && r.GetActors()[0].GetName() == "Finance Council" && r.GetOptions().GetIncludeEvidence() {
			seen.Add(1)
		}
		return nil
	}}
	r := startReplica(t, f.option())
	c := dial(t, r.addr, WithBatchSize(10))
	var o inOrder
	err := c.AnalyzeAll(t.Context(), Corpus{
		Statements: statements(95),
		Actors:     []*stancev1.Actor{{Id: "fc", Name: "Finance Council"}},
		Options:    &stancev1.AnalyzeOptions{IncludeEvidence: true},
	}, o.out)
	require.NoError(t, err)
	o.check(t, 95)
	assert.Equal(t, int64(10), seen.Load(), "every batch carries the corpus actors and options")
}

func TestAnalyzeAllRetries(t *testing.T) {
	t.Parallel()
	shed, err := status.New(codes.ResourceExhausted, "too many statements in flight").
		WithDetails(retryInfo(time.Millisecond))
	require.NoError(t, err)
	tests := []struct {
		name      string
		failFirst int64 // calls failed before the server recovers
		err       error
		attempts  int
		wantErr   codes.Code // codes.OK: every statement comes back
		wantCalls int64      // Analyze calls the server saw
	}{
		// gRPC's 4 attempts use up 4 failures; AnalyzeAll's second
		// attempt gets through.
		{name: "unavailable past gRPC retries", failFirst: 5, err: status.Error(codes.Unavailable, "replica restarting"),
			attempts: 3, wantCalls: 6},
		{name: "load shed past gRPC retries", failFirst: 5, err: shed.Err(), attempts: 3, wantCalls: 6},
		{name: "gives up after its attempts", failFirst: 1000, err: status.Error(codes.Unavailable, "replica restarting"),
			attempts: 2, wantErr: codes.Unavailable, wantCalls: 8},
		// Bad input fails the same way everywhere: one call, no retries.
		{name: "invalid argument not retried", failFirst: 1000, err: status.Error(codes.InvalidArgument, "statements[0].text: empty"),
			attempts: 5, wantErr: codes.InvalidArgument, wantCalls: 1},
		// gRPC retries it (it cannot tell) but AnalyzeAll does not.
		{name: "size error not retried", failFirst: 1000, err: status.Error(codes.ResourceExhausted, "message larger than max"),
			attempts: 5, wantErr: codes.ResourceExhausted, wantCalls: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &faults{fail: func(n int64, _ *stancev1.AnalyzeRequest) error {
				if n <= tt.failFirst {
					return tt.err
				}
				return nil
			}}
			r := startReplica(t, f.option())
			c := dial(t, r.addr, WithConcurrency(1), WithBatchAttempts(tt.attempts), fastBackoff)
			var o inOrder
			err := c.AnalyzeAll(t.Context(), Corpus{Statements: statements(40)}, o.out)
			assert.Equal(t, tt.wantCalls, f.calls.Load())
			if tt.wantErr == codes.OK {
				require.NoError(t, err)
				o.check(t, 40)
				return
			}
			require.Equal(t, tt.wantErr, status.Code(err), "%v", err)
			var be *BatchError
			require.ErrorAs(t, err, &be)
			// Each attempt of AnalyzeAll is up to 4 gRPC calls.
			assert.Equal(t, BatchError{Offset: 0, Count: 40, Attempts: int(tt.wantCalls+3) / 4}, BatchError{Offset: be.Offset, Count: be.Count, Attempts: be.Attempts})
			assert.Zero(t, o.next, "nothing out of a failed first batch")
		})
	}
}

func TestAnalyzeAllStopsAtFailedBatch(t *testing.T) {
	t.Parallel()
	r := startReplica(t)
	c := dial(t, r.addr, WithBatchSize(50), WithConcurrency(6))
	// Statement 260 has no text: the server rejects its batch [250, 300)
	// while later batches, already in flight, succeed.
	in := func(yield func(*stancev1.Statement) bool) {
		for st := range statements(1000) {
			if st.GetId() == statementID(260) {
				st.Text = ""
			}
			if !yield(st) {
				return
			}
		}
	}
	var o inOrder
	err := c.AnalyzeAll(t.Context(), Corpus{Statements: in}, o.out)
	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	var be *BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, 250, be.Offset)
	assert.Equal(t, 50, be.Count)
	o.check(t, 250)
}

func TestAnalyzeAllOutError(t *testing.T) {
	t.Parallel()
	r := startReplica(t)
	c := dial(t, r.addr, WithBatchSize(10))
	errFull := errors.New("disk full")
	var o inOrder
	err := c.AnalyzeAll(t.Context(), Corpus{Statements: statements(500)}, func(a *stancev1.Analysis) error {
		if o.next == 123 {
			return errFull
		}
		return o.out(a)
	})
	require.ErrorIs(t, err, errFull)
	o.check(t, 123)
}

func TestAnalyzeAllContext(t *testing.T) {
	t.Parallel()
	r := startReplica(t)
	c := dial(t, r.addr, WithBatchSize(10))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// An endless corpus: only ctx can end it.
	endless := func(yield func(*stancev1.Statement) bool) {
		for i := 0; ; i++ {
			if !yield(&stancev1.Statement{Id: statementID(i), Text: statementText(i)}) {
				return
			}
		}
	}
	var o inOrder
	err := c.AnalyzeAll(ctx, Corpus{Statements: endless}, func(a *stancev1.Analysis) error {
		if o.next == 1000 {
			cancel()
		}
		return o.out(a)
	})
	require.ErrorIs(t, err, context.Canceled)
	require.Empty(t, o.mismatch)
	assert.GreaterOrEqual(t, o.next, 1000)
}

func TestAnalyzeAllBadArguments(t *testing.T) {
	t.Parallel()
	r := startReplica(t)
	c := dial(t, r.addr, WithBatchSize(10))
	nop := func(*stancev1.Analysis) error { return nil }
	withNil := func(yield func(*stancev1.Statement) bool) {
		for st := range statements(30) {
			if st.GetId() == statementID(25) {
				st = nil
			}
			if !yield(st) {
				return
			}
		}
	}
	tests := []struct {
		name    string
		corpus  Corpus
		out     func(*stancev1.Analysis) error
		wantErr string
	}{
		{name: "nil statements", out: nop, wantErr: "nil Corpus.Statements"},
		{name: "nil out", corpus: Corpus{Statements: statements(1)}, wantErr: "nil out"},
		{name: "nil statement", corpus: Corpus{Statements: withNil}, out: nop, wantErr: "statement 25 is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.ErrorContains(t, c.AnalyzeAll(t.Context(), tt.corpus, tt.out), tt.wantErr)
		})
	}
}

// A lexicon swapped on the replica mid-corpus (a rollout) shows in the
// versions AnalyzeAllVersioned reports, batch by batch.
func TestAnalyzeAllVersioned(t *testing.T) {
	t.Parallel()
	r := startReplica(t)
	// One batch at a time: batch k+1 goes out only once batch k's analyses
	// are out, so the swap after analysis 49 applies from batch 5 on.
	c := dial(t, r.addr, WithBatchSize(10), WithConcurrency(1))
	var versions []string
	var o inOrder
	err := c.AnalyzeAllVersioned(t.Context(), Corpus{Statements: statements(100)}, func(a *stancev1.Analysis, v string) error {
		versions = append(versions, v)
		if len(versions) == 50 {
			require.NoError(t, r.srv.SetClassifier(&fakeClassifier{version: "fake/2"}))
		}
		return o.out(a)
	})
	require.NoError(t, err)
	o.check(t, 100)
	require.Len(t, versions, 100)
	for i, v := range versions {
		want := "fake/1"
		if i >= 50 {
			want = "fake/2"
		}
		require.Equal(t, want, v, "analysis %d", i)
	}
	require.ErrorContains(t, c.AnalyzeAllVersioned(t.Context(), Corpus{Statements: statements(1)}, nil), "AnalyzeAllVersioned: nil out")
}

func TestCheckResponse(t *testing.T) {
	t.Parallel()
	req := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Id: "a"}, {Id: "b"}}}
	tests := []struct {
		name    string
		ids     []string
		wantErr string
	}{
		{name: "match", ids: []string{"a", "b"}},
		{name: "one missing", ids: []string{"a"}, wantErr: "1 analyses for 2 statements"},
		{name: "swapped", ids: []string{"b", "a"}, wantErr: `analysis 0 is of statement "b", want "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &stancev1.AnalyzeResponse{}
			for _, id := range tt.ids {
				resp.Analyses = append(resp.Analyses, &stancev1.Analysis{StatementId: id})
			}
			err := checkResponse(req, resp)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, errResponse)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
