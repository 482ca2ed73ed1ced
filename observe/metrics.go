package observe

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc"
)

// HandlingTimeBuckets are the upper bounds, in seconds, of the
// grpc_server_handling_seconds histogram. One statement takes microseconds and
// a full batch milliseconds, so the buckets start at 100 µs, far below
// Prometheus' default 5 ms; streams can stay open for many minutes, hence the
// long tail.
var HandlingTimeBuckets = []float64{
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
	0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600,
}

// Method label values of stancetag_statements_analyzed_total.
const (
	MethodAnalyze       = "Analyze"
	MethodAnalyzeStream = "AnalyzeStream"
)

// Metrics holds the server's Prometheus metrics, registered on one registry.
// Its methods are safe for concurrent use.
type Metrics struct {
	grpc *grpcprom.ServerMetrics

	statements     *prometheus.CounterVec
	analyzed       prometheus.Counter // method="Analyze"
	streamAnalyzed prometheus.Counter // method="AnalyzeStream"

	lexiconEntries *prometheus.GaugeVec
	lexiconLoad    prometheus.Gauge
	buildInfo      *prometheus.GaugeVec

	mu        sync.Mutex // guards the label sets below, not the metrics
	parts     map[string]bool
	buildLbls prometheus.Labels
}

// NewMetrics creates the metrics and registers them on reg. It fails when
// reg already holds metrics of the same names, e.g. on a second call with the
// same registry.
//
// The gRPC metrics only count once ServerOptions are given to the server.
// stancetag_build_info and stancetag_lexicon_entries have no series, and
// stancetag_lexicon_load_seconds reads 0, until SetBuildInfo and SetLexicon
// are called.
func NewMetrics(reg *prometheus.Registry) (*Metrics, error) {
	if reg == nil {
		return nil, fmt.Errorf("observe: nil registry")
	}
	m := &Metrics{
		grpc: grpcprom.NewServerMetrics(
			grpcprom.WithServerHandlingTimeHistogram(grpcprom.WithHistogramBuckets(HandlingTimeBuckets)),
		),
		statements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stancetag_statements_analyzed_total",
			Help: "Statements analysed successfully (analyses sent back), by RPC method.",
		}, []string{"method"}),
		lexiconEntries: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "stancetag_lexicon_entries",
			Help: "Entries in each part of the loaded lexicon.",
		}, []string{"part"}),
		lexiconLoad: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "stancetag_lexicon_load_seconds",
			Help: "Time the last lexicon load took, in seconds.",
		}),
		buildInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "stancetag_build_info",
			Help: "Always 1; labels identify the binary and the lexicon it serves.",
		}, []string{"version", "goversion", "lexicon_version"}),
		parts: map[string]bool{},
	}
	m.analyzed = m.statements.WithLabelValues(MethodAnalyze)
	m.streamAnalyzed = m.statements.WithLabelValues(MethodAnalyzeStream)
	for _, c := range []prometheus.Collector{m.grpc, m.statements, m.lexiconEntries, m.lexiconLoad, m.buildInfo} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("observe: registering metrics: %w", err)
		}
	}
	return m, nil
}

// NewRegistry returns a registry holding the standard Go runtime and process
// collectors (go_*, process_*), ready for NewMetrics.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	) // cannot fail: a new registry, two collectors of distinct names
	return reg
}

// ServerOptions returns the interceptors that feed the gRPC metrics and
// stancetag_statements_analyzed_total, for server.WithGRPCOptions. They run
// inside the server's own logging and recovery interceptors, so an RPC whose
// handler panics is not counted in grpc_server_handled_total.
func (m *Metrics) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(m.grpc.UnaryServerInterceptor(), m.countUnary),
		grpc.ChainStreamInterceptor(m.grpc.StreamServerInterceptor(), m.countStream),
	}
}

// InitializeMetrics creates every per-method series of the services
// registered on srv at 0, so that rates and alerts work before the first
// call. Call it after all services are registered and before serving.
func (m *Metrics) InitializeMetrics(srv *grpc.Server) {
	// The statement counters need nothing: they exist at 0 from NewMetrics.
	m.grpc.InitializeMetrics(srv)
}

// SetLexicon records the lexicon just loaded: the number of entries of each
// part (conventionally "sentiment", "gazetteer", "stance") and how long
// loading took. Call it again after each reload: parts missing from entries
// are removed. entries is not retained.
func (m *Metrics) SetLexicon(entries map[string]int, load time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	// Set the new values before deleting stale parts, so a scrape in between
	// never sees a part missing.
	for part, n := range entries {
		m.lexiconEntries.WithLabelValues(part).Set(float64(n))
	}
	for part := range m.parts {
		if _, ok := entries[part]; !ok {
			m.lexiconEntries.DeleteLabelValues(part)
			delete(m.parts, part)
		}
	}
	for part := range entries {
		m.parts[part] = true
	}
	m.lexiconLoad.Set(load.Seconds())
}

// SetBuildInfo sets stancetag_build_info to 1 with labels version (the
// binary's), goversion (runtime.Version()) and lexicon_version (the
// classifier's Version()), replacing the series of any previous call, e.g.
// after a lexicon reload.
func (m *Metrics) SetBuildInfo(version, lexiconVersion string) {
	lbls := prometheus.Labels{
		"version":         version,
		"goversion":       runtime.Version(),
		"lexicon_version": lexiconVersion,
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buildInfo.With(lbls).Set(1)
	if m.buildLbls != nil && !sameLabels(m.buildLbls, lbls) {
		m.buildInfo.Delete(m.buildLbls)
	}
	m.buildLbls = lbls
}

func sameLabels(a, b prometheus.Labels) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
