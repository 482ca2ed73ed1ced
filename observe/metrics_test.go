package observe_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/observe"
	"github.com/stancetag/stancetag/server"
)

const svcLabels = `grpc_service="stance.v1.StanceService"`

// TestMetricsCountRPCs makes real calls through the server and reads the
// result the way Prometheus would, through the /metrics handler.
func TestMetricsCountRPCs(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	_, conn := start(t, server.WithGRPCOptions(m.ServerOptions()...))
	client := stancev1.NewStanceServiceClient(conn)
	ctx := t.Context()

	_, err = client.Analyze(ctx, &stancev1.AnalyzeRequest{Statements: statements(3)})
	require.NoError(t, err)
	// An empty batch is rejected: counted as handled with its code, and as
	// no statement analysed.
	_, err = client.Analyze(ctx, &stancev1.AnalyzeRequest{})
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	stream, err := client.AnalyzeStream(ctx)
	require.NoError(t, err)
	for _, st := range statements(2) {
		require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st}))
		_, err := stream.Recv()
		require.NoError(t, err)
	}
	require.NoError(t, stream.CloseSend())
	_, err = stream.Recv()
	require.ErrorIs(t, err, io.EOF) // the handler has returned: its metrics are in

	code, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	require.Equal(t, 200, code)
	for _, line := range []string{
		`grpc_server_handled_total{grpc_code="OK",grpc_method="Analyze",` + svcLabels + `,grpc_type="unary"} 1`,
		`grpc_server_handled_total{grpc_code="InvalidArgument",grpc_method="Analyze",` + svcLabels + `,grpc_type="unary"} 1`,
		`grpc_server_handled_total{grpc_code="OK",grpc_method="AnalyzeStream",` + svcLabels + `,grpc_type="bidi_stream"} 1`,
		`grpc_server_msg_received_total{grpc_method="AnalyzeStream",` + svcLabels + `,grpc_type="bidi_stream"} 2`,
		`grpc_server_handling_seconds_bucket{grpc_method="Analyze",` + svcLabels + `,grpc_type="unary",le="+Inf"} 2`,
		`grpc_server_handling_seconds_count{grpc_method="AnalyzeStream",` + svcLabels + `,grpc_type="bidi_stream"} 1`,
		`stancetag_statements_analyzed_total{method="Analyze"} 3`,
		`stancetag_statements_analyzed_total{method="AnalyzeStream"} 2`,
	} {
		assert.Contains(t, body, line+"\n")
	}
	// The fine buckets are in use: an analysis of microseconds must not
	// land in Prometheus' default 5 ms first bucket.
	assert.Contains(t, body, `grpc_server_handling_seconds_bucket{grpc_method="Analyze",`+svcLabels+`,grpc_type="unary",le="0.0001"}`)
}

// TestInitializeMetrics: every method of every registered service has its
// series at 0 before the first call, so alerts on rates work from the start.
func TestInitializeMetrics(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	srv, _ := start(t, server.WithGRPCOptions(m.ServerOptions()...))
	m.InitializeMetrics(srv.GRPCServer())

	_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	for _, line := range []string{
		`grpc_server_handled_total{grpc_code="OK",grpc_method="ListActors",` + svcLabels + `,grpc_type="unary"} 0`,
		`grpc_server_handled_total{grpc_code="ResourceExhausted",grpc_method="AnalyzeStream",` + svcLabels + `,grpc_type="bidi_stream"} 0`,
		`grpc_server_started_total{grpc_method="Check",grpc_service="grpc.health.v1.Health",grpc_type="unary"} 0`,
		`stancetag_statements_analyzed_total{method="Analyze"} 0`,
		`stancetag_statements_analyzed_total{method="AnalyzeStream"} 0`,
	} {
		assert.Contains(t, body, line+"\n")
	}
}

// TestMetricsListActorsCountsNoStatements: only analyses count as statements.
func TestMetricsListActorsCountsNoStatements(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	_, conn := start(t, server.WithGRPCOptions(m.ServerOptions()...))
	_, err = stancev1.NewStanceServiceClient(conn).ListActors(t.Context(), &stancev1.ListActorsRequest{})
	require.NoError(t, err)

	_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	assert.Contains(t, body, `grpc_server_handled_total{grpc_code="OK",grpc_method="ListActors",`+svcLabels+`,grpc_type="unary"} 1`+"\n")
	assert.Contains(t, body, `stancetag_statements_analyzed_total{method="Analyze"} 0`+"\n")
}

