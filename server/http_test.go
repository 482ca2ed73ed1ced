package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"connectrpc.com/connect"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// httpTestServer is a Server's HTTPServer handler on an httptest server
// (HTTP/1.1 and HTTP/2 without TLS), for the test's duration.
type httpTestServer struct {
	srv *Server
	url string
	// client speaks HTTP/1.1; h2c speaks HTTP/2 with prior knowledge
	// (bidi streams need it).
	client, h2c *http.Client
}

func startHTTP(tb testing.TB, opts []Option, httpOpts ...HTTPOption) *httpTestServer {
	tb.Helper()
	srv, err := New(newFake("fake/1"), append([]Option{WithLogger(discard)}, opts...)...)
	require.NoError(tb, err)
	hs, err := srv.HTTPServer(httpOpts...)
	require.NoError(tb, err)
	ts := httptest.NewUnstartedServer(hs.Handler)
	ts.Config.Protocols = hs.Protocols
	ts.Start()
	h2 := new(http.Protocols)
	h2.SetUnencryptedHTTP2(true)
	h2c := &http.Client{Transport: &http.Transport{Protocols: h2}}
	tb.Cleanup(func() {
		h2c.CloseIdleConnections()
		ts.Close()
		srv.GRPCServer().Stop()
	})
	return &httpTestServer{srv: srv, url: ts.URL, client: ts.Client(), h2c: h2c}
}

// post sends body to path with the headers (pairs of name, value) and
// returns the status code, the response headers and body.
func (h *httpTestServer) post(tb testing.TB, path, body string, headers ...string) (int, http.Header, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, h.url+path, strings.NewReader(body))
	require.NoError(tb, err)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.client.Do(req)
	require.NoError(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(tb, err)
	return resp.StatusCode, resp.Header, b
}

// connectError is the Connect protocol's JSON error body.
type connectError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []struct {
		Type  string          `json:"type"`
		Value string          `json:"value"`
		Debug json.RawMessage `json:"debug"`
	} `json:"details"`
}

func decodeError(tb testing.TB, body []byte) connectError {
	tb.Helper()
	var e connectError
	require.NoError(tb, json.Unmarshal(body, &e), "error body %s", body)
	return e
}

const analyzePath = "/stance.v1.StanceService/Analyze"

func TestHTTPAnalyzeJSON(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, nil)
	code, header, body := h.post(t, analyzePath, `{"statements":[{"id":"s1","text":"`+okText+`"}],"options":{"includeEvidence":true}}`)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	assert.Equal(t, "application/json", header.Get("Content-Type"))
	var resp stancev1.AnalyzeResponse
	require.NoError(t, protojson.Unmarshal(body, &resp), "body %s", body)
	require.Len(t, resp.GetAnalyses(), 1)
	a := resp.GetAnalyses()[0]
	assert.Equal(t, "s1", a.GetStatementId())
	require.Len(t, a.GetRelations(), 1)
	assert.Equal(t, "country/FRA", a.GetRelations()[0].GetHolderId())
	assert.Equal(t, "country/DEU", a.GetRelations()[0].GetTargetId())
	assert.Equal(t, stancev1.Stance_STANCE_SUPPORT, a.GetRelations()[0].GetStance())
	assert.Equal(t, "fake/1", resp.GetLexiconVersion())
	// Zero values are left out, as grpcurl and `stancetag analyze` do.
	assert.NotContains(t, string(body), `"begin":0`)
	assert.Contains(t, string(body), `"statementId":"s1"`)
}

