package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// Option configures a Client. Defaults are documented on each option.
type Option func(*config)

type config struct {
	creds         credentials.TransportCredentials
	timeout       time.Duration
	maxRecvBytes  int
	maxSendBytes  int
	batchSize     int
	batchBytes    int
	concurrency   int // 0: derived from the target in Dial
	batchAttempts int
	backoffMin    time.Duration
	backoffMax    time.Duration
	dialOptions   []grpc.DialOption
}

func defaultConfig() config {
	return config{
		timeout:       30 * time.Second,
		maxRecvBytes:  64 << 20,
		maxSendBytes:  66_223_360, // server.DefaultLimits().RecvMsgBytes()
		batchSize:     100,
		batchBytes:    4 << 20,
		batchAttempts: 5,
		backoffMin:    200 * time.Millisecond,
		backoffMax:    5 * time.Second,
	}
}

// WithInsecure sends calls in plaintext, for a fleet inside a trusted network
// (a Kubernetes cluster without a service mesh). There is no default: Dial
// fails unless WithInsecure, WithTLS or WithTransportCredentials is given.
func WithInsecure() Option {
	return func(c *config) { c.creds = insecure.NewCredentials() }
}

// WithTLS sends calls over TLS with cfg (nil: the system roots). With a
// comma-separated list of addresses, set cfg.ServerName: the name checked
// against the servers' certificates cannot be taken from the list.
func WithTLS(cfg *tls.Config) Option {
	return func(c *config) { c.creds = credentials.NewTLS(cfg) }
}

// WithTransportCredentials sends calls with creds (mutual TLS, ALTS, ...).
func WithTransportCredentials(creds credentials.TransportCredentials) Option {
	return func(c *config) { c.creds = creds }
}

// WithTimeout bounds every Analyze and ListActors call, gRPC's retries
// included, by d (the service config's timeout). AnalyzeStream is not
// bounded: a stream lasts as long as its corpus. Default 30 s; 0 means no
// bound other than the caller's context.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithMaxRecvMsgSize sets the largest response accepted, in bytes. Default
// 64 MiB: gRPC's own default of 4 MiB is exceeded by a batch of 1000
// statements with evidence.
func WithMaxRecvMsgSize(bytes int) Option { return func(c *config) { c.maxRecvBytes = bytes } }

// WithMaxSendMsgSize sets the largest request sent, in bytes. Default
// 66,223,360 (63.2 MiB), the server's default --max-recv-msg-bytes: a larger
// request would be refused by the server anyway.
func WithMaxSendMsgSize(bytes int) Option { return func(c *config) { c.maxSendBytes = bytes } }

// WithBatchSize sets how many statements AnalyzeAll puts in one Analyze call,
// at most. Default 100; the server accepts up to its --max-batch (default
// 1000).
func WithBatchSize(n int) Option { return func(c *config) { c.batchSize = n } }

// WithBatchBytes sets the size of statements, in bytes of protobuf encoding,
// past which AnalyzeAll starts a new batch before WithBatchSize is reached,
// so batches of long texts stay well under the message size limits. A
// statement larger than n alone goes in a batch of its own. Default 4 MiB.
func WithBatchBytes(n int) Option { return func(c *config) { c.batchBytes = n } }

// WithConcurrency sets how many batches AnalyzeAll keeps in flight at once;
// the analyses of at most that many batches are held in memory. Default 4 ×
// the number of addresses in a comma-separated target, 16 for any other
// target (a name may stand for several replicas: set 4 × the replicas you
// run). 0 restores the default.
func WithConcurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// WithBatchAttempts sets how many times AnalyzeAll sends a batch that fails
// with a retryable error (see the package documentation), first attempt
// included, each being up to 4 gRPC attempts. Default 5; 1 leaves retries to
// gRPC alone.
func WithBatchAttempts(n int) Option { return func(c *config) { c.batchAttempts = n } }

// WithBatchBackoff sets the wait before AnalyzeAll sends a failed batch
// again: initial before the second attempt, doubling up to maximum,
// randomised between half and all of that, and never less than the RetryInfo
// delay of a server shedding load. Default 200 ms up to 5 s.
func WithBatchBackoff(initial, maximum time.Duration) Option {
	return func(c *config) { c.backoffMin, c.backoffMax = initial, maximum }
}

// WithDialOptions adds options to the underlying grpc.NewClient, after the
// client's own: interceptors, stats handlers, keepalive, a custom authority.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(c *config) { c.dialOptions = append(c.dialOptions, opts...) }
}

// validate reports the first setting out of range, naming its option.
func (c *config) validate() error {
	if c.creds == nil {
		return errors.New("client: no transport security set: use WithInsecure, WithTLS or WithTransportCredentials")
	}
	checks := []struct {
		name string
		ok   bool
		v    any
	}{
		{"WithTimeout", c.timeout >= 0, c.timeout},
		{"WithMaxRecvMsgSize", c.maxRecvBytes > 0, c.maxRecvBytes},
		{"WithMaxSendMsgSize", c.maxSendBytes > 0, c.maxSendBytes},
		{"WithBatchSize", c.batchSize > 0, c.batchSize},
		{"WithBatchBytes", c.batchBytes > 0, c.batchBytes},
		{"WithConcurrency", c.concurrency >= 0, c.concurrency},
		{"WithBatchAttempts", c.batchAttempts > 0, c.batchAttempts},
		{"WithBatchBackoff", c.backoffMin > 0 && c.backoffMax >= c.backoffMin,
			fmt.Sprintf("%v, %v", c.backoffMin, c.backoffMax)},
	}
	for _, ch := range checks {
		if !ch.ok {
			return fmt.Errorf("client: %s: value out of range: %v", ch.name, ch.v)
		}
	}
	return nil
}
