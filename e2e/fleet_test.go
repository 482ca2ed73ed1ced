package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fleetStatements is the corpus size of TestFleetAnalyze: 100,000, or 10,000
// with -short.
func fleetStatements() int {
	if testing.Short() {
		return 10_000
	}
	return 100_000
}

// frozenFor is how long TestFleetAnalyze freezes a replica (SIGSTOP) before
// killing it.
const frozenFor = 500 * time.Millisecond

// fleetID is the id of the i-th statement of the fleet corpus.
func fleetID(i int) string { return fmt.Sprintf("f%06d", i) }

// writeFleetCorpus writes n statements, written for this test, to a JSONL
// file and returns its path.
func writeFleetCorpus(t *testing.T, n int) string {
	t.Helper()
	holders := []string{"France", "Germany", "The Kremlin", "Washington", "NATO", "The European Union", "Brazil",
		"Japan's foreign ministry", "Xi Jinping", "Emmanuel Macron", "Ukrainian officials", "The opposition"}
	verbs := []string{"backed", "condemned", "welcomed", "rejected", "praised", "criticised", "did not endorse", "thanked"}
	objects := []string{"the grain corridor deal", "Poland's proposal", "the new sanctions package", "India",
		"the UN resolution", "Canada's envoy", "the ceasefire talks", "Turkey's mediation"}
	tails := []string{".", " on Monday.", " after a late-night session in Brussels.", " 🌍.", ", a spokesperson said.",
		" — for now."}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	for i := range n {
		text := holders[i%len(holders)] + " " + verbs[i/len(holders)%len(verbs)] + " " +
			objects[i/7%len(objects)] + tails[i%len(tails)]
		line, err := json.Marshal(map[string]string{"id": fleetID(i), "text": text})
		require.NoError(t, err)
		_, _ = w.Write(line)
		_ = w.WriteByte('\n')
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	return path
}

// analyzedStatements sums the statements of the Analyze calls s logged as
// OK (one JSON line per RPC).
func analyzedStatements(s *server) int {
	n := 0
	sc := bufio.NewScanner(strings.NewReader(s.log()))
	for sc.Scan() {
		var rec struct {
			Msg, Method, Code string
			Statements        int
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "rpc" &&
			rec.Method == "/stance.v1.StanceService/Analyze" && rec.Code == "OK" {
			n += rec.Statements
		}
	}
	return n
}

// TestFleetAnalyze runs `stancetag analyze --remote A,B,C` on three `serve`
// replicas and kills one of them (SIGKILL) once 30% of the analyses are out:
// every statement must come back exactly once, in input order, and the two
// survivors must carry the rest. Which replica served what is read from their
// per-RPC log lines.
func TestFleetAnalyze(t *testing.T) {
	// Not parallel: it keeps both cores busy.
	n := fleetStatements()
	corpus := writeFleetCorpus(t, n)
	rs := []*server{startServer(t), startServer(t), startServer(t)}
	for _, s := range rs {
		waitServing(t, s.addr)
	}

	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "analyze", "--remote", rs[0].addr+","+rs[1].addr+","+rs[2].addr, corpus)
	cmd.Env = cleanEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	start := time.Now()
	require.NoError(t, cmd.Start())

	var (
		got, mismatch    int
		firstMismatch    string
		killed           = make(chan struct{})
		killErr          error
		progress, atKill atomic.Int64 // analyses read; progress at the kill
		aAtKill, cAtKill int
		killAt           = n * 3 / 10
	)
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		_, rest, _ := strings.Cut(sc.Text(), `"statementId":"`)
		id, _, _ := strings.Cut(rest, `"`)
		if want := fleetID(got); id != want {
			if mismatch == 0 {
				firstMismatch = fmt.Sprintf("output line %d is of %q, want %q", got+1, id, want)
			}
			mismatch++
		}
		got++
		progress.Store(int64(got))
		if got == killAt {
			// Freeze b first, so that it is killed holding calls (round robin
			// keeps sending it batches, about one a millisecond) rather than
			// between two: those calls must fail over to a and c.
			aAtKill, cAtKill = analyzedStatements(rs[0]), analyzedStatements(rs[2])
			require.NoError(t, rs[1].cmd.Process.Signal(syscall.SIGSTOP))
			go func() {
				defer close(killed)
				time.Sleep(frozenFor)
				atKill.Store(progress.Load())
				killErr = rs[1].cmd.Process.Kill()
			}()
		}
	}
	require.NoError(t, sc.Err())
	err = cmd.Wait()
	took := time.Since(start)
	require.NoError(t, err, "stderr:\n%s", stderr.String())
	assert.Empty(t, stderr.String())

	assert.Zero(t, mismatch, "first: %s", firstMismatch)
	require.Equal(t, n, got, "one analysis per statement")
	<-killed // closed once output passed killAt: got == n
	require.NoError(t, killErr)
	<-rs[1].exited
	// While b was frozen, the output could not pass the first batch b held:
	// only the batches in flight when it froze (4 per address, of 100
	// statements) and what sat in the buffers between the two processes
	// (64 KiB in analyze, 64 KiB of pipe, 64 KiB in the scanner: under 2,000
	// lines) came out. Had b held nothing, the output would have run on, at
	// tens of thousands of lines a second here.
	assert.Less(t, atKill.Load(), int64(killAt+5000), "b held calls when it was killed")

	served := []int{analyzedStatements(rs[0]), analyzedStatements(rs[1]), analyzedStatements(rs[2])}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss >> 10 // KiB on Linux
	}
	// A call b completed but could not answer is counted twice.
	t.Logf("%d statements in %v (%.0f/s, b frozen for %v of it); analysed per replica %v, %d twice; analyze max RSS %d MiB",
		n, took.Round(time.Millisecond), float64(n)/took.Seconds(), frozenFor, served, served[0]+served[1]+served[2]-n, rss)
	assert.Positive(t, served[1], "the killed replica served before")
	assert.Greater(t, served[0], aAtKill, "a carried on")
	assert.Greater(t, served[2], cAtKill, "c carried on")
	assert.GreaterOrEqual(t, served[0]+served[1]+served[2], n, "every statement was analysed somewhere")
}