func TestHTTPBadRequest(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, nil)
	code, header, body := h.post(t, analyzePath, `{"statements":[{"id":"a","text":"`+okText+`"},{"id":"b","text":""}]}`)
	require.Equal(t, http.StatusBadRequest, code, "body %s", body)
	assert.Equal(t, "application/json", header.Get("Content-Type"))
	e := decodeError(t, body)
	assert.Equal(t, "invalid_argument", e.Code)
	assert.Equal(t, "statements[1].text: text is empty", e.Message)

	var found bool
	for _, d := range e.Details {
		if d.Type != "google.rpc.BadRequest" {
			continue
		}
		found = true
		// value is the detail's protobuf encoding (what clients decode) ...
		raw, err := base64.RawStdEncoding.DecodeString(d.Value)
		require.NoError(t, err)
		var br errdetails.BadRequest
		require.NoError(t, proto.Unmarshal(raw, &br))
		require.Len(t, br.GetFieldViolations(), 1)
		assert.Equal(t, "statements[1].text", br.GetFieldViolations()[0].GetField())
		assert.Equal(t, ReasonTextEmpty, br.GetFieldViolations()[0].GetReason())
		// ... and debug the same in JSON, for people and curl.
		assert.JSONEq(t, `{"fieldViolations":[{"field":"statements[1].text","description":"text is empty","reason":"TEXT_EMPTY"}]}`, string(d.Debug))
	}
	assert.True(t, found, "a google.rpc.BadRequest detail in %s", body)
}

func TestHTTPMalformedJSON(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, nil)
	code, _, body := h.post(t, analyzePath, `{"statements":[{"text":1}]}`)
	require.Equal(t, http.StatusBadRequest, code, "body %s", body)
	assert.Equal(t, "invalid_argument", decodeError(t, body).Code)
}

func TestHTTPAuth(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, []Option{withAuth(t)})
	req := `{"statements":[{"text":"` + okText + `"}]}`
	for name, headers := range map[string][]string{
		"no token":    nil,
		"wrong token": {"Authorization", "Bearer not-the-token-0123456789"},
		"not bearer":  {"Authorization", "Basic " + testToken},
	} {
		code, _, body := h.post(t, analyzePath, req, headers...)
		require.Equal(t, http.StatusUnauthorized, code, "%s: body %s", name, body)
		e := decodeError(t, body)
		assert.Equal(t, "unauthenticated", e.Code, name)
		assert.NotContains(t, e.Message, testToken, name)
	}
	code, _, body := h.post(t, analyzePath, req, "Authorization", "Bearer "+testToken)
	require.Equal(t, http.StatusOK, code, "body %s", body)

	// Health needs no token, as on the gRPC port.
	code, _, body = h.post(t, "/grpc.health.v1.Health/Check", `{}`)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	assert.JSONEq(t, `{"status":"SERVING"}`, string(body))
}

// grpcWebFrame is one message (flags 0) or trailer (flags 0x80) frame.
func grpcWebFrame(flags byte, payload []byte) []byte {
	b := make([]byte, envelopeSize, envelopeSize+len(payload))
	b[0] = flags
	binary.BigEndian.PutUint32(b[1:], uint32(len(payload)))
	return append(b, payload...)
}

