package server

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"connectrpc.com/connect"
	connectcors "connectrpc.com/cors"
	"connectrpc.com/vanguard"
	"connectrpc.com/vanguard/vanguardgrpc"
	"github.com/rs/cors"
	"golang.org/x/net/http2"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// Why Vanguard (connectrpc.com/vanguard, package vanguardgrpc): it
// translates Connect (JSON or protobuf, unary and streaming) and gRPC-Web
// requests into gRPC and hands them to this package's own *grpc.Server
// through grpc.Server.ServeHTTP. Every request therefore runs the same
// handlers and interceptors as one on the gRPC port: the authorizer before
// decoding, the checks on the wire bytes, the byte budget, validation with
// its google.rpc.BadRequest, recovery, the per-RPC log line, metrics and
// tracing. Vanguard writes the resulting status back in the caller's
// protocol: Connect errors are JSON with each detail's JSON form under
// "debug". The alternatives were a second server (connect-go handlers
// calling the service), which would have needed every interceptor written
// twice, grpc-gateway (REST only, no Connect or gRPC-Web), and Envoy's
// grpc_web filter (a proxy to run beside the binary).

// HTTP server timeouts of HTTPServer. Streams (AnalyzeStream, health Watch)
// may run for hours, so nothing bounds a whole request or response; a unary
// call's body must arrive within httpBodyReadTimeout.
const (
	// httpReadHeaderTimeout bounds the request line and headers.
	httpReadHeaderTimeout = 10 * time.Second
	// httpBodyReadTimeout bounds the body of a unary call, read in full
	// before the call starts: a maximal batch (66 MB) at 1.1 MB/s.
	httpBodyReadTimeout = time.Minute
	// httpIdleTimeout closes keep-alive connections idle that long.
	httpIdleTimeout = 2 * time.Minute
	// httpMaxHeaderBytes bounds the request headers (net/http's default).
	httpMaxHeaderBytes = http.DefaultMaxHeaderBytes
	// corsMaxAge is how long browsers may cache a preflight answer.
	corsMaxAge = 2 * time.Hour
)

// envelopeSize is the prefix of each message of a Connect stream or a
// gRPC-Web body: one flags byte and a 4-byte big-endian length.
const envelopeSize = 5

// HTTPOption configures HTTPServer. Defaults are documented on each option.
type HTTPOption func(*httpConfig)

type httpConfig struct {
	corsOrigins []string
}

// WithCORSOrigins lets web pages served from origins ("https://app.example.com",
// or "*" for any) call the API from a browser: preflight requests are answered
// and responses carry the Access-Control-* headers that Connect and gRPC-Web
// need, Authorization included among the allowed request headers. Cookies are
// never allowed (the API authenticates with bearer tokens). Default none: no
// CORS headers, so browsers allow only pages of the server's own origin.
func WithCORSOrigins(origins ...string) HTTPOption {
	return func(c *httpConfig) { c.corsOrigins = append(c.corsOrigins, origins...) }
}

// HTTPServer returns an *http.Server (not yet serving) whose Handler serves
// every service of s — StanceService, health and, when on, reflection — over
// the Connect protocol (POST of JSON or protobuf to /stance.v1.StanceService/
// Analyze; streams) and gRPC-Web, by translating each request into gRPC for
// s's own *grpc.Server (see the comment on Vanguard above). It serves
// HTTP/1.1 and HTTP/2, also without TLS (HTTP/2 with prior knowledge); the
// caller sets TLSConfig and ErrorLog and calls Serve or ServeTLS.
//
// Limits match the gRPC port's: a request message (a unary call's whole body,
// each message of a stream) larger than Limits.RecvMsgBytes, before or after
// gzip decompression, fails with RESOURCE_EXHAUSTED before it is decoded. JSON
// is larger than the protobuf encoding of the same request, so a batch that
// just fits as protobuf may not as JSON. The headers must arrive within 10 s,
// a unary call's body within a minute; idle connections close after 2 min.
//
// Shut it down before (or together with) s: requests in progress on it are
// RPCs of s.
func (s *Server) HTTPServer(opts ...HTTPOption) (*http.Server, error) {
	var cfg httpConfig
	for _, o := range opts {
		o(&cfg)
	}
	limit := s.svc.lim.RecvMsgBytes()
	transcoder, err := vanguardgrpc.NewTranscoder(s.grpc,
		vanguard.WithDefaultServiceOptions(
			// The service decodes protobuf itself (request.go): never send it
			// JSON, even if a "json" gRPC codec gets registered.
			vanguard.WithTargetCodecs(vanguard.CodecProto),
			// In process: compressing towards grpc-go only costs CPU.
			vanguard.WithNoTargetCompression(),
		),
		vanguard.WithCodec(newJSONCodec),
		vanguard.WithCompression(vanguard.CompressionGzip,
			func() connect.Compressor { return gzip.NewWriter(io.Discard) },
			func() connect.Decompressor { return &limitedGzip{limit: int64(limit)} }),
	)
	if err != nil {
		return nil, fmt.Errorf("server: HTTP transcoder: %w", err)
	}
	var h http.Handler = &bodyLimiter{next: transcoder, limit: int64(limit)}
	if len(cfg.corsOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.corsOrigins,
			AllowedMethods: connectcors.AllowedMethods(),
			AllowedHeaders: append(connectcors.AllowedHeaders(), "Authorization"),
			ExposedHeaders: connectcors.ExposedHeaders(),
			MaxAge:         int(corsMaxAge / time.Second),
		}).Handler(h)
	}
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	protocols.SetHTTP2(true)
	protocols.SetUnencryptedHTTP2(true)
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: httpReadHeaderTimeout,
		IdleTimeout:       httpIdleTimeout,
		MaxHeaderBytes:    httpMaxHeaderBytes,
		Protocols:         protocols,
	}, nil
}

