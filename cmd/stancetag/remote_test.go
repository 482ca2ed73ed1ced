package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/security/securitytest"
	"github.com/stancetag/stancetag/server"
)

// embedded is the real embedded lexicon, loaded once for all tests.
var embedded = sync.OnceValues(func() (classifier.Classifier, error) { return lexicon.Default() })

// startServer serves c on a free 127.0.0.1 port until the test ends and
// returns the address.
func startServer(t *testing.T, c classifier.Classifier, opts ...server.Option) string {
	t.Helper()
	opts = append([]server.Option{server.WithLogger(slog.New(slog.DiscardHandler))}, opts...)
	srv, err := server.New(c, opts...)
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	t.Cleanup(func() {
		srv.GRPCServer().Stop()
		if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) {
			t.Errorf("Serve: %v", err)
		}
	})
	return lis.Addr().String()
}

// runWith runs the app over classifier c (for local analyze) with stdin and
// env.
func runWith(t *testing.T, c classifier.Classifier, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	a, out, errs, _ := newApp(stdin, env)
	a.load = func(string) (classifier.Classifier, error) { return c, nil }
	code := a.run(t.Context(), args)
	return result{code, out.String(), errs.String()}
}

// newsCorpus writes n JSONL lines of news-style statements for the real
// lexicon: gazetteer actors by name, alias, demonym and capital, caller
// actors, speakers, quotes, emoji (some outside the BMP, so UTF-16 and code
// point offsets differ), accents and CJK; repeated and missing ids; and, every
// so often, a bad line or a blank one.
func newsCorpus(n int) string {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	holders := []string{"France", "Germany", "Russia", "the Kremlin", "Washington", "Beijing", "NATO", "the EU",
		"Emmanuel Macron", "Xi Jinping", "Japan", "Brazil's government", "Ukrainian officials", "Ruritania", "the Blue Party"}
	verbs := []string{"backed", "condemned", "praised", "criticised", "rejected", "welcomed", "accused", "thanked",
		"did not support", "refused to endorse", "warned", "strongly opposed", "cautiously welcomed"}
	objects := []string{"Germany's proposal", "the ceasefire plan", "Ukraine", "China's trade policy", "the United Nations",
		"Russia's offer of talks", "Javier Milei", "the sanctions", "Ruritania's mediation", "India"}
	tails := []string{".", " on Tuesday.", " 👍", " 🇺🇦🇪🇺.", " in Zürich.", " at the Élysée 🔥.", " in 北京 today.",
		", officials said.", " — again 😤!", " after talks in São Paulo."}
	var b strings.Builder
	for i := range n {
		text := pick(holders) + " " + pick(verbs) + " " + pick(objects) + pick(tails)
		if i%6 == 1 {
			text = `"We stand with Kyiv," ` + pick(holders) + ` said` + pick(tails)
		}
		line := map[string]any{"id": fmt.Sprintf("n%03d", i), "text": text}
		switch {
		case i%13 == 0:
			line["id"] = "same" // repeated ids are fine
		case i%11 == 0:
			delete(line, "id")
		}
		if strings.Contains(text, "Ruritania") || strings.Contains(text, "Blue Party") || i%4 == 0 {
			line["actors"] = []map[string]any{
				{"id": "rur", "name": "Ruritania", "aliases": []string{"Ruritanian officials"}, "kind": "ACTOR_KIND_COUNTRY"},
				{"name": "Blue Party", "kind": "organization"},
			}
		}
		switch i % 9 {
		case 2:
			line["speaker_id"] = "country/FRA"
		case 5:
			if line["actors"] != nil {
				line["speaker_id"] = "rur"
			}
		}
		raw, err := json.Marshal(line)
		if err != nil {
			panic(err) // maps of strings always marshal
		}
		switch {
		case i%31 == 3:
			b.WriteString(`{"id":"bad","text":""}` + "\n")
		case i%37 == 4:
			b.WriteString(`{"id":"bad","text":"France.","speaker_id":"person/nobody"}` + "\n")
		case i%41 == 5:
			b.WriteString(`{"text":"France.","actors":[{"name":"X","kind":"CITY"}]}` + "\n")
		case i%43 == 6:
			b.WriteString(`{"text":` + "\n")
		case i%47 == 7:
			b.WriteString("\r\n")
		}
		b.Write(raw)
		b.WriteString("\n")
	}
	return b.String()
}

