package server

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// unicodeText has an emoji, CJK and a combining mark before the mentions, so
// the three encodings disagree on every offset after them.
const unicodeText = "😀 北京: Ame\u0301lie said France backed Germany's plan."

// TestAnalyzeGolden pins the whole response, in each offset encoding.
func TestAnalyzeGolden(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1.0.0+golden"))
	for _, enc := range []stancev1.OffsetEncoding{utf8Enc, utf16Enc, cpEnc} {
		t.Run(enc.String(), func(t *testing.T) {
			t.Parallel()
			resp, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{
				Statements: []*stancev1.Statement{
					{Id: "s1", Text: unicodeText, Actors: []*stancev1.Actor{actor("", "Ame\u0301lie")}},
					{Id: "s2", Text: "NATO condemned the strike near Paris."},
				},
				Actors:  []*stancev1.Actor{{Id: "plan", Name: "Germany's plan", Kind: stancev1.ActorKind_ACTOR_KIND_OTHER}},
				Options: &stancev1.AnalyzeOptions{OffsetEncoding: enc, IncludeEvidence: true},
			})
			require.NoError(t, err)
			golden(t, filepath.Join("testdata", "analyze_"+enc.String()+".json"), resp)
		})
	}
}

// golden compares m, as indented JSON, with the file at path; -update rewrites
// it. protojson output is deliberately unstable, so it is re-indented.
func golden(tb testing.TB, path string, m *stancev1.AnalyzeResponse) {
	tb.Helper()
	raw, err := protojson.Marshal(m)
	require.NoError(tb, err)
	var v any
	require.NoError(tb, json.Unmarshal(raw, &v))
	got, err := json.MarshalIndent(v, "", "  ")
	require.NoError(tb, err)
	got = append(got, '\n')
	if *update {
		require.NoError(tb, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	require.Equal(tb, string(want), string(got))
}

func TestAnalyzeOffsets(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	// "France" starts after 😀 (4 bytes / 2 units / 1 code point), " 北京: "
	// (9 bytes / 5 units / 5 code points) and "Ame\u0301lie said "
	// (14 bytes / 13 units / 13 code points); "backed" 7 later.
	tests := []struct {
		enc                 stancev1.OffsetEncoding
		franceBegin, backed int32
	}{
		{utf8Enc, 27, 34},
		{utf16Enc, 20, 27},
		{cpEnc, 19, 26},
	}
	for _, tt := range tests {
		t.Run(tt.enc.String(), func(t *testing.T) {
			t.Parallel()
			resp, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{
				Statements: []*stancev1.Statement{st("s", unicodeText)},
				Options:    &stancev1.AnalyzeOptions{OffsetEncoding: tt.enc, IncludeEvidence: true},
			})
			require.NoError(t, err)
			a := resp.GetAnalyses()[0]
			var france *stancev1.Mention
			for _, m := range a.GetMentions() {
				if m.GetActorId() == "country/FRA" {
					france = m
				}
			}
			require.NotNil(t, france)
			require.Equal(t, tt.franceBegin, france.GetSpan().GetBegin())
			require.Equal(t, tt.franceBegin+6, france.GetSpan().GetEnd())
			require.Equal(t, "France", france.GetText())
			ev := a.GetRelations()[0].GetEvidence()[0]
			require.Equal(t, tt.backed, ev.GetSpan().GetBegin())
			require.Equal(t, tt.backed+6, ev.GetSpan().GetEnd())
		})
	}
}

func TestAnalyzeBatchKeepsOrder(t *testing.T) {
	t.Parallel()
	// Parallelism 4 on 400 statements: workers finish out of order.
	ts := start(t, newFake("fake/1"), WithParallelism(4))
	req := &stancev1.AnalyzeRequest{}
	for i := range 400 {
		text := "Paris backed Berlin."
		if i%3 == 0 {
			text = "NATO condemned Moscow."
		}
		req.Statements = append(req.Statements, st(strconv.Itoa(i), text))
	}
	resp, err := ts.client.Analyze(context.Background(), req)
	require.NoError(t, err)
	require.Equal(t, "fake/1", resp.GetLexiconVersion())
	require.Len(t, resp.GetAnalyses(), 400)
	for i, a := range resp.GetAnalyses() {
		require.Equal(t, strconv.Itoa(i), a.GetStatementId())
		want := stancev1.SentimentLabel_SENTIMENT_LABEL_POSITIVE
		if i%3 == 0 {
			want = stancev1.SentimentLabel_SENTIMENT_LABEL_NEGATIVE
		}
		require.Equal(t, want, a.GetSentiment().GetLabel(), "statement %d", i)
	}
}

func TestAnalyzeOptions(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	s := st("s", "Paris backed the EU.", actor("eu", "EU"))
	t.Run("defaults: no evidence, gazetteer on", func(t *testing.T) {
		t.Parallel()
		resp, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{s}})
		require.NoError(t, err)
		a := resp.GetAnalyses()[0]
		require.Equal(t, []string{"country/FRA", "eu"}, targetIDs(a))
		require.Empty(t, a.GetTargets()[1].GetEvidence())
		require.Empty(t, a.GetRelations()[0].GetEvidence())
	})
	t.Run("no gazetteer", func(t *testing.T) {
		t.Parallel()
		resp, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{s},
			Options:    &stancev1.AnalyzeOptions{DisableGazetteer: true},
		})
		require.NoError(t, err)
		require.Equal(t, []string{"eu"}, targetIDs(resp.GetAnalyses()[0]))
	})
}