// newJSONCodec is Vanguard's JSON codec with the choices of the rest of
// stancetag (grpcurl's output, `stancetag analyze`): zero values are left out
// of responses, and unknown request fields are ignored, as the Connect
// protocol asks of servers.
func newJSONCodec(res vanguard.TypeResolver) vanguard.Codec {
	return jsonCodec{&vanguard.JSONCodec{
		MarshalOptions:   protojson.MarshalOptions{Resolver: res},
		UnmarshalOptions: protojson.UnmarshalOptions{Resolver: res, DiscardUnknown: true},
	}}
}

// jsonCodec makes a request that is no JSON encoding of the message a
// client error, INVALID_ARGUMENT, as the Connect protocol has it.
type jsonCodec struct{ *vanguard.JSONCodec }

func (c jsonCodec) Unmarshal(data []byte, msg proto.Message) error {
	if err := c.JSONCodec.Unmarshal(data, msg); err != nil {
		return connect.NewError(connect.CodeInvalidArgument, err)
	}
	return nil
}

// tooLarge is the error of a request message over limit bytes.
func tooLarge(limit int64) error { return &messageTooLargeError{limit: limit} }

// messageTooLargeError is RESOURCE_EXHAUSTED wherever it surfaces. Vanguard
// reads the request body while grpc-go reads the translated request, so a
// read error reaches the client through one or the other: Vanguard writes a
// *connect.Error as it is, and grpc-go maps an HTTP/2 ENHANCE_YOUR_CALM
// stream error to RESOURCE_EXHAUSTED (any other error would become
// UNAVAILABLE, which clients retry).
type messageTooLargeError struct{ limit int64 }

func (e *messageTooLargeError) Error() string {
	return fmt.Sprintf("request message larger than max (%d bytes)", e.limit)
}

func (e *messageTooLargeError) As(target any) bool {
	switch t := target.(type) {
	case **connect.Error:
		*t = connect.NewError(connect.CodeResourceExhausted, e)
		return true
	case *http2.StreamError:
		*t = http2.StreamError{Code: http2.ErrCodeEnhanceYourCalm, Cause: e}
		return true
	}
	return false
}

// bodyLimiter bounds what a request may make the server read and buffer:
// the whole body of a unary call (one message, with its envelope when it has
// one), or each enveloped message of a client stream, to limit bytes; and it
// sets the read deadline of a unary call's body.
type bodyLimiter struct {
	next  http.Handler
	limit int64
}

func (b *bodyLimiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.Header.Get(connectProtocolVersion) == "" && connectUnary(r.Header.Get("Content-Type")) {
		// The Connect protocol asks clients for this header, and Vanguard
		// takes a POST without it for a REST call, which this API has none
		// of (404). Adding it lets curl send only Content-Type.
		r.Header.Set(connectProtocolVersion, "1")
	}
	if r.Body != nil && r.Body != http.NoBody {
		if clientStreams(r.URL.Path) {
			r.Body = &envelopeLimitReader{ReadCloser: r.Body, limit: b.limit}
		} else {
			// Not supported by every ResponseWriter (httptest's recorder):
			// then the server's own timeouts are all there is.
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(httpBodyReadTimeout))
			limit := b.limit
			if enveloped(r.Header.Get("Content-Type")) {
				limit += envelopeSize
			}
			if r.ContentLength > limit {
				// The usual case, answered cleanly before reading.
				writeError(w, r, tooLarge(b.limit))
				return
			}
			r.Body = &bodyLimitReader{ReadCloser: r.Body, limit: limit, declared: r.ContentLength}
		}
	}
	b.next.ServeHTTP(w, r)
}

