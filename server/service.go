package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"google.golang.org/grpc"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// minPerWorker is the fewest statements worth handing to another goroutine: a
// statement takes a few microseconds, so smaller batches run inline.
const minPerWorker = 16

// loaded is one classifier with what the service reads from it on every call.
type loaded struct {
	c         classifier.Classifier
	version   string
	gazetteer []classifier.Actor
	forms     map[string]string // gazetteerForms(gazetteer)
	syntax    bool              // whether c parses (classifier.SyntaxClassifier)
}

// supports fails with a *SyntaxUnavailableError when opts ask for what l's
// classifier cannot give: the parse, of a classifier without a parser.
func (l *loaded) supports(opts classifier.Options) error {
	if opts.IncludeSyntax && !l.syntax {
		return &SyntaxUnavailableError{}
	}
	return nil
}

// service implements stancev1.StanceServiceServer.
type service struct {
	stancev1.UnimplementedStanceServiceServer

	current     atomic.Pointer[loaded]
	lim         Limits
	slots       inflight
	bytes       *byteBudget
	authorize   Authorizer // nil: none
	parallelism int
}

// newService serves c within lim, which must be valid.
func newService(c classifier.Classifier, lim Limits, parallelism int, authorize Authorizer) *service {
	s := &service{
		lim:         lim,
		slots:       inflight{limit: int64(lim.MaxInFlight)},
		bytes:       newByteBudget(lim.BytesInFlight(), lim.ConnBytesInFlight()),
		authorize:   authorize,
		parallelism: parallelism,
	}
	s.swap(c)
	return s
}

// swap makes c the classifier of every RPC (or stream message) that starts
// from now on.
func (s *service) swap(c classifier.Classifier) {
	g := c.Gazetteer()
	sc, ok := c.(classifier.SyntaxClassifier)
	s.current.Store(&loaded{c: c, version: c.Version(), gazetteer: g, forms: gazetteerForms(g), syntax: ok && sc.HasSyntax()})
}

func (s *service) load() *loaded { return s.current.Load() }

// Analyze validates the whole batch, then analyses it, in parallel when it is
// large enough.
func (s *service) Analyze(ctx context.Context, req *stancev1.AnalyzeRequest) (*stancev1.AnalyzeResponse, error) {
	l := s.load()
	ck := checker{lim: s.lim, gazetteer: l.gazetteer, forms: l.forms}
	sts, opts, enc, err := ck.batch(req)
	if err == nil {
		err = l.supports(opts)
	}
	if err != nil {
		return nil, toRPCError(err)
	}
	if !s.slots.tryAcquire(len(sts)) {
		return nil, toRPCError(&OverloadError{Statements: len(sts), Limit: s.lim.MaxInFlight})
	}
	defer s.slots.release(len(sts))
	out, err := s.analyzeAll(ctx, l.c, sts, opts, enc)
	if err != nil {
		return nil, toRPCError(err)
	}
	return &stancev1.AnalyzeResponse{Analyses: out, LexiconVersion: l.version}, nil
}

// AnalyzeStream analyses one statement per message, in order: Recv, analyse,
// Send. gRPC flow control pushes back on a client that sends faster than the
// server analyses or than it reads responses.
func (s *service) AnalyzeStream(stream grpc.BidiStreamingServer[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse]) error {
	ctx := stream.Context()
	var (
		sc   scope
		opts classifier.Options
		enc  = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8
	)
	for pos := 0; ; pos++ {
		req, release, err := s.recv(stream, pos)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return toRPCError(err)
		}
		err = s.streamMessage(ctx, stream, req, pos, &sc, &opts, &enc)
		release()
		if err != nil {
			return toRPCError(err)
		}
	}
}

