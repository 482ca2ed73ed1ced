package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/server"
)

// echoClassifier analyses nothing: it returns an empty analysis, or an
// error for the statement whose id is failID, which the server turns into a
// failed call.
type echoClassifier struct{ failID string }

func (e echoClassifier) Analyze(_ context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	if st.ID == e.failID {
		return classifier.Analysis{}, errors.New("echo: told to fail")
	}
	return classifier.Analysis{StatementID: st.ID}, nil
}
func (echoClassifier) Gazetteer() []classifier.Actor { return nil }
func (echoClassifier) Version() string               { return "echo/1" }

// startServer serves c on a loopback port for the test's lifetime and
// returns its address.
func startServer(t *testing.T, c classifier.Classifier) string {
	t.Helper()
	srv, err := server.New(c, server.WithLogger(slog.New(slog.DiscardHandler)))
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(func() { srv.GRPCServer().Stop() })
	return lis.Addr().String()
}

func runLoad(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(t.Context(), args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestModes(t *testing.T) {
	t.Parallel()
	addr := startServer(t, echoClassifier{})
	pid := strconv.Itoa(os.Getpid()) // this process stands in for the server
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"health", []string{"health", "-addr", addr}, []string{"health: " + addr + " SERVING"}},
		{
			"batch", []string{"batch", "-addr", addr, "-batches", "20", "-batch", "10", "-concurrency", "3", "-pool", "50"},
			[]string{"batch-10 c=3: 20 calls, 200 statements in ", "p50 ", "per call", ", 0 errors"},
		},
		{
			// More statements than the pool: ids wrap round and are still
			// checked in order.
			"stream", []string{"stream", "-addr", addr, "-n", "700", "-pool", "300"},
			[]string{"stream: 1 calls, 700 statements in ", "send to receive", ", 0 errors"},
		},
		{
			// Bounded by count long before the duration: 40 statements
			// allowed, batches of 5, so at most 40 analysed.
			"soak bounded by count", []string{"soak", "-addr", addr, "-duration", "1m", "-max-statements", "40", "-batch", "5", "-pid", pid, "-sample", "1h"},
			[]string{"soak t=", "rss=", "soak c=4: ", "server RSS first ", ", 0 errors"},
		},
		{
			"soak bounded by time", []string{"soak", "-addr", addr, "-duration", "300ms", "-sample", "100ms", "-batch", "5", "-concurrency", "2"},
			[]string{"soak c=2: ", ", 0 errors"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runLoad(t, tt.args...)
			require.Equal(t, 0, code, "stdout: %s\nstderr: %s", out, errOut)
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
		})
	}
}

func TestSoakCountBound(t *testing.T) {
	t.Parallel()
	addr := startServer(t, echoClassifier{})
	out, errOut, code := runLoad(t, "soak", "-addr", addr, "-duration", "1m", "-max-statements", "23", "-batch", "5", "-sample", "1h")
	require.Equal(t, 0, code, errOut)
	// Calls of 1, 5 and 5 statements never go past the budget of 23.
	var calls, statements int
	_, summary, found := strings.Cut(out, "soak c=4: ")
	require.True(t, found, out)
	_, err := fmt.Sscanf(summary, "%d calls, %d statements", &calls, &statements)
	require.NoError(t, err, out)
	assert.LessOrEqual(t, statements, 23)
	assert.Positive(t, statements)
}

func TestErrorsFailTheRun(t *testing.T) {
	t.Parallel()
	// s3 is in the first batch of 10 and the stream's third message.
	addr := startServer(t, echoClassifier{failID: "s3"})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"batch", []string{"batch", "-addr", addr, "-batches", "3", "-batch", "10", "-pool", "30"}, "1 errors"},
		{"stream", []string{"stream", "-addr", addr, "-n", "10"}, "1 errors"},
		// Some of the soak's calls carry s3 and fail; the others succeed.
		{"soak", []string{"soak", "-addr", addr, "-duration", "200ms", "-batch", "5", "-pool", "10", "-sample", "1h"}, "soak c=4: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runLoad(t, tt.args...)
			assert.Equal(t, 1, code)
			assert.Contains(t, out, tt.want)
			assert.Contains(t, errOut, "Internal")
		})
	}
}

func TestHealthTimeout(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: closed right after it was picked.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	_, errOut, code := runLoad(t, "health", "-addr", addr, "-timeout", "200ms")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "not SERVING within 200ms")
}

func TestBadUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{nil, "usage: grpcload MODE"},
		{[]string{"fly"}, `unknown mode "fly"`},
		{[]string{"batch"}, "-addr is required"},
		{[]string{"batch", "-addr", "dns:///x:1"}, "-addr is HOST:PORT"},
		{[]string{"batch", "-addr", "x:1", "-batch", "0"}, "must be >= 1"},
		{[]string{"stream", "-addr", "x:1", "-n", "0"}, "-n must be >= 1"},
		// Statement ids must be unique within a request.
		{[]string{"batch", "-addr", "x:1", "-batch", "30", "-pool", "29"}, "-pool (29) must be >= -batch (30)"},
		{[]string{"soak", "-addr", "x:1", "-duration", "0s"}, "must be > 0"},
		{[]string{"health", "-addr", "x:1", "extra"}, "unexpected arguments"},
		// Flags belong to their mode.
		{[]string{"health", "-addr", "x:1", "-batch", "5"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			_, errOut, code := runLoad(t, tt.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, tt.want)
		})
	}
}
