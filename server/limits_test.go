package server

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDefaultLimitsValid(t *testing.T) {
	t.Parallel()
	l := DefaultLimits()
	require.NoError(t, l.Validate())
	// The documented defaults are part of the API (proto comments, flags).
	require.Equal(t, 1000, l.MaxBatch)
	require.Equal(t, 65536, l.MaxTextBytes)
	require.Equal(t, 256, l.MaxActors)
	require.Equal(t, 64, l.MaxAliases)
	require.Equal(t, 256, l.MaxAliasBytes)
	require.Equal(t, 256, l.MaxNameBytes)
	require.Equal(t, 256, l.MaxIDBytes)
}

// The sizes left at 0 follow the other limits, so that a full batch of
// maximal texts with ids always fits and nothing much larger does.
func TestDerivedByteLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                    string
		modify                  func(*Limits)
		recv, inFlight, perConn int
	}{
		// 1000 × (65536 + 2×256 + 32) + 256 × (256 + 256 + 32) + 4096.
		{"defaults", func(*Limits) {}, 66_223_360, 2 * 66_223_360, 66_223_360},
		{"smaller batches", func(l *Limits) { l.MaxBatch = 10 }, 10*(65536+544) + 256*544 + 4096, 2 * (10*(65536+544) + 256*544 + 4096), 10*(65536+544) + 256*544 + 4096},
		{"set", func(l *Limits) { l.MaxRecvMsgBytes, l.MaxBytesInFlight, l.MaxConnBytesInFlight = 1<<20, 8<<20, 2<<20 }, 1 << 20, 8 << 20, 2 << 20},
		{"capped at int32", func(l *Limits) { l.MaxBatch = 1 << 20 }, math.MaxInt32, 2 * math.MaxInt32, math.MaxInt32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := DefaultLimits()
			tt.modify(&l)
			require.Equal(t, tt.recv, l.RecvMsgBytes())
			require.Equal(t, tt.inFlight, l.BytesInFlight())
			require.Equal(t, tt.perConn, l.ConnBytesInFlight())
		})
	}
}

func TestLimitsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(*Limits)
		want   string // substring of the error
	}{
		{"zero batch", func(l *Limits) { l.MaxBatch = 0 }, "MaxBatch must be > 0"},
		{"negative aliases", func(l *Limits) { l.MaxAliases = -1 }, "MaxAliases must be > 0"},
		{"zero streams", func(l *Limits) { l.MaxConcurrentStreams = 0 }, "MaxConcurrentStreams must be > 0"},
		// A full batch could never be admitted.
		{"in-flight below batch", func(l *Limits) { l.MaxInFlight = l.MaxBatch - 1 }, "MaxInFlight (999) must be >= MaxBatch (1000)"},
		// One maximal statement could never be received.
		{"message below text", func(l *Limits) { l.MaxRecvMsgBytes = l.MaxTextBytes - 1 }, "MaxRecvMsgBytes (65535) must be >= MaxTextBytes"},
		// Spans are int32 in the API.
		{"text over int32", func(l *Limits) { l.MaxTextBytes = 1 << 31; l.MaxRecvMsgBytes = 1 << 31 }, "MaxTextBytes must be <= 2147483647"},
		{"negative message size", func(l *Limits) { l.MaxRecvMsgBytes = -1 }, "MaxRecvMsgBytes must be >= 0"},
		// A request of the largest size could never be decoded.
		{"bytes in flight below message", func(l *Limits) { l.MaxRecvMsgBytes, l.MaxBytesInFlight = 1<<20, 1000 }, "MaxBytesInFlight (1000) must be >= MaxRecvMsgBytes (1048576)"},
		{"connection bytes below message", func(l *Limits) { l.MaxRecvMsgBytes, l.MaxConnBytesInFlight = 1<<20, 1000 }, "MaxConnBytesInFlight (1000) must be >= MaxRecvMsgBytes"},
		{"connection bytes over server's", func(l *Limits) {
			l.MaxRecvMsgBytes, l.MaxBytesInFlight, l.MaxConnBytesInFlight = 1<<20, 2<<20, 3<<20
		}, "MaxConnBytesInFlight (3145728) must be <= MaxBytesInFlight (2097152)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := DefaultLimits()
			tt.modify(&l)
			err := l.Validate()
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}