func TestAnalyzeRemoteMatchesLocal(t *testing.T) {
	t.Parallel()
	c, err := embedded()
	require.NoError(t, err)
	a, b := startServer(t, c), startServer(t, c)
	input := newsCorpus(200)
	tests := []struct {
		name   string
		flags  []string
		remote []string
	}{
		{name: "defaults", remote: []string{"--remote", a}},
		{
			// Small batches over two replicas: many batches in flight, and
			// repeated ids inside one batch.
			name:   "evidence utf16 on two replicas",
			flags:  []string{"--evidence", "--offset-encoding", "utf16"},
			remote: []string{"--remote", a + "," + b, "--batch-size", "7", "--concurrency", "3"},
		},
		{
			name:   "code points without gazetteer",
			flags:  []string{"--evidence", "--offset-encoding", "code-point", "--no-gazetteer"},
			remote: []string{"--remote", b, "--batch-size", "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			local := runWith(t, c, input, nil, append([]string{"analyze"}, tt.flags...)...)
			remote := runWith(t, nil, input, nil, append(append([]string{"analyze"}, tt.remote...), tt.flags...)...)
			assert.Equal(t, exitFail, local.code, "the input has bad lines")
			assert.Equal(t, local.code, remote.code)
			assert.Equal(t, local.stderr, remote.stderr)
			require.Equal(t, local.stdout, remote.stdout)
			lines := strings.Count(local.stdout, "\n")
			assert.Greater(t, lines, 150, "most lines are good")
			assert.Contains(t, local.stdout, `"relations"`, "the corpus exercises the stance engine")
		})
	}
}

// relabelled is a classifier reporting another lexicon version.
type relabelled struct {
	classifier.Classifier
	version string
}

func (r relabelled) Version() string { return r.version }

// Replicas on two lexicons (a rollout under way) are named in a warning,
// with the statements each tagged; one lexicon gives none.
func TestAnalyzeRemoteMixedLexicons(t *testing.T) {
	t.Parallel()
	c, err := embedded()
	require.NoError(t, err)
	old := startServer(t, relabelled{c, "lexicon/0.9.0+old"})
	cur := startServer(t, c)
	// round_robin sends only to replicas already connected: on a busy
	// machine the second one can take a while, so the run is long enough
	// (240 batches of 5) for both to be used.
	input := newsCorpus(1200)

	res := runWith(t, nil, input, nil, "analyze", "--remote", old+","+cur, "--batch-size", "5", "--concurrency", "2")
	assert.Equal(t, exitFail, res.code, "the input has bad lines")
	written := strings.Count(res.stdout, "\n")
	require.Contains(t, res.stderr, "warning: the servers tagged with 2 lexicons: ")
	var counts []int
	for _, v := range []string{"lexicon/0.9.0+old", c.Version()} {
		var n int
		_, err := fmt.Sscanf(res.stderr[strings.Index(res.stderr, v+" (")+len(v):], " (%d statements)", &n)
		require.NoError(t, err, "count of %s in %q", v, res.stderr)
		counts = append(counts, n)
	}
	assert.Equal(t, written, counts[0]+counts[1], "every analysis counted once")

	one := runWith(t, nil, input, nil, "analyze", "--remote", cur, "--batch-size", "5")
	assert.NotContains(t, one.stderr, "lexicons")
}

