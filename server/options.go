package server

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// Option configures a Server. Defaults are documented on each option.
type Option func(*config)

type config struct {
	limits          Limits
	logger          *slog.Logger
	reflection      bool
	keepaliveParams keepalive.ServerParameters
	keepalivePolicy keepalive.EnforcementPolicy
	parallelism     int
	grpcOptions     []grpc.ServerOption
	authorize       Authorizer
}

func defaultConfig() config {
	params, policy := DefaultKeepalive()
	return config{
		limits:          DefaultLimits(),
		logger:          slog.Default(),
		reflection:      true,
		keepaliveParams: params,
		keepalivePolicy: policy,
		parallelism:     runtime.GOMAXPROCS(0),
	}
}

// WithLimits sets the request limits. Default DefaultLimits(). New fails if
// l.Validate does.
func WithLimits(l Limits) Option { return func(c *config) { c.limits = l } }

// WithLogger sets where the per-RPC log lines go. Default slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithReflection turns the gRPC reflection service (used by grpcurl) on or
// off. Default on.
func WithReflection(on bool) Option { return func(c *config) { c.reflection = on } }

// WithKeepalive sets the HTTP/2 keepalive parameters and enforcement policy.
// Default DefaultKeepalive().
func WithKeepalive(params keepalive.ServerParameters, policy keepalive.EnforcementPolicy) Option {
	return func(c *config) { c.keepaliveParams, c.keepalivePolicy = params, policy }
}

// WithParallelism sets how many goroutines one Analyze call may use for a
// large batch (at least 16 statements per goroutine). Default GOMAXPROCS at
// New. 1 analyses every batch on the handler's goroutine.
func WithParallelism(n int) Option { return func(c *config) { c.parallelism = n } }

// WithGRPCOptions adds options to the *grpc.Server, after the server's own:
// credentials, stats handlers for metrics, more interceptors (which run
// inside the logging and recovery ones). A unary StanceService request is
// authorized (WithAuthorizer), checked and decoded before any interceptor
// runs; one refused before decoding reaches the interceptors as an empty
// request whose handler returns the refusal. Stream interceptors see the
// messages of AnalyzeStream undecoded, as values of an unexported type.
func WithGRPCOptions(opts ...grpc.ServerOption) Option {
	return func(c *config) { c.grpcOptions = append(c.grpcOptions, opts...) }
}

// Authorizer decides whether a call to fullMethod ("/stance.v1.StanceService/
// Analyze") may proceed, from its metadata in ctx; a non-nil error, a gRPC
// status (UNAUTHENTICATED), fails the call with that status. It must be
// safe to call concurrently.
type Authorizer func(ctx context.Context, fullMethod string) error

// WithAuthorizer checks every unary StanceService call with a before its
// request is decoded, so that a caller without credentials costs no more
// than its request's wire bytes. Interceptors (WithGRPCOptions) run only
// after the body is decoded, so an authenticating interceptor alone would
// let anyone make the server decode a request; keep it for the other
// services (reflection) and for streams, which it checks as they open,
// before any message. Default none.
func WithAuthorizer(a Authorizer) Option { return func(c *config) { c.authorize = a } }

// InterceptorAuthorizer is the Authorizer of an authenticating unary
// interceptor (security.Tokens.UnaryInterceptor): it runs i with no request
// and a handler that does nothing, and returns i's error.
func InterceptorAuthorizer(i grpc.UnaryServerInterceptor) Authorizer {
	return func(ctx context.Context, fullMethod string) error {
		_, err := i(ctx, nil, &grpc.UnaryServerInfo{FullMethod: fullMethod}, func(context.Context, any) (any, error) { return nil, nil })
		return err
	}
}

// DefaultKeepalive returns the default keepalive settings:
//   - clients may ping every 10 s at most, also without active RPCs
//     (faster pings are answered with GOAWAY);
//   - idle connections close after 15 min;
//   - connections are recycled after 30 min, plus 5 min for RPCs in
//     progress to finish, so load spreads over new server instances. A stream
//     still open after that is cut: long corpus runs must resume.
func DefaultKeepalive() (keepalive.ServerParameters, keepalive.EnforcementPolicy) {
	return keepalive.ServerParameters{
			MaxConnectionIdle:     15 * time.Minute,
			MaxConnectionAge:      30 * time.Minute,
			MaxConnectionAgeGrace: 5 * time.Minute,
		}, keepalive.EnforcementPolicy{
			MinTime:             10 * time.Second,
			PermitWithoutStream: true,
		}
}
