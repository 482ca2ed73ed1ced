package client

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	// The side effect registers gRPC's client-side health checking, which
	// the service config's healthCheckConfig turns on.
	_ "google.golang.org/grpc/health"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Client calls StanceService on a fleet of servers. Its zero value is not
// usable: build one with Dial, and Close it when done.
type Client struct {
	conn *grpc.ClientConn
	stub stancev1.StanceServiceClient
	cfg  config
}

// Dial returns a Client for target: "host:port", a comma-separated list
// "host1:port,host2:port,..." or a gRPC target name such as
// "dns:///stancetag.nlp.svc.cluster.local:50051". Like grpc.NewClient it does
// not connect: connections are made by the first call and kept up after.
// It fails on a malformed target or an option out of range.
func Dial(target string, opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	t, err := parseTarget(target)
	if err != nil {
		return nil, err
	}
	if cfg.concurrency == 0 {
		cfg.concurrency = 16
		if t.addrs > 0 {
			cfg.concurrency = 4 * t.addrs
		}
	}
	dopts := []grpc.DialOption{
		grpc.WithTransportCredentials(cfg.creds),
		grpc.WithDefaultServiceConfig(buildServiceConfig(cfg.timeout)),
		// The client's policy holds even when DNS publishes a service
		// config of its own.
		grpc.WithDisableServiceConfig(),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(cfg.maxRecvBytes),
			grpc.MaxCallSendMsgSize(cfg.maxSendBytes),
			// gRPC retries a call only while its request fits the retry
			// buffer (256 KiB by default): make room for a whole
			// AnalyzeAll batch.
			grpc.MaxRetryRPCBufferSize(cfg.batchBytes+64<<10),
		),
	}
	if t.fleet != nil {
		dopts = append(dopts, grpc.WithResolvers(t.fleet))
	}
	dopts = append(dopts, cfg.dialOptions...)
	conn, err := grpc.NewClient(t.name, dopts...)
	if err != nil {
		return nil, fmt.Errorf("client: target %q: %w", target, err)
	}
	return &Client{conn: conn, stub: stancev1.NewStanceServiceClient(conn), cfg: cfg}, nil
}

// Analyze tags one batch of statements (StanceService.Analyze), on whichever
// replica round_robin picks, with gRPC's retries.
func (c *Client) Analyze(ctx context.Context, req *stancev1.AnalyzeRequest, opts ...grpc.CallOption) (*stancev1.AnalyzeResponse, error) {
	return c.stub.Analyze(ctx, req, opts...)
}

// AnalyzeStream opens a stream (StanceService.AnalyzeStream). The whole
// stream stays on one replica; prefer AnalyzeAll to spread a corpus over the
// fleet.
func (c *Client) AnalyzeStream(ctx context.Context, opts ...grpc.CallOption) (grpc.BidiStreamingClient[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse], error) {
	return c.stub.AnalyzeStream(ctx, opts...)
}

// AnalyzeDocument tags one document sentence by sentence, with the context
// of the sentences around each (StanceService.AnalyzeDocument), on
// whichever replica round_robin picks, with gRPC's retries.
func (c *Client) AnalyzeDocument(ctx context.Context, req *stancev1.AnalyzeDocumentRequest, opts ...grpc.CallOption) (*stancev1.AnalyzeDocumentResponse, error) {
	return c.stub.AnalyzeDocument(ctx, req, opts...)
}

// ListActors pages through the gazetteer (StanceService.ListActors).
func (c *Client) ListActors(ctx context.Context, req *stancev1.ListActorsRequest, opts ...grpc.CallOption) (*stancev1.ListActorsResponse, error) {
	return c.stub.ListActors(ctx, req, opts...)
}

// Conn returns the underlying connection, to call other services the servers
// carry (grpc.health.v1.Health, reflection).
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// Close tears down every connection; calls in progress fail with CANCELED.
func (c *Client) Close() error { return c.conn.Close() }