// writeError answers r with err in r's protocol, or a plain 413 when r
// speaks none that connect-go knows.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	ew := connect.NewErrorWriter()
	if !ew.IsSupported(r) {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	var ce *connect.Error
	errors.As(err, &ce)
	_ = ew.Write(w, r, ce)
}

// clientStreams reports whether path names a method whose client sends a
// stream ("/stance.v1.StanceService/AnalyzeStream").
func clientStreams(path string) bool {
	svc, method, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !ok {
		return false
	}
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(svc))
	if err != nil {
		return false
	}
	sd, ok := d.(protoreflect.ServiceDescriptor)
	if !ok {
		return false
	}
	m := sd.Methods().ByName(protoreflect.Name(method))
	return m != nil && m.IsStreamingClient()
}

// connectProtocolVersion is the header naming the Connect protocol's version.
const connectProtocolVersion = "Connect-Protocol-Version"

// connectUnary reports whether contentType is that of a Connect unary call
// (application/json, application/proto, with parameters or not).
func connectUnary(contentType string) bool {
	return strings.HasPrefix(contentType, "application/") && !enveloped(contentType)
}

// enveloped reports whether bodies of contentType frame each message with
// an envelope: Connect streams, gRPC-Web and gRPC, as opposed to Connect
// unary calls (application/json, application/proto).
func enveloped(contentType string) bool {
	return strings.HasPrefix(contentType, "application/connect+") || strings.HasPrefix(contentType, "application/grpc")
}

// bodyLimitReader fails with tooLarge once more than limit bytes are read,
// or at once when the Content-Length says so.
type bodyLimitReader struct {
	io.ReadCloser
	limit, declared, read int64
}

func (l *bodyLimitReader) Read(p []byte) (int, error) {
	if l.declared > l.limit || l.read > l.limit {
		return 0, tooLarge(l.limit)
	}
	if int64(len(p)) > l.limit-l.read+1 {
		p = p[:l.limit-l.read+1] // one byte over tells "too large" from "exactly the limit"
	}
	n, err := l.ReadCloser.Read(p)
	l.read += int64(n)
	if l.read > l.limit {
		return n, tooLarge(l.limit)
	}
	return n, err
}

// envelopeLimitReader passes an enveloped stream through, failing with
// tooLarge at an envelope that announces a message over limit, before the
// message is read.
type envelopeLimitReader struct {
	io.ReadCloser
	limit int64
	// header holds the current envelope, of which header[out:in] is still
	// to pass; err ends the body after it (a truncated envelope).
	header  [envelopeSize]byte
	in, out int
	err     error
	// remaining counts the bytes of the current message still to pass.
	remaining int64
}

func (l *envelopeLimitReader) Read(p []byte) (int, error) {
	if l.remaining == 0 && l.out == l.in {
		if l.err != nil {
			return 0, l.err
		}
		// At an envelope: read it in full and check it first.
		n, err := io.ReadFull(l.ReadCloser, l.header[:])
		l.in, l.out = n, 0
		switch {
		case n == 0:
			return 0, err // io.EOF: the stream's end
		case err != nil:
			l.err = err // truncated: pass the bytes on, for the transcoder to refuse
		default:
			length := int64(binary.BigEndian.Uint32(l.header[1:]))
			if length > l.limit {
				return 0, tooLarge(l.limit)
			}
			l.remaining = length
		}
	}
	if l.out < l.in {
		n := copy(p, l.header[l.out:l.in])
		l.out += n
		return n, nil
	}
	if int64(len(p)) > l.remaining {
		p = p[:l.remaining]
	}
	n, err := l.ReadCloser.Read(p)
	l.remaining -= int64(n)
	return n, err
}

// limitedGzip is a gzip decompressor that fails with tooLarge once a
// message decompresses to more than limit bytes, so that a small compressed
// request cannot make the server allocate gigabytes.
type limitedGzip struct {
	gzip.Reader
	limit, read int64
}

func (g *limitedGzip) Reset(r io.Reader) error {
	g.read = 0
	return g.Reader.Reset(r)
}

func (g *limitedGzip) Read(p []byte) (int, error) {
	if g.read > g.limit {
		return 0, tooLarge(g.limit)
	}
	n, err := g.Reader.Read(p)
	g.read += int64(n)
	if g.read > g.limit {
		return n, tooLarge(g.limit)
	}
	return n, err
}
