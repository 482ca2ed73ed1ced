package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// analyzeOnce sends a one-statement Analyze call and reports whether it
// succeeded. It does not fail the test itself: require.Eventually runs it on
// another goroutine.
func analyzeOnce(ctx context.Context, c *Client) bool {
	_, err := c.Analyze(ctx, &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{{Id: "s", Text: "The council backed the plan."}},
	})
	return err == nil
}

// TestRoundRobin fails with gRPC's default pick_first, which sends every
// call to one replica.
func TestRoundRobin(t *testing.T) {
	t.Parallel()
	rs := []*replica{startReplica(t), startReplica(t), startReplica(t)}
	c := dial(t, rs[0].addr+","+rs[1].addr+","+rs[2].addr)
	// Replicas join the rotation as their connections become ready.
	require.Eventually(t, func() bool {
		return analyzeOnce(t.Context(), c) &&
			rs[0].fake.calls.Load() > 0 && rs[1].fake.calls.Load() > 0 && rs[2].fake.calls.Load() > 0
	}, 30*time.Second, time.Millisecond)
}

// TestHealthCheckDrain fails unless the service config's health checking is
// on: a draining replica still answers calls, only its health says to stop
// sending them.
func TestHealthCheckDrain(t *testing.T) {
	t.Parallel()
	a, b := startReplica(t), startReplica(t)
	c := dial(t, strings.Join([]string{a.addr, b.addr}, ","))
	require.Eventually(t, func() bool {
		return analyzeOnce(t.Context(), c) &&
			a.fake.calls.Load() > 0 && b.fake.calls.Load() > 0
	}, 30*time.Second, time.Millisecond)

	a.srv.Drain()
	// The NOT_SERVING update reaches the client on its health watch stream;
	// from then on, 20 calls in a row miss a.
	require.Eventually(t, func() bool {
		before := a.fake.calls.Load()
		for range 20 {
			if !analyzeOnce(t.Context(), c) {
				return false
			}
		}
		return a.fake.calls.Load() == before
	}, 30*time.Second, time.Millisecond)
}
