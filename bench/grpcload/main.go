// Command grpcload measures a running stancetag server with a Go client built
// on the generated code (gen/stance/v1), which decodes replies far more
// cheaply than ghz and so can measure batch and stream throughput (see
// shared/MEASURING.md). Statements come from bench/internal/newsgen.
//
//	grpcload health -addr HOST:PORT [-timeout 10s]
//	    wait until grpc.health.v1 reports stance.v1.StanceService SERVING.
//	grpcload batch -addr HOST:PORT [-batches 2000] [-batch 100] [-concurrency 4]
//	    Analyze calls of -batch statements from -concurrency goroutines;
//	    prints statements/s and p50/p99 per call.
//	grpcload stream -addr HOST:PORT [-n 100000]
//	    one AnalyzeStream of -n statements, sending and receiving at once;
//	    prints statements/s and p50/p99 from a statement's send to its
//	    analysis' arrival.
//	grpcload soak -addr HOST:PORT [-duration 60s] [-max-statements N] [-pid PID]
//	    unary, batch and stream calls from -concurrency goroutines until
//	    -duration has passed or -max-statements were sent, sampling the
//	    server's resident memory (VmRSS of /proc/PID/status) every -sample.
//
// Every analysis is checked (one per statement, ids echoed in order); a
// failed call or a wrong reply counts as an error. Exit status: 0 no error;
// 1 any error; 2 bad usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config holds every mode's flags; each mode reads its own.
type config struct {
	addr        string
	seed        uint64
	pool        int
	timeout     time.Duration
	batches     int
	batch       int
	concurrency int
	n           int
	duration    time.Duration
	maxStmts    int
	pid         int
	sample      time.Duration
}

const usage = `usage: grpcload MODE -addr HOST:PORT [flags]
modes: health, batch, stream, soak ("grpcload MODE -h" lists a mode's flags)
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	mode := args[0]
	var cfg config
	fs := flag.NewFlagSet("grpcload "+mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "", "server `address`, HOST:PORT (required)")
	switch mode {
	case "health":
		fs.DurationVar(&cfg.timeout, "timeout", 10*time.Second, "how long to wait for SERVING")
	case "batch", "stream", "soak":
		fs.Uint64Var(&cfg.seed, "seed", 1, "newsgen seed of the statements")
		fs.IntVar(&cfg.pool, "pool", 10000, "distinct statements, sent round-robin")
		fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "deadline of one call (one whole stream in stream mode: 0 for none)")
	default:
		fmt.Fprintf(stderr, "grpcload: unknown mode %q\n%s", mode, usage)
		return 2
	}
	switch mode {
	case "batch":
		fs.IntVar(&cfg.batches, "batches", 2000, "number of Analyze calls")
		fs.IntVar(&cfg.batch, "batch", 100, "statements per call")
		fs.IntVar(&cfg.concurrency, "concurrency", 4, "calls in flight at once")
	case "stream":
		fs.IntVar(&cfg.n, "n", 100000, "statements sent on the stream")
		cfg.timeout = 0
	case "soak":
		fs.DurationVar(&cfg.duration, "duration", 60*time.Second, "how long to keep up the load")
		fs.IntVar(&cfg.maxStmts, "max-statements", 50_000_000, "stop after sending this many statements, if -duration has not passed")
		fs.IntVar(&cfg.batch, "batch", 100, "statements per batch call and per stream")
		fs.IntVar(&cfg.concurrency, "concurrency", 4, "goroutines issuing calls")
		fs.IntVar(&cfg.pid, "pid", 0, "server process `id` whose VmRSS is sampled; 0: none")
		fs.DurationVar(&cfg.sample, "sample", 5*time.Second, "interval between RSS samples")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if err := cfg.validate(mode, fs.Args()); err != nil {
		fmt.Fprintf(stderr, "grpcload %s: %v\n", mode, err)
		return 2
	}

	conn, err := grpc.NewClient(cfg.addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20)))
	if err != nil {
		fmt.Fprintf(stderr, "grpcload %s: %v\n", mode, err)
		return 2
	}
	defer conn.Close()

	var res result
	switch mode {
	case "health":
		err = waitServing(ctx, conn, cfg.timeout)
		if err == nil {
			fmt.Fprintf(stdout, "health: %s SERVING\n", cfg.addr)
			return 0
		}
		fmt.Fprintf(stderr, "grpcload health: %v\n", err)
		return 1
	case "batch":
		res = runBatch(ctx, conn, cfg)
	case "stream":
		res = runStream(ctx, conn, cfg)
	case "soak":
		res = runSoak(ctx, conn, cfg, stdout)
	}
	fmt.Fprintln(stdout, res)
	if res.errors > 0 {
		fmt.Fprintf(stderr, "grpcload %s: %d errors; first: %v\n", mode, res.errors, res.firstErr)
		return 1
	}
	return 0
}

func (c *config) validate(mode string, rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected arguments %q", rest)
	case c.addr == "":
		return fmt.Errorf("-addr is required")
	case strings.Contains(c.addr, "://"):
		return fmt.Errorf("-addr is HOST:PORT, got %q", c.addr)
	case mode == "health":
		return nil
	case c.pool < 1:
		return fmt.Errorf("-pool must be >= 1, got %d", c.pool)
	case c.timeout < 0:
		return fmt.Errorf("-timeout must be >= 0, got %v", c.timeout)
	}
	switch mode {
	case "batch":
		if c.batches < 1 || c.batch < 1 || c.concurrency < 1 {
			return fmt.Errorf("-batches, -batch and -concurrency must be >= 1")
		}
		if c.pool < c.batch {
			// Statement ids must be unique within a request.
			return fmt.Errorf("-pool (%d) must be >= -batch (%d)", c.pool, c.batch)
		}
	case "stream":
		if c.n < 1 {
			return fmt.Errorf("-n must be >= 1, got %d", c.n)
		}
	case "soak":
		if c.duration <= 0 || c.maxStmts < 1 || c.batch < 1 || c.concurrency < 1 || c.sample <= 0 || c.pid < 0 {
			return fmt.Errorf("-duration, -max-statements, -batch, -concurrency and -sample must be > 0, -pid >= 0")
		}
		if c.pool < c.batch {
			return fmt.Errorf("-pool (%d) must be >= -batch (%d)", c.pool, c.batch)
		}
	}
	return nil
}
