package client

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func TestDialOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		target  string
		opts    []Option
		wantErr string
		check   func(t *testing.T, c *Client)
	}{
		// No silent plaintext: the caller chooses.
		{name: "no transport security", target: "localhost:1", wantErr: "no transport security set"},
		{name: "batch size 0", target: "localhost:1", opts: []Option{WithInsecure(), WithBatchSize(0)}, wantErr: "WithBatchSize"},
		{name: "negative timeout", target: "localhost:1", opts: []Option{WithInsecure(), WithTimeout(-time.Second)}, wantErr: "WithTimeout"},
		{name: "backoff max below initial", target: "localhost:1", opts: []Option{WithInsecure(), WithBatchBackoff(time.Second, time.Millisecond)}, wantErr: "WithBatchBackoff"},
		{name: "bad target", target: "a:1,,b:2", opts: []Option{WithInsecure()}, wantErr: "empty address"},
		{name: "defaults", target: "localhost:1", opts: []Option{WithInsecure()}, check: func(t *testing.T, c *Client) {
			assert.Equal(t, 100, c.cfg.batchSize)
			assert.Equal(t, 16, c.cfg.concurrency, "a name may stand for several replicas")
			assert.Equal(t, 64<<20, c.cfg.maxRecvBytes)
		}},
		{name: "concurrency follows the list", target: "a:1,b:1,c:1", opts: []Option{WithInsecure()}, check: func(t *testing.T, c *Client) {
			assert.Equal(t, 12, c.cfg.concurrency)
		}},
		{name: "explicit concurrency wins", target: "a:1,b:1,c:1", opts: []Option{WithInsecure(), WithConcurrency(2)}, check: func(t *testing.T, c *Client) {
			assert.Equal(t, 2, c.cfg.concurrency)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Dial(tt.target, tt.opts...)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			defer func() { require.NoError(t, c.Close()) }()
			tt.check(t, c)
		})
	}
}

func TestBuildServiceConfig(t *testing.T) {
	t.Parallel()
	var sc struct {
		LoadBalancingConfig []map[string]any
		HealthCheckConfig   struct{ ServiceName string }
		MethodConfig        []struct {
			Name []struct{ Service, Method string }
			// Timeout absent decodes as "".
			Timeout     string
			RetryPolicy struct {
				MaxAttempts          int
				RetryableStatusCodes []string
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(buildServiceConfig(1500*time.Millisecond)), &sc))
	require.Len(t, sc.LoadBalancingConfig, 1)
	assert.Contains(t, sc.LoadBalancingConfig[0], "round_robin")
	assert.Equal(t, "stance.v1.StanceService", sc.HealthCheckConfig.ServiceName)
	require.Len(t, sc.MethodConfig, 2)
	assert.Equal(t, "1.5s", sc.MethodConfig[0].Timeout)
	assert.Equal(t, "Analyze", sc.MethodConfig[0].Name[0].Method)
	// The service-wide entry covers AnalyzeStream: retried, never timed out.
	assert.Equal(t, "", sc.MethodConfig[1].Name[0].Method)
	assert.Equal(t, "", sc.MethodConfig[1].Timeout)
	for _, mc := range sc.MethodConfig {
		assert.Equal(t, 4, mc.RetryPolicy.MaxAttempts)
		assert.Equal(t, []string{"UNAVAILABLE", "RESOURCE_EXHAUSTED"}, mc.RetryPolicy.RetryableStatusCodes)
	}

	require.NotContains(t, buildServiceConfig(0), "timeout", "WithTimeout(0) means no timeout")

	// gRPC parses a default service config in NewClient and rejects what it
	// does not understand (a misspelt duration, an unknown policy).
	for _, d := range []time.Duration{0, 1500 * time.Millisecond} {
		cc, err := grpc.NewClient("passthrough:///replica", grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithDefaultServiceConfig(buildServiceConfig(d)))
		require.NoError(t, err, "timeout %v", d)
		require.NoError(t, cc.Close())
	}
}

func TestJSONDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Duration
		want string
	}{
		{30 * time.Second, "30s"},
		{1500 * time.Millisecond, "1.5s"},
		// gRPC reads up to nanoseconds; nothing may be rounded away.
		{time.Nanosecond, "0.000000001s"},
		{2*time.Minute + time.Millisecond, "120.001s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, jsonDuration(tt.in), tt.in.String())
	}
}
