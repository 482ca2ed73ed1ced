package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"time"

	"github.com/stancetag/stancetag/server"
)

// serve runs "stancetag serve": load the lexicon, serve gRPC until SIGINT or
// SIGTERM (ctx done), then stop gracefully within --shutdown-timeout. Logs are
// JSON lines on stderr; the line with msg "serving" carries the address
// actually listened on (useful with --listen 127.0.0.1:0).
//
// Exit status: 0 after a graceful stop; 1 when loading, listening or serving
// failed, or the shutdown timeout cut RPCs short; 2 bad usage.
func (a *app) serve(ctx context.Context, args []string) int {
	fs := newFlagSet("serve", "", "Serves stance.v1.StanceService over gRPC, with grpc.health.v1.Health and reflection.", a.stderr)
	listen := fs.String("listen", ":50051", "TCP `address` to listen on; port 0 picks a free port (see the \"serving\" log line)")
	lexiconDir := fs.String("lexicon-dir", "", "read the lexicon from this `dir` (layout of classifier/lexicon/data) instead of the embedded one")
	reflection := fs.Bool("reflection", true, "serve gRPC reflection (used by grpcurl)")
	var level slog.Level
	fs.TextVar(&level, "log-level", slog.LevelInfo, "minimum `level` logged: DEBUG, INFO, WARN or ERROR")
	shutdownTimeout := fs.Duration("shutdown-timeout", 10*time.Second, "on SIGINT/SIGTERM, how long RPCs in progress may take before they are cancelled")
	parallelism := fs.Int("parallelism", runtime.GOMAXPROCS(0), "goroutines one large Analyze batch may use")
	lim := server.DefaultLimits()
	addLimitFlags(fs, &lim, statementLimitFlags)
	addLimitFlags(fs, &lim, serverLimitFlags)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "stancetag serve: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	if *shutdownTimeout <= 0 {
		fmt.Fprintf(a.stderr, "stancetag serve: -shutdown-timeout must be > 0, got %v\n", *shutdownTimeout)
		return exitUsage
	}
	if err := lim.Validate(); err != nil {
		fmt.Fprintf(a.stderr, "stancetag serve: %v\n", err)
		return exitUsage
	}

	log := slog.New(slog.NewJSONHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	start := time.Now()
	c, err := a.load(*lexiconDir)
	if err != nil {
		log.Error("loading lexicon", "dir", *lexiconDir, "err", err)
		return exitFail
	}
	log.Info("lexicon loaded", "version", c.Version(), "dir", *lexiconDir,
		"actors", len(c.Gazetteer()), "took", time.Since(start).String())

	srv, err := server.New(c,
		server.WithLimits(lim),
		server.WithLogger(log),
		server.WithReflection(*reflection),
		server.WithParallelism(*parallelism),
	)
	if err != nil {
		log.Error("creating server", "err", err)
		return exitFail
	}
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Error("listening", "addr", *listen, "err", err)
		return exitFail
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	log.Info("serving", "addr", lis.Addr().String(), "version", c.Version(), "reflection", *reflection)

	select {
	case err := <-served:
		// Serve returns only on a listener failure before any shutdown.
		log.Error("serving", "err", err)
		return exitFail
	case <-ctx.Done():
	}
	if a.stop != nil {
		a.stop() // a second signal now kills the process
	}
	log.Info("shutting down", "timeout", shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), *shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) {
		log.Warn("serve returned", "err", serr)
	}
	if err != nil {
		log.Warn("shutdown timed out; RPCs in progress were cancelled", "timeout", shutdownTimeout.String())
		return exitFail
	}
	log.Info("stopped")
	return exitOK
}
