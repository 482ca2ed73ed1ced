// Package securitytest makes throwaway X.509 certificates for tests: a CA,
// server certificates for the loopback addresses and client certificates,
// all ECDSA P-256, valid from an hour ago for a day. Never use them outside
// tests: the keys are written unencrypted.
package securitytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// CA is a certificate authority that issues certificates.
type CA struct {
	// Cert is the CA certificate; CertPEM the same in PEM.
	Cert    *x509.Certificate
	CertPEM []byte
	key     *ecdsa.PrivateKey
}

// NewCA makes a self-signed CA named commonName.
func NewCA(commonName string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("securitytest: CA key: %w", err)
	}
	tmpl, err := template(commonName)
	if err != nil {
		return nil, err
	}
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("securitytest: CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("securitytest: CA certificate: %w", err)
	}
	return &CA{Cert: cert, CertPEM: pemBlock("CERTIFICATE", der), key: key}, nil
}

// Pool returns a pool holding only the CA, for a client's RootCAs or a
// server's ClientCAs.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// IssueServer issues a server certificate for hosts (DNS names or IP
// addresses); with none, for "localhost", 127.0.0.1 and ::1. It returns the
// certificate and its PKCS #8 key in PEM.
func (ca *CA) IssueServer(hosts ...string) (certPEM, keyPEM []byte, err error) {
	if len(hosts) == 0 {
		hosts = []string{"localhost", "127.0.0.1", "::1"}
	}
	tmpl, err := template(hosts[0])
	if err != nil {
		return nil, nil, err
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	return ca.issue(tmpl)
}

// IssueClient issues a client certificate for commonName, in PEM like
// IssueServer.
func (ca *CA) IssueClient(commonName string) (certPEM, keyPEM []byte, err error) {
	tmpl, err := template(commonName)
	if err != nil {
		return nil, nil, err
	}
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	return ca.issue(tmpl)
}

func (ca *CA) issue(tmpl *x509.Certificate) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("securitytest: key: %w", err)
	}
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, nil, fmt.Errorf("securitytest: certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("securitytest: key: %w", err)
	}
	return pemBlock("CERTIFICATE", der), pemBlock("PRIVATE KEY", keyDER), nil
}

func template(commonName string) (*x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("securitytest: serial: %w", err)
	}
	now := time.Now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName, Organization: []string{"stancetag tests"}},
		NotBefore:    now.Add(-time.Hour), // tolerate clock skew
		NotAfter:     now.Add(24 * time.Hour),
	}, nil
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// WriteTestCerts writes into dir a new CA (ca.pem), a server certificate for
// localhost, 127.0.0.1 and ::1 (server.pem, server-key.pem) and a client
// certificate (client.pem, client-key.pem), all signed by the CA, and
// returns the five paths. Keys are written with mode 0600.
func WriteTestCerts(dir string) (ca, cert, key, clientCert, clientKey string, err error) {
	authority, err := NewCA("stancetag test CA")
	if err != nil {
		return "", "", "", "", "", err
	}
	srvCert, srvKey, err := authority.IssueServer()
	if err != nil {
		return "", "", "", "", "", err
	}
	cliCert, cliKey, err := authority.IssueClient("stancetag test client")
	if err != nil {
		return "", "", "", "", "", err
	}
	files := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"ca.pem", authority.CertPEM, 0o644},
		{"server.pem", srvCert, 0o644},
		{"server-key.pem", srvKey, 0o600},
		{"client.pem", cliCert, 0o644},
		{"client-key.pem", cliKey, 0o600},
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.name)
		if err := os.WriteFile(paths[i], f.data, f.mode); err != nil {
			return "", "", "", "", "", fmt.Errorf("securitytest: %w", err)
		}
	}
	return paths[0], paths[1], paths[2], paths[3], paths[4], nil
}

// ClientTLS returns a client TLS configuration that trusts the CAs in caFile
// and, when certFile is not empty, presents that certificate with keyFile
// (for mutual TLS). Use it as grpc.WithTransportCredentials(
// credentials.NewTLS(conf)).
func ClientTLS(caFile, certFile, keyFile string) (*tls.Config, error) {
	data, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("securitytest: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, errors.New("securitytest: no PEM certificate in " + caFile)
	}
	conf := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if certFile != "" {
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("securitytest: client certificate: %w", err)
		}
		conf.Certificates = []tls.Certificate{pair}
	}
	return conf, nil
}
