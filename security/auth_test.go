package security_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/server"
)

// Tokens written for these tests; goodToken2 shows that any listed token
// is accepted, not just the first.
const (
	goodToken  = "3f1c9a7e52b04d6f8e21a0c7b95d3e48"
	goodToken2 = "b7e04a91c6d25f3e80a4c1d97e6b2f05"
)

func loadTestTokens(t *testing.T) *security.Tokens {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tokens")
	require.NoError(t, os.WriteFile(p, []byte("# stancetag clients\n"+goodToken+"\n\n"+goodToken2+"\n"), 0o600))
	toks, err := security.LoadTokens(p)
	require.NoError(t, err)
	return toks
}

// TestInterceptorMetadata checks the authorization header forms on the
// interceptor alone, with a handler that records whether it ran.
func TestInterceptorMetadata(t *testing.T) {
	t.Parallel()
	toks := loadTestTokens(t)
	unary := toks.UnaryInterceptor()
	const analyze = "/stance.v1.StanceService/Analyze"

	tests := []struct {
		name    string
		method  string
		auth    []string // authorization values; nil sends no metadata
		wantMsg string   // "" for OK
	}{
		{"right token", analyze, []string{"Bearer " + goodToken}, ""},
		{"second token of the file", analyze, []string{"Bearer " + goodToken2}, ""},
		// RFC 7235: the scheme is case-insensitive.
		{"scheme in lower case", analyze, []string{"bearer " + goodToken}, ""},
		{"extra spaces", analyze, []string{"  Bearer   " + goodToken + " "}, ""},
		{"no metadata", analyze, nil, "missing credentials"},
		{"wrong token", analyze, []string{"Bearer 0000000000000000000000000000000000"}, "invalid bearer token"},
		// Equal digests only: a prefix of a token is no token.
		{"prefix of a token", analyze, []string{"Bearer " + goodToken[:20]}, "invalid bearer token"},
		{"token with a suffix", analyze, []string{"Bearer " + goodToken + "0"}, "invalid bearer token"},
		{"token without scheme", analyze, []string{goodToken}, "malformed"},
		{"basic auth", analyze, []string{"Basic " + goodToken}, "malformed"},
		{"scheme alone", analyze, []string{"Bearer "}, "malformed"},
		// Two values could smuggle a good token past a proxy that checks
		// only the first: refuse rather than pick one.
		{"two values", analyze, []string{"Bearer " + goodToken, "Bearer " + goodToken2}, "more than one"},
		{"other stance method", "/stance.v1.StanceService/ListActors", nil, "missing credentials"},
		{"health is exempt", "/grpc.health.v1.Health/Check", nil, ""},
		{"health with a wrong token is still exempt", "/grpc.health.v1.Health/Check", []string{"Bearer nope"}, ""},
		// Exemption is by exact service name.
		{"look-alike service", "/grpc.health.v1.HealthCheck/Check", nil, "missing credentials"},
		{"reflection needs a token by default", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", nil, "missing credentials"},
		{"malformed method name", "grpc.health.v1.Health/Check", nil, "missing credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			if tt.auth != nil {
				md := metadata.MD{}
				md.Append("authorization", tt.auth...)
				ctx = metadata.NewIncomingContext(ctx, md)
			}
			called := false
			_, err := unary(ctx, nil, &grpc.UnaryServerInfo{FullMethod: tt.method}, func(context.Context, any) (any, error) {
				called = true
				return nil, nil
			})
			if tt.wantMsg == "" {
				require.NoError(t, err)
				assert.True(t, called)
				return
			}
			assert.False(t, called, "handler must not run")
			st := status.Convert(err)
			assert.Equal(t, codes.Unauthenticated, st.Code())
			assert.Contains(t, st.Message(), tt.wantMsg)
			for _, a := range tt.auth {
				if _, tok, ok := strings.Cut(strings.TrimSpace(a), " "); ok && tok != "" {
					assert.NotContains(t, st.Message(), strings.TrimSpace(tok), "status echoes the token")
				}
			}
		})
	}
}