func targetIDs(a *stancev1.Analysis) []string {
	var ids []string
	for _, t := range a.GetTargets() {
		ids = append(ids, t.GetActorId())
	}
	return ids
}

func TestAnalyzeStream(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	const n = 50
	// Send everything first: the server must keep the order regardless.
	go func() {
		for i := range n {
			if err := stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st(strconv.Itoa(i), "Paris backed Berlin.")}); err != nil {
				return
			}
		}
		_ = stream.CloseSend()
	}()
	for i := range n {
		resp, err := stream.Recv()
		require.NoError(t, err)
		require.Equal(t, strconv.Itoa(i), resp.GetAnalysis().GetStatementId())
		require.Equal(t, "fake/1", resp.GetLexiconVersion())
	}
	_, err = stream.Recv()
	require.ErrorIs(t, err, io.EOF)
}

// Request-level actors and options carry over until a message replaces them.
func TestAnalyzeStreamCarryOver(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	const text = "😀 EU officials backed Kyiv."
	noGaz := &stancev1.AnalyzeOptions{DisableGazetteer: true, OffsetEncoding: utf16Enc}
	steps := []struct {
		req     *stancev1.AnalyzeStreamRequest
		targets []string
		begin   int32 // of the first mention
		why     string
	}{
		{&stancev1.AnalyzeStreamRequest{Statement: st("0", text), Actors: []*stancev1.Actor{actor("eu", "EU")}, Options: noGaz},
			[]string{"eu"}, 3, "actors and options set"},
		{&stancev1.AnalyzeStreamRequest{Statement: st("1", text)},
			[]string{"eu"}, 3, "both carried over"},
		{&stancev1.AnalyzeStreamRequest{Statement: st("2", text, actor("kyiv", "Kyiv"))},
			[]string{"eu", "kyiv"}, 3, "statement actors add to the stream's"},
		{&stancev1.AnalyzeStreamRequest{Statement: st("3", text), Actors: []*stancev1.Actor{actor("ua", "Kyiv")}},
			[]string{"ua"}, 23, "a non-empty list replaces the actors"},
		{&stancev1.AnalyzeStreamRequest{Statement: st("4", text), Options: &stancev1.AnalyzeOptions{DisableGazetteer: true}},
			[]string{"ua"}, 25, "new options replace all options: UTF-8 offsets again"},
	}
	for _, step := range steps {
		require.NoError(t, stream.Send(step.req))
		resp, err := stream.Recv()
		require.NoError(t, err, step.why)
		a := resp.GetAnalysis()
		require.Equal(t, step.targets, targetIDs(a), step.why)
		require.Equal(t, step.begin, a.GetMentions()[0].GetSpan().GetBegin(), step.why)
	}
	require.NoError(t, stream.CloseSend())
	_, err = stream.Recv()
	require.ErrorIs(t, err, io.EOF)
}

