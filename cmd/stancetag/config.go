package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/stancetag/stancetag/server"
)

// configFlag is the flag naming serve's YAML config file.
const configFlag = "config"

// serveConfig is every setting of "stancetag serve". Each field is a flag, an
// environment variable and a config file key (newServeFlags).
type serveConfig struct {
	config          string
	listen          string
	lexiconDir      string
	syntax          bool
	reflection      bool
	level           slog.Level
	shutdownTimeout time.Duration
	// parallelism 0 means GOMAXPROCS.
	parallelism int
	limits      server.Limits

	metricsListen   string
	httpListen      string
	httpCORSOrigins string
	tlsCert         string
	tlsKey          string
	clientCA        string
	authTokenFile   string
}

// newServeFlags returns serve's flag set, writing into the returned config,
// whose fields hold the defaults until the flags are parsed. The README's
// configuration table is generated from it (readme_test.go).
func newServeFlags(w io.Writer) (*flag.FlagSet, *serveConfig) {
	c := &serveConfig{limits: server.DefaultLimits()}
	fs := newFlagSet("serve", "", "Serves stance.v1.StanceService over gRPC, with grpc.health.v1.Health and reflection, and with\n"+
		"-http-listen over the Connect protocol (HTTP/JSON) and gRPC-Web.\n"+
		"Settings come from flags, then STANCETAG_<FLAG> variables, then the YAML file of -config\n"+
		"(keys are the flag names), then the defaults. SIGHUP reloads the -lexicon-dir lexicon, the TLS\n"+
		"certificate and the token file, keeping the old ones on error.", w)
	fs.StringVar(&c.config, configFlag, "", "read settings from this YAML `file`, keys named like the flags (\"max-batch: 500\"); flags and environment variables win over it")
	fs.StringVar(&c.listen, "listen", ":50051", "TCP `address` to listen on; port 0 picks a free port (see the \"serving\" log line)")
	fs.StringVar(&c.lexiconDir, "lexicon-dir", "", "read the lexicon from this `dir` (layout of classifier/lexicon/data) instead of the embedded one; SIGHUP reloads it")
	fs.BoolVar(&c.syntax, "syntax", false, syntaxUsage)
	fs.BoolVar(&c.reflection, "reflection", true, "serve gRPC reflection (used by grpcurl); it needs a token too when -auth-token-file is set")
	fs.TextVar(&c.level, "log-level", slog.LevelInfo, "minimum `level` logged: DEBUG, INFO, WARN or ERROR; statement text is never logged")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "on SIGINT/SIGTERM, how long RPCs in progress may take before they are cancelled")
	fs.IntVar(&c.parallelism, "parallelism", 0, "goroutines one large Analyze batch may use; 0 means GOMAXPROCS")
	addLimitFlags(fs, &c.limits, statementLimitFlags)
	addLimitFlags(fs, &c.limits, serverLimitFlags)
	fs.StringVar(&c.metricsListen, "metrics-listen", "", "serve /metrics, /healthz and /readyz over plain HTTP on this `address` (e.g. :9090); empty: no metrics")
	fs.StringVar(&c.httpListen, "http-listen", "", "also serve the API on this HTTP `address`, over the Connect protocol (POST of JSON to /stance.v1.StanceService/Analyze) and gRPC-Web, for curl and browsers; TLS, tokens and limits as on -listen; empty: off")
	fs.StringVar(&c.httpCORSOrigins, "http-cors-origins", "", "comma-separated `origins` (https://app.example.com, or * for any) whose web pages may call -http-listen from a browser (CORS); empty: none, only same-origin pages")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "serve gRPC over TLS with this PEM certificate (chain) `file`; needs -tls-key; SIGHUP reloads both")
	fs.StringVar(&c.tlsKey, "tls-key", "", "PEM private key `file` of -tls-cert")
	fs.StringVar(&c.clientCA, "client-ca", "", "require client certificates signed by a CA in this PEM `file` (mutual TLS); needs -tls-cert")
	fs.StringVar(&c.authTokenFile, "auth-token-file", "", "require the metadata \"authorization: Bearer TOKEN\" on every service but health, TOKEN a line of this `file` (# comments); SIGHUP reloads it")
	return fs, c
}

// check reports settings that contradict each other or are out of range.
func (c *serveConfig) check() error {
	switch {
	case c.shutdownTimeout <= 0:
		return fmt.Errorf("-shutdown-timeout must be > 0, got %v", c.shutdownTimeout)
	case c.parallelism < 0:
		return fmt.Errorf("-parallelism must be >= 0, got %d", c.parallelism)
	case (c.tlsCert == "") != (c.tlsKey == ""):
		return errors.New("-tls-cert and -tls-key go together")
	case c.clientCA != "" && c.tlsCert == "":
		return errors.New("-client-ca needs -tls-cert and -tls-key")
	case c.httpCORSOrigins != "" && c.httpListen == "":
		return errors.New("-http-cors-origins needs -http-listen")
	}
	if _, err := c.corsOrigins(); err != nil {
		return err
	}
	return c.limits.Validate()
}

// corsOrigins returns the origins of -http-cors-origins, each "*" or a
// scheme and host with an optional port ("https://app.example.com:8443"), as
// browsers send them in the Origin header.
func (c *serveConfig) corsOrigins() ([]string, error) {
	var origins []string
	for o := range strings.SplitSeq(c.httpCORSOrigins, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o != "*" {
			u, err := url.Parse(o)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
				return nil, fmt.Errorf("-http-cors-origins: %q is no origin: want scheme://host[:port], such as https://app.example.com, or *", o)
			}
		}
		origins = append(origins, o)
	}
	return origins, nil
}

// goroutines returns the parallelism to use: n, or GOMAXPROCS when n is 0.
func goroutines(n int) int {
	if n == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}
