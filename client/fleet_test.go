package client

import (
	"context"
	"sync"
	"sync/atomic"
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
