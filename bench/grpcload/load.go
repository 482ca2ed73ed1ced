package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/stancetag/stancetag/bench/internal/newsgen"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// newPool returns n generated statements as protos. They are shared by all
// goroutines and only read (marshalling does not modify a message).
func newPool(seed uint64, n int) []*stancev1.Statement {
	g := newsgen.New(seed)
	out := make([]*stancev1.Statement, n)
	for i := range out {
		s := g.Next()
		p := &stancev1.Statement{Id: s.ID, Text: s.Text}
		for _, a := range s.Actors {
			p.Actors = append(p.Actors, &stancev1.Actor{Id: a.ID, Name: a.Name, Aliases: a.Aliases})
		}
		out[i] = p
	}
	return out
}

// batchRequests cuts pool, of at least size statements, into requests of
// size statements; a remainder too small for a request is left out (ids
// must be unique within a request, so a request cannot wrap round).
func batchRequests(pool []*stancev1.Statement, size int) []*stancev1.AnalyzeRequest {
	reqs := make([]*stancev1.AnalyzeRequest, len(pool)/size)
	for j := range reqs {
		reqs[j] = &stancev1.AnalyzeRequest{Statements: pool[j*size : (j+1)*size : (j+1)*size]}
	}
	return reqs
}

// checkAnalyses returns an error unless got has one analysis per statement
// of want, with its id, in order.
func checkAnalyses(want []*stancev1.Statement, got []*stancev1.Analysis) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d analyses for %d statements", len(got), len(want))
	}
	for i, a := range got {
		if a.GetStatementId() != want[i].GetId() {
			return fmt.Errorf("analysis %d has statement_id %q, want %q", i, a.GetStatementId(), want[i].GetId())
		}
	}
	return nil
}

// errorCount counts errors from many goroutines and keeps the first.
type errorCount struct {
	mu    sync.Mutex
	n     int64
	first error
}

func (e *errorCount) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n++
	if e.first == nil {
		e.first = err
	}
}

func (e *errorCount) get() (int64, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n, e.first
}

// callCtx returns ctx with the per-call timeout, if any.
func callCtx(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, timeout)
}

// waitServing polls the health service until it reports StanceService
// SERVING, or timeout passes.
func waitServing(ctx context.Context, conn *grpc.ClientConn, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := healthpb.NewHealthClient(conn)
	service := stancev1.StanceService_ServiceDesc.ServiceName
	var last error
	for {
		resp, err := client.Check(ctx, &healthpb.HealthCheckRequest{Service: service})
		switch {
		case err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING:
			return nil
		case err == nil:
			last = fmt.Errorf("%s is %v", service, resp.GetStatus())
		default:
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not SERVING within %v: %w", timeout, last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// runBatch sends cfg.batches Analyze calls of cfg.batch statements,
// cfg.concurrency at a time.
func runBatch(ctx context.Context, conn *grpc.ClientConn, cfg config) result {
	client := stancev1.NewStanceServiceClient(conn)
	reqs := batchRequests(newPool(cfg.seed, cfg.pool), cfg.batch)
	var (
		next atomic.Int64
		errs errorCount
		wg   sync.WaitGroup
		lats = make([][]time.Duration, cfg.concurrency)
	)
	start := time.Now()
	for w := range cfg.concurrency {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(cfg.batches) {
					return
				}
				req := reqs[i%int64(len(reqs))]
				cctx, cancel := callCtx(ctx, cfg.timeout)
				t0 := time.Now()
				resp, err := client.Analyze(cctx, req)
				d := time.Since(t0)
				cancel()
				if err == nil {
					err = checkAnalyses(req.GetStatements(), resp.GetAnalyses())
				}
				if err != nil {
					errs.add(fmt.Errorf("call %d: %w", i, err))
					continue
				}
				lats[w] = append(lats[w], d)
			}
		})
	}
	wg.Wait()
	r := result{
		name:    fmt.Sprintf("batch-%d c=%d", cfg.batch, cfg.concurrency),
		calls:   int64(cfg.batches),
		elapsed: time.Since(start),
		latOf:   "per call",
	}
	for _, l := range lats {
		r.lat = append(r.lat, l...)
	}
	r.statements = int64(len(r.lat)) * int64(cfg.batch)
	r.errors, r.firstErr = errs.get()
	return r
}

// runStream sends cfg.n statements on one AnalyzeStream while receiving
// their analyses.
func runStream(ctx context.Context, conn *grpc.ClientConn, cfg config) result {
	pool := newPool(cfg.seed, cfg.pool)
	r := result{name: "stream", calls: 1, latOf: "send to receive"}
	start := time.Now()
	n, lat, err := streamOnce(ctx, stancev1.NewStanceServiceClient(conn), pool, 0, cfg.n, cfg.timeout)
	r.elapsed = time.Since(start)
	r.statements, r.lat = int64(n), lat
	if err != nil {
		r.errors, r.firstErr = 1, err
	}
	return r
}