// fakeClassifier finds nothing; enough for the real server to answer.
type fakeClassifier struct{}

func (fakeClassifier) Analyze(_ context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	return classifier.Analysis{StatementID: st.ID, Sentiment: classifier.Sentiment{Label: classifier.SentimentNeutral}}, nil
}
func (fakeClassifier) Gazetteer() []classifier.Actor { return nil }
func (fakeClassifier) Version() string               { return "fake/1" }

// startAuth serves the real stancetag server with token auth on bufconn.
func startAuth(t *testing.T, toks *security.Tokens, opts ...security.AuthOption) *grpc.ClientConn {
	t.Helper()
	srv, err := server.New(fakeClassifier{},
		server.WithLogger(slog.New(slog.DiscardHandler)),
		server.WithGRPCOptions(
			grpc.ChainUnaryInterceptor(toks.UnaryInterceptor(opts...)),
			grpc.ChainStreamInterceptor(toks.StreamInterceptor(opts...)),
		))
	require.NoError(t, err)
	lis := bufconn.Listen(1 << 20)
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(lis)
	}()
	conn, err := grpc.NewClient("passthrough:///bufconn",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = conn.Close()
		srv.GRPCServer().Stop()
		<-served
	})
	return conn
}

func withToken(ctx context.Context, tok string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

// TestAuthThroughServer makes real calls, unary and streaming, to the real
// server with the interceptors installed.
func TestAuthThroughServer(t *testing.T) {
	t.Parallel()
	conn := startAuth(t, loadTestTokens(t))
	client := stancev1.NewStanceServiceClient(conn)
	req := &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Id: "1", Text: "The senator backed the trade deal."}}}

	tests := []struct {
		name string
		ctx  context.Context
		want codes.Code
	}{
		{"missing token", t.Context(), codes.Unauthenticated},
		{"wrong token", withToken(t.Context(), "ffffffffffffffffffffffffffffffff"), codes.Unauthenticated},
		{"right token", withToken(t.Context(), goodToken), codes.OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := client.Analyze(tt.ctx, req)
			assert.Equal(t, tt.want, status.Code(err), "Analyze: %v", err)

			stream, err := client.AnalyzeStream(tt.ctx)
			require.NoError(t, err)
			err = stream.Send(&stancev1.AnalyzeStreamRequest{Statement: req.Statements[0]})
			// Send reports io.EOF once the server has ended the stream (a
			// refused token can end it first); the status comes from Recv.
			if err == nil || errors.Is(err, io.EOF) {
				_, err = stream.Recv()
			}
			assert.Equal(t, tt.want, status.Code(err), "AnalyzeStream: %v", err)
			require.NoError(t, stream.CloseSend())
		})
	}

	// Health answers probes that carry no token.
	resp, err := healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{Service: server.ServiceName})
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
}

// listServices asks reflection for the services and returns the code.
func listServices(t *testing.T, conn *grpc.ClientConn) codes.Code {
	t.Helper()
	stream, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(t.Context())
	require.NoError(t, err)
	err = stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{},
	})
	// As above: io.EOF from Send means the status is waiting in Recv.
	if err == nil || errors.Is(err, io.EOF) {
		_, err = stream.Recv()
	}
	_ = stream.CloseSend()
	return status.Code(err)
}

func TestAuthExemptServices(t *testing.T) {
	t.Parallel()
	toks := loadTestTokens(t)

	// Default: reflection reveals the API, so it needs a token.
	assert.Equal(t, codes.Unauthenticated, listServices(t, startAuth(t, toks)))

	conn := startAuth(t, toks, security.WithExemptServices(
		security.HealthService, security.ReflectionService, security.ReflectionV1AlphaService))
	assert.Equal(t, codes.OK, listServices(t, conn))
	_, err := healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)

	// An empty list exempts nothing, health included.
	conn = startAuth(t, toks, security.WithExemptServices())
	_, err = healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{})
	assert.Equal(t, codes.Unauthenticated, status.Code(err))
}