// grpcWebCall sends req as a gRPC-Web call and returns the response
// message frames and the trailers (from the trailer frame, or the headers of
// a trailers-only response).
func grpcWebCall(tb testing.TB, h *httpTestServer, path string, req proto.Message, headers ...string) (messages [][]byte, trailers http.Header) {
	tb.Helper()
	b, err := proto.Marshal(req)
	require.NoError(tb, err)
	hr, err := http.NewRequest(http.MethodPost, h.url+path, bytes.NewReader(grpcWebFrame(0, b)))
	require.NoError(tb, err)
	hr.Header.Set("Content-Type", "application/grpc-web+proto")
	hr.Header.Set("X-Grpc-Web", "1")
	for i := 0; i+1 < len(headers); i += 2 {
		hr.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.client.Do(hr)
	require.NoError(tb, err)
	defer resp.Body.Close()
	require.Equal(tb, http.StatusOK, resp.StatusCode, "gRPC-Web answers errors with 200 and grpc-status")
	body, err := io.ReadAll(resp.Body)
	require.NoError(tb, err)
	trailers = http.Header{}
	if s := resp.Header.Get("Grpc-Status"); s != "" {
		trailers.Set("Grpc-Status", s)
		trailers.Set("Grpc-Message", resp.Header.Get("Grpc-Message"))
	}
	for len(body) > 0 {
		require.GreaterOrEqual(tb, len(body), envelopeSize)
		n := int(binary.BigEndian.Uint32(body[1:envelopeSize]))
		require.GreaterOrEqual(tb, len(body), envelopeSize+n)
		payload := body[envelopeSize : envelopeSize+n]
		if body[0]&0x80 != 0 {
			for line := range strings.Lines(string(payload)) {
				k, v, _ := strings.Cut(strings.TrimRight(line, "\r\n"), ":")
				trailers.Set(strings.TrimSpace(k), strings.TrimSpace(v))
			}
		} else {
			messages = append(messages, payload)
		}
		body = body[envelopeSize+n:]
	}
	return messages, trailers
}

func TestHTTPGRPCWeb(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, []Option{withAuth(t)})
	req := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("w1", okText)}}
	msgs, trailers := grpcWebCall(t, h, analyzePath, req, "Authorization", "Bearer "+testToken)
	require.Equal(t, "0", trailers.Get("Grpc-Status"), "trailers %v", trailers)
	require.Len(t, msgs, 1)
	var resp stancev1.AnalyzeResponse
	require.NoError(t, proto.Unmarshal(msgs[0], &resp))
	require.Len(t, resp.GetAnalyses(), 1)
	assert.Equal(t, "w1", resp.GetAnalyses()[0].GetStatementId())

	// Errors are gRPC statuses, as on the gRPC port.
	_, trailers = grpcWebCall(t, h, analyzePath, req)
	assert.Equal(t, "16", trailers.Get("Grpc-Status"), "UNAUTHENTICATED without a token: %v", trailers)
	_, trailers = grpcWebCall(t, h, analyzePath, &stancev1.AnalyzeRequest{}, "Authorization", "Bearer "+testToken)
	assert.Equal(t, "3", trailers.Get("Grpc-Status"), "INVALID_ARGUMENT for an empty batch: %v", trailers)
}

// TestHTTPConnectClient calls through connect-go's own client, as a Go
// program would, over Connect and gRPC-Web, and reads the BadRequest as a
// typed error detail.
func TestHTTPConnectClient(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, nil)
	for name, opts := range map[string][]connect.ClientOption{
		"connect json": {connect.WithProtoJSON()},
		"connect":      nil,
		"grpc-web":     {connect.WithGRPCWeb()},
	} {
		c := connect.NewClient[stancev1.AnalyzeRequest, stancev1.AnalyzeResponse](h.client, h.url+analyzePath, opts...)
		resp, err := c.CallUnary(context.Background(), connect.NewRequest(&stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("c1", okText)},
		}))
		require.NoError(t, err, name)
		assert.Equal(t, "c1", resp.Msg.GetAnalyses()[0].GetStatementId(), name)

		_, err = c.CallUnary(context.Background(), connect.NewRequest(&stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("c2", "")},
		}))
		require.Equal(t, connect.CodeInvalidArgument, connect.CodeOf(err), name)
		var ce *connect.Error
		require.ErrorAs(t, err, &ce)
		var fields []string
		for _, d := range ce.Details() {
			v, err := d.Value()
			require.NoError(t, err)
			if br, ok := v.(*errdetails.BadRequest); ok {
				for _, f := range br.GetFieldViolations() {
					fields = append(fields, f.GetField())
				}
			}
		}
		assert.Equal(t, []string{"statements[0].text"}, fields, name)
	}
}

// TestHTTPStream runs AnalyzeStream over the Connect protocol on HTTP/2
// without TLS.
func TestHTTPStream(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, nil)
	c := connect.NewClient[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse](h.h2c, h.url+"/stance.v1.StanceService/AnalyzeStream")
	stream := c.CallBidiStream(context.Background())
	for _, id := range []string{"a", "b", "c"} {
		require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st(id, okText)}))
	}
	require.NoError(t, stream.CloseRequest())
	var ids []string
	for {
		resp, err := stream.Receive()
		if err != nil {
			require.ErrorIs(t, err, io.EOF)
			break
		}
		ids = append(ids, resp.GetAnalysis().GetStatementId())
	}
	require.NoError(t, stream.CloseResponse())
	assert.Equal(t, []string{"a", "b", "c"}, ids)
}

