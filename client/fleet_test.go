package client

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// fleetSize is how many statements the fleet tests send: 100,000, or 10,000
// with -short. Under -race on two cores the full run takes a few seconds.
func fleetSize() int {
	if testing.Short() {
		return 10_000
	}
	return 100_000
}

// TestFleet tags a corpus on three in-process replicas and takes one of them
// down at 30%, while it holds work (its classifier is made to hang first):
// every statement must still come back exactly once, in order, and the two
// survivors must carry the rest.
func TestFleet(t *testing.T) {
	tests := []struct {
		name string
		down func(r *replica)
	}{
		// A crash: connections cut, calls in progress fail UNAVAILABLE.
		{name: "killed", down: func(r *replica) { r.srv.GRPCServer().Stop() }},
		// A rolling update: health turns NOT_SERVING, then the calls left
		// are cut when the grace period ends.
		{name: "drained", down: func(r *replica) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			_ = r.srv.Shutdown(ctx) // times out: the trapped calls never finish
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: each run keeps both cores busy.
			n := fleetSize()
			rs := []*replica{startReplica(t), startReplica(t), startReplica(t)}
			a, b, c := rs[0], rs[1], rs[2]
			cl := dial(t, a.addr+","+b.addr+","+c.addr, WithBatchBackoff(10*time.Millisecond, 100*time.Millisecond))

			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			// The killer hangs b's classifier at 30%, waits until b holds a
			// call, then takes b down. Its results are read after <-killerDone.
			var (
				arm              = make(chan struct{})
				armOnce          = sync.OnceFunc(func() { close(arm) })
				killerDone       = make(chan struct{})
				downed           atomic.Bool
				bAtArm           int64
				aAtDown, cAtDown int64
			)
			go func() {
				defer close(killerDone)
				select {
				case <-arm:
				case <-ctx.Done():
					return
				}
				bAtArm = b.fake.calls.Load()
				caught := make(chan struct{}, 1)
				b.fake.trap.Store(&caught)
				select {
				case <-caught:
				case <-ctx.Done():
					return
				}
				aAtDown, cAtDown = a.fake.calls.Load(), c.fake.calls.Load()
				tt.down(b)
				downed.Store(true)
			}()

			var o inOrder
			err := cl.AnalyzeAll(ctx, Corpus{Statements: statements(n)}, func(an *stancev1.Analysis) error {
				if o.next == n*3/10 {
					armOnce()
				}
				return o.out(an)
			})
			cancel()
			<-killerDone
			require.NoError(t, err)
			o.check(t, n)
			require.True(t, downed.Load(), "replica b was taken down while holding work")
			served := []int64{a.fake.calls.Load(), b.fake.calls.Load(), c.fake.calls.Load()}
			t.Logf("statements analysed per replica: %v (%d redone)", served, served[0]+served[1]+served[2]-int64(n))
			assert.Positive(t, bAtArm, "b served before it was made to hang")
			assert.Greater(t, served[0], aAtDown, "a carried on")
			assert.Greater(t, served[2], cAtDown, "c carried on")
		})
	}
}

