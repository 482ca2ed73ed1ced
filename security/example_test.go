package security_test

import (
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/security/securitytest"
)

// Example secures a server with mutual TLS and bearer tokens; health checks
// stay open to probes. The options go to server.WithGRPCOptions.
func Example() {
	dir, err := os.MkdirTemp("", "stancetag-example")
	if err != nil {
		panic(err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	caFile, certFile, keyFile, _, _, err := securitytest.WriteTestCerts(dir)
	if err != nil {
		panic(err)
	}
	tokenFile := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokenFile, []byte("# newsroom ingest\n9c4e1f07a3b85d26e0f7c1a4\n"), 0o600); err != nil {
		panic(err)
	}

	conf, err := security.ServerTLS(certFile, keyFile, caFile)
	if err != nil {
		panic(err)
	}
	tokens, err := security.LoadTokens(tokenFile)
	if err != nil {
		panic(err)
	}
	opts := []grpc.ServerOption{
		grpc.Creds(credentials.NewTLS(conf)),
		grpc.ChainUnaryInterceptor(tokens.UnaryInterceptor()),
		grpc.ChainStreamInterceptor(tokens.StreamInterceptor()),
	}
	fmt.Println("options:", len(opts))
	fmt.Println("tokens:", tokens.Len())
	fmt.Println("client certificates required:", conf.ClientAuth == tls.RequireAndVerifyClientCert)
	// Output:
	// options: 3
	// tokens: 1
	// client certificates required: true
}