// tinyMessages keeps a request message to 2,000 bytes.
func tinyMessages() Option {
	l := DefaultLimits()
	l.MaxTextBytes = 1000
	l.MaxRecvMsgBytes = 2000
	return WithLimits(l)
}

func TestHTTPRequestTooLarge(t *testing.T) {
	t.Parallel()
	h := startHTTP(t, []Option{tinyMessages()})
	big := `{"statements":[{"text":"` + strings.Repeat("x", 3000) + `"}]}`

	code, _, body := h.post(t, analyzePath, big)
	require.Equal(t, http.StatusTooManyRequests, code, "body %s", body)
	e := decodeError(t, body)
	assert.Equal(t, "resource_exhausted", e.Code)
	assert.Contains(t, e.Message, "larger than max (2000 bytes)")

	// Compressed, it is small; decompressed, it is not.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"statements":[{"text":"` + strings.Repeat("x", 1<<20) + `"}]}`))
	require.NoError(t, zw.Close())
	require.Less(t, gz.Len(), 2000)
	code, _, body = h.post(t, analyzePath, gz.String(), "Content-Encoding", "gzip")
	require.Equal(t, http.StatusTooManyRequests, code, "body %s", body)
	assert.Contains(t, decodeError(t, body).Message, "larger than max (2000 bytes)")

	// Within the limit, compressed or not, it works.
	ok := `{"statements":[{"text":"` + okText + `"}]}`
	code, _, body = h.post(t, analyzePath, ok)
	require.Equal(t, http.StatusOK, code, "body %s", body)
	gz.Reset()
	zw = gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(ok))
	require.NoError(t, zw.Close())
	code, _, body = h.post(t, analyzePath, gz.String(), "Content-Encoding", "gzip")
	require.Equal(t, http.StatusOK, code, "body %s", body)

	// gRPC-Web: the same limit on the message.
	_, trailers := grpcWebCall(t, h, analyzePath, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("x", strings.Repeat("x", 3000))}})
	assert.Equal(t, "8", trailers.Get("Grpc-Status"), "RESOURCE_EXHAUSTED: %v", trailers)

	// A stream message over the limit ends the stream; those before it
	// are answered.
	c := connect.NewClient[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse](h.h2c, h.url+"/stance.v1.StanceService/AnalyzeStream")
	stream := c.CallBidiStream(context.Background())
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("a", okText)}))
	resp, err := stream.Receive()
	require.NoError(t, err)
	assert.Equal(t, "a", resp.GetAnalysis().GetStatementId())
	_ = stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("b", strings.Repeat("x", 3000))})
	_ = stream.CloseRequest()
	_, err = stream.Receive()
	assert.Equal(t, connect.CodeResourceExhausted, connect.CodeOf(err), "%v", err)
	_ = stream.CloseResponse()
}

func TestHTTPLogsLikeGRPC(t *testing.T) {
	t.Parallel()
	rec := newLogRecorder()
	h := startHTTP(t, []Option{WithLogger(slog.New(rec))})
	code, _, _ := h.post(t, analyzePath, `{"statements":[{"text":""}]}`)
	require.Equal(t, http.StatusBadRequest, code)
	line := rec.next(t, "/Analyze")
	assert.Equal(t, "/stance.v1.StanceService/Analyze", line["method"].String())
	assert.Equal(t, codes.InvalidArgument.String(), line["code"].String())
	assert.Equal(t, int64(1), line["statements"].Int64())
}

