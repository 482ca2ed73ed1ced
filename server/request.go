package server

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// wireRequest is a request message as received: its encoding, not yet
// decoded. The server registers StanceService with the handlers of
// serviceDesc, which let the codec fill a wireRequest instead of the
// generated message, and decode it themselves, so that:
//   - the authorizer (WithAuthorizer) runs before the body is decoded: a call
//     without a valid token costs its wire bytes, never the memory of
//     decoding them;
//   - the body's repeated fields are counted on the wire (wireScan) before
//     anything is allocated for them, and its bytes are taken from the
//     byte budget (Limits.MaxBytesInFlight) before it is decoded;
//   - bytes that decode to no message are a client error the service
//     answers with INVALID_ARGUMENT, logged and counted like any other,
//     where grpc-go answers INTERNAL before any interceptor has run.
//
// Unary interceptors still see the generated request message: decoded when
// the call got that far, empty when it was refused before (the call then
// fails with the refusal's status whatever the interceptors do). Stream
// interceptors see a *wireRequest in RecvMsg.
type wireRequest struct {
	kind requestKind
	b    []byte
	// held is the transport's buffer that b is, when it came in one piece:
	// kept (with a reference) instead of copied, and freed by release.
	held mem.BufferSlice
	// statements is how many statements the encoding holds at its top
	// level, counted by bytes, for the log line.
	statements int
}

type requestKind int

const (
	kindAnalyze requestKind = iota
	kindStream
	kindListActors
	kindDocument
)

// receive keeps a reference to data, the whole encoding, as the transport
// read it: the bytes of a call refused before they are read (no token) are
// never copied. A stream message, whose stream was authorized as it opened,
// is read at once, so that its statements are counted for the log line. The
// caller must call release.
func (w *wireRequest) receive(data mem.BufferSlice) {
	data.Ref()
	w.held = data
	if w.kind == kindStream {
		w.bytes()
	}
}

// bytes returns the encoding in one piece, copying it once if the transport
// read it in several (and letting those go), and counts its statements.
func (w *wireRequest) bytes() []byte {
	if w.b != nil || w.held == nil {
		return w.b
	}
	if len(w.held) == 1 {
		w.b = w.held[0].ReadOnlyData()
	} else {
		w.b = w.held.Materialize()
		w.held.Free()
		w.held = nil
	}
	w.count(w.b)
	return w.b
}

// release lets go of the encoding; w must not be used after.
func (w *wireRequest) release() {
	w.held.Free()
	w.held, w.b = nil, nil
}

// count counts the statements at the top level of b.
func (w *wireRequest) count(b []byte) {
	if w.kind == kindListActors {
		return
	}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return
		}
		m := protowire.ConsumeFieldValue(num, typ, b[n:])
		if m < 0 {
			return
		}
		if num == fieldRequestStatements && typ == protowire.BytesType {
			w.statements++
		}
		b = b[n+m:]
	}
	if w.kind == kindStream {
		w.statements = min(w.statements, 1) // repeated, the field is one merged statement
	}
}

// serviceDesc is stancev1.StanceService_ServiceDesc with the handlers above.
var serviceDesc = grpc.ServiceDesc{
	ServiceName: stancev1.StanceService_ServiceDesc.ServiceName,
	HandlerType: stancev1.StanceService_ServiceDesc.HandlerType,
	Methods: []grpc.MethodDesc{
		{MethodName: "Analyze", Handler: unaryHandler(kindAnalyze, stancev1.StanceService_Analyze_FullMethodName,
			(*wireScan).analyzeRequest, func(s *service, ctx context.Context, r *stancev1.AnalyzeRequest) (any, error) {
				return s.Analyze(ctx, r)
			})},
		{MethodName: "AnalyzeDocument", Handler: unaryHandler(kindDocument, stancev1.StanceService_AnalyzeDocument_FullMethodName,
			(*wireScan).documentRequest, func(s *service, ctx context.Context, r *stancev1.AnalyzeDocumentRequest) (any, error) {
				return s.AnalyzeDocument(ctx, r)
			})},
		{MethodName: "ListActors", Handler: unaryHandler(kindListActors, stancev1.StanceService_ListActors_FullMethodName,
			(*wireScan).wellFormed, func(s *service, ctx context.Context, r *stancev1.ListActorsRequest) (any, error) {
				return s.ListActors(ctx, r)
			})},
	},
	Streams: []grpc.StreamDesc{{
		StreamName:    "AnalyzeStream",
		Handler:       analyzeStreamHandler,
		ServerStreams: true,
		ClientStreams: true,
	}},
	Metadata: stancev1.StanceService_ServiceDesc.Metadata,
}

