package server

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

func TestServiceName(t *testing.T) {
	t.Parallel()
	require.Equal(t, stancev1.StanceService_ServiceDesc.ServiceName, ServiceName)
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	_, err := New(nil)
	require.ErrorContains(t, err, "nil classifier")
	bad := DefaultLimits()
	bad.MaxBatch = 0
	_, err = New(newFake("fake/1"), WithLimits(bad))
	require.ErrorContains(t, err, "MaxBatch")
	_, err = New(newFake("fake/1"), WithParallelism(0))
	require.ErrorContains(t, err, "parallelism")
}

func TestHealth(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	hc := healthpb.NewHealthClient(ts.conn)
	check := func(service string) healthpb.HealthCheckResponse_ServingStatus {
		resp, err := hc.Check(context.Background(), &healthpb.HealthCheckRequest{Service: service})
		require.NoError(t, err)
		return resp.GetStatus()
	}
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, check(""))
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, check(ServiceName))
	_, err := hc.Check(context.Background(), &healthpb.HealthCheckRequest{Service: "no.such.Service"})
	require.Equal(t, codes.NotFound, status.Code(err))

	// Draining tells load balancers to go away but still serves.
	ts.srv.Drain()
	require.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, check(""))
	require.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, check(ServiceName))
	_, err = ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}})
	require.NoError(t, err)
}

func TestHealthWatchSeesShutdown(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	watch, err := healthpb.NewHealthClient(ts.conn).Watch(context.Background(), &healthpb.HealthCheckRequest{Service: ServiceName})
	require.NoError(t, err)
	resp, err := watch.Recv()
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())

	// The Watch stream itself keeps GracefulStop waiting, so the timeout
	// fallback ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- ts.srv.Shutdown(ctx) }()
	resp, err = watch.Recv()
	require.NoError(t, err)
	require.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, resp.GetStatus())
	require.ErrorIs(t, <-done, context.DeadlineExceeded)
	_, err = watch.Recv()
	require.Error(t, err)
}

func TestShutdownGraceful(t *testing.T) {
	t.Parallel()
	fake := newFake("fake/1")
	fake.block = make(chan struct{})
	fake.entered = make(chan struct{}, 1)
	ts := start(t, fake)
	inFlight := make(chan error, 1)
	go func() {
		_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}})
		inFlight <- err
	}()
	<-fake.entered
	done := make(chan error, 1)
	go func() { done <- ts.srv.Shutdown(context.Background()) }()
	// Shutdown waits for the call in progress, which then succeeds.
	close(fake.block)
	require.NoError(t, <-inFlight)
	require.NoError(t, <-done)
	_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}})
	require.Equal(t, codes.Unavailable, status.Code(err))
}

func TestShutdownForced(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("a", okText)}))
	_, err = stream.Recv()
	require.NoError(t, err)
	// The open stream would hold GracefulStop forever: the context ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, ts.srv.Shutdown(ctx), context.DeadlineExceeded)
	_, err = stream.Recv()
	require.Error(t, err)
}

func TestReflection(t *testing.T) {
	t.Parallel()
	list := func(ts *testServer) ([]string, error) {
		stream, err := reflectionpb.NewServerReflectionClient(ts.conn).ServerReflectionInfo(context.Background())
		if err != nil {
			return nil, err
		}
		defer func() { _ = stream.CloseSend() }()
		// A failed Send returns io.EOF; the status comes from Recv.
		_ = stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}})
		resp, err := stream.Recv()
		if err != nil {
			return nil, err
		}
		var names []string
		for _, s := range resp.GetListServicesResponse().GetService() {
			names = append(names, s.GetName())
		}
		return names, nil
	}
	t.Run("on by default", func(t *testing.T) {
		t.Parallel()
		names, err := list(start(t, newFake("fake/1")))
		require.NoError(t, err)
		require.Contains(t, names, ServiceName)
		require.Contains(t, names, "grpc.health.v1.Health")
	})
	t.Run("off", func(t *testing.T) {
		t.Parallel()
		_, err := list(start(t, newFake("fake/1"), WithReflection(false)))
		require.Equal(t, codes.Unimplemented, status.Code(err))
	})
}

// MaxRecvMsgBytes is enforced by gRPC itself, before any handler runs.
func TestMaxRecvMsgBytes(t *testing.T) {
	t.Parallel()
	lim := DefaultLimits()
	lim.MaxTextBytes = 1 << 10
	lim.MaxRecvMsgBytes = 4 << 10
	ts := start(t, newFake("fake/1"), WithLimits(lim))
	req := &stancev1.AnalyzeRequest{}
	for range 8 {
		req.Statements = append(req.Statements, st("", string(make([]byte, 1000))))
	}
	_, err := ts.client.Analyze(context.Background(), req)
	require.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
}