func TestHTTPCORS(t *testing.T) {
	t.Parallel()
	preflight := func(h *httpTestServer, origin string) http.Header {
		req, err := http.NewRequest(http.MethodOptions, h.url+analyzePath, nil)
		require.NoError(t, err)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,connect-protocol-version,content-type") // as browsers send it: sorted, lower case
		resp, err := h.client.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.Header
	}

	off := startHTTP(t, nil)
	assert.Empty(t, preflight(off, "https://app.example.com").Get("Access-Control-Allow-Origin"), "no CORS by default")

	on := startHTTP(t, nil, WithCORSOrigins("https://app.example.com"))
	got := preflight(on, "https://app.example.com")
	assert.Equal(t, "https://app.example.com", got.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, strings.ToLower(got.Get("Access-Control-Allow-Headers")), "authorization")
	assert.Empty(t, got.Get("Access-Control-Allow-Credentials"))
	assert.Empty(t, preflight(on, "https://evil.example.com").Get("Access-Control-Allow-Origin"))

	_, header, _ := on.post(t, analyzePath, `{"statements":[{"text":"`+okText+`"}]}`, "Origin", "https://app.example.com")
	assert.Equal(t, "https://app.example.com", header.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, header.Get("Access-Control-Expose-Headers"), "Grpc-Status")
}

func TestHTTPServerTimeouts(t *testing.T) {
	t.Parallel()
	srv, err := New(newFake("fake/1"), WithLogger(discard))
	require.NoError(t, err)
	defer srv.GRPCServer().Stop()
	hs, err := srv.HTTPServer()
	require.NoError(t, err)
	assert.Equal(t, httpReadHeaderTimeout, hs.ReadHeaderTimeout)
	assert.Equal(t, httpIdleTimeout, hs.IdleTimeout)
	assert.Positive(t, hs.MaxHeaderBytes)
	// No whole-request timeouts: they would cut streams.
	assert.Zero(t, hs.ReadTimeout)
	assert.Zero(t, hs.WriteTimeout)
	assert.True(t, hs.Protocols.UnencryptedHTTP2())
}

func TestClientStreams(t *testing.T) {
	t.Parallel()
	assert.True(t, clientStreams("/stance.v1.StanceService/AnalyzeStream"))
	assert.False(t, clientStreams(analyzePath))
	assert.False(t, clientStreams("/grpc.health.v1.Health/Watch"), "server streams only")
	assert.False(t, clientStreams("/no.such.Service/Method"))
	assert.False(t, clientStreams("/stance.v1.StanceService"))
}

// TestEnvelopeLimitReader reads envelopes one byte at a time, so that every
// split of an envelope and its message is seen.
func TestEnvelopeLimitReader(t *testing.T) {
	t.Parallel()
	stream := append(append(grpcWebFrame(0, []byte("hello")), grpcWebFrame(0, nil)...), grpcWebFrame(1, []byte("ok"))...)
	r := &envelopeLimitReader{ReadCloser: io.NopCloser(iotest.OneByteReader(bytes.NewReader(stream))), limit: 5}
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, stream, got, "passed through unchanged")

	over := append(grpcWebFrame(0, []byte("hello")), grpcWebFrame(0, []byte("hello!"))...)
	r = &envelopeLimitReader{ReadCloser: io.NopCloser(bytes.NewReader(over)), limit: 5}
	got, err = io.ReadAll(r)
	assert.Equal(t, connect.CodeResourceExhausted, connect.CodeOf(err))
	assert.Equal(t, grpcWebFrame(0, []byte("hello")), got, "stopped at the envelope over the limit, before its message")

	truncated := []byte{0, 0, 0}
	r = &envelopeLimitReader{ReadCloser: io.NopCloser(bytes.NewReader(truncated)), limit: 5}
	got, err = io.ReadAll(r)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, truncated, got)
}

func TestBodyLimitReader(t *testing.T) {
	t.Parallel()
	read := func(body string, limit, declared int64) ([]byte, error) {
		return io.ReadAll(&bodyLimitReader{ReadCloser: io.NopCloser(iotest.OneByteReader(strings.NewReader(body))), limit: limit, declared: declared})
	}
	got, err := read("12345", 5, -1)
	require.NoError(t, err, "exactly the limit")
	assert.Equal(t, "12345", string(got))
	_, err = read("123456", 5, -1)
	assert.Equal(t, connect.CodeResourceExhausted, connect.CodeOf(err))
	got, err = read("123456", 5, 6)
	assert.Equal(t, connect.CodeResourceExhausted, connect.CodeOf(err))
	assert.Empty(t, got, "a Content-Length over the limit fails before reading")
}
