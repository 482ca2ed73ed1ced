package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/stancetag/stancetag/observe"
	"github.com/stancetag/stancetag/security"
	"github.com/stancetag/stancetag/server"
)

// serviceName names this program in traces.
const serviceName = "stancetag"

// serve runs "stancetag serve": load the lexicon, serve gRPC (with
// -http-listen, the same API over Connect and gRPC-Web too, and with
// -metrics-listen, HTTP metrics and probes) until SIGINT or SIGTERM (ctx
// done), then stop gracefully within -shutdown-timeout. SIGHUP reloads the
// lexicon, certificate and tokens (reload.go). Logs are JSON lines on stderr;
// the line with msg "serving" carries the address actually listened on
// (useful with -listen 127.0.0.1:0), the line with msg "metrics serving"
// the metrics address, and the line with msg "http serving" the address of
// -http-listen.
//
// Exit status: 0 after a graceful stop; 1 when loading, listening or serving
// failed, or the shutdown timeout cut RPCs short; 2 bad usage.
func (a *app) serve(ctx context.Context, args []string) int {
	fs, cfg := newServeFlags(a.stderr)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "stancetag serve: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	if err := cfg.check(); err != nil {
		fmt.Fprintf(a.stderr, "stancetag serve: %v\n", err)
		return exitUsage
	}
	log := slog.New(slog.NewJSONHandler(a.stderr, &slog.HandlerOptions{Level: cfg.level}))
	version := buildVersion(debug.ReadBuildInfo())

	start := time.Now()
	a.syntax = cfg.syntax
	c, err := a.load(cfg.lexiconDir)
	if err != nil {
		log.Error("loading lexicon", "dir", cfg.lexiconDir, "err", err)
		return exitFail
	}
	loadTook := time.Since(start)
	log.Info("lexicon loaded", "version", c.Version(), "dir", cfg.lexiconDir,
		"actors", len(c.Gazetteer()), "took", loadTook.String())

	rl := &reloader{log: log, load: a.load, lexiconDir: cfg.lexiconDir, version: version, certFile: cfg.tlsCert}
	var gopts []grpc.ServerOption

	// Tracing first, so that a span covers everything below, including
	// calls refused for a missing token.
	traceOpts, stopTracing, err := observe.SetupTracing(ctx, serviceName, version)
	if err != nil {
		log.Error("setting up tracing", "err", err)
		return exitFail
	}
	defer func() {
		// After the gRPC server has stopped: flush the last spans.
		tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := stopTracing(tctx); err != nil {
			log.Warn("flushing traces", "err", err)
		}
	}()
	gopts = append(gopts, traceOpts...)

	// Metrics before authentication, so refused calls are counted.
	var (
		metrics  *observe.Metrics
		registry *prometheus.Registry
	)
	if cfg.metricsListen != "" {
		registry = observe.NewRegistry()
		if metrics, err = observe.NewMetrics(registry); err != nil {
			log.Error("creating metrics", "err", err)
			return exitFail
		}
		metrics.SetLexicon(lexiconEntries(c), loadTook)
		metrics.SetBuildInfo(version, c.Version())
		gopts = append(gopts, metrics.ServerOptions()...)
		rl.metrics = metrics
	}

	var sopts []server.Option
	if cfg.authTokenFile != "" {
		auth, n, err := newTokenAuth(cfg.authTokenFile)
		if err != nil {
			log.Error("loading tokens", "err", err)
			return exitFail
		}
		log.Info("tokens loaded", "file", cfg.authTokenFile, "tokens", n)
		gopts = append(gopts, auth.serverOptions()...)
		sopts = append(sopts, server.WithAuthorizer(auth.authorizer()))
		rl.auth = auth
	}

	var tlsConf *tls.Config // nil without -tls-cert
	if cfg.tlsCert != "" {
		kp, err := security.LoadKeyPair(cfg.tlsCert, cfg.tlsKey)
		if err != nil {
			log.Error("loading TLS certificate", "err", err)
			return exitFail
		}
		conf, err := kp.TLSConfig(cfg.clientCA)
		if err != nil {
			log.Error("loading client CAs", "err", err)
			return exitFail
		}
		gopts = append(gopts, grpc.Creds(credentials.NewTLS(conf)))
		rl.keyPair = kp
		tlsConf = conf
	}

	srv, err := server.New(c, append([]server.Option{
		server.WithLimits(cfg.limits),
		server.WithLogger(log),
		server.WithReflection(cfg.reflection),
		server.WithParallelism(goroutines(cfg.parallelism)),
		server.WithGRPCOptions(gopts...),
	}, sopts...)...)
	if err != nil {
		log.Error("creating server", "err", err)
		return exitFail
	}
	rl.srv = srv
	if metrics != nil {
		metrics.InitializeMetrics(srv.GRPCServer())
	}

	// ready is /readyz: true from serving until shutdown begins.
	var ready atomic.Bool
	metricsDone := make(chan error, 1)
	var httpSrv *http.Server
	if cfg.metricsListen != "" {
		mlis, err := net.Listen("tcp", cfg.metricsListen)
		if err != nil {
			log.Error("listening for metrics", "addr", cfg.metricsListen, "err", err)
			return exitFail
		}
		httpSrv = &http.Server{
			Handler:           observe.NewHTTPHandler(registry, ready.Load),
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		go func() { metricsDone <- httpSrv.Serve(mlis) }()
		log.Info("metrics serving", "addr", mlis.Addr().String())
	}
	// The API over HTTP (Connect, gRPC-Web): the same *grpc.Server behind
	// it, so the same tokens, limits, logs and metrics.
	apiDone := make(chan error, 1)
	var apiSrv *http.Server
	if cfg.httpListen != "" {
		origins, _ := cfg.corsOrigins() // checked by cfg.check
		if apiSrv, err = srv.HTTPServer(server.WithCORSOrigins(origins...)); err != nil {
			log.Error("creating HTTP server", "err", err)
			return exitFail
		}
		apiSrv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
		apiSrv.TLSConfig = tlsConf
		alis, err := net.Listen("tcp", cfg.httpListen)
		if err != nil {
			log.Error("listening for HTTP", "addr", cfg.httpListen, "err", err)
			if httpSrv != nil {
				_ = httpSrv.Close()
			}
			return exitFail
		}
		go func() {
			if tlsConf != nil {
				apiDone <- apiSrv.ServeTLS(alis, "", "") // the certificate comes from TLSConfig
			} else {
				apiDone <- apiSrv.Serve(alis)
			}
		}()
		log.Info("http serving", "addr", alis.Addr().String(), "tls", tlsConf != nil, "cors_origins", origins)
	}
	closeHTTP := func() {
		for _, h := range []*http.Server{httpSrv, apiSrv} {
			if h != nil {
				_ = h.Close()
			}
		}
	}
	lis, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		log.Error("listening", "addr", cfg.listen, "err", err)
		closeHTTP()
		return exitFail
	}

	var hangup <-chan os.Signal
	if a.hangup != nil {
		ch, stop := a.hangup()
		defer stop()
		hangup = ch
	}
	served := make(chan error, 1)
	ready.Store(true)
	go func() { served <- srv.Serve(lis) }()
	log.Info("serving", "addr", lis.Addr().String(), "version", c.Version(), "reflection", cfg.reflection,
		"tls", cfg.tlsCert != "", "mtls", cfg.clientCA != "", "auth", cfg.authTokenFile != "",
		"tracing", observe.TracingEnabled())

	code := exitOK
