package security_test

import (
	"context"
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/security/securitytest"
)

// certs are the files of securitytest.WriteTestCerts plus a second CA with
// a client certificate of its own.
type certs struct {
	ca, cert, key, clientCert, clientKey     string
	otherCA, otherClientCert, otherClientKey string
}

func writeCerts(t *testing.T) certs {
	t.Helper()
	dir := t.TempDir()
	var c certs
	var err error
	c.ca, c.cert, c.key, c.clientCert, c.clientKey, err = securitytest.WriteTestCerts(dir)
	require.NoError(t, err)
	other, err := securitytest.NewCA("some other CA")
	require.NoError(t, err)
	cert, key, err := other.IssueClient("intruder")
	require.NoError(t, err)
	c.otherCA = writeFile(t, dir, "other-ca.pem", other.CertPEM)
	c.otherClientCert = writeFile(t, dir, "other-client.pem", cert)
	c.otherClientKey = writeFile(t, dir, "other-client-key.pem", key)
	return c
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o600))
	return p
}

// serveHealth serves the real health service over TLS with conf on a
// loopback TCP port until the test ends and returns the address.
func serveHealth(t *testing.T, conf *tls.Config, opts ...grpc.ServerOption) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(append([]grpc.ServerOption{grpc.Creds(credentials.NewTLS(conf))}, opts...)...)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(lis)
	}()
	t.Cleanup(func() {
		srv.Stop()
		<-served
	})
	return lis.Addr().String()
}

// checkHealth makes one health check to addr with creds and returns its
// error.
func checkHealth(t *testing.T, addr string, creds credentials.TransportCredentials) error {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err = healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	return err
}

func clientTLS(t *testing.T, ca, cert, key string) credentials.TransportCredentials {
	t.Helper()
	conf, err := securitytest.ClientTLS(ca, cert, key)
	require.NoError(t, err)
	return credentials.NewTLS(conf)
}

func TestServerTLSHandshakes(t *testing.T) {
	t.Parallel()
	c := writeCerts(t)
	tlsConf, err := security.ServerTLS(c.cert, c.key, "")
	require.NoError(t, err)
	mtlsConf, err := security.ServerTLS(c.cert, c.key, c.ca)
	require.NoError(t, err)
	tlsAddr, mtlsAddr := serveHealth(t, tlsConf), serveHealth(t, mtlsConf)

	tests := []struct {
		name   string
		addr   string
		creds  credentials.TransportCredentials
		wantOK bool
	}{
		{"TLS: client trusting the CA", tlsAddr, clientTLS(t, c.ca, "", ""), true},
		{"TLS: client trusting another CA", tlsAddr, clientTLS(t, c.otherCA, "", ""), false},
		{"TLS: plaintext client", tlsAddr, insecure.NewCredentials(), false},
		{"mTLS: client certificate from the CA", mtlsAddr, clientTLS(t, c.ca, c.clientCert, c.clientKey), true},
		{"mTLS: no client certificate", mtlsAddr, clientTLS(t, c.ca, "", ""), false},
		{"mTLS: client certificate from another CA", mtlsAddr, clientTLS(t, c.ca, c.otherClientCert, c.otherClientKey), false},
		// Signed by the right CA but issued for server auth only: the
		// extended key usage must say client auth.
		{"mTLS: server certificate as client certificate", mtlsAddr, clientTLS(t, c.ca, c.cert, c.key), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkHealth(t, tt.addr, tt.creds)
			if tt.wantOK {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			// A failed handshake is a transport failure, not an answer.
			assert.Equal(t, codes.Unavailable, status.Code(err), "%v", err)
		})
	}
}