func TestLexiconCounts(t *testing.T) {
	t.Parallel()
	got := lexiconCounts(map[string]int{"b": 10, "a": 10, "c": 90})
	assert.Equal(t, "c (90 statements), a (10 statements), b (10 statements)", got)
}

func TestAnalyzeRemoteFailedBatch(t *testing.T) {
	t.Parallel()
	// The server accepts shorter texts than the local checks: the batch
	// holding the first long text fails the run, after the analyses of the
	// batches before it.
	lim := server.DefaultLimits()
	lim.MaxTextBytes = 40
	addr := startServer(t, fakeClassifier{}, server.WithLimits(lim))
	var in strings.Builder
	for i := range 30 {
		text := "France agreed."
		if i == 12 {
			text = "France agreed to everything Germany proposed, at length."
		}
		fmt.Fprintf(&in, `{"id":"s%d","text":%q}`+"\n", i, text)
	}
	r := runWith(t, nil, in.String(), nil, "analyze", "--remote", addr, "--batch-size", "5", "--concurrency", "1")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "stancetag analyze: stdin: client: statements [10, 15) failed after 1 attempt(s)")
	assert.Contains(t, r.stderr, "InvalidArgument")
	assert.Equal(t, 10, strings.Count(r.stdout, "\n"), "the two batches before the failed one")
}

