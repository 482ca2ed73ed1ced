package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// fakeClassifier is a deterministic stand-in for the lexicon classifier that
// counts the statements it analyses, so a test can tell which replica served.
// Its analysis carries the text length as the sentiment magnitude, so a test
// can tell that an analysis belongs to its statement.
type fakeClassifier struct {
	calls atomic.Int64
	// trap, once set, holds every call until its context ends, after
	// signalling on the channel without blocking: a replica caught with
	// work in progress.
	trap atomic.Pointer[chan struct{}]
	// version is the lexicon version it reports, "fake/1" when empty.
	version string
}

func (f *fakeClassifier) Version() string {
	if f.version == "" {
		return "fake/1"
	}
	return f.version
}

func (f *fakeClassifier) Gazetteer() []classifier.Actor { return nil }

func (f *fakeClassifier) Analyze(ctx context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	f.calls.Add(1)
	if p := f.trap.Load(); p != nil {
		select {
		case *p <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return classifier.Analysis{}, ctx.Err()
	}
	return classifier.Analysis{
		StatementID: st.ID,
		Sentiment:   classifier.Sentiment{Label: classifier.SentimentNeutral, Magnitude: float32(len(st.Text))},
	}, nil
}

// replica is one in-process server on its own 127.0.0.1 port.
type replica struct {
	addr   string
	fake   *fakeClassifier
	srv    *server.Server
	served chan error
}

// startReplica serves a fake classifier until the test ends.
func startReplica(t testing.TB, opts ...server.Option) *replica {
	t.Helper()
	r := &replica{fake: &fakeClassifier{}, served: make(chan error, 1)}
	opts = append([]server.Option{server.WithLogger(slog.New(slog.DiscardHandler))}, opts...)
	srv, err := server.New(r.fake, opts...)
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r.srv, r.addr = srv, lis.Addr().String()
	go func() { r.served <- srv.Serve(lis) }()
	t.Cleanup(func() {
		srv.GRPCServer().Stop()
		if err := <-r.served; err != nil && !errors.Is(err, net.ErrClosed) {
			t.Errorf("replica %s: Serve: %v", r.addr, err)
		}
	})
	return r
}

// statementID is the id of the i-th statement of a generated corpus.
func statementID(i int) string { return fmt.Sprintf("s%07d", i) }

// statementText is a news-style sentence that varies in length with i.
func statementText(i int) string {
	return fmt.Sprintf("The finance ministers of %d member states backed the revised budget plan on day %d.", i%27+1, i)
}

// statements yields n generated statements without holding them all.
func statements(n int) iter.Seq[*stancev1.Statement] {
	return func(yield func(*stancev1.Statement) bool) {
		for i := range n {
			if !yield(&stancev1.Statement{Id: statementID(i), Text: statementText(i)}) {
				return
			}
		}
	}
}

// inOrder is an AnalyzeAll out function checking that analyses come back
// for statements 0, 1, 2, ... each once: a lost, duplicated or misplaced
// analysis shows as the first id out of place.
type inOrder struct {
	next     int
	mismatch string
}

func (o *inOrder) out(a *stancev1.Analysis) error {
	if o.mismatch == "" {
		want := statementID(o.next)
		switch {
		case a.GetStatementId() != want:
			o.mismatch = fmt.Sprintf("analysis %d is of %q, want %q", o.next, a.GetStatementId(), want)
		case a.GetSentiment().GetMagnitude() != float32(len(statementText(o.next))):
			o.mismatch = fmt.Sprintf("analysis %d has magnitude %v, not its statement's", o.next, a.GetSentiment().GetMagnitude())
		}
	}
	o.next++
	return nil
}

// check fails t unless exactly n analyses came back in order.
func (o *inOrder) check(t testing.TB, n int) {
	t.Helper()
	require.Empty(t, o.mismatch)
	require.Equal(t, n, o.next, "analyses received")
}

// dial returns an insecure client for target, closed when the test ends.
func dial(t testing.TB, target string, opts ...Option) *Client {
	t.Helper()
	c, err := Dial(target, append([]Option{WithInsecure()}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, c.Close()) })
	return c
}