// TestServerTLSVersions: 1.3 when the client can, 1.2 with a forward-secret
// AEAD suite when it cannot, nothing older.
func TestServerTLSVersions(t *testing.T) {
	t.Parallel()
	c := writeCerts(t)
	conf, err := security.ServerTLS(c.cert, c.key, "")
	require.NoError(t, err)
	addr := serveHealth(t, conf)

	dial := func(t *testing.T, maxVersion uint16, suites []uint16) (tls.ConnectionState, error) {
		t.Helper()
		cc, err := securitytest.ClientTLS(c.ca, "", "")
		require.NoError(t, err)
		cc.MinVersion, cc.MaxVersion = tls.VersionTLS10, maxVersion
		cc.CipherSuites = suites
		cc.ServerName = "localhost"
		cc.NextProtos = []string{"h2"}
		d := tls.Dialer{Config: cc}
		conn, err := d.DialContext(t.Context(), "tcp", addr)
		if err != nil {
			return tls.ConnectionState{}, err
		}
		defer func() { _ = conn.Close() }()
		return conn.(*tls.Conn).ConnectionState(), nil
	}

	st, err := dial(t, tls.VersionTLS13, nil)
	require.NoError(t, err)
	assert.Equal(t, uint16(tls.VersionTLS13), st.Version)
	assert.Equal(t, "h2", st.NegotiatedProtocol)

	st, err = dial(t, tls.VersionTLS12, nil)
	require.NoError(t, err)
	assert.Equal(t, uint16(tls.VersionTLS12), st.Version)
	// Which AEAD depends on the CPU (AES hardware or not); never CBC.
	assert.Contains(t, []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	}, st.CipherSuite)

	// A TLS 1.2 client offering only CBC suites finds nothing in common.
	_, err = dial(t, tls.VersionTLS12, []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA})
	require.Error(t, err)

	_, err = dial(t, tls.VersionTLS11, nil)
	require.Error(t, err)
}

func TestKeyPairReload(t *testing.T) {
	t.Parallel()
	c := writeCerts(t)
	kp, err := security.LoadKeyPair(c.cert, c.key)
	require.NoError(t, err)
	conf, err := kp.TLSConfig("")
	require.NoError(t, err)
	addr := serveHealth(t, conf)

	serial := func() string {
		t.Helper()
		cc, err := securitytest.ClientTLS(c.ca, "", "")
		require.NoError(t, err)
		cc.ServerName = "localhost"
		d := tls.Dialer{Config: cc}
		conn, err := d.DialContext(t.Context(), "tcp", addr)
		require.NoError(t, err)
		defer func() { _ = conn.Close() }()
		return conn.(*tls.Conn).ConnectionState().PeerCertificates[0].SerialNumber.String()
	}
	first := serial()

	// Renew: a new certificate from a new CA, written over the old files.
	ca2, err := securitytest.NewCA("renewed CA")
	require.NoError(t, err)
	certPEM, keyPEM, err := ca2.IssueServer()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(c.cert, certPEM, 0o600))
	require.NoError(t, os.WriteFile(c.key, keyPEM, 0o600))
	assert.Equal(t, first, serial(), "nothing changes before Reload")

	require.NoError(t, kp.Reload())
	c.ca = writeFile(t, t.TempDir(), "ca2.pem", ca2.CertPEM)
	second := serial()
	assert.NotEqual(t, first, second)

	// A half-written renewal fails to load and the server keeps going.
	require.NoError(t, os.WriteFile(c.key, keyPEM[:len(keyPEM)/2], 0o600))
	err = kp.Reload()
	require.Error(t, err)
	assert.Contains(t, err.Error(), c.key)
	assert.Equal(t, second, serial())
}

func TestServerTLSErrors(t *testing.T) {
	t.Parallel()
	c := writeCerts(t)
	dir := t.TempDir()
	notPEM := writeFile(t, dir, "not.pem", []byte("this is not a certificate\n"))
	missing := filepath.Join(dir, "missing.pem")

	tests := []struct {
		name                 string
		cert, key, clientCAs string
		wantInErr            string
	}{
		{"missing certificate", missing, c.key, "", missing},
		{"missing key", c.cert, missing, "", missing},
		{"key of another certificate", c.cert, c.clientKey, "", c.cert},
		{"certificate not PEM", notPEM, c.key, "", notPEM},
		{"missing client CA file", c.cert, c.key, missing, missing},
		// An empty pool would reject every client, with a puzzling
		// handshake error: fail at start instead.
		{"client CA file without certificate", c.cert, c.key, notPEM, notPEM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conf, err := security.ServerTLS(tt.cert, tt.key, tt.clientCAs)
			require.Error(t, err)
			assert.Nil(t, conf)
			assert.Contains(t, err.Error(), tt.wantInErr)
		})
	}
}
