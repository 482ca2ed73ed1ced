package server

import (
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

func peerContext(addr string) context.Context {
	return peer.NewContext(context.Background(), &peer.Peer{Addr: &net.TCPAddr{IP: net.ParseIP("10.0.0.1"), Port: len(addr)}})
}

func TestByteBudget(t *testing.T) {
	t.Parallel()
	b := newByteBudget(100, 60)
	a, c := peerContext("a"), peerContext("cc")

	r1, err := b.acquire(a, 60)
	require.NoError(t, err)
	_, err = b.acquire(a, 1)
	var be *BytesOverloadError
	require.ErrorAs(t, err, &be, "the connection's budget is spent")
	require.True(t, be.PerConnection)
	require.Equal(t, 60, be.Limit)

	r2, err := b.acquire(c, 40)
	require.NoError(t, err, "another connection still has room")
	_, err = b.acquire(c, 1)
	require.ErrorAs(t, err, &be, "the server's budget is spent")
	require.False(t, be.PerConnection)
	require.Equal(t, 100, be.Limit)

	r1()
	r2()
	require.Empty(t, b.conns, "released connections leave no entry")
	r3, err := b.acquire(a, 60)
	require.NoError(t, err)
	r3()
}

// A request whose bytes would go past MaxBytesInFlight while another is
// being analysed gets RESOURCE_EXHAUSTED with a RetryInfo, at once.
func TestAnalyzeBytesOverload(t *testing.T) {
	t.Parallel()
	fake := newFake("fake/1")
	fake.block = make(chan struct{})
	fake.entered = make(chan struct{}, 4)
	long := st("a", okText+" "+okText)
	big := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{long, st("b", okText)}}
	small := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{long}}
	lim := smallLimits()
	// Room for the big request, not for both.
	lim.MaxRecvMsgBytes = proto.Size(big)
	lim.MaxBytesInFlight = proto.Size(big) + proto.Size(small) - 1
	lim.MaxConnBytesInFlight = lim.MaxBytesInFlight
	ts := start(t, fake, WithLimits(lim), WithParallelism(1))
	first := make(chan error, 1)
	go func() {
		_, err := ts.client.Analyze(context.Background(), big)
		first <- err
	}()
	select {
	case <-fake.entered:
	case err := <-first:
		require.FailNow(t, "the first call ended", "%v", err)
	}

	_, err := ts.client.Analyze(context.Background(), small)
	requireOverloaded(t, err)
	var info *errdetails.ErrorInfo
	for _, d := range status.Convert(err).Details() {
		if i, ok := d.(*errdetails.ErrorInfo); ok {
			info = i
		}
	}
	require.Equal(t, "BYTES_OVERLOADED", info.GetReason())

	close(fake.block)
	require.NoError(t, <-first)
	_, err = ts.client.Analyze(context.Background(), small)
	require.NoError(t, err, "the bytes are given back")
}
