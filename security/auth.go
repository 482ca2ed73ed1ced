package security

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Services that callers commonly exempt from authentication.
const (
	// HealthService is the gRPC health checking service, probed by load
	// balancers and orchestrators that hold no token. Exempt by default.
	HealthService = "grpc.health.v1.Health"
	// ReflectionService and ReflectionV1AlphaService are the two versions
	// of server reflection (grpcurl, Postman). Not exempt by default: they
	// reveal the API to anyone who can connect.
	ReflectionService        = "grpc.reflection.v1.ServerReflection"
	ReflectionV1AlphaService = "grpc.reflection.v1alpha.ServerReflection"
)

// AuthOption configures the interceptors of Tokens.
type AuthOption func(*authConfig)

type authConfig struct {
	exempt map[string]bool
}

// WithExemptServices sets the full names of the services reachable without a
// token, replacing the default (HealthService only). Every other service,
// including any registered later, requires one. For grpcurl without a token:
//
//	WithExemptServices(HealthService, ReflectionService, ReflectionV1AlphaService)
func WithExemptServices(services ...string) AuthOption {
	return func(c *authConfig) {
		c.exempt = make(map[string]bool, len(services))
		for _, s := range services {
			c.exempt[s] = true
		}
	}
}

func newAuthConfig(opts []AuthOption) *authConfig {
	c := &authConfig{exempt: map[string]bool{HealthService: true}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// UnaryInterceptor rejects with UNAUTHENTICATED every unary call, outside the
// exempt services, that does not carry the metadata
// "authorization: Bearer <token>" with one of t's tokens. The scheme is
// case-insensitive. Tokens travel in the clear without TLS: use it with
// ServerTLS or behind a TLS-terminating proxy.
func (t *Tokens) UnaryInterceptor(opts ...AuthOption) grpc.UnaryServerInterceptor {
	c := newAuthConfig(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if err := t.authorize(ctx, c, info.FullMethod); err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
}

// StreamInterceptor is UnaryInterceptor for streaming calls: the token is
// checked once, when the stream opens.
func (t *Tokens) StreamInterceptor(opts ...AuthOption) grpc.StreamServerInterceptor {
	c := newAuthConfig(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if err := t.authorize(ss.Context(), c, info.FullMethod); err != nil {
			return err
		}
		return handler(srv, ss)
	}
}

// Status messages reach the client: they explain what to send and never
// echo what was sent.
const (
	msgMissing   = `missing credentials: send metadata "authorization: Bearer <token>"`
	msgMultiple  = `more than one authorization metadata value`
	msgMalformed = `malformed authorization metadata: want "Bearer <token>"`
	msgInvalid   = `invalid bearer token`
)

func (t *Tokens) authorize(ctx context.Context, c *authConfig, fullMethod string) error {
	if c.exempt[serviceOf(fullMethod)] {
		return nil
	}
	values := metadata.ValueFromIncomingContext(ctx, "authorization")
	switch {
	case len(values) == 0:
		return status.Error(codes.Unauthenticated, msgMissing)
	case len(values) > 1:
		return status.Error(codes.Unauthenticated, msgMultiple)
	}
	scheme, tok, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return status.Error(codes.Unauthenticated, msgMalformed)
	}
	if !t.valid(tok) {
		return status.Error(codes.Unauthenticated, msgInvalid)
	}
	return nil
}

// serviceOf returns "pkg.Service" of "/pkg.Service/Method", or "" if
// fullMethod has another form (then no exemption applies).
func serviceOf(fullMethod string) string {
	rest, ok := strings.CutPrefix(fullMethod, "/")
	if !ok {
		return ""
	}
	svc, _, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return svc
}
