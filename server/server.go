package server

import (
	"context"
	"errors"
	"fmt"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/stancetag/stancetag/classifier"
)

// ServiceName is the full name of the service, as reported by health checks.
const ServiceName = "stance.v1.StanceService"

// Server is a *grpc.Server carrying StanceService, the health service and,
// unless turned off, reflection.
type Server struct {
	svc    *service
	grpc   *grpc.Server
	health *health.Server
}

// New builds a Server over c. Health reports SERVING for "" and ServiceName
// from the start, since c is loaded. It fails on a nil classifier or invalid
// limits or parallelism.
func New(c classifier.Classifier, opts ...Option) (*Server, error) {
	if c == nil {
		return nil, errors.New("server: nil classifier")
	}
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.limits.Validate(); err != nil {
		return nil, err
	}
	if cfg.parallelism < 1 {
		return nil, fmt.Errorf("server: parallelism must be >= 1, got %d", cfg.parallelism)
	}
	gopts := append([]grpc.ServerOption{
		grpc.MaxRecvMsgSize(cfg.limits.RecvMsgBytes()),
		// StanceService requests are decoded by the service, after the
		// interceptors (request.go); invalid UTF-8 gets INVALID_ARGUMENT
		// naming the field, not INTERNAL.
		grpc.ForceServerCodecV2(newUTF8Codec()),
		grpc.MaxConcurrentStreams(uint32(cfg.limits.MaxConcurrentStreams)),
		grpc.KeepaliveParams(cfg.keepaliveParams),
		grpc.KeepaliveEnforcementPolicy(cfg.keepalivePolicy),
		// Logging outside recovery, so a recovered panic is logged as the
		// INTERNAL it became.
		grpc.ChainUnaryInterceptor(logUnary(cfg.logger), recoverUnary()),
		grpc.ChainStreamInterceptor(logStream(cfg.logger), recoverStream()),
	}, cfg.grpcOptions...)

	s := &Server{
		svc:    newService(c, cfg.limits, cfg.parallelism, cfg.authorize),
		grpc:   grpc.NewServer(gopts...),
		health: health.NewServer(),
	}
	s.grpc.RegisterService(&serviceDesc, s.svc)
	healthpb.RegisterHealthServer(s.grpc, s.health)
	if cfg.reflection {
		reflection.Register(s.grpc)
	}
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus(ServiceName, healthpb.HealthCheckResponse_SERVING)
	return s, nil
}

// GRPCServer returns the underlying server, to serve on a listener of the
// caller's choosing or to register more services before serving.
func (s *Server) GRPCServer() *grpc.Server { return s.grpc }

// Serve accepts connections on lis until Shutdown; see grpc.Server.Serve.
func (s *Server) Serve(lis net.Listener) error { return s.grpc.Serve(lis) }

// SetClassifier makes c the classifier of every RPC (and stream message)
// starting from now on; RPCs in progress finish on the previous one. Used to
// hot-reload the lexicon.
func (s *Server) SetClassifier(c classifier.Classifier) error {
	if c == nil {
		return errors.New("server: nil classifier")
	}
	s.svc.swap(c)
	return nil
}

// Classifier returns the current classifier.
func (s *Server) Classifier() classifier.Classifier { return s.svc.load().c }

// Drain marks every service NOT_SERVING in health checks, so load balancers
// stop sending new work, while still serving whatever arrives. It cannot be
// undone. Shutdown calls it first.
func (s *Server) Drain() { s.health.Shutdown() }

// Shutdown drains the server, then stops it gracefully: no new RPCs, those in
// progress run to completion. If ctx ends first, the remaining RPCs are
// cancelled (grpc.Server.Stop) and ctx's error is returned once they have
// returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.Drain()
	done := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.grpc.Stop()
		<-done
		return ctx.Err()
	}
}