func TestNewMetricsErrors(t *testing.T) {
	t.Parallel()
	_, err := observe.NewMetrics(nil)
	require.Error(t, err)

	// A second set on the same registry would silently split the counts.
	reg := prometheus.NewRegistry()
	_, err = observe.NewMetrics(reg)
	require.NoError(t, err)
	_, err = observe.NewMetrics(reg)
	var are prometheus.AlreadyRegisteredError
	require.True(t, errors.As(err, &are), "got %v", err)
}

func TestSetLexicon(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)

	m.SetLexicon(map[string]int{"sentiment": 7400, "gazetteer": 310, "stance": 950}, 1500*time.Millisecond)
	require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP stancetag_lexicon_entries Entries in each part of the loaded lexicon.
# TYPE stancetag_lexicon_entries gauge
stancetag_lexicon_entries{part="gazetteer"} 310
stancetag_lexicon_entries{part="sentiment"} 7400
stancetag_lexicon_entries{part="stance"} 950
# HELP stancetag_lexicon_load_seconds Time the last lexicon load took, in seconds.
# TYPE stancetag_lexicon_load_seconds gauge
stancetag_lexicon_load_seconds 1.5
`), "stancetag_lexicon_entries", "stancetag_lexicon_load_seconds"))

	// A reload without a stance part: its series goes, the others change.
	m.SetLexicon(map[string]int{"sentiment": 7410, "gazetteer": 310}, 250*time.Millisecond)
	require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP stancetag_lexicon_entries Entries in each part of the loaded lexicon.
# TYPE stancetag_lexicon_entries gauge
stancetag_lexicon_entries{part="gazetteer"} 310
stancetag_lexicon_entries{part="sentiment"} 7410
# HELP stancetag_lexicon_load_seconds Time the last lexicon load took, in seconds.
# TYPE stancetag_lexicon_load_seconds gauge
stancetag_lexicon_load_seconds 0.25
`), "stancetag_lexicon_entries", "stancetag_lexicon_load_seconds"))
}

func TestSetBuildInfo(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	assert.NotContains(t, body, "stancetag_build_info{", "no series before SetBuildInfo")

	m.SetBuildInfo("1.2.0", "lexicon/1.0.0+aaaa")
	m.SetBuildInfo("1.2.0", "lexicon/1.0.0+aaaa") // same labels twice: still one series
	n, err := testutil.GatherAndCount(reg, "stancetag_build_info")
	require.NoError(t, err)
	require.Equal(t, 1, n)

	// A lexicon reload replaces the series rather than adding one.
	m.SetBuildInfo("1.2.0", "lexicon/1.0.1+bbbb")
	_, body = get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	assert.Contains(t, body, `lexicon_version="lexicon/1.0.1+bbbb",version="1.2.0"} 1`+"\n")
	assert.NotContains(t, body, "aaaa")
	assert.Contains(t, body, `goversion="go1.`)
}

// TestNewRegistry: the runtime collectors are there, and NewMetrics fits.
func TestNewRegistry(t *testing.T) {
	t.Parallel()
	reg := observe.NewRegistry()
	_, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	assert.Contains(t, body, "go_goroutines ")
}

// TestCountersSurviveCancelledStream: a stream cut by the client counts the
// analyses it did send, nothing more.
func TestCountersSurviveCancelledStream(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	_, conn := start(t, server.WithGRPCOptions(m.ServerOptions()...))
	ctx, cancel := context.WithCancel(t.Context())
	stream, err := stancev1.NewStanceServiceClient(conn).AnalyzeStream(ctx)
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: statements(1)[0]}))
	_, err = stream.Recv()
	require.NoError(t, err)
	cancel()

	// The handler ends asynchronously after a cancel: wait for its code.
	require.Eventually(t, func() bool {
		_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
		return strings.Contains(body, `grpc_server_handled_total{grpc_code="Canceled",grpc_method="AnalyzeStream"`)
	}, 10*time.Second, 5*time.Millisecond)
	_, body := get(t, observe.NewHTTPHandler(reg, nil), "/metrics")
	assert.Contains(t, body, `stancetag_statements_analyzed_total{method="AnalyzeStream"} 1`+"\n")
}
