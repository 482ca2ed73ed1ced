package observe

import (
	"context"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/test/bufconn"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

func TestTracingEnabled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"nothing set", nil, false},
		{"general endpoint", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317"}, true},
		{"traces endpoint", map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4317"}, true},
		// Only the endpoint turns tracing on: other OTEL_* variables are
		// often set cluster-wide for other services.
		{"headers only", map[string]string{"OTEL_EXPORTER_OTLP_HEADERS": "x=y"}, false},
		{"SDK disabled wins", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_SDK_DISABLED": "TRUE"}, false},
		{"exporter none wins", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_TRACES_EXPORTER": "none"}, false},
		{"SDK disabled false", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_SDK_DISABLED": "false"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tracingEnabled(func(k string) string { return tt.env[k] }))
		})
	}
}

// Not parallel: t.Setenv.
func TestSetupTracingDisabled(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	opts, shutdown, err := SetupTracing(t.Context(), "stancetag", "1.0.0")
	require.NoError(t, err)
	assert.Empty(t, opts)
	require.NoError(t, shutdown(t.Context()))
}

// TestSetupTracingEnabled builds the real OTLP exporter. It connects lazily
// and no span is made, so nothing is sent to the (absent) collector.
func TestSetupTracingEnabled(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")
	t.Setenv("OTEL_SDK_DISABLED", "")
	t.Setenv("OTEL_TRACES_EXPORTER", "")
	opts, shutdown, err := SetupTracing(t.Context(), "stancetag", "1.0.0")
	require.NoError(t, err)
	assert.Len(t, opts, 1)
	require.NoError(t, shutdown(t.Context()))
}

func TestNewResource(t *testing.T) {
	t.Setenv("OTEL_SERVICE_NAME", "")
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=staging")
	res, err := newResource(t.Context(), "stancetag", "1.2.3")
	require.NoError(t, err)
	attrs := map[string]string{}
	for _, kv := range res.Attributes() {
		attrs[string(kv.Key)] = kv.Value.String()
	}
	assert.Equal(t, "stancetag", attrs["service.name"])
	assert.Equal(t, "1.2.3", attrs["service.version"])
	assert.Equal(t, "staging", attrs["deployment.environment.name"])

	// The operator's OTEL_SERVICE_NAME wins over the built-in name.
	t.Setenv("OTEL_SERVICE_NAME", "stancetag-eu")
	res, err = newResource(t.Context(), "stancetag", "1.2.3")
	require.NoError(t, err)
	v, ok := res.Set().Value("service.name")
	require.True(t, ok)
	assert.Equal(t, "stancetag-eu", v.AsString())
}

// TestTracingSpans runs the handler newTracing builds in a real server, with
// an in-memory exporter in place of OTLP.
func TestTracingSpans(t *testing.T) {
	t.Parallel()
	exp := tracetest.NewInMemoryExporter()
	opts, shutdown := newTracing(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = shutdown(context.Background()) })
	conn := startTraced(t, opts)

	// The caller's trace context, as a traced client would send it.
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	ctx := metadata.AppendToOutgoingContext(t.Context(),
		"traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	_, err := stancev1.NewStanceServiceClient(conn).Analyze(ctx, &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{{Id: "s1", Text: "The council endorsed the mayor's housing plan."}},
	})
	require.NoError(t, err)
	// Health checks are filtered out: probes every few seconds would drown
	// the real traffic.
	_, err = healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)

	// The server ends its span after it has sent the response, so the
	// client may see the reply first: wait for the span (the health check
	// above, made after the call, must still leave none of its own).
	require.Eventually(t, func() bool { return len(exp.GetSpans()) > 0 }, 10*time.Second, 5*time.Millisecond)
	spans := exp.GetSpans()
	require.Len(t, spans, 1)
	span := spans[0]
	assert.Equal(t, "stance.v1.StanceService/Analyze", span.Name)
	assert.Equal(t, trace.SpanKindServer, span.SpanKind)
	assert.Equal(t, traceID, span.SpanContext.TraceID().String(), "joins the caller's trace")
	assert.Equal(t, "00f067aa0ba902b7", span.Parent.SpanID().String())
}

// startTraced serves a trivial classifier with opts on bufconn.
func startTraced(tb testing.TB, opts []grpc.ServerOption) *grpc.ClientConn {
	tb.Helper()
	srv, err := server.New(echoClassifier{},
		server.WithLogger(slog.New(slog.DiscardHandler)), server.WithGRPCOptions(opts...))
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
	return conn
}

// echoClassifier finds nothing and echoes the statement id.
type echoClassifier struct{}

func (echoClassifier) Analyze(_ context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	return classifier.Analysis{StatementID: st.ID, Sentiment: classifier.Sentiment{Label: classifier.SentimentNeutral}}, nil
}
func (echoClassifier) Gazetteer() []classifier.Actor { return nil }
func (echoClassifier) Version() string               { return "echo/1" }
