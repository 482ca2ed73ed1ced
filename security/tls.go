package security

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"sync/atomic"
)

// ServerTLS returns a TLS configuration for a gRPC server from PEM files:
// certFile is the server certificate (chain), keyFile its private key. With a
// non-empty clientCAFile every client must present a certificate signed by
// one of the CAs in that file (mutual TLS); without, clients are not asked
// for one.
//
// The configuration accepts TLS 1.2 and 1.3 (1.3 is chosen whenever the
// client supports it), and for TLS 1.2 only forward-secret AEAD cipher
// suites. Use it as grpc.Creds(credentials.NewTLS(conf)). The files are read
// once; to reload the certificate without a restart use LoadKeyPair and
// KeyPair.TLSConfig instead.
func ServerTLS(certFile, keyFile, clientCAFile string) (*tls.Config, error) {
	kp, err := LoadKeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return kp.TLSConfig(clientCAFile)
}

// KeyPair is a server certificate and key loaded from PEM files that can be
// reloaded while the server runs, e.g. on SIGHUP after the files were
// renewed. Connections already open keep the certificate they were made with.
type KeyPair struct {
	certFile, keyFile string
	cert              atomic.Pointer[tls.Certificate]
}

// LoadKeyPair reads the certificate and key. It fails if either file cannot
// be read or parsed, or if the key does not match the certificate.
func LoadKeyPair(certFile, keyFile string) (*KeyPair, error) {
	kp := &KeyPair{certFile: certFile, keyFile: keyFile}
	if err := kp.Reload(); err != nil {
		return nil, err
	}
	return kp, nil
}

// Reload reads the files again. On error the certificate in use stays, so a
// half-written renewal does not take the server down.
func (k *KeyPair) Reload() error {
	cert, err := tls.LoadX509KeyPair(k.certFile, k.keyFile)
	if err != nil {
		// The tls errors name neither file.
		return fmt.Errorf("security: loading certificate %s with key %s: %w", k.certFile, k.keyFile, err)
	}
	k.cert.Store(&cert)
	return nil
}

// GetCertificate returns the current certificate; it is the
// tls.Config.GetCertificate of TLSConfig.
func (k *KeyPair) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return k.cert.Load(), nil
}

// TLSConfig is ServerTLS over k: every new connection gets the certificate of
// the last successful Reload. The client CAs are read once, now.
func (k *KeyPair) TLSConfig(clientCAFile string) (*tls.Config, error) {
	conf := &tls.Config{
		MinVersion:     tls.VersionTLS12,
		GetCertificate: k.GetCertificate,
		// TLS 1.3 suites are not configurable and all fine; these apply to
		// 1.2 only.
		CipherSuites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		},
		NextProtos: []string{"h2"}, // gRPC is HTTP/2 only
	}
	if clientCAFile == "" {
		return conf, nil
	}
	pool, err := loadCertPool(clientCAFile)
	if err != nil {
		return nil, err
	}
	conf.ClientCAs = pool
	conf.ClientAuth = tls.RequireAndVerifyClientCert
	return conf, nil
}

// loadCertPool reads every PEM certificate of file.
func loadCertPool(file string) (*x509.CertPool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("security: reading client CA file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("security: client CA file %s holds no PEM certificate", file)
	}
	return pool, nil
}
