package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"

	"google.golang.org/grpc"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/client"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// remoteConfig is the settings of `stancetag analyze --remote`.
type remoteConfig struct {
	target                 string
	tlsCA, cert, key       string
	serverName             string
	authToken, tokenFile   string
	batchSize, concurrency int
}

// addRemoteFlags defines the --remote flags of analyze on fs.
func addRemoteFlags(fs *flag.FlagSet, c *remoteConfig) {
	fs.StringVar(&c.target, "remote", "",
		"tag on stancetag servers at `addrs` instead of in process: host:port, a comma-separated list host1:port,host2:port "+
			"or a gRPC target such as dns:///stancetag.nlp.svc:50051; calls are spread over every address")
	fs.StringVar(&c.tlsCA, "remote-tls-ca", "",
		"with -remote: verify the servers with the PEM CA certificates in `file` (TLS); without it or -remote-cert, calls are plaintext")
	fs.StringVar(&c.cert, "remote-cert", "", "with -remote: present the PEM client certificate in `file` (mutual TLS; turns TLS on)")
	fs.StringVar(&c.key, "remote-key", "", "with -remote: the PEM private key `file` of -remote-cert")
	fs.StringVar(&c.serverName, "remote-server-name", "",
		"with -remote and TLS: the `name` checked against the servers' certificates; default the host of the addresses "+
			"(required when a list names several hosts)")
	fs.StringVar(&c.authToken, "auth-token", "",
		"with -remote: send `token` as \"authorization: Bearer token\"; prefer setting it in the environment, where other users cannot see it")
	fs.StringVar(&c.tokenFile, "auth-token-file", "",
		"with -remote: read the bearer token from `file` (one token; blank and # lines ignored)")
	fs.IntVar(&c.batchSize, "batch-size", 100, "with -remote: statements per Analyze call, at most the servers' -max-batch")
	fs.IntVar(&c.concurrency, "concurrency", 0,
		"with -remote: Analyze calls in flight at once; 0 means 4 per address of a list, 16 for any other target")
}

// check reports settings that contradict each other.
func (c *remoteConfig) check() error {
	switch {
	case c.batchSize < 1:
		return fmt.Errorf("-batch-size must be >= 1, got %d", c.batchSize)
	case c.concurrency < 0:
		return fmt.Errorf("-concurrency must be >= 0, got %d", c.concurrency)
	case (c.cert == "") != (c.key == ""):
		return errors.New("-remote-cert and -remote-key go together")
	case c.authToken != "" && c.tokenFile != "":
		return errors.New("set -auth-token or -auth-token-file, not both")
	case c.tls() && c.serverName == "" && listHost(c.target) == "":
		return fmt.Errorf("-remote %q does not name one host: set -remote-server-name to the name in the servers' certificates", c.target)
	}
	return nil
}

func (c *remoteConfig) tls() bool { return c.tlsCA != "" || c.cert != "" }

// listHost returns the host shared by every address of a comma-separated
// list, "" when they differ; for any other target (one address, a name with
// a scheme) gRPC takes the name to verify from the target itself, and
// listHost returns it unchanged.
func listHost(target string) string {
	if !strings.Contains(target, ",") {
		return target
	}
	host := ""
	for i, a := range strings.Split(target, ",") {
		h, _, err := net.SplitHostPort(strings.TrimSpace(a))
		if err != nil {
			return "" // client.Dial reports it
		}
		if i > 0 && h != host {
			return ""
		}
		host = h
	}
	return host
}

// dial returns a client for c.target. warn receives a warning about the
// settings (a token sent in plaintext).
func (c *remoteConfig) dial(warn func(string)) (*client.Client, error) {
	opts := []client.Option{client.WithBatchSize(c.batchSize), client.WithConcurrency(c.concurrency)}
	if c.tls() {
		conf, err := c.tlsConfig()
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithTLS(conf))
	} else {
		opts = append(opts, client.WithInsecure())
	}
	token := c.authToken
	if c.tokenFile != "" {
		var err error
		if token, err = readToken(c.tokenFile); err != nil {
			return nil, err
		}
	}
	if token != "" {
		if !c.tls() {
			warn("the bearer token is sent in plaintext: use -remote-tls-ca unless the network is trusted")
		}
		opts = append(opts, client.WithDialOptions(grpc.WithPerRPCCredentials(bearer{"Bearer " + token})))
	}
	return client.Dial(c.target, opts...)
}

// tlsConfig reads the CA, certificate and key files.
func (c *remoteConfig) tlsConfig() (*tls.Config, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: c.serverName}
	if conf.ServerName == "" && strings.Contains(c.target, ",") {
		// A list has no name of its own (check made sure of one host).
		conf.ServerName = listHost(c.target)
	}
	if c.tlsCA != "" {
		pem, err := os.ReadFile(c.tlsCA)
		if err != nil {
			return nil, fmt.Errorf("reading -remote-tls-ca: %w", err)
		}
		conf.RootCAs = x509.NewCertPool()
		if !conf.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("-remote-tls-ca %s holds no PEM certificate", c.tlsCA)
		}
	}
	if c.cert != "" {
		kp, err := tls.LoadX509KeyPair(c.cert, c.key)
		if err != nil {
			return nil, fmt.Errorf("loading -remote-cert %s with -remote-key %s: %w", c.cert, c.key, err)
		}
		conf.Certificates = []tls.Certificate{kp}
	}
	return conf, nil
}

// readToken reads the one token of file; errors name the file, never a
// token.
func readToken(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading -auth-token-file: %w", err)
	}
	var tokens []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			tokens = append(tokens, line)
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("reading -auth-token-file %s: %w", file, err)
	}
	if len(tokens) != 1 {
		return "", fmt.Errorf("-auth-token-file %s: want one token, found %d", file, len(tokens))
	}
	return tokens[0], nil
}

// bearer sends "authorization: Bearer <token>" with every call, health
// checks included (the servers exempt those).
type bearer struct{ value string }

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": b.value}, nil
}

// RequireTransportSecurity is false: a fleet inside a trusted network may
// run without TLS, as the servers allow. dial warns about it.
func (bearer) RequireTransportSecurity() bool { return false }

// listPageSize is the page size asked of ListActors.
const listPageSize = 1000

// fetchGazetteer pages through the servers' gazetteer (ListActors), so that
// speaker ids are checked against the actors the servers know, not the
// embedded lexicon's. The actors come back sorted by id.
func fetchGazetteer(ctx context.Context, cl *client.Client) ([]classifier.Actor, error) {
	var (
		actors []classifier.Actor
		token  string
	)
	for {
		resp, err := cl.ListActors(ctx, &stancev1.ListActorsRequest{PageSize: listPageSize, PageToken: token})
		if err != nil {
			return nil, fmt.Errorf("listing the servers' actors: %w", err)
		}
		for _, a := range resp.GetActors() {
			// Only ids are needed, to check speaker ids.
			actors = append(actors, classifier.Actor{ID: a.GetId()})
		}
		next := resp.GetNextPageToken()
		if next == "" {
			break
		}
		if next == token {
			return nil, fmt.Errorf("listing the servers' actors: page token %q repeated", next)
		}
		token = next
	}
	slices.SortFunc(actors, func(a, b classifier.Actor) int { return strings.Compare(a.ID, b.ID) })
	return actors, nil
}
