package server

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// benchSentences are news-style statements of about 25 words.
var benchSentences = []string{
	"France backed Germany's proposal for a joint air defence fund on Tuesday, while officials in Paris said talks with NATO partners would continue next week.",
	"NATO condemned the overnight drone strikes near the border and urged all parties to return to the negotiating table in Geneva before the winter.",
	"Speaking in Berlin, the chancellor praised the agreement as a turning point but warned that farmers could still block the deal in parliament.",
	"“We will not accept these tariffs,” the trade minister told reporters in Paris after Germany rejected the compromise put forward by Brussels.",
}

func benchRequest(n int) *stancev1.AnalyzeRequest {
	req := &stancev1.AnalyzeRequest{
		Actors:  []*stancev1.Actor{actor("eu", "European Union", "Brussels", "the EU")},
		Options: &stancev1.AnalyzeOptions{OffsetEncoding: utf16Enc},
	}
	for i := range n {
		req.Statements = append(req.Statements, st(strconv.Itoa(i), benchSentences[i%len(benchSentences)]))
	}
	return req
}

func BenchmarkServerUnary1(b *testing.B) {
	ts := start(b, newFake("fake/1"))
	req := benchRequest(1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, err := ts.client.Analyze(ctx, req)
		require.NoError(b, err)
	}
}

func BenchmarkServerBatch100(b *testing.B) {
	ts := start(b, newFake("fake/1"))
	req := benchRequest(100)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, err := ts.client.Analyze(ctx, req)
		require.NoError(b, err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/statement")
}

// BenchmarkServerStream measures one statement per message on one open
// stream, send and receive in lockstep.
func BenchmarkServerStream(b *testing.B) {
	ts := start(b, newFake("fake/1"))
	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(b, err)
	first := benchRequest(1)
	require.NoError(b, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: first.Statements[0], Actors: first.Actors, Options: first.Options}))
	_, err = stream.Recv()
	require.NoError(b, err)
	msgs := make([]*stancev1.AnalyzeStreamRequest, len(benchSentences))
	for i, s := range benchSentences {
		msgs[i] = &stancev1.AnalyzeStreamRequest{Statement: st(strconv.Itoa(i), s)}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		require.NoError(b, stream.Send(msgs[i%len(msgs)]))
		_, err := stream.Recv()
		require.NoError(b, err)
		i++
	}
	require.NoError(b, stream.CloseSend())
	_, _ = stream.Recv()
}

// BenchmarkAnalysisToProto measures the API-edge conversion alone, with
// offsets converted to UTF-16.
func BenchmarkAnalysisToProto(b *testing.B) {
	f := newFake("fake/1")
	text := "😀 " + benchSentences[0]
	a, err := f.Analyze(context.Background(), classifier.Statement{ID: "s", Text: text}, classifier.Options{IncludeEvidence: true})
	require.NoError(b, err)
	require.NotEmpty(b, a.Mentions)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AnalysisToProto(&a, "s", text, utf16Enc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateBatch100 measures checking and converting a request.
func BenchmarkValidateBatch100(b *testing.B) {
	req := benchRequest(100)
	f := newFake("fake/1")
	b.ReportAllocs()
	for b.Loop() {
		ck := checker{lim: DefaultLimits(), gazetteer: f.gazetteer}
		if _, _, _, err := ck.batch(req); err != nil {
			b.Fatal(err)
		}
	}
}
