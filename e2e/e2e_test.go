// Package e2e tests stancetag from the outside, as a user runs it: it builds
// the real binary, serves on a free port, drives the server with grpcurl (run
// through `go tool -modfile=tools/go.mod`, as the README shows) and pipes JSONL
// through `stancetag analyze`. ops_test.go covers operations: metrics and
// probes, mutual TLS, bearer tokens and lexicon reload on SIGHUP; fleet_test.go
// tags a corpus with `analyze --remote` on three replicas, one of them killed
// midway; http_test.go calls --http-listen with curl. It needs the go command and runs with
// `go test ./...`; `make e2e` runs it alone, uncached.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Time limits, generous for a loaded 2-core machine. The first grpcurl call
// may compile grpcurl into the build cache.
const (
	buildTimeout   = 5 * time.Minute
	startTimeout   = time.Minute
	commandTimeout = 3 * time.Minute
	// shutdownTimeout is the server's --shutdown-timeout; the process must
	// be gone well within exitTimeout.
	shutdownTimeout = 5 * time.Second
	exitTimeout     = 20 * time.Second
)

// The binary is built once for all tests.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	tmpDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if tmpDir != "" {
		_ = os.RemoveAll(tmpDir)
	}
	os.Exit(code)
}

// repoRoot is the module root: tests run in e2e/.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	return root
}

// binary builds cmd/stancetag (once) and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	buildOnce.Do(func() {
		tmpDir, buildErr = os.MkdirTemp("", "stancetag-e2e-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(tmpDir, "stancetag")
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", binPath, "./cmd/stancetag")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New("go build ./cmd/stancetag: " + err.Error() + "\n" + string(out))
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

// cleanEnv is the environment without STANCETAG_* variables, so the
// developer's settings cannot change what is tested.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "STANCETAG_") {
			env = append(env, kv)
		}
	}
	return env
}

// server is a running `stancetag serve`.
type server struct {
	cmd  *exec.Cmd
	addr string
	// metricsAddr is the HTTP metrics address, with --metrics-listen.
	metricsAddr string
	mu          sync.Mutex
	logs        bytes.Buffer // stderr, JSON lines
	exited      chan struct{}
	err         error // of cmd.Wait, once exited is closed
}

func (s *server) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// startServer starts the binary on a free port and waits for the "serving"
// log line that carries the address (and the "metrics serving" line before
// it, with --metrics-listen).
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	s := &server{exited: make(chan struct{})}
	s.cmd = exec.Command(binary(t), append([]string{"serve", "--listen", "127.0.0.1:0",
		"--shutdown-timeout", shutdownTimeout.String()}, args...)...)
	s.cmd.Env = cleanEnv()
	stderr, err := s.cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, s.cmd.Start())

	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Bytes()
			s.mu.Lock()
			s.logs.Write(line)
			s.logs.WriteByte('\n')
			s.mu.Unlock()
			var rec struct{ Msg, Addr string }
			if json.Unmarshal(line, &rec) == nil && rec.Addr != "" {
				switch rec.Msg {
				case "metrics serving":
					s.mu.Lock()
					s.metricsAddr = rec.Addr
					s.mu.Unlock()
				case "serving":
					select {
					case addr <- rec.Addr:
					default:
					}
				}
			}
		}
		s.err = s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	})

	select {
	case s.addr = <-addr:
	case <-s.exited:
		t.Fatalf("server exited before serving: %v\nlog:\n%s", s.err, s.log())
	case <-time.After(startTimeout):
		t.Fatalf("no \"serving\" log line within %v; log:\n%s", startTimeout, s.log())
	}
	return s
}

