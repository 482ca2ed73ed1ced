package server

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// The service's own descriptor must serve exactly the generated one's
// methods, or reflection and clients would disagree with the server.
func TestServiceDescMatchesGenerated(t *testing.T) {
	t.Parallel()
	gen := stancev1.StanceService_ServiceDesc
	require.Equal(t, gen.ServiceName, serviceDesc.ServiceName)
	require.Equal(t, gen.Metadata, serviceDesc.Metadata)
	names := func(d grpc.ServiceDesc) (m []string, s []grpc.StreamDesc) {
		for _, x := range d.Methods {
			m = append(m, x.MethodName)
		}
		for _, x := range d.Streams {
			s = append(s, grpc.StreamDesc{StreamName: x.StreamName, ServerStreams: x.ServerStreams, ClientStreams: x.ClientStreams})
		}
		return m, s
	}
	gm, gs := names(gen)
	om, os := names(serviceDesc)
	require.ElementsMatch(t, gm, om)
	require.Equal(t, gs, os)
}

// codeRecorder is an interceptor that keeps the code of every call, as the
// metrics interceptors see it.
type codeRecorder struct {
	mu    sync.Mutex
	codes map[string][]codes.Code
}

func (r *codeRecorder) options() Option {
	r.codes = map[string][]codes.Code{}
	return WithGRPCOptions(
		grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			resp, err := h(ctx, req)
			r.add(info.FullMethod, err)
			return resp, err
		}),
		grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			err := h(srv, ss)
			r.add(info.FullMethod, err)
			return err
		}))
}

func (r *codeRecorder) add(method string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.codes[method] = append(r.codes[method], status.Code(err))
}

func (r *codeRecorder) get(method string) []codes.Code {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.codes[method]
}

// Bytes that are no encoding of the request are the client's error:
// INVALID_ARGUMENT with reason MALFORMED_REQUEST, logged at info level as
// client errors are, and seen by interceptors (so metrics count them). They
// were INTERNAL, raised by grpc-go before any interceptor ran.
func TestMalformedRequest(t *testing.T) {
	t.Parallel()
	truncated := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.BytesType), 100) // length past the end
	inner := lenField(1, lenField(3, []byte{0x0a, 0x05, 'a'}))                                 // statements[0].actors[0].id cut short
	garbage := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	tests := []struct {
		name   string
		method string
		stream bool
		body   []byte
		field  string
	}{
		{"truncated Analyze", "/Analyze", false, truncated, ""},
		{"garbage Analyze", "/Analyze", false, garbage, ""},
		{"truncated actor id", "/Analyze", false, inner, "statements[0].actors[0]"},
		{"truncated stream message", "/AnalyzeStream", true, truncated, ""},
		{"garbage ListActors", "/ListActors", false, garbage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logs := newLogRecorder()
			var rec codeRecorder
			ts := start(t, newFake("fake/1"), WithLogger(slog.New(logs)), rec.options())
			var err error
			if tt.method == "/ListActors" {
				var resp stancev1.ListActorsResponse
				err = ts.conn.Invoke(context.Background(), stancev1.StanceService_ListActors_FullMethodName, &tt.body, &resp, grpc.ForceCodecV2(rawCodec{}))
			} else {
				err = send(context.Background(), ts.conn, tt.stream, false, tt.body)
			}
			requireViolation(t, err, tt.field, ReasonMalformedRequest)
			line := logs.next(t, tt.method)
			require.Equal(t, "InvalidArgument", line["code"].String())
			require.Equal(t, "INFO", line["level"].String())
			require.Equal(t, []codes.Code{codes.InvalidArgument}, rec.get("/stance.v1.StanceService"+tt.method))
		})
	}
}

// A body that decodes but for invalid UTF-8 still reaches validation, which
// names the field (utf8Codec), now through the service's own decoding.
func TestDecodeKeepsInvalidUTF8(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	body := withInvalidUTF8(t, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", "Kyiv @@ backed")}}, "@@")
	requireViolation(t, send(context.Background(), ts.conn, false, false, body), "statements[0].text", ReasonInvalidUTF8)
}