wait:
	for {
		select {
		case err := <-served:
			// Serve returns only on a listener failure before any shutdown.
			log.Error("serving", "err", err)
			code = exitFail
			break wait
		case err := <-metricsDone:
			log.Error("serving metrics", "err", err)
			code = exitFail
			break wait
		case err := <-apiDone:
			log.Error("serving HTTP", "err", err)
			code = exitFail
			break wait
		case <-hangup:
			rl.reload()
		case <-ctx.Done():
			break wait
		}
	}
	if a.stop != nil {
		a.stop() // a second signal now kills the process
	}
	ready.Store(false)
	log.Info("shutting down", "timeout", cfg.shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	// HTTP calls are RPCs of srv: stop taking them first, then let both
	// drain together within the same timeout.
	apiStopped := make(chan error, 1)
	if apiSrv != nil {
		go func() { apiStopped <- apiSrv.Shutdown(sctx) }()
	}
	err = srv.Shutdown(sctx)
	if apiSrv != nil {
		if herr := <-apiStopped; herr != nil {
			_ = apiSrv.Close()
			if err == nil {
				err = herr
			}
		}
	}
	if code == exitOK {
		if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) {
			log.Warn("serve returned", "err", serr)
		}
	}
	if err != nil {
		log.Warn("shutdown timed out; RPCs in progress were cancelled", "timeout", cfg.shutdownTimeout.String())
		code = exitFail
	}
	if httpSrv != nil {
		// Scrapes take milliseconds; do not wait long for them.
		hctx, hcancel := context.WithTimeout(context.Background(), time.Second)
		if err := httpSrv.Shutdown(hctx); err != nil {
			_ = httpSrv.Close()
		}
		hcancel()
	}
	if code == exitOK {
		log.Info("stopped")
	}
	return code
}