// waitServing polls the health service until the server reports SERVING.
func waitServing(t *testing.T, addr string) {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	client := healthpb.NewHealthClient(conn)
	ctx, cancel := context.WithTimeout(t.Context(), startTimeout)
	defer cancel()
	for {
		resp, err := client.Check(ctx, &healthpb.HealthCheckRequest{Service: "stance.v1.StanceService"})
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("health never SERVING: last %v, %v", resp, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// grpcurl runs `go tool -modfile=tools/go.mod grpcurl -plaintext ARGS...`
// and returns its combined output and error.
func grpcurl(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	return grpcurlWith(t, stdin, append([]string{"-plaintext"}, args...)...)
}

// grpcurlWith is grpcurl without -plaintext: ARGS say how to connect.
func grpcurlWith(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := repoRoot(t)
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	full := append([]string{"tool", "-modfile=" + filepath.Join(root, "tools", "go.mod"), "grpcurl"}, args...)
	cmd := exec.CommandContext(ctx, "go", full...)
	cmd.Dir = root
	cmd.Env = cleanEnv()
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// decodeAll parses grpcurl's output, one or more JSON objects, into fresh
// messages made by newMsg.
func decodeAll[M proto.Message](t *testing.T, out string, newMsg func() M) []M {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var msgs []M
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return msgs
		}
		require.NoError(t, err, "grpcurl output:\n%s", out)
		m := newMsg()
		require.NoError(t, protojson.Unmarshal(raw, m), "message:\n%s", raw)
		msgs = append(msgs, m)
	}
}

// franceText is the canonical example: France holds a supportive stance
// toward Germany (through its proposal).
const franceText = "France backed Germany's proposal for a joint energy fund on Tuesday."

func TestServe(t *testing.T) {
	s := startServer(t)
	waitServing(t, s.addr)

	t.Run("list", func(t *testing.T) {
		out, err := grpcurl(t, "", s.addr, "list")
		require.NoError(t, err, out)
		assert.Contains(t, out, "stance.v1.StanceService")
		assert.Contains(t, out, "grpc.health.v1.Health")
	})

	t.Run("describe", func(t *testing.T) {
		out, err := grpcurl(t, "", s.addr, "describe", "stance.v1.StanceService")
		require.NoError(t, err, out)
		for _, rpc := range []string{"rpc Analyze (", "rpc AnalyzeStream (", "rpc ListActors ("} {
			assert.Contains(t, out, rpc)
		}
	})

	t.Run("Analyze", func(t *testing.T) {
		req := `{"statements":[{"id":"s1","text":"` + franceText + `"}],"options":{"includeEvidence":true}}`
		out, err := grpcurl(t, "", "-d", req, s.addr, "stance.v1.StanceService/Analyze")
		require.NoError(t, err, out)
		resps := decodeAll(t, out, func() *stancev1.AnalyzeResponse { return new(stancev1.AnalyzeResponse) })
		require.Len(t, resps, 1)
		resp := resps[0]
		assert.NotEmpty(t, resp.GetLexiconVersion())
		require.Len(t, resp.GetAnalyses(), 1)
		a := resp.GetAnalyses()[0]
		assert.Equal(t, "s1", a.GetStatementId())
		assert.NotNil(t, a.GetSentiment())

		mentioned := map[string]string{}
		for _, m := range a.GetMentions() {
			mentioned[m.GetActorId()] = m.GetText()
			require.LessOrEqual(t, int(m.GetSpan().GetEnd()), len(franceText))
			require.LessOrEqual(t, m.GetSpan().GetBegin(), m.GetSpan().GetEnd())
			assert.Equal(t, m.GetText(), franceText[m.GetSpan().GetBegin():m.GetSpan().GetEnd()], "UTF-8 spans by default")
		}
		assert.Equal(t, map[string]string{"country/FRA": "France", "country/DEU": "Germany"}, mentioned)

		stances := map[string]stancev1.Stance{}
		for _, ts := range a.GetTargets() {
			stances[ts.GetActorId()] = ts.GetStance()
		}
		assert.Equal(t, stancev1.Stance_STANCE_SUPPORT, stances["country/DEU"], "targets: %v", a.GetTargets())

		var found bool
		for _, r := range a.GetRelations() {
			if r.GetHolderId() == "country/FRA" && r.GetTargetId() == "country/DEU" {
				found = true
				assert.Equal(t, stancev1.Stance_STANCE_SUPPORT, r.GetStance())
				assert.Positive(t, r.GetScore())
				assert.NotEmpty(t, r.GetEvidence(), "include_evidence was set")
			}
		}
		assert.True(t, found, "relation France -> Germany; relations: %v", a.GetRelations())
	})

	t.Run("AnalyzeStream", func(t *testing.T) {
		// Two messages in, two analyses out, in order.
		in := `{"statement":{"id":"a","text":"` + franceText + `"}}` + "\n" +
			`{"statement":{"id":"b","text":"Germany thanked France for the support."}}`
		out, err := grpcurl(t, in, "-d", "@", s.addr, "stance.v1.StanceService/AnalyzeStream")
		require.NoError(t, err, out)
		resps := decodeAll(t, out, func() *stancev1.AnalyzeStreamResponse { return new(stancev1.AnalyzeStreamResponse) })
		require.Len(t, resps, 2)
		assert.Equal(t, "a", resps[0].GetAnalysis().GetStatementId())
		assert.Equal(t, "b", resps[1].GetAnalysis().GetStatementId())
	})

	t.Run("ListActors", func(t *testing.T) {
		out, err := grpcurl(t, "", "-d", `{"pageSize":1000}`, s.addr, "stance.v1.StanceService/ListActors")
		require.NoError(t, err, out)
		resps := decodeAll(t, out, func() *stancev1.ListActorsResponse { return new(stancev1.ListActorsResponse) })
		require.Len(t, resps, 1)
		ids := map[string]bool{}
		prev := ""
		for _, a := range resps[0].GetActors() {
			ids[a.GetId()] = true
			assert.Less(t, prev, a.GetId(), "ordered by id")
			prev = a.GetId()
		}
		for _, id := range []string{"country/FRA", "country/DEU", "country/USA", "country/RUS"} {
			assert.True(t, ids[id], "gazetteer has %s", id)
		}
		assert.GreaterOrEqual(t, int(resps[0].GetTotalSize()), len(resps[0].GetActors()))
	})

	t.Run("ListActors paging", func(t *testing.T) {
		out, err := grpcurl(t, "", "-d", `{"pageSize":2}`, s.addr, "stance.v1.StanceService/ListActors")
		require.NoError(t, err, out)
		first := decodeAll(t, out, func() *stancev1.ListActorsResponse { return new(stancev1.ListActorsResponse) })[0]
		require.Len(t, first.GetActors(), 2)
		require.NotEmpty(t, first.GetNextPageToken())

		out, err = grpcurl(t, "", "-d", `{"pageSize":2,"pageToken":"`+first.GetNextPageToken()+`"}`, s.addr, "stance.v1.StanceService/ListActors")
		require.NoError(t, err, out)
		second := decodeAll(t, out, func() *stancev1.ListActorsResponse { return new(stancev1.ListActorsResponse) })[0]
		require.NotEmpty(t, second.GetActors())
		assert.Less(t, first.GetActors()[1].GetId(), second.GetActors()[0].GetId(), "the second page follows the first")
	})

	t.Run("Health", func(t *testing.T) {
		for _, req := range []string{`{}`, `{"service":"stance.v1.StanceService"}`} {
			out, err := grpcurl(t, "", "-d", req, s.addr, "grpc.health.v1.Health/Check")
			require.NoError(t, err, out)
			assert.Contains(t, out, `"status": "SERVING"`, "request %s", req)
		}
	})

	t.Run("empty text is InvalidArgument naming the field", func(t *testing.T) {
		out, err := grpcurl(t, "", "-d", `{"statements":[{"id":"ok","text":"Fine."},{"id":"bad","text":""}]}`,
			s.addr, "stance.v1.StanceService/Analyze")
		require.Error(t, err, "grpcurl exits non-zero on an error status")
		assert.Contains(t, out, "Code: InvalidArgument")
		assert.Contains(t, out, "google.rpc.BadRequest")
		assert.Contains(t, out, `"field": "statements[1].text"`)
	})

	t.Run("SIGTERM stops gracefully", func(t *testing.T) {
		require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
		select {
		case <-s.exited:
		case <-time.After(exitTimeout):
			t.Fatalf("still running %v after SIGTERM; log:\n%s", exitTimeout, s.log())
		}
		require.NoError(t, s.err, "exit status; log:\n%s", s.log())
		assert.Contains(t, s.log(), `"msg":"stopped"`)
	})
}

func TestAnalyzeCLI(t *testing.T) {
	t.Parallel()
	input := strings.Join([]string{
		`{"id":"a","text":"` + franceText + `"}`,
		`{"id":"b","text":""}`,
		`{"id":"c","text":"The minister praised Ruritania's mediation.","actors":[{"name":"Ruritania","kind":"ACTOR_KIND_COUNTRY"}]}`,
	}, "\n") + "\n"
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "analyze", "--workers", "2")
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()

	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want a non-zero exit, got %v; stderr:\n%s", err, stderr.String())
	assert.Equal(t, 1, exit.ExitCode())
	assert.Contains(t, stderr.String(), "line 2: text: text is empty")

	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	require.Len(t, lines, 2, "stdout:\n%s", stdout.String())
	var ids []string
	for _, line := range lines {
		var a stancev1.Analysis
		require.NoError(t, protojson.Unmarshal([]byte(line), &a), line)
		ids = append(ids, a.GetStatementId())
		assert.NotNil(t, a.GetSentiment())
	}
	assert.Equal(t, []string{"a", "c"}, ids)
	assert.Contains(t, lines[0], `"actorId":"country/DEU"`)
	assert.Contains(t, lines[1], `"actorId":"ruritania"`, "caller actor with a derived id")
}

func TestVersion(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "version")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 2, string(out))
	assert.True(t, strings.HasPrefix(lines[0], "stancetag "), lines[0])
	assert.Contains(t, lines[0], "go1.")
	assert.True(t, strings.HasPrefix(lines[1], "lexicon "), lines[1])
}
