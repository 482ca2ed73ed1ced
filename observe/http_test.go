package observe_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/observe"
)

func TestHTTPHandlerProbes(t *testing.T) {
	t.Parallel()
	var ready atomic.Bool
	h := observe.NewHTTPHandler(prometheus.NewRegistry(), ready.Load)

	code, body := get(t, h, "/healthz")
	assert.Equal(t, http.StatusOK, code, "alive even when not ready")
	assert.Equal(t, "ok\n", body)

	code, body = get(t, h, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Equal(t, "not ready\n", body)

	ready.Store(true)
	code, _ = get(t, h, "/readyz")
	assert.Equal(t, http.StatusOK, code)

	ready.Store(false) // draining
	code, _ = get(t, h, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code)
}

func TestHTTPHandlerRoutes(t *testing.T) {
	t.Parallel()
	h := observe.NewHTTPHandler(prometheus.NewRegistry(), nil)
	tests := []struct {
		name, method, path string
		want               int
	}{
		{"nil ready is always ready", http.MethodGet, "/readyz", http.StatusOK},
		{"empty registry still scrapes", http.MethodGet, "/metrics", http.StatusOK},
		// Load balancers often probe with HEAD.
		{"head probe", http.MethodHead, "/healthz", http.StatusOK},
		{"writes are refused", http.MethodPost, "/metrics", http.StatusMethodNotAllowed},
		{"unknown path", http.MethodGet, "/debug/pprof/", http.StatusNotFound},
		{"root is not an alias", http.MethodGet, "/", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, _ := do(t, h, tt.method, tt.path)
			assert.Equal(t, tt.want, code)
		})
	}
}
