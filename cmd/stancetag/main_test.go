package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/stancetag/stancetag/classifier"
)

// fakeClassifier mentions every gazetteer or caller actor whose name occurs
// in the text; enough to see the wiring, not the analysis.
type fakeClassifier struct{}

var fakeGazetteer = []classifier.Actor{{ID: "country/DEU", Name: "Germany"}, {ID: "country/FRA", Name: "France"}}

func (fakeClassifier) Analyze(_ context.Context, st classifier.Statement, opts classifier.Options) (classifier.Analysis, error) {
	a := classifier.Analysis{StatementID: st.ID, Sentiment: classifier.Sentiment{Label: classifier.SentimentNeutral}}
	actors := st.Actors
	if !opts.DisableGazetteer {
		actors = append(actors[:len(actors):len(actors)], fakeGazetteer...)
	}
	for _, act := range actors {
		if i := strings.Index(st.Text, act.Name); i >= 0 {
			a.Mentions = append(a.Mentions, classifier.Mention{ActorID: act.ID, Span: classifier.Span{Begin: i, End: i + len(act.Name)}})
		}
	}
	return a, nil
}
func (fakeClassifier) Gazetteer() []classifier.Actor { return fakeGazetteer }
func (fakeClassifier) Version() string               { return "fake/1.0.0" }

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type result struct {
	code           int
	stdout, stderr string
}

// newApp returns an app over a fake classifier; loadDirs records the
// lexicon dirs asked for.
func newApp(stdin string, env map[string]string) (*app, *syncBuffer, *syncBuffer, *[]string) {
	var out, errs syncBuffer
	var dirs []string
	a := &app{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errs,
		env: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
		load: func(dir string) (classifier.Classifier, error) {
			dirs = append(dirs, dir)
			if dir == "/missing" {
				return nil, errors.New("open /missing: no such file or directory")
			}
			return fakeClassifier{}, nil
		},
	}
	return a, &out, &errs, &dirs
}

func runApp(t *testing.T, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	a, out, errs, _ := newApp(stdin, env)
	code := a.run(t.Context(), args)
	return result{code, out.String(), errs.String()}
}

func TestRunCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		stdin      string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{name: "no command", wantCode: exitUsage, wantStderr: "usage: stancetag COMMAND"},
		{name: "unknown command", args: []string{"tag"}, wantCode: exitUsage, wantStderr: `unknown command "tag"`},
		{name: "help", args: []string{"help"}, wantCode: exitOK, wantStdout: "analyze [FILE]"},
		{
			// -h documents the defaults and the environment variables.
			name: "serve -h", args: []string{"serve", "-h"}, wantCode: exitOK,
			wantStderr: `(env STANCETAG_LISTEN) (default ":50051")`,
		},
		{name: "analyze -h", args: []string{"analyze", "-h"}, wantCode: exitOK, wantStderr: "STANCETAG_OFFSET_ENCODING"},
		{name: "bad flag", args: []string{"analyze", "-workers", "x"}, wantCode: exitUsage, wantStderr: `invalid value "x" for flag -workers`},
		{
			name: "bad env", args: []string{"analyze"}, env: map[string]string{"STANCETAG_EVIDENCE": "sometimes"},
			wantCode: exitUsage, wantStderr: `invalid value "sometimes" for STANCETAG_EVIDENCE`,
		},
		{name: "negative workers", args: []string{"analyze", "-workers", "-1"}, wantCode: exitUsage, wantStderr: "-workers must be >= 0"},
		{name: "bad encoding", args: []string{"analyze", "-offset-encoding", "latin1"}, wantCode: exitUsage, wantStderr: "want utf8, utf16 or code-point"},
		{
			// Flags after FILE are not flags: say so rather than read a file named "-workers".
			name: "flag after file", args: []string{"analyze", "in.jsonl", "-workers", "2"},
			wantCode: exitUsage, wantStderr: "flags go before FILE",
		},
		{name: "missing file", args: []string{"analyze", "/nonexistent/in.jsonl"}, wantCode: exitFail, wantStderr: "no such file"},
		{name: "lexicon fails", args: []string{"analyze", "-lexicon-dir", "/missing"}, wantCode: exitFail, wantStderr: "loading lexicon: open /missing"},
		{
			name: "limits checked", args: []string{"analyze", "-max-text-bytes", "100", "-max-line-bytes", "50"},
			wantCode: exitUsage, wantStderr: "MaxRecvMsgBytes (50) must be >= MaxTextBytes (100)",
		},
		{
			name: "serve limits checked", args: []string{"serve", "-max-batch", "10", "-max-in-flight", "5"},
			wantCode: exitUsage, wantStderr: "MaxInFlight (5) must be >= MaxBatch (10)",
		},
		{name: "serve arguments", args: []string{"serve", "extra"}, wantCode: exitUsage, wantStderr: `unexpected arguments ["extra"]`},
		{name: "serve bad timeout", args: []string{"serve", "-shutdown-timeout", "0s"}, wantCode: exitUsage, wantStderr: "-shutdown-timeout must be > 0"},
		{name: "serve cannot listen", args: []string{"serve", "-listen", "256.0.0.1:0"}, wantCode: exitFail, wantStderr: `"msg":"listening"`},
		{name: "serve lexicon fails", args: []string{"serve", "-lexicon-dir", "/missing"}, wantCode: exitFail, wantStderr: `"msg":"loading lexicon"`},
		{name: "version", args: []string{"version"}, wantCode: exitOK, wantStdout: "lexicon fake/1.0.0\n"},
		{name: "version lexicon fails", args: []string{"version", "-lexicon-dir", "/missing"}, wantCode: exitFail, wantStderr: "loading lexicon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, tt.stdin, tt.env, tt.args...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			assert.Contains(t, r.stdout, tt.wantStdout)
			assert.Contains(t, r.stderr, tt.wantStderr)
		})
	}
}

