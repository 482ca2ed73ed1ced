package server

import (
	"context"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// fakeClassifier is a tiny deterministic stand-in for the lexicon classifier:
// it finds actor names and aliases by exact substring, takes "backed" or
// "praised" as support and "condemned" as opposition of the first mentioned
// actor toward the second, and can be made slow, blocking or panicking.
type fakeClassifier struct {
	version   string
	gazetteer []classifier.Actor

	// delay is spent in every call, or until ctx ends.
	delay time.Duration
	// block, when set, holds every call until it is closed or ctx ends.
	block chan struct{}
	// entered, when set, receives one value per call as it starts.
	entered chan struct{}

	calls  atomic.Int64
	active atomic.Int64
}

func newFake(version string) *fakeClassifier {
	return &fakeClassifier{version: version, gazetteer: []classifier.Actor{
		{ID: "country/DEU", Name: "Germany", Aliases: []string{"Berlin"}, Kind: classifier.KindCountry},
		{ID: "country/FRA", Name: "France", Aliases: []string{"Paris"}, Kind: classifier.KindCountry},
		{ID: "org/nato", Name: "NATO", Kind: classifier.KindOrganization},
	}}
}

func (f *fakeClassifier) Version() string               { return f.version }
func (f *fakeClassifier) Gazetteer() []classifier.Actor { return f.gazetteer }

var cues = []struct {
	word   string
	stance classifier.Stance
	weight float32
}{
	{"backed", classifier.StanceSupport, 0.8},
	{"praised", classifier.StanceSupport, 0.7},
	{"condemned", classifier.StanceOppose, -0.9},
}

func (f *fakeClassifier) Analyze(ctx context.Context, st classifier.Statement, opts classifier.Options) (classifier.Analysis, error) {
	f.calls.Add(1)
	f.active.Add(1)
	defer f.active.Add(-1)
	if f.entered != nil {
		f.entered <- struct{}{}
	}
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return classifier.Analysis{}, ctx.Err()
		}
	}
	if f.delay > 0 {
		t := time.NewTimer(f.delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return classifier.Analysis{}, ctx.Err()
		}
	}
	if strings.Contains(st.Text, "PANIC") {
		panic("fake classifier exploded")
	}

	a := classifier.Analysis{StatementID: st.ID, Sentiment: classifier.Sentiment{Label: classifier.SentimentNeutral}}
	actors := st.Actors
	if !opts.DisableGazetteer {
		actors = append(slices.Clip(actors), f.gazetteer...)
	}
	for _, act := range actors {
		for _, form := range append([]string{act.Name}, act.Aliases...) {
			for off := 0; ; {
				i := strings.Index(st.Text[off:], form)
				if i < 0 {
					break
				}
				b := off + i
				a.Mentions = append(a.Mentions, classifier.Mention{ActorID: act.ID, Span: classifier.Span{Begin: b, End: b + len(form)}, Text: form})
				off = b + len(form)
			}
		}
	}
	slices.SortStableFunc(a.Mentions, func(x, y classifier.Mention) int { return x.Span.Begin - y.Span.Begin })

	var cue *classifier.Evidence
	stance := classifier.StanceNeutral
	for _, c := range cues {
		if i := strings.Index(st.Text, c.word); i >= 0 {
			cue = &classifier.Evidence{Span: classifier.Span{Begin: i, End: i + len(c.word)}, Cue: c.word, Weight: c.weight, Rule: "active"}
			stance = c.stance
			a.Sentiment = classifier.Sentiment{Label: classifier.SentimentPositive, Score: c.weight, Magnitude: 1}
			if c.weight < 0 {
				a.Sentiment.Label = classifier.SentimentNegative
			}
			break
		}
	}
	var order []string
	for _, m := range a.Mentions {
		if !slices.Contains(order, m.ActorID) {
			order = append(order, m.ActorID)
		}
	}
	for i, id := range order {
		t := classifier.TargetStance{ActorID: id, Stance: classifier.StanceNeutral, Confidence: 0.5}
		if i == 1 && cue != nil {
			t.Stance, t.Score, t.Confidence = stance, cue.Weight, 0.9
			if opts.IncludeEvidence {
				t.Evidence = []classifier.Evidence{*cue}
			}
		}
		a.Targets = append(a.Targets, t)
	}
	if len(order) >= 2 && cue != nil {
		r := classifier.Relation{HolderID: order[0], TargetID: order[1], Stance: stance, Score: cue.Weight, Confidence: 0.9}
		if opts.IncludeEvidence {
			r.Evidence = []classifier.Evidence{*cue}
		}
		a.Relations = append(a.Relations, r)
	}
	return a, nil
}

// discard is a logger for tests that do not look at the log.
var discard = slog.New(slog.DiscardHandler)

// testServer is a Server on an in-memory listener with a client connected.
type testServer struct {
	srv    *Server
	client stancev1.StanceServiceClient
	conn   *grpc.ClientConn
}

// start serves c on bufconn until the test ends. Options come after a
// discarding logger, so tests may pass their own.
func start(tb testing.TB, c classifier.Classifier, opts ...Option) *testServer {
	tb.Helper()
	srv, err := New(c, append([]Option{WithLogger(discard)}, opts...)...)
	require.NoError(tb, err)
	lis := bufconn.Listen(1 << 20)
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(lis)
	}()
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(tb, err)
	tb.Cleanup(func() {
		_ = conn.Close()
		srv.GRPCServer().Stop()
		<-served
	})
	return &testServer{srv: srv, client: stancev1.NewStanceServiceClient(conn), conn: conn}
}

// logRecorder is a slog.Handler that keeps every record and signals each one.
type logRecorder struct {
	mu      sync.Mutex
	records []slog.Record
	ch      chan slog.Record
}

func newLogRecorder() *logRecorder { return &logRecorder{ch: make(chan slog.Record, 64)} }

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logRecorder) WithGroup(string) slog.Handler            { return l }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	l.records = append(l.records, r.Clone())
	l.mu.Unlock()
	select {
	case l.ch <- r.Clone():
	default:
	}
	return nil
}

// next waits for the next record of method (a suffix such as "/Analyze").
func (l *logRecorder) next(tb testing.TB, method string) map[string]slog.Value {
	tb.Helper()
	attrs := l.nextWithin(10*time.Second, method)
	if attrs == nil {
		tb.Fatalf("no log line for %s within 10s", method)
	}
	return attrs
}

// nextWithin is next, returning nil when no record comes within d.
func (l *logRecorder) nextWithin(d time.Duration, method string) map[string]slog.Value {
	timeout := time.After(d)
	for {
		select {
		case r := <-l.ch:
			attrs := map[string]slog.Value{"level": slog.StringValue(r.Level.String()), "msg": slog.StringValue(r.Message)}
			r.Attrs(func(a slog.Attr) bool {
				attrs[a.Key] = a.Value
				return true
			})
			if strings.HasSuffix(attrs["method"].String(), method) {
				return attrs
			}
		case <-timeout:
			return nil
		}
	}
}

// st is shorthand for a statement.
func st(id, text string, actors ...*stancev1.Actor) *stancev1.Statement {
	return &stancev1.Statement{Id: id, Text: text, Actors: actors}
}

// actor is shorthand for a caller actor.
func actor(id, name string, aliases ...string) *stancev1.Actor {
	return &stancev1.Actor{Id: id, Name: name, Aliases: aliases}
}
