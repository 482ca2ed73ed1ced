package observe_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// fakeClassifier finds "Ankara" and calls the statement positive: enough for
// the server to build real responses without the lexicon.
type fakeClassifier struct{}

func (fakeClassifier) Analyze(ctx context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return classifier.Analysis{}, err
	}
	return classifier.Analysis{
		StatementID: st.ID,
		Sentiment:   classifier.Sentiment{Label: classifier.SentimentPositive, Score: 0.5, Magnitude: 0.5},
	}, nil
}

func (fakeClassifier) Gazetteer() []classifier.Actor {
	return []classifier.Actor{{ID: "country/TUR", Name: "Turkey", Aliases: []string{"Ankara"}, Kind: classifier.KindCountry}}
}

func (fakeClassifier) Version() string { return "fake/1.0.0" }

// start serves fakeClassifier on bufconn with opts until the test ends and
// returns the server and a connection to it.
func start(tb testing.TB, opts ...server.Option) (*server.Server, *grpc.ClientConn) {
	tb.Helper()
	opts = append([]server.Option{server.WithLogger(slog.New(slog.DiscardHandler))}, opts...)
	srv, err := server.New(fakeClassifier{}, opts...)
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
	return srv, conn
}

// statements returns n statements written for these tests.
func statements(n int) []*stancev1.Statement {
	texts := []string{
		"Ankara welcomed the ceasefire agreement on Tuesday.",
		"The finance minister praised the central bank's decision.",
		"Opposition lawmakers criticised the new budget.",
	}
	out := make([]*stancev1.Statement, n)
	for i := range out {
		out[i] = &stancev1.Statement{Id: string(rune('a' + i)), Text: texts[i%len(texts)]}
	}
	return out
}

// get sends a GET for path to h and returns the status and body.
func get(tb testing.TB, h http.Handler, path string) (int, string) {
	tb.Helper()
	return do(tb, h, http.MethodGet, path)
}

func do(tb testing.TB, h http.Handler, method, path string) (int, string) {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	body, err := io.ReadAll(rec.Result().Body)
	require.NoError(tb, err)
	return rec.Code, string(body)
}
