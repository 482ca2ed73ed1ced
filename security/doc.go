// Package security protects a stancetag gRPC server: TLS and mutual TLS
// configuration from PEM files, with certificate reload (tls.go), and bearer
// token authentication from a token file (tokens.go, auth.go).
//
// Everything plugs into server.New through server.WithGRPCOptions:
//
//	tlsConf, err := security.ServerTLS(certFile, keyFile, clientCAFile)
//	tokens, err := security.LoadTokens(tokenFile)
//	srv, err := server.New(c, server.WithGRPCOptions(
//		grpc.Creds(credentials.NewTLS(tlsConf)),
//		grpc.ChainUnaryInterceptor(tokens.UnaryInterceptor()),
//		grpc.ChainStreamInterceptor(tokens.StreamInterceptor()),
//	))
//
// Secrets never appear in errors or status messages: a token file error
// names the file and line, not the token. Nothing in this package logs.
// Every type is safe for concurrent use.
package security