// streamMessage checks, analyses and answers the message at position pos of
// an AnalyzeStream; sc, opts and enc carry over from earlier messages.
func (s *service) streamMessage(ctx context.Context, stream grpc.BidiStreamingServer[stancev1.AnalyzeStreamRequest, stancev1.AnalyzeStreamResponse],
	req *stancev1.AnalyzeStreamRequest, pos int, sc *scope, opts *classifier.Options, enc *stancev1.OffsetEncoding,
) error {
	// Each message uses the classifier current when it arrives, so a long
	// stream picks up a reloaded lexicon; responses say which.
	l := s.load()
	ck := checker{lim: s.lim, gazetteer: l.gazetteer, forms: l.forms}
	if len(req.GetActors()) > 0 {
		*sc = ck.shared(req.GetActors(), at{})
	}
	if req.GetOptions() != nil {
		*opts, *enc = ck.options(req.GetOptions(), at{})
	}
	where := at{list: "statement", index: pos}
	var st classifier.Statement
	if req.GetStatement() == nil {
		ck.vs.add(where.field(""), ReasonStatementMissing, "statement is required")
	} else {
		st = ck.statement(req.GetStatement(), where, sc)
	}
	if err := ck.vs.err(pos); err != nil {
		return err
	}
	if err := l.supports(*opts); err != nil {
		return fmt.Errorf("stream message %d: %w", pos, err)
	}
	if !s.slots.tryAcquire(1) {
		return &OverloadError{Statements: 1, Limit: s.lim.MaxInFlight}
	}
	a, err := analyzeOne(ctx, l.c, &st, *opts, *enc)
	s.slots.release(1)
	if err != nil {
		return fmt.Errorf("stream message %d: %w", pos, err)
	}
	return stream.Send(&stancev1.AnalyzeStreamResponse{Analysis: a, LexiconVersion: l.version})
}

// analyzeOne analyses one statement unless ctx is already done.
func analyzeOne(ctx context.Context, c classifier.Classifier, st *classifier.Statement, opts classifier.Options, enc stancev1.OffsetEncoding) (*stancev1.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a, err := c.Analyze(ctx, *st, opts)
	if err != nil {
		return nil, err
	}
	return AnalysisToProto(&a, st.ID, st.Text, enc)
}

// analyzeAll analyses sts in order, on up to s.parallelism goroutines
// including the caller's. It stops at the first error, ctx's included, and
// returns only when no goroutine is left running.
func (s *service) analyzeAll(ctx context.Context, c classifier.Classifier, sts []classifier.Statement, opts classifier.Options, enc stancev1.OffsetEncoding) ([]*stancev1.Analysis, error) {
	r := batchRun{ctx: ctx, c: c, sts: sts, opts: opts, enc: enc, out: make([]*stancev1.Analysis, len(sts))}
	workers := min(s.parallelism, len(sts)/minPerWorker)
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(r.work)
	}
	r.work()
	wg.Wait()
	if err := r.err(); err != nil {
		return nil, err
	}
	return r.out, nil
}

// batchRun is one batch being analysed by several goroutines: each takes the
// next statement index until none is left or one of them fails.
type batchRun struct {
	ctx  context.Context
	c    classifier.Classifier
	sts  []classifier.Statement
	opts classifier.Options
	enc  stancev1.OffsetEncoding
	out  []*stancev1.Analysis

	next   atomic.Int64
	failed atomic.Bool
	mu     sync.Mutex
	first  error
}

func (r *batchRun) work() {
	// A panic on a worker goroutine would kill the process: the recovery
	// interceptor only sees the handler's goroutine.
	defer func() {
		if v := recover(); v != nil {
			r.fail(&PanicError{Value: v, Stack: debug.Stack()})
		}
	}()
	for !r.failed.Load() {
		i := int(r.next.Add(1) - 1)
		if i >= len(r.sts) {
			return
		}
		a, err := analyzeOne(r.ctx, r.c, &r.sts[i], r.opts, r.enc)
		if err != nil {
			r.fail(fmt.Errorf("statements[%d]: %w", i, err))
			return
		}
		r.out[i] = a
	}
}

func (r *batchRun) fail(err error) {
	r.mu.Lock()
	if r.first == nil {
		r.first = err
	}
	r.mu.Unlock()
	r.failed.Store(true)
}

func (r *batchRun) err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.first
}
