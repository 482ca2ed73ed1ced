package securitytest_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/security/securitytest"
)

func TestWriteTestCerts(t *testing.T) {
	t.Parallel()
	caFile, certFile, keyFile, clientCertFile, clientKeyFile, err := securitytest.WriteTestCerts(t.TempDir())
	require.NoError(t, err)

	for _, key := range []string{keyFile, clientKeyFile} {
		fi, err := os.Stat(key)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "%s is readable by others", key)
	}

	roots := x509.NewCertPool()
	caPEM, err := os.ReadFile(caFile)
	require.NoError(t, err)
	require.True(t, roots.AppendCertsFromPEM(caPEM))

	// The server certificate is valid for every loopback name a test may dial.
	server, err := tls.LoadX509KeyPair(certFile, keyFile)
	require.NoError(t, err)
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		_, err := server.Leaf.Verify(x509.VerifyOptions{
			DNSName: host, Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		})
		assert.NoError(t, err, host)
	}
	// It is no client certificate, and the client's is no server one.
	_, err = server.Leaf.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	assert.Error(t, err)

	client, err := tls.LoadX509KeyPair(clientCertFile, clientKeyFile)
	require.NoError(t, err)
	_, err = client.Leaf.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	require.NoError(t, err)
	_, err = client.Leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: "localhost"})
	assert.Error(t, err)

	block, _ := pem.Decode(caPEM)
	ca, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	assert.True(t, ca.IsCA)
}

// TestCAsAreIndependent: a certificate of one CA must not verify under
// another, or the "wrong CA" tests elsewhere would prove nothing.
func TestCAsAreIndependent(t *testing.T) {
	t.Parallel()
	a, err := securitytest.NewCA("A")
	require.NoError(t, err)
	b, err := securitytest.NewCA("B")
	require.NoError(t, err)
	certPEM, _, err := b.IssueClient("client of B")
	require.NoError(t, err)
	block, _ := pem.Decode(certPEM)
	cert, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)

	_, err = cert.Verify(x509.VerifyOptions{Roots: a.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	assert.Error(t, err)
	_, err = cert.Verify(x509.VerifyOptions{Roots: b.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	assert.NoError(t, err)
}

func TestClientTLS(t *testing.T) {
	t.Parallel()
	caFile, _, _, clientCert, clientKey, err := securitytest.WriteTestCerts(t.TempDir())
	require.NoError(t, err)
	conf, err := securitytest.ClientTLS(caFile, clientCert, clientKey)
	require.NoError(t, err)
	assert.Len(t, conf.Certificates, 1)
	conf, err = securitytest.ClientTLS(caFile, "", "")
	require.NoError(t, err)
	assert.Empty(t, conf.Certificates)
	_, err = securitytest.ClientTLS(clientKey, "", "") // a key is no CA certificate
	require.Error(t, err)
}
