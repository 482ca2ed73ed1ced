package client

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

func TestRetryable(t *testing.T) {
	t.Parallel()
	shed, err := status.New(codes.ResourceExhausted, "overloaded").
		WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(250 * time.Millisecond)})
	require.NoError(t, err)
	tests := []struct {
		name      string
		err       error
		want      bool
		wantDelay time.Duration
	}{
		{name: "replica gone", err: status.Error(codes.Unavailable, "connection refused"), want: true},
		{name: "load shed with RetryInfo", err: shed.Err(), want: true, wantDelay: 250 * time.Millisecond},
		// The same size error would come back from every replica.
		{name: "message too large", err: status.Error(codes.ResourceExhausted, "received message larger than max"), want: false},
		{name: "bad input", err: status.Error(codes.InvalidArgument, "statements[3].text: empty"), want: false},
		{name: "timeout", err: status.Error(codes.DeadlineExceeded, "deadline exceeded"), want: false},
		{name: "not a status", err: errors.New("boom"), want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, delay := retryable(tt.err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantDelay, delay)
		})
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	const initial, maxWait = 100 * time.Millisecond, time.Second
	tests := []struct {
		attempt int
		full    time.Duration // before randomisation
	}{
		{1, 100 * time.Millisecond},
		{2, 200 * time.Millisecond},
		{4, 800 * time.Millisecond},
		{5, time.Second}, // capped
		// No overflow however many attempts.
		{200, time.Second},
	}
	for _, tt := range tests {
		for range 50 {
			got := backoff(tt.attempt, initial, maxWait)
			require.GreaterOrEqual(t, got, tt.full/2, "attempt %d", tt.attempt)
			require.LessOrEqual(t, got, tt.full, "attempt %d", tt.attempt)
		}
	}
}

func TestBatchError(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("tagging: %w", &BatchError{Offset: 300, Count: 100, Attempts: 5, Err: status.Error(codes.Unavailable, "no replica")})
	assert.Equal(t, codes.Unavailable, status.Code(err), "the code reads through the wrapping")
	var be *BatchError
	require.ErrorAs(t, err, &be)
	assert.EqualError(t, be, "client: statements [300, 400) failed after 5 attempt(s): rpc error: code = Unavailable desc = no replica")
}

func retryInfo(d time.Duration) *errdetails.RetryInfo {
	return &errdetails.RetryInfo{RetryDelay: durationpb.New(d)}
}