// unaryHandler is the generated handler of a unary method, but for the
// order: receive the bytes, authorize, scan, decode, and only then the
// interceptors and call. A call refused before decoding still goes through
// the interceptors (so that logs and metrics see it), with an empty request
// and a handler that returns the refusal.
func unaryHandler[Req any, PReq interface {
	*Req
	proto.Message
}](kind requestKind, fullMethod string, scan func(*wireScan, []byte), call func(*service, context.Context, PReq) (any, error),
) func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
	return func(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
		w := &wireRequest{kind: kind}
		if err := dec(w); err != nil {
			return nil, err
		}
		defer w.release() // after the call, if admit has not done it before
		s := srv.(*service)
		req := PReq(new(Req))
		handler := func(ctx context.Context, r any) (any, error) { return call(s, ctx, r.(PReq)) }
		release, err := s.admit(ctx, fullMethod, w, req, -1, scan)
		ctx = context.WithValue(ctx, wireStatementsKey{}, w.statements)
		if err != nil {
			handler = func(context.Context, any) (any, error) { return nil, err }
		} else {
			defer release()
		}
		if interceptor == nil {
			return handler(ctx, req)
		}
		return interceptor(ctx, req, &grpc.UnaryServerInfo{Server: srv, FullMethod: fullMethod}, handler)
	}
}

// wireStatementsKey is the context key of the statements counted on the
// wire, for the log line of a call refused before decoding.
type wireStatementsKey struct{}

func analyzeStreamHandler(srv any, stream grpc.ServerStream) error {
	return srv.(*service).AnalyzeStream(&wireStream{
		GenericServerStream: &grpc.GenericServerStream[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse]{ServerStream: stream},
	})
}

// wireStream is an AnalyzeStream whose messages service.recv receives as
// wireRequests; its Recv decodes as grpc-go would.
type wireStream struct {
	*grpc.GenericServerStream[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse]
}

// recv receives the message at position pos of stream. release gives back
// the bytes it holds in the budget, once its analysis has been sent.
func (s *service) recv(stream grpc.BidiStreamingServer[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse], pos int) (req *stancev1.AnalyzeStreamRequest, release func(), err error) {
	ws, ok := stream.(*wireStream)
	if !ok {
		req, err := stream.Recv()
		return req, func() {}, err
	}
	w := &wireRequest{kind: kindStream}
	if err := ws.RecvMsg(w); err != nil {
		w.release()
		return nil, nil, err
	}
	defer w.release()
	req = new(stancev1.AnalyzeStreamRequest)
	// The stream's interceptors authorized it when it opened.
	release, err = s.admit(ws.Context(), "", w, req, pos, func(sc *wireScan, b []byte) { sc.streamRequest(b, pos) })
	if err != nil {
		return nil, nil, err
	}
	return req, release, nil
}

// admit authorizes a call to fullMethod ("" for a stream message: the
// stream was authorized when it opened), checks w's encoding with scan,
// takes its bytes from the budget and decodes it into m; strings with
// invalid UTF-8 are kept as they are, for checker to name (see utf8Codec).
// The error is the authorizer's, or a *ValidationError (at position, -1
// outside a stream), or a *BytesOverloadError, already mapped to its status.
// On success the caller must call release once it is done with m.
func (s *service) admit(ctx context.Context, fullMethod string, w *wireRequest, m proto.Message, position int, scan func(*wireScan, []byte)) (release func(), err error) {
	if fullMethod != "" && s.authorize != nil {
		if err := s.authorize(ctx, fullMethod); err != nil {
			return nil, err
		}
	}
	w.bytes()
	release, err = s.decode(ctx, w, m, position, scan)
	return release, toRPCError(err)
}

// decode is admit without the authorizer, and its errors unmapped.
func (s *service) decode(ctx context.Context, w *wireRequest, m proto.Message, position int, scan func(*wireScan, []byte)) (release func(), err error) {
	var vs violations
	scan(&wireScan{lim: s.lim, vs: &vs}, w.b)
	if err := vs.err(position); err != nil {
		return nil, err
	}
	release, err = s.bytes.acquire(ctx, len(w.b))
	if err != nil {
		return nil, err
	}
	if err := proto.Unmarshal(w.b, m); err != nil && decodeRelaxed(w.b, m) != nil {
		release()
		vs.add("", ReasonMalformedRequest, "the request is not a valid protobuf encoding: "+err.Error())
		return nil, vs.err(position)
	}
	w.release() // decoding copied every string: the encoding can go
	return release, nil
}