// streamOnce opens an AnalyzeStream, sends count statements of pool from
// index from on (wrapping round), closes its side and reads the analyses.
// It returns how many correct analyses arrived and, for each, the time from
// sending the statement to receiving its analysis.
func streamOnce(ctx context.Context, client stancev1.StanceServiceClient, pool []*stancev1.Statement, from, count int, timeout time.Duration) (int, []time.Duration, error) {
	ctx, cancel := callCtx(ctx, timeout)
	defer cancel()
	stream, err := client.AnalyzeStream(ctx)
	if err != nil {
		return 0, nil, err
	}
	sent := make([]atomic.Int64, count) // send times, Unix ns
	sendErr := make(chan error, 1)
	go func() {
		for i := range count {
			sent[i].Store(time.Now().UnixNano())
			if err := stream.Send(&stancev1.AnalyzeStreamRequest{Statement: pool[(from+i)%len(pool)]}); err != nil {
				// The real cause comes from Recv; io.EOF here only says
				// the stream ended.
				sendErr <- err
				return
			}
		}
		sendErr <- stream.CloseSend()
	}()

	lat := make([]time.Duration, 0, count)
	for i := range count {
		resp, err := stream.Recv()
		if err != nil {
			cancel()
			<-sendErr //nolint:errcheck // after cancel() the send side ends with the cancellation; the receive error is the one reported
			return i, lat, fmt.Errorf("receiving analysis %d of %d: %w", i+1, count, err)
		}
		want := pool[(from+i)%len(pool)].GetId()
		if got := resp.GetAnalysis().GetStatementId(); got != want {
			cancel()
			<-sendErr //nolint:errcheck // after cancel() the send side ends with the cancellation; the receive error is the one reported
			return i, lat, fmt.Errorf("analysis %d has statement_id %q, want %q", i+1, got, want)
		}
		lat = append(lat, time.Duration(time.Now().UnixNano()-sent[i].Load()))
	}
	if err := <-sendErr; err != nil {
		return count, lat, fmt.Errorf("sending: %w", err)
	}
	if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
		return count, lat, fmt.Errorf("after the last analysis: want end of stream, got %w", err)
	}
	return count, lat, nil
}

// runSoak keeps cfg.concurrency goroutines calling — unary single
// statements, batches and short streams in turn — until cfg.duration has
// passed or cfg.maxStmts statements were sent, and prints a line every
// cfg.sample with the server's RSS.
func runSoak(ctx context.Context, conn *grpc.ClientConn, cfg config, out io.Writer) result {
	client := stancev1.NewStanceServiceClient(conn)
	pool := newPool(cfg.seed, cfg.pool)
	reqs := batchRequests(pool, cfg.batch)
	var (
		budget   atomic.Int64 // statements that may still be sent
		analysed atomic.Int64
		calls    atomic.Int64
		errs     errorCount
		wg       sync.WaitGroup
	)
	budget.Store(int64(cfg.maxStmts))
	start := time.Now()
	deadline := start.Add(cfg.duration)

	for w := range cfg.concurrency {
		wg.Go(func() {
			for k := w; time.Now().Before(deadline); k++ {
				var size int
				switch k % 3 {
				case 0:
					size = 1
				default:
					size = cfg.batch
				}
				if budget.Add(-int64(size)) < 0 {
					return
				}
				calls.Add(1)
				var err error
				n := 0
				switch k % 3 {
				case 0:
					st := pool[k%len(pool)]
					cctx, cancel := callCtx(ctx, cfg.timeout)
					var resp *stancev1.AnalyzeResponse
					resp, err = client.Analyze(cctx, &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st}})
					cancel()
					if err == nil {
						err = checkAnalyses([]*stancev1.Statement{st}, resp.GetAnalyses())
					}
					if err == nil {
						n = 1
					}
				case 1:
					req := reqs[k%len(reqs)]
					cctx, cancel := callCtx(ctx, cfg.timeout)
					var resp *stancev1.AnalyzeResponse
					resp, err = client.Analyze(cctx, req)
					cancel()
					if err == nil {
						err = checkAnalyses(req.GetStatements(), resp.GetAnalyses())
					}
					if err == nil {
						n = size
					}
				case 2:
					n, _, err = streamOnce(ctx, client, pool, k*size, size, cfg.timeout)
				}
				analysed.Add(int64(n))
				if err != nil {
					errs.add(err)
				}
			}
		})
	}

	done := make(chan struct{})
	var samples []int64 // RSS in kB
	var sampler sync.WaitGroup
	sampleOnce := func() {
		line := fmt.Sprintf("soak t=%4.0fs statements=%d", time.Since(start).Seconds(), analysed.Load())
		if cfg.pid > 0 {
			kb, err := readRSS(cfg.pid)
			if err != nil {
				errs.add(err)
				line += " rss=?"
			} else {
				samples = append(samples, kb)
				line += " rss=" + mib(kb)
			}
		}
		n, _ := errs.get()
		fmt.Fprintf(out, "%s errors=%d\n", line, n)
	}
	sampler.Go(func() {
		t := time.NewTicker(cfg.sample)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sampleOnce()
			}
		}
	})
	wg.Wait()
	elapsed := time.Since(start)
	close(done)
	sampler.Wait()
	sampleOnce()

	r := result{
		name:       fmt.Sprintf("soak c=%d", cfg.concurrency),
		calls:      calls.Load(),
		statements: analysed.Load(),
		elapsed:    elapsed,
	}
	if len(samples) > 0 {
		hi := samples[0]
		for _, s := range samples {
			hi = max(hi, s)
		}
		r.extra = fmt.Sprintf(", server RSS first %s, max %s, last %s over %d samples",
			mib(samples[0]), mib(hi), mib(samples[len(samples)-1]), len(samples))
	}
	r.errors, r.firstErr = errs.get()
	return r
}