func TestAnalyzeStreamInvalid(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	good := func(id string) *stancev1.AnalyzeStreamRequest {
		return &stancev1.AnalyzeStreamRequest{Statement: st(id, okText)}
	}
	tests := []struct {
		name     string
		msgs     []*stancev1.AnalyzeStreamRequest
		analyses int // sent before the error
		field    string
		reason   string
	}{
		{"bad text at 2", []*stancev1.AnalyzeStreamRequest{good("a"), good("b"), {Statement: st("c", "")}, good("d")},
			2, "statement[2].text", ReasonTextEmpty},
		{"missing statement", []*stancev1.AnalyzeStreamRequest{{}},
			0, "statement[0]", ReasonStatementMissing},
		// Message-level fields keep their own path; ErrorInfo has the position.
		{"bad stream actor at 1", []*stancev1.AnalyzeStreamRequest{good("a"), {Statement: st("b", okText), Actors: []*stancev1.Actor{actor("x", "")}}},
			1, "actors[0].name", ReasonActorNameEmpty},
		{"statement actor too many with stream's", []*stancev1.AnalyzeStreamRequest{
			{Statement: st("a", okText), Actors: []*stancev1.Actor{actor("a", "A"), actor("b", "B")}},
			{Statement: st("b", okText, actor("c", "C"), actor("d", "D"))},
		}, 1, "statement[1].actors", ReasonTooManyActors},
		{"bad options at 3", []*stancev1.AnalyzeStreamRequest{good("a"), good("b"), good("c"), {Statement: st("d", okText), Options: &stancev1.AnalyzeOptions{OffsetEncoding: 5}}},
			3, "options.offset_encoding", ReasonUnknownEnumValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stream, err := ts.client.AnalyzeStream(context.Background())
			require.NoError(t, err)
			for _, m := range tt.msgs {
				// The server may end the stream before all are sent.
				if stream.Send(m) != nil {
					break
				}
			}
			_ = stream.CloseSend()
			for i := range tt.analyses {
				resp, err := stream.Recv()
				require.NoError(t, err)
				require.Equal(t, tt.msgs[i].GetStatement().GetId(), resp.GetAnalysis().GetStatementId())
			}
			_, err = stream.Recv()
			st, _ := requireViolation(t, err, tt.field, tt.reason)
			_, info := badRequestOf(t, st)
			require.Equal(t, strconv.Itoa(tt.analyses), info.GetMetadata()["position"])
		})
	}
}

func TestAnalyzeDeadline(t *testing.T) {
	t.Parallel()
	logs := newLogRecorder()
	fake := newFake("fake/1")
	// Slow enough that a deadline of up to 512 ms allows only a few calls.
	fake.delay = 50 * time.Millisecond
	ts := start(t, fake, WithParallelism(2), WithLogger(slog.New(logs)))
	// Warm the connection so the short deadline is spent on the call.
	_, err := ts.client.ListActors(context.Background(), &stancev1.ListActorsRequest{})
	require.NoError(t, err)
	logs.next(t, "/ListActors")

	req := &stancev1.AnalyzeRequest{}
	for i := range 1000 {
		req.Statements = append(req.Statements, st(strconv.Itoa(i), okText))
	}
	// Start with 1 ms. On a loaded machine (or under -race) the client may
	// give up before the 50 KB request has reached the handler; the server
	// then logs nothing and the deadline is doubled.
	var line map[string]slog.Value
	for deadline := time.Millisecond; line == nil; deadline *= 2 {
		require.LessOrEqual(t, deadline, 512*time.Millisecond, "the server never received the call")
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		_, err = ts.client.Analyze(ctx, req)
		cancel()
		require.Equal(t, codes.DeadlineExceeded, status.Code(err), "%v", err)
		// The server's log line comes after the handler and all its workers
		// returned: by then the fake must be idle and far from the 1000th
		// call.
		line = logs.nextWithin(500*time.Millisecond, "/Analyze")
	}
	require.Contains(t, []string{"DeadlineExceeded", "Canceled"}, line["code"].String())
	require.Equal(t, int64(1000), line["statements"].Int64())
	require.Zero(t, fake.active.Load())
	require.Less(t, fake.calls.Load(), int64(100))
}

