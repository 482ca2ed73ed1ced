package server

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// logUnary writes one line per unary RPC: method, code, duration and number
// of statements. Statement text is never logged.
func logUnary(logger *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		n := 0
		if r, ok := req.(*stancev1.AnalyzeRequest); ok {
			n = len(r.GetStatements())
		}
		if w, ok := ctx.Value(wireStatementsKey{}).(int); ok && n == 0 {
			// Refused before decoding: the count on the wire.
			n = w
		}
		logRPC(ctx, logger, info.FullMethod, start, n, err)
		return resp, err
	}
}

// logStream is logUnary for streams; statements counts the messages received.
func logStream(logger *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		start := time.Now()
		cs := &countingStream{ServerStream: ss}
		err := handler(srv, cs)
		logRPC(ss.Context(), logger, info.FullMethod, start, cs.statements, err)
		return err
	}
}

// countingStream counts the statements a stream has received. Only the
// handler's goroutine calls RecvMsg, so a plain int will do.
type countingStream struct {
	grpc.ServerStream
	statements int
}

func (c *countingStream) RecvMsg(m any) error {
	err := c.ServerStream.RecvMsg(m)
	if err != nil {
		return err
	}
	switch r := m.(type) {
	case *wireRequest:
		c.statements += r.statements
	case *stancev1.AnalyzeStreamRequest:
		if r.GetStatement() != nil {
			c.statements++
		}
	}
	return nil
}

// logRPC writes the line. Server-side failures (INTERNAL, UNKNOWN,
// DATA_LOSS) are logged at error level with their cause, which the client
// never sees; everything else at info level.
func logRPC(ctx context.Context, logger *slog.Logger, method string, start time.Time, statements int, err error) {
	st := status.Convert(err)
	level := slog.LevelInfo
	switch st.Code() {
	case codes.Internal, codes.Unknown, codes.DataLoss:
		level = slog.LevelError
	}
	if !logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs,
		slog.String("method", method),
		slog.String("code", st.Code().String()),
		slog.Duration("duration", time.Since(start)),
		slog.Int("statements", statements),
	)
	if err != nil {
		attrs = append(attrs, slog.String("error", st.Message()))
		if level == slog.LevelError {
			var re *rpcError
			if errors.As(err, &re) {
				attrs = append(attrs, slog.String("cause", re.cause.Error()))
			}
			var pe *PanicError
			if errors.As(err, &pe) {
				attrs = append(attrs, slog.String("stack", string(pe.Stack)))
			}
		}
	}
	logger.LogAttrs(ctx, level, "rpc", attrs...)
}

// recoverUnary turns a panic in a handler into INTERNAL, with no detail for
// the client; the log line gets the value and the stack. The server keeps
// running.
func recoverUnary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if v := recover(); v != nil {
				resp, err = nil, toRPCError(&PanicError{Value: v, Stack: debug.Stack()})
			}
		}()
		return handler(ctx, req)
	}
}

// recoverStream is recoverUnary for streams.
func recoverStream() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = toRPCError(&PanicError{Value: v, Stack: debug.Stack()})
			}
		}()
		return handler(srv, ss)
	}
}
