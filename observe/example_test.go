package observe_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/stancetag/stancetag/observe"
	"github.com/stancetag/stancetag/server"
)

// Example wires metrics, probes and tracing into a server, the way
// cmd/stancetag does. The HTTP handler would be served on its own port
// (e.g. :9090) with http.Server.
func Example() {
	ctx := context.Background()
	reg := observe.NewRegistry()
	metrics, err := observe.NewMetrics(reg)
	if err != nil {
		panic(err)
	}
	// No OTEL_EXPORTER_OTLP_ENDPOINT in this environment: no options.
	tracing, shutdownTracing, err := observe.SetupTracing(ctx, "stancetag", "1.0.0")
	if err != nil {
		panic(err)
	}
	defer func() { _ = shutdownTracing(ctx) }()

	c := fakeClassifier{}
	start := time.Now()
	// ... load the lexicon here ...
	metrics.SetLexicon(map[string]int{"sentiment": 7400, "gazetteer": 310, "stance": 950}, time.Since(start))
	metrics.SetBuildInfo("1.0.0", c.Version())

	srv, err := server.New(c, server.WithGRPCOptions(append(metrics.ServerOptions(), tracing...)...))
	if err != nil {
		panic(err)
	}
	metrics.InitializeMetrics(srv.GRPCServer())

	var ready atomic.Bool
	h := observe.NewHTTPHandler(reg, ready.Load)
	probe := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return rec.Code
	}
	fmt.Println("before serving:", probe())
	ready.Store(true) // serving now
	fmt.Println("serving:", probe())
	ready.Store(false) // draining before shutdown
	fmt.Println("draining:", probe())
	// Output:
	// before serving: 503
	// serving: 200
	// draining: 503
}