// The server's own mapping of an expired context reaches the client: here the
// deadline starts when the handler does, so the call always gets that far.
func TestAnalyzeServerSideDeadline(t *testing.T) {
	t.Parallel()
	fake := newFake("fake/1")
	fake.delay = 50 * time.Millisecond
	shortDeadline := func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
		defer cancel()
		return handler(ctx, req)
	}
	ts := start(t, fake, WithParallelism(2), WithGRPCOptions(grpc.ChainUnaryInterceptor(shortDeadline)))
	req := &stancev1.AnalyzeRequest{}
	for i := range 1000 {
		req.Statements = append(req.Statements, st(strconv.Itoa(i), okText))
	}
	_, err := ts.client.Analyze(context.Background(), req)
	st := status.Convert(err)
	require.Equal(t, codes.DeadlineExceeded, st.Code(), "%v", err)
	require.Equal(t, "deadline exceeded before all statements were analysed", st.Message())
	// The handler returned only after its workers: nothing runs any more.
	require.Zero(t, fake.active.Load())
	require.Less(t, fake.calls.Load(), int64(100))
}

func TestAnalyzeOverload(t *testing.T) {
	t.Parallel()
	fake := newFake("fake/1")
	fake.block = make(chan struct{})
	fake.entered = make(chan struct{}, 4)
	lim := smallLimits()
	lim.MaxBatch, lim.MaxInFlight = 2, 2
	ts := start(t, fake, WithLimits(lim), WithParallelism(1))

	// A 2-statement batch takes both slots and blocks in the classifier.
	first := make(chan error, 1)
	go func() {
		_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText), st("b", okText)}})
		first <- err
	}()
	<-fake.entered

	_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("c", okText)}})
	requireOverloaded(t, err)

	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("d", okText)}))
	_, err = stream.Recv()
	requireOverloaded(t, err)

	// Once the batch is done its slots are free again.
	close(fake.block)
	require.NoError(t, <-first)
	_, err = ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("e", okText), st("f", okText)}})
	require.NoError(t, err)
}

func requireOverloaded(tb testing.TB, err error) {
	tb.Helper()
	st := status.Convert(err)
	require.Equal(tb, codes.ResourceExhausted, st.Code(), "%v", err)
	var retry *errdetails.RetryInfo
	for _, d := range st.Details() {
		if r, ok := d.(*errdetails.RetryInfo); ok {
			retry = r
		}
	}
	require.NotNil(tb, retry)
	require.Equal(tb, 100*time.Millisecond, retry.GetRetryDelay().AsDuration())
}

func TestRecovery(t *testing.T) {
	t.Parallel()
	logs := newLogRecorder()
	ts := start(t, newFake("fake/1"), WithParallelism(2), WithLogger(slog.New(logs)))
	ctx := context.Background()
	batch := func(n, panicAt int) *stancev1.AnalyzeRequest {
		req := &stancev1.AnalyzeRequest{}
		for i := range n {
			text := okText
			if i == panicAt {
				text = "PANIC in the chamber."
			}
			req.Statements = append(req.Statements, st(strconv.Itoa(i), text))
		}
		return req
	}
	tests := []struct {
		name   string
		call   func() error
		method string
	}{
		{"unary on the handler goroutine", func() error {
			_, err := ts.client.Analyze(ctx, batch(1, 0))
			return err
		}, "/Analyze"},
		// 64 statements run on 2 goroutines: the panic may happen on a worker.
		{"unary on a worker goroutine", func() error {
			_, err := ts.client.Analyze(ctx, batch(64, 40))
			return err
		}, "/Analyze"},
		{"stream", func() error {
			stream, err := ts.client.AnalyzeStream(ctx)
			if err != nil {
				return err
			}
			if err := stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("p", "PANIC now.")}); err != nil {
				return err
			}
			_, err = stream.Recv()
			return err
		}, "/AnalyzeStream"},
	}
	for _, tt := range tests {
		// Not parallel: log lines are matched to calls in order.
		err := tt.call()
		st := status.Convert(err)
		require.Equal(t, codes.Internal, st.Code(), tt.name)
		require.Equal(t, "internal error", st.Message(), "%s: no panic detail for the client", tt.name)
		line := logs.next(t, tt.method)
		require.Equal(t, "ERROR", line["level"].String(), tt.name)
		require.Contains(t, line["cause"].String(), "fake classifier exploded", tt.name)
		require.Contains(t, line["stack"].String(), "fakeClassifier", tt.name)

		// The server survives.
		_, err = ts.client.Analyze(ctx, batch(3, -1))
		require.NoError(t, err, tt.name)
		logs.next(t, "/Analyze")
	}
}