func TestAnalyze(t *testing.T) {
	t.Parallel()
	input := `{"id":"a","text":"France agreed."}` + "\n" +
		`{"id":"b","text":""}` + "\n" +
		`{"id":"c","text":"Zürich and Germany."}` + "\n"
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		fromFile bool
		wantOut  []string // one substring per output line
		wantCode int
	}{
		{
			name:     "stdin, bad line reported",
			args:     []string{"analyze"},
			wantOut:  []string{`"statementId":"a"`, `"statementId":"c"`},
			wantCode: exitFail,
		},
		{
			name:     "file",
			args:     []string{"analyze"},
			fromFile: true,
			wantOut:  []string{`"statementId":"a"`, `"statementId":"c"`},
			wantCode: exitFail,
		},
		{
			// "Zürich" is 7 bytes but 6 UTF-16 units: Germany starts at byte 12
			// but UTF-16 unit 11.
			name:     "offset encoding from env",
			args:     []string{"analyze", "-"},
			env:      map[string]string{"STANCETAG_OFFSET_ENCODING": "utf16"},
			wantOut:  []string{`"span":{"end":6}`, `"span":{"begin":11,"end":18}`},
			wantCode: exitFail,
		},
		{
			name:     "no gazetteer",
			args:     []string{"analyze", "-no-gazetteer"},
			wantOut:  []string{`{"statementId":"a","sentiment":{"label":"SENTIMENT_LABEL_NEUTRAL"}}`, `{"statementId":"c",`},
			wantCode: exitFail,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := tt.args
			stdin := input
			if tt.fromFile {
				path := filepath.Join(t.TempDir(), "in.jsonl")
				require.NoError(t, os.WriteFile(path, []byte(input), 0o600))
				args = append(args, path)
				stdin = ""
			}
			r := runApp(t, stdin, tt.env, args...)
			assert.Equal(t, tt.wantCode, r.code)
			assert.Contains(t, r.stderr, "line 2: text: text is empty")
			assert.Contains(t, r.stderr, "1 of 3 statements bad, 2 analysed")
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			require.Len(t, lines, len(tt.wantOut), r.stdout)
			for i, want := range tt.wantOut {
				assert.Contains(t, lines[i], want)
			}
		})
	}
}

func TestAnalyzeAllGood(t *testing.T) {
	t.Parallel()
	r := runApp(t, `{"id":"a","text":"France agreed."}`+"\n", nil, "analyze")
	assert.Equal(t, exitOK, r.code)
	assert.Empty(t, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, "\n"))
}

func TestServeStopsOnSignal(t *testing.T) {
	t.Parallel()
	// The cancelled ctx stands for SIGTERM (main wires the signals to it).
	a, _, errs, dirs := newApp("", map[string]string{"STANCETAG_LEXICON_DIR": "/data/lexicon"})
	stopped := false
	a.stop = func() { stopped = true }
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- a.run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-log-level", "debug"}) }()

	var addr string
	require.Eventually(t, func() bool {
		for line := range strings.Lines(errs.String()) {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "serving" {
				addr = rec.Addr
				return true
			}
		}
		return false
	}, 10*time.Second, 5*time.Millisecond)

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	resp, err := healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())

	cancel()
	select {
	case c := <-code:
		assert.Equal(t, exitOK, c, "stderr:\n%s", errs.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return after cancellation")
	}
	assert.True(t, stopped, "default signal handling restored for a second signal")
	assert.Contains(t, errs.String(), `"msg":"stopped"`)
	assert.Equal(t, []string{"/data/lexicon"}, *dirs, "the lexicon dir comes from the environment")
}

func TestBinaryVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{name: "no build info", want: "unknown (no build info)"},
		{
			name: "release",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v1.2.0"}},
			ok:   true,
			want: "v1.2.0 (go1.26.1)",
		},
		{
			// Revisions are cut to 12 characters; a dirty tree is marked.
			name: "vcs build",
			bi: &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "0123456789abcdef0123"},
				{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
				{Key: "vcs.modified", Value: "true"},
			}},
			ok:   true,
			want: "(devel) (rev 0123456789ab+dirty, 2026-01-02T03:04:05Z, go1.26.1)",
		},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, binaryVersion(tt.bi, tt.ok), tt.name)
	}
}
