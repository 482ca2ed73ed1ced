package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/stancetag/stancetag/classifier/lexicon"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/security/securitytest"
)

// analyzeReq is an Analyze request in grpcurl's JSON.
const analyzeReq = `{"statements":[{"id":"s1","text":"` + franceText + `"}]}`

// httpGet returns the status and body of GET url.
func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// logLine is a JSON log line of the server.
type logLine map[string]any

// waitLog waits for the server's log line with msg and returns the first.
func (s *server) waitLog(t *testing.T, msg string) logLine {
	t.Helper()
	deadline := time.Now().Add(startTimeout)
	for {
		sc := bufio.NewScanner(strings.NewReader(s.log()))
		for sc.Scan() {
			var rec logLine
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == msg {
				return rec
			}
		}
		select {
		case <-s.exited:
			t.Fatalf("server exited without logging %q: %v\nlog:\n%s", msg, s.err, s.log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line %q within %v; log:\n%s", msg, startTimeout, s.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	s := startServer(t, "--metrics-listen", "127.0.0.1:0")
	s.mu.Lock()
	base := "http://" + s.metricsAddr
	s.mu.Unlock()
	require.NotEqual(t, "http://", base, "a \"metrics serving\" line with the address; log:\n%s", s.log())

	code, body := httpGet(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code, "ready while serving: %s", body)
	code, _ = httpGet(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, code)

	// Two calls, three statements.
	out, err := grpcurl(t, "", "-d", analyzeReq, s.addr, "stance.v1.StanceService/Analyze")
	require.NoError(t, err, out)
	twoStatements := `{"statements":[{"id":"a","text":"` + franceText + `"},{"id":"b","text":"Germany thanked France."}]}`
	out, err = grpcurl(t, "", "-d", twoStatements, s.addr, "stance.v1.StanceService/Analyze")
	require.NoError(t, err, out)

	code, body = httpGet(t, base+"/metrics")
	require.Equal(t, http.StatusOK, code)
	for _, want := range []string{
		// Labels are in lexical order in the text format.
		`grpc_server_handled_total{grpc_code="OK",grpc_method="Analyze",grpc_service="stance.v1.StanceService",grpc_type="unary"} 2`,
		`grpc_server_handling_seconds_bucket{grpc_method="Analyze",grpc_service="stance.v1.StanceService",grpc_type="unary",le="+Inf"} 2`,
		`stancetag_statements_analyzed_total{method="Analyze"} 3`,
		// Initialised at 0 before the first call.
		`grpc_server_handled_total{grpc_code="OK",grpc_method="ListActors",grpc_service="stance.v1.StanceService",grpc_type="unary"} 0`,
		`stancetag_lexicon_entries{part="gazetteer"}`,
		`stancetag_build_info{goversion="go1.`,
		`go_goroutines`,
	} {
		assert.Contains(t, body, want)
	}
}

func TestMutualTLS(t *testing.T) {
	t.Parallel()
	ca, cert, key, clientCert, clientKey, err := securitytest.WriteTestCerts(t.TempDir())
	require.NoError(t, err)
	s := startServer(t, "--tls-cert", cert, "--tls-key", key, "--client-ca", ca)
	assert.Equal(t, true, s.waitLog(t, "serving")["mtls"])

	tests := []struct {
		name   string
		args   []string
		wantOK bool
	}{
		{name: "client certificate", args: []string{"-cacert", ca, "-cert", clientCert, "-key", clientKey}, wantOK: true},
		{name: "no client certificate", args: []string{"-cacert", ca}},
		// The server speaks only TLS.
		{name: "plaintext", args: []string{"-plaintext"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append(slices.Clip(tt.args), "-d", analyzeReq, s.addr, "stance.v1.StanceService/Analyze")
			out, err := grpcurlWith(t, "", args...)
			if tt.wantOK {
				require.NoError(t, err, out)
				assert.Contains(t, out, `"lexiconVersion"`)
				return
			}
			require.Error(t, err, out)
			assert.NotContains(t, out, `"lexiconVersion"`)
			assert.Contains(t, out, "Failed to dial target host", "refused at the connection, before any RPC")
		})
	}
}

func TestAuthToken(t *testing.T) {
	t.Parallel()
	const token = "0f3c9a6d2b7e41f8a5c0d9e6b3f27a14"
	tokens := filepath.Join(t.TempDir(), "tokens")
	require.NoError(t, os.WriteFile(tokens, []byte("# e2e\n"+token+"\n"), 0o600))
	s := startServer(t, "--auth-token-file", tokens)
	bearer := "authorization: Bearer " + token

	tests := []struct {
		name     string
		args     []string
		wantErr  string // empty: success
		wantBody string
	}{
		{
			// Reflection gets the token, the call itself none.
			name: "Analyze without token", args: []string{"-reflect-header", bearer, "-d", analyzeReq, s.addr, "stance.v1.StanceService/Analyze"},
			wantErr: "Code: Unauthenticated",
		},
		{
			name: "Analyze with a wrong token", args: []string{"-H", "authorization: Bearer " + strings.Repeat("x", 32), "-d", analyzeReq, s.addr, "stance.v1.StanceService/Analyze"},
			wantErr: "Unauthenticated",
		},
		{name: "Analyze with token", args: []string{"-H", bearer, "-d", analyzeReq, s.addr, "stance.v1.StanceService/Analyze"}, wantBody: `"lexiconVersion"`},
		{
			// Load balancers hold no token.
			name: "health without token", args: []string{"-reflect-header", bearer, s.addr, "grpc.health.v1.Health/Check"},
			wantBody: `"status": "SERVING"`,
		},
		{
			// Reflection reveals the API: it needs a token too (README).
			name: "reflection without token", args: []string{s.addr, "list"},
			wantErr: "Unauthenticated",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := grpcurl(t, "", tt.args...)
			if tt.wantErr != "" {
				require.Error(t, err, out)
				assert.Contains(t, out, tt.wantErr)
				return
			}
			require.NoError(t, err, out)
			assert.Contains(t, out, tt.wantBody)
		})
	}
}

func TestReloadLexicon(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "lexicon")
	require.NoError(t, os.CopyFS(dir, lexicon.Data()))
	valence := filepath.Join(dir, "sentiment", "valence.tsv")
	orig, err := os.ReadFile(valence)
	require.NoError(t, err)

	s := startServer(t, "--lexicon-dir", dir)
	conn, err := grpc.NewClient(s.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	client := stancev1.NewStanceServiceClient(conn)
	version := func() string {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
		defer cancel()
		resp, err := client.Analyze(ctx, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Text: franceText}}})
		require.NoError(t, err)
		return resp.GetLexiconVersion()
	}
	v1 := version()
	require.NotEmpty(t, v1)

	// A bad line: the reload fails naming file and line, the old lexicon stays.
	badLine := strings.Count(string(orig), "\n") + 1
	require.NoError(t, os.WriteFile(valence, append(append([]byte{}, orig...), "resolute\tvery\n"...), 0o600))
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
	failed := s.waitLog(t, "lexicon reload failed; keeping the lexicon in use")
	assert.Contains(t, failed["err"], "valence.tsv:"+strconv.Itoa(badLine), "file and line of the bad entry")
	assert.Equal(t, v1, failed["version"])
	assert.Equal(t, v1, version(), "still serving the old lexicon")

	// A changed entry: the reload succeeds and the version changes.
	require.NoError(t, os.WriteFile(valence, changeFirstValence(t, orig), 0o600))
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
	ok := s.waitLog(t, "lexicon reloaded")
	assert.Equal(t, v1, ok["previous"])
	v2 := version()
	assert.NotEqual(t, v1, v2)
	assert.Equal(t, v2, ok["version"])
}

// changeFirstValence returns valence.tsv with the valence of its first
// entry changed to another valid value.
func changeFirstValence(t *testing.T, data []byte) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(data), "\n")
	for i, line := range lines {
		if line == "" || strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		term, value, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		require.True(t, ok, "first entry %q is term<TAB>valence", line)
		newValue := "1.5"
		if value == newValue {
			newValue = "-1.5"
		}
		lines[i] = term + "\t" + newValue + "\n"
		return []byte(strings.Join(lines, ""))
	}
	t.Fatal("valence.tsv has no entry")
	return nil
}
