package server

import (
	"context"
	"errors"
	"strconv"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"
)

// retryDelay is the RetryInfo delay sent with RESOURCE_EXHAUSTED: long enough
// for a few batches to finish, short enough not to idle a client.
const retryDelay = 100 * time.Millisecond

// OverloadError is a call refused because Limits.MaxInFlight statements are
// already being analysed. It becomes RESOURCE_EXHAUSTED with a RetryInfo.
type OverloadError struct {
	// Statements is how many slots the call asked for.
	Statements int
	// Limit is Limits.MaxInFlight.
	Limit int
}

func (e *OverloadError) Error() string {
	return "server overloaded: " + strconv.Itoa(e.Limit) + " statements in flight; retry later"
}

// SyntaxUnavailableError is a call that asks for the parse
// (AnalyzeOptions.include_syntax) of a server whose classifier has no
// parser model (serve without --syntax). It becomes FAILED_PRECONDITION
// with an ErrorInfo (reason SYNTAX_UNAVAILABLE) and a PreconditionFailure;
// its text reaches clients.
type SyntaxUnavailableError struct{}

func (e *SyntaxUnavailableError) Error() string {
	return "options.include_syntax needs a server started with --syntax (its parser model loaded); this one parses nothing"
}

// PanicError is a panic recovered while serving an RPC. It becomes INTERNAL;
// the value and stack go to the log only.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return "panic: " + toString(e.Value) }

func toString(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	default:
		return "non-error panic value"
	}
}

// statusOf maps an error of the service to the status the client gets. It is
// the only place where domain errors meet gRPC codes. Messages of INTERNAL
// errors never carry the cause: it may hold details only the operator should
// see (the log gets it through rpcError).
func statusOf(err error) *status.Status {
	var (
		ve *ValidationError
		oe *OverloadError
		be *BytesOverloadError
		pe *PanicError
		ye *SyntaxUnavailableError
		se *SpanError
		gs interface{ GRPCStatus() *status.Status }
	)
	switch {
	case err == nil:
		return status.New(codes.OK, "")
	case errors.As(err, &ve):
		return invalidArgument(ve)
	case errors.As(err, &oe):
		return withDetails(status.New(codes.ResourceExhausted, oe.Error()),
			&errdetails.ErrorInfo{Reason: "OVERLOADED", Domain: ErrorDomain, Metadata: map[string]string{
				"max_in_flight": strconv.Itoa(oe.Limit),
			}},
			&errdetails.RetryInfo{RetryDelay: durationpb.New(retryDelay)})
	case errors.As(err, &be):
		key := "max_bytes_in_flight"
		if be.PerConnection {
			key = "max_conn_bytes_in_flight"
		}
		return withDetails(status.New(codes.ResourceExhausted, be.Error()),
			&errdetails.ErrorInfo{Reason: "BYTES_OVERLOADED", Domain: ErrorDomain, Metadata: map[string]string{
				key: strconv.Itoa(be.Limit),
			}},
			&errdetails.RetryInfo{RetryDelay: durationpb.New(retryDelay)})
	case errors.As(err, &ye):
		return withDetails(status.New(codes.FailedPrecondition, ye.Error()),
			&errdetails.ErrorInfo{Reason: ReasonSyntaxUnavailable, Domain: ErrorDomain, Metadata: map[string]string{
				"field": "options.include_syntax",
			}},
			&errdetails.PreconditionFailure{Violations: []*errdetails.PreconditionFailure_Violation{{
				Type: ReasonSyntaxUnavailable, Subject: "options.include_syntax", Description: ye.Error(),
			}}})
	case errors.As(err, &pe), errors.As(err, &se):
		return status.New(codes.Internal, "internal error")
	case errors.As(err, &gs) && gs.GRPCStatus() != nil:
		// Already a status: a stream's Recv or Send failing, for instance.
		return gs.GRPCStatus()
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, "deadline exceeded before all statements were analysed")
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, "call canceled")
	default:
		return status.New(codes.Internal, "internal error")
	}
}

// invalidArgument builds INVALID_ARGUMENT with a BadRequest listing every
// violation and an ErrorInfo carrying the first violation's reason.
func invalidArgument(ve *ValidationError) *status.Status {
	br := &errdetails.BadRequest{FieldViolations: make([]*errdetails.BadRequest_FieldViolation, len(ve.Violations))}
	for i, v := range ve.Violations {
		br.FieldViolations[i] = &errdetails.BadRequest_FieldViolation{Field: v.Field, Description: v.Description, Reason: v.Reason}
	}
	info := &errdetails.ErrorInfo{Domain: ErrorDomain, Metadata: map[string]string{
		"violations": strconv.Itoa(len(ve.Violations) + ve.Omitted),
	}}
	if len(ve.Violations) > 0 {
		info.Reason = ve.Violations[0].Reason
		info.Metadata["field"] = ve.Violations[0].Field
	}
	if ve.Position >= 0 {
		info.Metadata["position"] = strconv.Itoa(ve.Position)
	}
	return withDetails(status.New(codes.InvalidArgument, ve.Error()), info, br)
}

// withDetails attaches details; if that fails (it cannot for these message
// types) the bare status still goes out.
func withDetails(st *status.Status, details ...protoadapt.MessageV1) *status.Status {
	if d, err := st.WithDetails(details...); err == nil {
		return d
	}
	return st
}

// rpcError is what handlers return: the status for the client plus the cause
// for the log line (see interceptors.go).
type rpcError struct {
	st    *status.Status
	cause error
}

// toRPCError maps err with statusOf, keeping err as the cause. nil stays nil.
func toRPCError(err error) error {
	if err == nil {
		return nil
	}
	var re *rpcError
	if errors.As(err, &re) {
		return err
	}
	return &rpcError{st: statusOf(err), cause: err}
}

func (e *rpcError) Error() string              { return e.st.Err().Error() }
func (e *rpcError) GRPCStatus() *status.Status { return e.st }
func (e *rpcError) Unwrap() error              { return e.cause }
