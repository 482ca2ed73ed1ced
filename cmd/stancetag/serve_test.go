package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/security/securitytest"
)

func TestServeSettings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	// 256.x addresses cannot be listened on, so serve fails at once and its
	// log names the address it tried: that shows which setting won.
	good := write("good.yaml", "# where to listen\nlisten: \"256.0.0.1:1\"\nreflection: false\n")
	unknown := write("unknown.yaml", "listen: \":1\"\nmax-batches: 10\n")
	badValue := write("bad.yaml", "shutdown-timeout: soon\n")
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr string
	}{
		{name: "config file over default", args: []string{"serve", "-config", good}, wantCode: exitFail, wantStderr: `"addr":"256.0.0.1:1"`},
		{
			name: "env over config file", args: []string{"serve", "-config", good},
			env: map[string]string{"STANCETAG_LISTEN": "256.0.0.2:2"}, wantCode: exitFail, wantStderr: `"addr":"256.0.0.2:2"`,
		},
		{
			name: "flag over env and config file", args: []string{"serve", "-config", good, "-listen", "256.0.0.3:3"},
			env: map[string]string{"STANCETAG_LISTEN": "256.0.0.2:2"}, wantCode: exitFail, wantStderr: `"addr":"256.0.0.3:3"`,
		},
		{
			name: "config file named by the environment", args: []string{"serve"},
			env: map[string]string{"STANCETAG_CONFIG": good}, wantCode: exitFail, wantStderr: `"addr":"256.0.0.1:1"`,
		},
		{name: "unknown key", args: []string{"serve", "-config", unknown}, wantCode: exitUsage, wantStderr: unknown + `:2: unknown key "max-batches"`},
		{name: "bad value", args: []string{"serve", "-config", badValue}, wantCode: exitUsage, wantStderr: badValue + `:1: shutdown-timeout: invalid value "soon"`},
		{name: "missing config file", args: []string{"serve", "-config", filepath.Join(dir, "none.yaml")}, wantCode: exitUsage, wantStderr: "none.yaml: no such file"},
		{name: "cert without key", args: []string{"serve", "-tls-cert", "c.pem"}, wantCode: exitUsage, wantStderr: "-tls-cert and -tls-key go together"},
		{name: "key without cert", args: []string{"serve", "-tls-key", "k.pem"}, wantCode: exitUsage, wantStderr: "-tls-cert and -tls-key go together"},
		{name: "client CA without TLS", args: []string{"serve", "-client-ca", "ca.pem"}, wantCode: exitUsage, wantStderr: "-client-ca needs -tls-cert"},
		{name: "CORS without HTTP", args: []string{"serve", "-http-cors-origins", "https://app.example.com"}, wantCode: exitUsage, wantStderr: "-http-cors-origins needs -http-listen"},
		{name: "CORS origin with a path", args: []string{"serve", "-http-listen", "127.0.0.1:0", "-http-cors-origins", "https://app.example.com/ui"}, wantCode: exitUsage, wantStderr: `"https://app.example.com/ui" is no origin`},
		{name: "CORS origin without scheme", args: []string{"serve", "-http-listen", "127.0.0.1:0", "-http-cors-origins", "*,app.example.com"}, wantCode: exitUsage, wantStderr: `"app.example.com" is no origin`},
		{name: "negative parallelism", args: []string{"serve", "-parallelism", "-1"}, wantCode: exitUsage, wantStderr: "-parallelism must be >= 0"},
		{
			name: "unreadable certificate", args: []string{"serve", "-tls-cert", filepath.Join(dir, "none.pem"), "-tls-key", filepath.Join(dir, "none-key.pem")},
			wantCode: exitFail, wantStderr: `"msg":"loading TLS certificate"`,
		},
		{name: "unreadable token file", args: []string{"serve", "-auth-token-file", filepath.Join(dir, "none.txt")}, wantCode: exitFail, wantStderr: `"msg":"loading tokens"`},
		{name: "metrics cannot listen", args: []string{"serve", "-metrics-listen", "256.0.0.1:1"}, wantCode: exitFail, wantStderr: `"msg":"listening for metrics"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, "", tt.env, tt.args...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			assert.Contains(t, r.stderr, tt.wantStderr)
		})
	}
}

// versioned is the fake classifier under another version.
type versioned struct {
	fakeClassifier
	v string
}

func (c versioned) Version() string { return c.v }

// logRecord is the part of a log line the tests look at.
type logRecord struct {
	Msg, Addr, Version, Previous, Err string
}

// waitLog waits for the log line with msg that pred accepts and returns it.
func waitLog(t *testing.T, logs *syncBuffer, msg string, pred func(logRecord) bool) logRecord {
	t.Helper()
	var found logRecord
	require.Eventually(t, func() bool {
		for line := range strings.Lines(logs.String()) {
			var rec logRecord
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == msg && (pred == nil || pred(rec)) {
				found = rec
				return true
			}
		}
		return false
	}, 10*time.Second, 5*time.Millisecond, "no log line %q; log:\n%s", msg, logs)
	return found
}

func TestServeReloadsOnHangup(t *testing.T) {
	t.Parallel()
	a, _, errs, _ := newApp("", nil)
	// Each load of /lex returns the next version, or fails for a version
	// marked bad, as a broken data file would.
	var loads atomic.Int32
	versions := []string{"lex/1", "bad", "lex/2"}
	a.load = func(dir string) (classifier.Classifier, error) {
		v := versions[min(int(loads.Add(1))-1, len(versions)-1)]
		if v == "bad" {
			return nil, errors.New("lexicon: sentiment: sentiment/valence.tsv:12: valence \"x\" is not a number")
		}
		return versioned{v: v}, nil
	}
	hup := make(chan os.Signal, 1)
	var stopped atomic.Bool
	a.hangup = func() (<-chan os.Signal, func()) { return hup, func() { stopped.Store(true) } }

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- a.run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-lexicon-dir", "/lex"}) }()
	addr := waitLog(t, errs, "serving", nil).Addr

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	client := stancev1.NewStanceServiceClient(conn)
	version := func() string {
		t.Helper()
		resp, err := client.Analyze(t.Context(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Text: "France agreed."}}})
		require.NoError(t, err)
		return resp.GetLexiconVersion()
	}
	require.Equal(t, "lex/1", version())

	// A failed reload keeps the lexicon in use and says why, file and line.
	hup <- os.Interrupt // the value does not matter, only its arrival
	failed := waitLog(t, errs, "lexicon reload failed; keeping the lexicon in use", nil)
	assert.Contains(t, failed.Err, "sentiment/valence.tsv:12")
	assert.Equal(t, "lex/1", failed.Version)
	assert.Equal(t, "lex/1", version())

	hup <- os.Interrupt
	ok := waitLog(t, errs, "lexicon reloaded", nil)
	assert.Equal(t, "lex/2", ok.Version)
	assert.Equal(t, "lex/1", ok.Previous)
	assert.Equal(t, "lex/2", version())

	cancel()
	select {
	case c := <-code:
		assert.Equal(t, exitOK, c, "stderr:\n%s", errs)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return after cancellation")
	}
	assert.True(t, stopped.Load(), "SIGHUP relaying stopped")
}

func TestServeHangupWithEmbeddedLexicon(t *testing.T) {
	t.Parallel()
	a, _, errs, dirs := newApp("", nil)
	hup := make(chan os.Signal, 1)
	a.hangup = func() (<-chan os.Signal, func()) { return hup, func() {} }
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- a.run(ctx, []string{"serve", "-listen", "127.0.0.1:0"}) }()
	waitLog(t, errs, "serving", nil)

	hup <- os.Interrupt
	rec := waitLog(t, errs, "lexicon not reloaded: the embedded lexicon cannot change (serve with -lexicon-dir to reload one)", nil)
	assert.Equal(t, "fake/1.0.0", rec.Version)
	cancel()
	assert.Equal(t, exitOK, <-code, "stderr:\n%s", errs)
	assert.Equal(t, []string{""}, *dirs, "loaded once, at start")
}

func TestBuildVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{name: "no build info", want: "unknown"},
		{name: "release", bi: &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, ok: true, want: "v1.2.0"},
		{
			// Label-friendly: no spaces, revision as build metadata.
			name: "dirty vcs build",
			bi: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "0123456789abcdef0123"},
				{Key: "vcs.modified", Value: "true"},
			}},
			ok: true, want: "(devel)+0123456789ab.dirty",
		},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, buildVersion(tt.bi, tt.ok), tt.name)
	}
}

func TestServeReloadsTokensAndCertificate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca, cert, key, _, _, err := securitytest.WriteTestCerts(dir)
	require.NoError(t, err)
	const oldToken, newToken = "old-token-0123456789abcdef", "new-token-0123456789abcdef"
	tokens := filepath.Join(dir, "tokens")
	require.NoError(t, os.WriteFile(tokens, []byte(oldToken+"\n"), 0o600))

	a, _, errs, _ := newApp("", nil)
	hup := make(chan os.Signal, 1)
	a.hangup = func() (<-chan os.Signal, func()) { return hup, func() {} }
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- a.run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-tls-cert", cert, "-tls-key", key, "-auth-token-file", tokens})
	}()
	addr := waitLog(t, errs, "serving", nil).Addr

	tlsConf, err := securitytest.ClientTLS(ca, "", "")
	require.NoError(t, err)
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(tlsConf)))
	require.NoError(t, err)
	defer conn.Close()
	client := stancev1.NewStanceServiceClient(conn)
	call := func(token string) codes.Code {
		t.Helper()
		ctx := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+token)
		_, err := client.Analyze(ctx, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Text: "France agreed."}}})
		return status.Code(err)
	}
	require.Equal(t, codes.OK, call(oldToken))
	require.Equal(t, codes.Unauthenticated, call(newToken))

	// The new file replaces the old tokens; the certificate reloads unchanged.
	require.NoError(t, os.WriteFile(tokens, []byte("# rotated\n"+newToken+"\n"), 0o600))
	hup <- os.Interrupt
	waitLog(t, errs, "tokens reloaded", nil)
	waitLog(t, errs, "TLS certificate reloaded", nil)
	assert.Equal(t, codes.OK, call(newToken))
	assert.Equal(t, codes.Unauthenticated, call(oldToken))

	// A token file made invalid keeps the tokens in use.
	require.NoError(t, os.WriteFile(tokens, []byte("short\n"), 0o600))
	hup <- os.Interrupt
	failed := waitLog(t, errs, "token reload failed; keeping the tokens in use", nil)
	assert.Contains(t, failed.Err, "tokens:1")
	assert.NotContains(t, errs.String(), newToken, "tokens are never logged")
	assert.Equal(t, codes.OK, call(newToken))

	cancel()
	assert.Equal(t, exitOK, <-code, "stderr:\n%s", errs)
}

func TestCORSOrigins(t *testing.T) {
	t.Parallel()
	c := &serveConfig{httpCORSOrigins: " https://app.example.com, http://localhost:5173 ,,*"}
	got, err := c.corsOrigins()
	require.NoError(t, err)
	assert.Equal(t, []string{"https://app.example.com", "http://localhost:5173", "*"}, got)
	got, err = (&serveConfig{}).corsOrigins()
	require.NoError(t, err)
	assert.Empty(t, got, "none by default")
}
