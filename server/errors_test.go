package server

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestStatusOf(t *testing.T) {
	t.Parallel()
	validation := &ValidationError{Position: -1, Violations: []FieldViolation{
		{Field: "statements[3].text", Reason: ReasonTextEmpty, Description: "text is empty"},
		{Field: "actors[0].name", Reason: ReasonActorNameEmpty, Description: "name is empty"},
	}}
	tests := []struct {
		name    string
		err     error
		code    codes.Code
		message string // exact message the client sees
	}{
		{"nil", nil, codes.OK, ""},
		{"validation", validation, codes.InvalidArgument, "statements[3].text: text is empty (and 1 more violation)"},
		// Wrapping must not hide the kind of error.
		{"wrapped validation", fmt.Errorf("batch: %w", validation), codes.InvalidArgument, "statements[3].text: text is empty (and 1 more violation)"},
		{"overload", &OverloadError{Statements: 10, Limit: 64}, codes.ResourceExhausted, "server overloaded: 64 statements in flight; retry later"},
		{"no parser", fmt.Errorf("stream message 3: %w", &SyntaxUnavailableError{}), codes.FailedPrecondition,
			"options.include_syntax needs a server started with --syntax (its parser model loaded); this one parses nothing"},
		// Neither the panic value nor the stack reach the client.
		{"panic", &PanicError{Value: "secret", Stack: []byte("goroutine 1")}, codes.Internal, "internal error"},
		{"bad span", fmt.Errorf("statements[2]: %w", &SpanError{Problem: "is outside the text"}), codes.Internal, "internal error"},
		{"deadline", fmt.Errorf("statements[7]: %w", context.DeadlineExceeded), codes.DeadlineExceeded, "deadline exceeded before all statements were analysed"},
		{"canceled", context.Canceled, codes.Canceled, "call canceled"},
		// A stream's Recv or Send error is already a status: kept as is.
		{"status passes through", status.Error(codes.Unavailable, "transport is closing"), codes.Unavailable, "transport is closing"},
		{"rpc error keeps its status", toRPCError(context.Canceled), codes.Canceled, "call canceled"},
		// Unknown errors may carry internals: only a generic message goes out.
		{"unknown error", errors.New("secret: lexicon at /srv/x"), codes.Internal, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := statusOf(tt.err)
			require.Equal(t, tt.code, st.Code())
			require.Equal(t, tt.message, st.Message())
		})
	}
}

func TestStatusOfDetails(t *testing.T) {
	t.Parallel()
	t.Run("invalid argument", func(t *testing.T) {
		t.Parallel()
		st := statusOf(&ValidationError{Position: 12, Omitted: 3, Violations: []FieldViolation{
			{Field: "statement[12].text", Reason: ReasonTextTooLong, Description: "text is 70000 bytes, at most 65536"},
		}})
		br, info := badRequestOf(t, st)
		require.Equal(t, []string{"statement[12].text"}, fields(br))
		require.Equal(t, ReasonTextTooLong, br.GetFieldViolations()[0].GetReason())
		require.Equal(t, ReasonTextTooLong, info.GetReason())
		require.Equal(t, ErrorDomain, info.GetDomain())
		require.Equal(t, map[string]string{"field": "statement[12].text", "violations": "4", "position": "12"}, info.GetMetadata())
		require.Equal(t, "stream message 12: statement[12].text: text is 70000 bytes, at most 65536 (and 3 more violations)", st.Message())
	})
	t.Run("resource exhausted", func(t *testing.T) {
		t.Parallel()
		st := statusOf(&OverloadError{Statements: 1, Limit: 8})
		var retry *errdetails.RetryInfo
		var info *errdetails.ErrorInfo
		for _, d := range st.Details() {
			switch d := d.(type) {
			case *errdetails.RetryInfo:
				retry = d
			case *errdetails.ErrorInfo:
				info = d
			}
		}
		require.NotNil(t, retry)
		require.Equal(t, 100*time.Millisecond, retry.GetRetryDelay().AsDuration())
		require.Equal(t, "OVERLOADED", info.GetReason())
	})
}

// badRequestOf returns the BadRequest and ErrorInfo details of st, failing
// when either is missing.
func badRequestOf(tb testing.TB, st *status.Status) (*errdetails.BadRequest, *errdetails.ErrorInfo) {
	tb.Helper()
	var br *errdetails.BadRequest
	var info *errdetails.ErrorInfo
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.BadRequest:
			br = d
		case *errdetails.ErrorInfo:
			info = d
		}
	}
	require.NotNil(tb, br, "no BadRequest in %v", st)
	require.NotNil(tb, info, "no ErrorInfo in %v", st)
	return br, info
}

func fields(br *errdetails.BadRequest) []string {
	var out []string
	for _, v := range br.GetFieldViolations() {
		out = append(out, v.GetField())
	}
	return out
}