func TestAnalyzeRemoteSecurity(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca, cert, key, clientCert, clientKey, err := securitytest.WriteTestCerts(dir)
	require.NoError(t, err)
	otherCA, _, _, _, _, err := securitytest.WriteTestCerts(t.TempDir())
	require.NoError(t, err)
	const token = "5d41402abc4b2a76b9719d911017c592"
	tokenFile := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte("# analyze\n\n"+token+"\n"), 0o600))
	twoTokens := filepath.Join(dir, "tokens")
	require.NoError(t, os.WriteFile(twoTokens, []byte(token+"\n"+token+"x\n"), 0o600))

	conf, err := security.ServerTLS(cert, key, ca)
	require.NoError(t, err)
	tokens, err := security.NewTokens(token)
	require.NoError(t, err)
	opt := server.WithGRPCOptions(
		grpc.Creds(credentials.NewTLS(conf)),
		grpc.ChainUnaryInterceptor(tokens.UnaryInterceptor()),
		grpc.ChainStreamInterceptor(tokens.StreamInterceptor()),
	)
	// Two replicas on 127.0.0.1: the name checked in their certificate is
	// the list's one host.
	target := startServer(t, fakeClassifier{}, opt) + "," + startServer(t, fakeClassifier{}, opt)
	mtls := []string{"--remote", target, "--remote-tls-ca", ca, "--remote-cert", clientCert, "--remote-key", clientKey}
	const input = `{"id":"a","text":"France agreed."}` + "\n"

	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr string // substring; "" for none at all
	}{
		{name: "token from env", args: mtls, env: map[string]string{"STANCETAG_AUTH_TOKEN": token}, wantCode: exitOK},
		{name: "token file", args: append(mtls, "--auth-token-file", tokenFile), wantCode: exitOK},
		{name: "no token", args: mtls, wantCode: exitFail, wantStderr: "code = Unauthenticated"},
		{
			name: "wrong token", args: mtls, env: map[string]string{"STANCETAG_AUTH_TOKEN": token + "x"},
			wantCode: exitFail, wantStderr: "code = Unauthenticated",
		},
		{
			// The token is not part of the message.
			name: "file with two tokens", args: append(mtls, "--auth-token-file", twoTokens),
			wantCode: exitFail, wantStderr: "tokens: want one token, found 2",
		},
		{
			name:     "no client certificate",
			args:     []string{"--remote", target, "--remote-tls-ca", ca},
			env:      map[string]string{"STANCETAG_AUTH_TOKEN": token},
			wantCode: exitFail, wantStderr: "code = Unavailable",
		},
		{
			name: "servers not signed by the CA", args: []string{"--remote", target, "--remote-tls-ca", otherCA, "--remote-cert", clientCert, "--remote-key", clientKey},
			env: map[string]string{"STANCETAG_AUTH_TOKEN": token}, wantCode: exitFail, wantStderr: "certificate signed by unknown authority",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runWith(t, nil, input, tt.env, append([]string{"analyze"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			if tt.wantStderr == "" {
				assert.Empty(t, r.stderr)
				assert.Contains(t, r.stdout, `"statementId":"a"`)
				return
			}
			assert.Contains(t, r.stderr, tt.wantStderr)
			assert.NotContains(t, r.stderr, token, "no secret in messages")
			assert.Empty(t, r.stdout)
		})
	}
}

func TestAnalyzeRemoteSettings(t *testing.T) {
	t.Parallel()
	addr := startServer(t, fakeClassifier{})
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		input      string // default: one good line
		wantCode   int
		wantStderr string
	}{
		{name: "batch size", args: []string{"--remote", addr, "--batch-size", "0"}, wantCode: exitUsage, wantStderr: "-batch-size must be >= 1"},
		{name: "concurrency", args: []string{"--remote", addr, "--concurrency", "-1"}, wantCode: exitUsage, wantStderr: "-concurrency must be >= 0"},
		{name: "cert without key", args: []string{"--remote", addr, "--remote-cert", "c.pem"}, wantCode: exitUsage, wantStderr: "-remote-cert and -remote-key go together"},
		{
			name: "token twice", args: []string{"--remote", addr, "--auth-token-file", "t"}, env: map[string]string{"STANCETAG_AUTH_TOKEN": "0123456789abcdef"},
			wantCode: exitUsage, wantStderr: "set -auth-token or -auth-token-file, not both",
		},
		{
			// No one name to check the certificates against.
			name: "TLS over several hosts", args: []string{"--remote", "10.0.0.1:50051,10.0.0.2:50051", "--remote-tls-ca", "ca.pem"},
			wantCode: exitUsage, wantStderr: "set -remote-server-name",
		},
		{name: "bad list", args: []string{"--remote", addr + ",nonsense"}, wantCode: exitFail, wantStderr: `address 2: "nonsense"`},
		{name: "missing CA file", args: []string{"--remote", addr, "--remote-tls-ca", "/nonexistent/ca.pem"}, wantCode: exitFail, wantStderr: "reading -remote-tls-ca"},
		{
			name: "plaintext token warned about", args: []string{"--remote", addr}, env: map[string]string{"STANCETAG_AUTH_TOKEN": "0123456789abcdef"},
			wantCode: exitOK, wantStderr: "warning: the bearer token is sent in plaintext",
		},
		{name: "target from env", env: map[string]string{"STANCETAG_REMOTE": addr}, wantCode: exitOK},
		{
			// The servers' gazetteer (the fake's: Germany and France),
			// fetched with ListActors, decides, not the embedded one.
			name: "speaker checked against the servers", args: []string{"--remote", addr},
			input:    `{"text":"France agreed.","speaker_id":"country/USA"}` + "\n",
			wantCode: exitFail, wantStderr: `line 1: speaker_id: speaker_id "country/USA" is neither`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			input := tt.input
			if input == "" {
				input = `{"id":"a","text":"France agreed.","speaker_id":"country/DEU"}` + "\n"
			}
			r := runWith(t, nil, input, tt.env, append([]string{"analyze"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			assert.Contains(t, r.stderr, tt.wantStderr)
			if tt.wantCode == exitOK {
				assert.Equal(t, 1, strings.Count(r.stdout, "\n"))
			}
		})
	}
}

func TestAnalyzeRemoteUnreachable(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: the run fails at the start, saying where.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	r := runWith(t, nil, `{"text":"France agreed."}`+"\n", nil, "analyze", "--remote", addr)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "stancetag analyze: -remote "+addr+": listing the servers' actors:")
	assert.Contains(t, r.stderr, "code = Unavailable")
}
