package server

import (
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