func TestLogLine(t *testing.T) {
	t.Parallel()
	logs := newLogRecorder()
	ts := start(t, newFake("fake/1"), WithLogger(slog.New(logs)))
	const secret = "Paris backed the confidential plan."
	_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", secret), st("b", secret)}})
	require.NoError(t, err)
	line := logs.next(t, "/Analyze")
	require.Equal(t, "/stance.v1.StanceService/Analyze", line["method"].String())
	require.Equal(t, "OK", line["code"].String())
	require.Equal(t, int64(2), line["statements"].Int64())
	require.Equal(t, slog.KindDuration, line["duration"].Kind())
	require.Equal(t, "INFO", line["level"].String())

	_, err = ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", secret), st("b", "")}})
	require.Error(t, err)
	line = logs.next(t, "/Analyze")
	require.Equal(t, "InvalidArgument", line["code"].String())
	require.Contains(t, line["error"].String(), "statements[1].text")

	for _, r := range logs.records {
		r.Attrs(func(a slog.Attr) bool {
			require.NotContains(t, a.Value.String(), "confidential", "statement text must never be logged")
			return true
		})
	}
}

func TestSetClassifier(t *testing.T) {
	t.Parallel()
	old := newFake("fake/1")
	old.block = make(chan struct{})
	old.entered = make(chan struct{}, 1)
	ts := start(t, old)
	req := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}}

	type result struct {
		resp *stancev1.AnalyzeResponse
		err  error
	}
	inFlight := make(chan result, 1)
	go func() {
		resp, err := ts.client.Analyze(context.Background(), req)
		inFlight <- result{resp, err}
	}()
	<-old.entered
	require.NoError(t, ts.srv.SetClassifier(newFake("fake/2")))
	require.Equal(t, "fake/2", ts.srv.Classifier().Version())

	// New calls use the new classifier at once...
	resp, err := ts.client.Analyze(context.Background(), req)
	require.NoError(t, err)
	require.Equal(t, "fake/2", resp.GetLexiconVersion())
	// ...while the call in progress finishes on the old one.
	close(old.block)
	r := <-inFlight
	require.NoError(t, r.err)
	require.Equal(t, "fake/1", r.resp.GetLexiconVersion())

	require.Error(t, ts.srv.SetClassifier(nil))
}

// An error from the stream itself (the client going away) is not turned into
// INTERNAL.
func TestAnalyzeStreamClientCancel(t *testing.T) {
	t.Parallel()
	logs := newLogRecorder()
	ts := start(t, newFake("fake/1"), WithLogger(slog.New(logs)))
	ctx, cancel := context.WithCancel(context.Background())
	stream, err := ts.client.AnalyzeStream(ctx)
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("a", okText)}))
	_, err = stream.Recv()
	require.NoError(t, err)
	cancel()
	line := logs.next(t, "/AnalyzeStream")
	require.Equal(t, "Canceled", line["code"].String())
	require.Equal(t, int64(1), line["statements"].Int64())
	_, err = stream.Recv()
	require.True(t, errors.Is(err, context.Canceled) || status.Code(err) == codes.Canceled, fmt.Sprint(err))
}
