package observe

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// NewHTTPHandler returns the handler of the metrics and probe port:
//   - GET /metrics: everything registered on reg, in the Prometheus text or
//     OpenMetrics format, as the scraper asks;
//   - GET /healthz: 200 "ok" whenever the process can answer (liveness);
//   - GET /readyz: 200 "ok" while ready returns true, else 503 "not ready"
//     (readiness: e.g. lexicon loaded and not draining). A nil ready is
//     always ready.
//
// Other paths get 404 and other methods 405. ready is called once per
// /readyz request and must be safe for concurrent use.
func NewHTTPHandler(reg *prometheus.Registry, ready func() bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		EnableOpenMetrics: true,
	}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeProbe(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ready != nil && !ready() {
			writeProbe(w, http.StatusServiceUnavailable, "not ready\n")
			return
		}
		writeProbe(w, http.StatusOK, "ok\n")
	})
	return mux
}

// writeProbe writes a probe answer that no cache keeps.
func writeProbe(w http.ResponseWriter, code int, body string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body)) // the client has gone if this fails; nothing to do
}
