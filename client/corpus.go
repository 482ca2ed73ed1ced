package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Corpus is a sequence of statements tagged with the same request-level
// actors and options.
type Corpus struct {
	// Statements yields the statements in order. AnalyzeAll ranges over it
	// once, on its caller's goroutine; a statement must not be modified
	// after it is yielded, until AnalyzeAll returns.
	Statements iter.Seq[*stancev1.Statement]
	// Actors are looked for in every statement (AnalyzeRequest.actors).
	Actors []*stancev1.Actor
	// Options apply to every statement; nil for the server's defaults.
	Options *stancev1.AnalyzeOptions
}

// batch is one Analyze call of AnalyzeAll.
type batch struct {
	offset int // position of the first statement in the corpus
	req    *stancev1.AnalyzeRequest
	done   chan struct{} // closed once res or err is set
	res    []*stancev1.Analysis
	lex    string // the lexicon_version of the reply
	err    error
}

// AnalyzeAll tags every statement of corpus on the fleet and calls out with
// each analysis, in the order of corpus.Statements, exactly once. out is
// called from one goroutine at a time, never concurrently, and may keep the
// analyses.
//
// Statements go out in batches (WithBatchSize, WithBatchBytes), up to
// WithConcurrency batches at once. A batch failing with a retryable error is
// sent again (WithBatchAttempts, WithBatchBackoff); any other error, out's
// included, stops everything: AnalyzeAll returns once every call has ended,
// with the first error, a *BatchError for a failed batch. Analyses handed to
// out before the error are exactly those of the statements before the
// failed batch. It returns ctx's error if ctx ends first.
func (c *Client) AnalyzeAll(ctx context.Context, corpus Corpus, out func(*stancev1.Analysis) error) error {
	if out == nil {
		return errors.New("client: AnalyzeAll: nil out")
	}
	return c.analyzeAll(ctx, "AnalyzeAll", corpus, func(a *stancev1.Analysis, _ string) error { return out(a) })
}

// AnalyzeAllVersioned is AnalyzeAll, with the lexicon_version of the reply
// that brought each analysis: the lexicon of the replica that tagged it.
// During a rollout replicas serve different lexicons, so one corpus may
// come back tagged by several; callers who must not mix them check it.
func (c *Client) AnalyzeAllVersioned(ctx context.Context, corpus Corpus, out func(a *stancev1.Analysis, lexiconVersion string) error) error {
	if out == nil {
		return errors.New("client: AnalyzeAllVersioned: nil out")
	}
	return c.analyzeAll(ctx, "AnalyzeAllVersioned", corpus, out)
}

// analyzeAll is AnalyzeAll and AnalyzeAllVersioned; name is the caller's,
// for errors.
func (c *Client) analyzeAll(ctx context.Context, name string, corpus Corpus, out func(*stancev1.Analysis, string) error) error {
	if corpus.Statements == nil {
		return fmt.Errorf("client: %s: nil Corpus.Statements", name)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	n := c.cfg.concurrency
	// A slot is taken before a batch is sent and given back once its
	// analyses are out, so at most n batches are held, done or not.
	slots := make(chan struct{}, n)
	pending := make(chan *batch, n)
	collected := make(chan error, 1)
	go func() { collected <- collect(pending, slots, out, cancel) }()

	var calls sync.WaitGroup
	send := func(b *batch) bool {
		if ctx.Err() != nil {
			return false // select would pick at random between the two
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		pending <- b // never blocks: at most n batches hold a slot
		calls.Go(func() {
			b.res, b.lex, b.err = c.analyzeBatch(ctx, b)
			close(b.done)
		})
		return true
	}

	complete := true
	var (
		cur      *batch
		curBytes int
		pos      int
		inputErr error
	)
	for st := range corpus.Statements {
		if ctx.Err() != nil {
			// Stop reading at once, not when the batch is full.
			complete = false
			break
		}
		if st == nil {
			inputErr = fmt.Errorf("client: %s: statement %d is nil", name, pos)
			complete = false
			cancel()
			break
		}
		size := proto.Size(st)
		if cur != nil && curBytes+size > c.cfg.batchBytes {
			if !send(cur) {
				complete = false
				break
			}
			cur = nil
		}
		if cur == nil {
			cur = &batch{offset: pos, done: make(chan struct{}), req: &stancev1.AnalyzeRequest{
				Statements: make([]*stancev1.Statement, 0, c.cfg.batchSize),
				Actors:     corpus.Actors,
				Options:    corpus.Options,
			}}
			curBytes = 0
		}
		cur.req.Statements = append(cur.req.Statements, st)
		curBytes += size
		pos++
		if len(cur.req.Statements) == c.cfg.batchSize {
			if !send(cur) {
				complete = false
				break
			}
			cur = nil
		}
	}
	if complete && cur != nil && !send(cur) {
		complete = false
	}
	close(pending)
	err := <-collected
	calls.Wait()
	switch {
	case inputErr != nil:
		return inputErr
	case err == nil && !complete:
		// Only ctx ends the loop early without another error.
		return ctx.Err()
	}
	return err
}

// collect waits for the batches in order and hands their analyses to out. On
// the first error it cancels the run and only drains what is left.
func collect(pending <-chan *batch, slots <-chan struct{}, out func(*stancev1.Analysis, string) error, cancel context.CancelFunc) error {
	var first error
	for b := range pending {
		<-b.done
		if first == nil && b.err != nil {
			first = b.err
			cancel()
		}
		if first == nil {
			for _, a := range b.res {
				if err := out(a, b.lex); err != nil {
					first = err
					cancel()
					break
				}
			}
		}
		b.res = nil
		<-slots
	}
	return first
}

// analyzeBatch sends b until it succeeds, fails with an error that is not
// retryable, runs out of attempts or ctx ends. When ctx has ended it returns
// ctx's error rather than the call's (CANCELED), so AnalyzeAll returns it.
func (c *Client) analyzeBatch(ctx context.Context, b *batch) ([]*stancev1.Analysis, string, error) {
	for attempt := 1; ; attempt++ {
		resp, err := c.stub.Analyze(ctx, b.req)
		if err == nil {
			if err := checkResponse(b.req, resp); err != nil {
				return nil, "", c.batchError(b, attempt, err)
			}
			return resp.GetAnalyses(), resp.GetLexiconVersion(), nil
		}
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		again, least := retryable(err)
		if !again || attempt >= c.cfg.batchAttempts {
			return nil, "", c.batchError(b, attempt, err)
		}
		t := time.NewTimer(max(backoff(attempt, c.cfg.backoffMin, c.cfg.backoffMax), least))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, "", ctx.Err()
		}
	}
}

func (c *Client) batchError(b *batch, attempts int, err error) error {
	return &BatchError{Offset: b.offset, Count: len(b.req.GetStatements()), Attempts: attempts, Err: err}
}

// checkResponse makes sure resp has one analysis per statement of req, in
// order: the output is reassembled by position, so a mismatch would misplace
// analyses silently.
func checkResponse(req *stancev1.AnalyzeRequest, resp *stancev1.AnalyzeResponse) error {
	sts, as := req.GetStatements(), resp.GetAnalyses()
	if len(as) != len(sts) {
		return fmt.Errorf("%w: %d analyses for %d statements", errResponse, len(as), len(sts))
	}
	for i, a := range as {
		if a.GetStatementId() != sts[i].GetId() {
			return fmt.Errorf("%w: analysis %d is of statement %q, want %q", errResponse, i, a.GetStatementId(), sts[i].GetId())
		}
	}
	return nil
}
