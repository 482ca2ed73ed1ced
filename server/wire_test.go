package server

import (
	"context"
	"errors"
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/security"
)

// testToken is the bearer token of servers started with withAuth.
const testToken = "test-token-0123456789abcdef"

// withAuth requires testToken on every call but health, as serve's
// -auth-token-file does: before decoding for unary StanceService calls, in
// interceptors for the rest.
func withAuth(tb testing.TB) Option {
	tb.Helper()
	tok, err := security.NewTokens(testToken)
	require.NoError(tb, err)
	return func(c *config) {
		WithAuthorizer(InterceptorAuthorizer(tok.UnaryInterceptor()))(c)
		WithGRPCOptions(grpc.ChainUnaryInterceptor(tok.UnaryInterceptor()), grpc.ChainStreamInterceptor(tok.StreamInterceptor()))(c)
	}
}

// emptyFields is n empty occurrences of the length-delimited field num.
func emptyFields(num protowire.Number, n int) []byte {
	b := make([]byte, 0, 2*n)
	for range n {
		b = protowire.AppendTag(b, num, protowire.BytesType)
		b = protowire.AppendVarint(b, 0)
	}
	return b
}

// lenField encodes field num holding b.
func lenField(num protowire.Number, b []byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), b)
}

func marshal(tb testing.TB, m proto.Message) []byte {
	tb.Helper()
	b, err := proto.Marshal(m)
	require.NoError(tb, err)
	return b
}

// oversized is one hostile request: a few bytes on the wire per element of a
// repeated field, far over its limit.
type oversized struct {
	name   string
	stream bool // the one message of an AnalyzeStream instead of an Analyze request
	body   []byte
	field  string
	reason string
}

// oversizedRequests builds the requests of the finding "memory before
// limits" (issue 13): n empty elements each.
func oversizedRequests(tb testing.TB, n int) []oversized {
	tb.Helper()
	okStatement := marshal(tb, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}})
	return []oversized{
		{name: "empty statements", body: emptyFields(1, n), field: "statements", reason: ReasonBatchTooLarge},
		{name: "request actors", body: append(okStatement, emptyFields(2, n)...), field: "actors", reason: ReasonTooManyActors},
		{name: "statement actors", body: lenField(1, append(marshal(tb, st("a", okText)), emptyFields(3, n)...)),
			field: "statements[0].actors", reason: ReasonTooManyActors},
		{name: "aliases", body: append(okStatement, lenField(2, append(marshal(tb, actor("x", "Kyiv")), emptyFields(3, n)...))...),
			field: "actors[0].aliases", reason: ReasonTooManyAliases},
		{name: "stream statement actors", stream: true, body: lenField(1, append(marshal(tb, st("a", okText)), emptyFields(3, n)...)),
			field: "statement[0].actors", reason: ReasonTooManyActors},
		{name: "stream actors", stream: true, body: append(lenField(1, marshal(tb, st("a", okText))), emptyFields(2, n)...),
			field: "actors", reason: ReasonTooManyActors},
	}
}

// send puts body on the wire as an Analyze request or as the one message of
// an AnalyzeStream, with testToken when token, and returns the call's error.
func send(ctx context.Context, conn *grpc.ClientConn, stream, token bool, body []byte) error {
	if token {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+testToken)
	}
	if !stream {
		var resp stancev1.AnalyzeResponse
		return conn.Invoke(ctx, stancev1.StanceService_Analyze_FullMethodName, &body, &resp, grpc.ForceCodecV2(rawCodec{}))
	}
	s, err := conn.NewStream(ctx, &stancev1.StanceService_ServiceDesc.Streams[0], stancev1.StanceService_AnalyzeStream_FullMethodName, grpc.ForceCodecV2(rawCodec{}))
	if err != nil {
		return err
	}
	if err := s.SendMsg(&body); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if err := s.CloseSend(); err != nil {
		return err
	}
	var resp stancev1.AnalyzeStreamResponse
	return s.RecvMsg(&resp)
}

// allocated returns the bytes allocated by the whole process while fn runs:
// server and client, since both run here. It bounds how much fn's call
// could have grown the heap by.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Hostile requests are refused before their repeated fields are decoded, and
// without a token before the body is decoded at all: each costs a few times
// its wire size (the transport's buffer and the service's copy), where
// decoding 500,000 empty elements took over 40 MB. Not parallel: the
// allocation count is the whole process's.
func TestOversizedRequestsRefusedBeforeDecoding(t *testing.T) {
	const n = 500_000 // 1 MB on the wire
	lim := DefaultLimits()
	open := start(t, newFake("fake/1"), WithLimits(lim))
	authed := start(t, newFake("fake/1"), WithLimits(lim), withAuth(t))
	for _, tt := range oversizedRequests(t, n) {
		for _, auth := range []bool{false, true} {
			name := tt.name
			ts := open
			if auth {
				name += " without token"
				ts = authed
			}
			t.Run(name, func(t *testing.T) {
				var err error
				got := allocated(func() { err = send(context.Background(), ts.conn, tt.stream, false, tt.body) })
				if auth {
					require.Equal(t, codes.Unauthenticated, status.Code(err), "%v", err)
				} else {
					requireViolation(t, err, tt.field, tt.reason)
				}
				limit := 4*uint64(len(tt.body)) + 1<<20
				t.Logf("%d bytes on the wire, %d allocated (limit %d)", len(tt.body), got, limit)
				require.Less(t, got, limit, "allocated while refusing a request of %d bytes", len(tt.body))
			})
		}
	}
}

// The same requests, with their cost per call: B/op is what the process
// allocated to refuse one (with a token, without, and over a stream).
func BenchmarkOversizedRequest(b *testing.B) {
	open := start(b, newFake("fake/1"))
	authed := start(b, newFake("fake/1"), withAuth(b))
	for _, tt := range oversizedRequests(b, 2_000_000) {
		for _, auth := range []bool{false, true} {
			name, ts := tt.name, open
			if auth {
				name, ts = name+"/no-token", authed
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(tt.body)))
				var peak uint64
				for b.Loop() {
					var ms runtime.MemStats
					_ = send(context.Background(), ts.conn, tt.stream, false, tt.body)
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}
