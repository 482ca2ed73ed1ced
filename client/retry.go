package client

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// retryable reports whether AnalyzeAll sends a failed batch again, and the
// least wait the server asked for. UNAVAILABLE is a replica gone or going
// away; RESOURCE_EXHAUSTED is retried only with a RetryInfo, which the server
// sends when it sheds load: without one it is a message over a size limit,
// which fails the same way every time.
func retryable(err error) (bool, time.Duration) {
	st, ok := status.FromError(err)
	if !ok {
		return false, 0
	}
	switch st.Code() {
	case codes.Unavailable:
		return true, 0
	case codes.ResourceExhausted:
		for _, d := range st.Details() {
			if ri, ok := d.(*errdetails.RetryInfo); ok {
				return true, ri.GetRetryDelay().AsDuration()
			}
		}
	}
	return false, 0
}

// backoff is the wait before attempt n+1 (n >= 1): initial × 2^(n-1), at most
// maximum, randomised between half and all of it so that clients failed by
// the same event do not come back in step.
func backoff(n int, initial, maximum time.Duration) time.Duration {
	d := initial
	for i := 1; i < n && d < maximum; i++ {
		d *= 2
	}
	d = min(d, maximum)
	return d/2 + rand.N(d/2+1)
}

// BatchError is the failure of one AnalyzeAll batch: the statements
// Corpus.Statements yielded at positions [Offset, Offset+Count), counted from
// 0. Err is the last attempt's error; status.Code(err) reads its code through
// the BatchError.
type BatchError struct {
	Offset, Count int
	// Attempts is how many times the batch was sent.
	Attempts int
	Err      error
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("client: statements [%d, %d) failed after %d attempt(s): %v",
		e.Offset, e.Offset+e.Count, e.Attempts, e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

// errResponse is a response that does not answer its request; it is a server
// bug, so it is not retried.
var errResponse = errors.New("client: response does not match request")