// TestFleetBinary is TestFleet on three `stancetag serve` processes of the
// binary named by STANCETAG_BIN, one of which is killed (SIGKILL) at 30%.
// Which replica served what is read from the servers' per-call log lines.
func TestFleetBinary(t *testing.T) {
	bin := os.Getenv("STANCETAG_BIN")
	if bin == "" {
		t.Skip("STANCETAG_BIN not set: no binary to run")
	}
	n := fleetSize()
	ps := []*process{startProcess(t, bin), startProcess(t, bin), startProcess(t, bin)}
	cl := dial(t, ps[0].addr+","+ps[1].addr+","+ps[2].addr, WithBatchBackoff(10*time.Millisecond, 100*time.Millisecond))

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	var aAtKill, cAtKill int64
	var o inOrderText
	err := cl.AnalyzeAll(ctx, Corpus{Statements: newsStatements(n)}, func(an *stancev1.Analysis) error {
		if o.next == n*3/10 {
			aAtKill, cAtKill = ps[0].statements.Load(), ps[2].statements.Load()
			if err := ps[1].cmd.Process.Kill(); err != nil {
				return fmt.Errorf("killing replica b: %w", err)
			}
		}
		return o.out(an)
	})
	require.NoError(t, err)
	require.Empty(t, o.mismatch)
	require.Equal(t, n, o.next)
	served := []int64{ps[0].statements.Load(), ps[1].statements.Load(), ps[2].statements.Load()}
	t.Logf("statements analysed per replica: %v", served)
	assert.Positive(t, served[1], "the killed replica served before")
	assert.Greater(t, served[0], aAtKill, "a carried on")
	assert.Greater(t, served[2], cAtKill, "c carried on")
}

// newsSentences are the texts of the binary test's corpus, written for it.
var newsSentences = []string{
	"France backed Germany's proposal for a joint energy fund on Tuesday.",
	"The opposition leader condemned the government's handling of the port strike.",
	"Washington welcomed the ceasefire but warned that sanctions would stay in place.",
	"Local farmers rejected the new water quotas announced by the ministry.",
	"NATO allies praised Finland for its rapid increase in defence spending.",
	"The central bank kept interest rates unchanged for a third month.",
}

func newsStatements(n int) func(func(*stancev1.Statement) bool) {
	return func(yield func(*stancev1.Statement) bool) {
		for i := range n {
			if !yield(&stancev1.Statement{Id: statementID(i), Text: newsSentences[i%len(newsSentences)]}) {
				return
			}
		}
	}
}

// inOrderText is inOrder for analyses whose content the test cannot
// predict: only ids are checked.
type inOrderText struct {
	next     int
	mismatch string
}

func (o *inOrderText) out(a *stancev1.Analysis) error {
	if want := statementID(o.next); o.mismatch == "" && a.GetStatementId() != want {
		o.mismatch = fmt.Sprintf("analysis %d is of %q, want %q", o.next, a.GetStatementId(), want)
	}
	o.next++
	return nil
}

// process is a running `stancetag serve`.
type process struct {
	cmd  *exec.Cmd
	addr string
	// statements counts the statements of Analyze calls it logged as OK.
	statements atomic.Int64
	logsDone   chan struct{}
}

// startProcess runs `bin serve` on a free port and follows its JSON log.
func startProcess(t *testing.T, bin string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, "serve", "--listen=127.0.0.1:0"), logsDone: make(chan struct{})}
	for _, kv := range os.Environ() {
		// The developer's settings must not change what is tested.
		if !strings.HasPrefix(kv, "STANCETAG_") {
			p.cmd.Env = append(p.cmd.Env, kv)
		}
	}
	stderr, err := p.cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, p.cmd.Start())
	addr := make(chan string, 1)
	go p.follow(stderr, addr)
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		<-p.logsDone
		_ = p.cmd.Wait() // killed or stopped: either is fine here
	})
	select {
	case p.addr = <-addr:
	case <-p.logsDone:
		t.Fatal("stancetag serve exited before serving")
	case <-time.After(time.Minute):
		t.Fatal("stancetag serve did not log its address within a minute")
	}
	return p
}

// follow reads the log until the process ends: it sends the address of the
// "serving" line on addr and counts analysed statements.
func (p *process) follow(r io.Reader, addr chan<- string) {
	defer close(p.logsDone)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var line struct {
			Msg, Addr, Method, Code string
			Statements              int64
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		switch {
		case line.Msg == "serving" && line.Addr != "":
			select {
			case addr <- line.Addr:
			default:
			}
		case strings.HasSuffix(line.Method, "/Analyze") && line.Code == "OK":
			p.statements.Add(line.Statements)
		}
	}
	_, _ = io.Copy(io.Discard, r)
}
