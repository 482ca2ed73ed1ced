// Package jsonl tags a stream of JSONL statements, as `stancetag analyze`
// does: one stance.v1.Statement in JSON per input line, one stance.v1.Analysis
// in JSON per output line, in input order.
//
// It streams in constant memory whatever the input size: a reader goroutine
// hands lines to Config.Workers analysers, and the caller's goroutine writes
// their results in order. At most Config.Window lines are in flight (read but
// not yet written), which bounds both memory and how far a fast analyser can
// run ahead of a slow one. Buffers are reused from line to line.
//
// A bad line (invalid JSON, a statement the server would reject) is reported
// on the error writer as "line N: what is wrong" and skipped; the others are
// still written. Blank lines are skipped silently.
//
// Run analyses with a classifier in process; RunRemote sends the statements
// to a fleet of servers instead (remote.go) and writes the same bytes.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/analysisjson"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// Config says how to run.
type Config struct {
	// Workers is the number of analysing goroutines; at least 1.
	Workers int
	// Window is the most lines in flight at once; 0 means 4 per worker.
	// At least Workers.
	Window int
	// Options are passed to the classifier for every statement.
	Options classifier.Options
	// Encoding of spans in the output; UNSPECIFIED means UTF-8.
	Encoding stancev1.OffsetEncoding
	// Limits are the server's, applied to each line as to each statement of
	// an AnalyzeStream. A line longer than Limits.MaxRecvMsgBytes is
	// reported without being decoded.
	Limits server.Limits
}

// Stats counts what a Run did.
type Stats struct {
	// Lines is the number of lines read, blank ones included.
	Lines int
	// Written is the number of analyses written.
	Written int
	// Bad is the number of lines reported as bad.
	Bad int
}

// maxKeptBuffer is the largest line or output buffer kept for reuse; bigger
// ones (from an unusually long line) are dropped after use, so one long line
// does not pin its memory for the rest of the run.
const maxKeptBuffer = 1 << 20

// item is one line on its way through the pipeline. The reader fills line,
// a worker fills out or msg, the writer writes them and recycles the item.
type item struct {
	seq    int // position among the non-blank lines, from 0
	lineNo int // 1-based line number, for messages
	line   []byte
	tooBig int // length of a line longer than the limit, else 0
	out    []byte
	msg    []byte
}

// Run reads in until EOF, writes one analysis per good line to out and one
// message per bad line to errOut, in input order. It returns when all lines
// are written, or at the first read or write error, or when ctx is done; the
// error is then that error or ctx.Err(). Bad lines are not errors: they are
// counted in Stats.Bad.
//
// The reader goroutine may outlive Run by one blocked Read when Run returns
// early; it ends when that Read returns.
func Run(ctx context.Context, c classifier.Classifier, in io.Reader, out, errOut io.Writer, cfg Config) (Stats, error) {
	if cfg.Workers < 1 {
		return Stats{}, fmt.Errorf("jsonl: Workers must be >= 1, got %d", cfg.Workers)
	}
	window := cfg.Window
	if window == 0 {
		window = 4 * cfg.Workers
	}
	if window < cfg.Workers {
		return Stats{}, fmt.Errorf("jsonl: Window (%d) must be >= Workers (%d)", window, cfg.Workers)
	}
	if err := cfg.Limits.Validate(); err != nil {
		return Stats{}, fmt.Errorf("jsonl: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// free holds the items not in flight; every channel can hold all of them,
	// so no send blocks once ctx is done and every goroutine can finish.
	free := make(chan *item, window)
	for range window {
		free <- new(item)
	}
	work := make(chan *item, window)
	done := make(chan *item, window)
	readErr := make(chan error, 1)
	lines := make(chan int, 1)

	go func() {
		n, err := readLines(ctx, in, cfg.Limits.MaxRecvMsgBytes, free, work)
		lines <- n
		readErr <- err
		close(work)
	}()

	chk := &checker{lim: cfg.Limits, gazetteer: c.Gazetteer()}
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Go(func() {
			for it := range work {
				analyse(ctx, c, chk, &cfg, it)
				done <- it
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	st, err := writeInOrder(ctx, done, free, window, out, errOut)
	if err != nil {
		return st, err
	}
	st.Lines = <-lines
	if err := <-readErr; err != nil {
		return st, err
	}
	return st, ctx.Err()
}

// readLines reads lines into free items and sends the non-blank ones to
// work, numbered. It returns the number of lines read.
func readLines(ctx context.Context, in io.Reader, maxLine int, free <-chan *item, work chan<- *item) (int, error) {
	r := bufio.NewReaderSize(in, 64<<10)
	lineNo, seq := 0, 0
	var it *item
	for {
		if it == nil {
			select {
			case it = <-free:
			case <-ctx.Done():
				return lineNo, nil
			}
		}
		it.line, it.tooBig = it.line[:0], 0
		eof, err := readLine(r, it, maxLine)
		if err != nil {
			return lineNo, fmt.Errorf("reading line %d: %w", lineNo+1, err)
		}
		if eof && len(it.line) == 0 && it.tooBig == 0 {
			return lineNo, nil
		}
		lineNo++
		if it.tooBig == 0 && len(bytes.TrimSpace(it.line)) == 0 {
			if eof {
				return lineNo, nil
			}
			continue // blank: reuse the item for the next line
		}
		it.seq, it.lineNo = seq, lineNo
		seq++
		select {
		case work <- it:
			it = nil
		case <-ctx.Done():
			return lineNo, nil
		}
		if eof {
			return lineNo, nil
		}
	}
}

// readLine reads one line, without its "\n" or "\r\n", into it.line. Past
// maxLine bytes it stops keeping the line and only counts it in it.tooBig.
// eof is true when the input ended (the line may still be non-empty).
func readLine(r *bufio.Reader, it *item, maxLine int) (eof bool, err error) {
	size := 0
	for {
		chunk, err := r.ReadSlice('\n')
		size += len(chunk)
		if err == nil {
			size-- // the "\n" is not part of the line
		}
		if size > maxLine {
			it.line, it.tooBig = it.line[:0], size
		} else {
			it.line = append(it.line, chunk...)
		}
		switch {
		case err == nil:
			it.line = trimEOL(it.line)
			return false, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			it.line = trimEOL(it.line)
			return true, nil
		default:
			return false, err
		}
	}
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}

// analyse decodes, checks and analyses one line, leaving either the JSON
// analysis followed by "\n" in it.out or a message in it.msg.
func analyse(ctx context.Context, c classifier.Classifier, chk *checker, cfg *Config, it *item) {
	it.out, it.msg = it.out[:0], it.msg[:0]
	_, st, ok := parseLine(chk, it)
	if !ok {
		return
	}
	a, err := c.Analyze(ctx, st, cfg.Options)
	if err != nil {
		if ctx.Err() == nil {
			// Classifiers fail only when ctx is done; report a breach of
			// that rather than write nothing.
			it.fail("analysing: " + err.Error())
		}
		// Otherwise the writer stops before this item and Run reports
		// ctx.Err().
		return
	}
	it.out = analysisjson.Append(it.out, &a, st.Text, cfg.Encoding)
	it.out = append(it.out, '\n')
}

// parseLine decodes and checks the line of it, the same way for local and
// remote runs. It returns the statement as the API message and as the
// classifier's input; on a bad line it leaves the message in it.msg and
// returns ok false.
func parseLine(chk *checker, it *item) (*stancev1.Statement, classifier.Statement, bool) {
	if it.tooBig > 0 {
		it.fail(fmt.Sprintf("line is %d bytes, at most %d", it.tooBig, chk.lim.MaxRecvMsgBytes))
		return nil, classifier.Statement{}, false
	}
	var in inStatement
	if err := json.Unmarshal(it.line, &in); err != nil {
		it.fail("invalid JSON: " + err.Error())
		return nil, classifier.Statement{}, false
	}
	msg, st, err := chk.check(&in)
	if err != nil {
		it.fail(err.Error())
		return nil, classifier.Statement{}, false
	}
	return msg, st, true
}

// fail appends "line N: msg\n" to it.msg.
func (it *item) fail(msg string) {
	it.msg = append(it.msg, "line "...)
	it.msg = strconv.AppendInt(it.msg, int64(it.lineNo), 10)
	it.msg = append(it.msg, ": "...)
	it.msg = append(it.msg, msg...)
	it.msg = append(it.msg, '\n')
}

// writeInOrder writes finished items in sequence order and recycles them. It
// buffers output and flushes whenever no finished item is waiting, so a slow
// trickle of input still sees its results at once.
func writeInOrder(ctx context.Context, done <-chan *item, free chan<- *item, window int, out, errOut io.Writer) (Stats, error) {
	var st Stats
	w := bufio.NewWriterSize(out, 64<<10)
	pending := make([]*item, window) // by seq % window: at most window in flight
	next := 0
	for {
		var it *item
		var ok bool
		select {
		case it, ok = <-done:
		case <-ctx.Done():
			return st, ctx.Err()
		}
		if !ok {
			return st, w.Flush()
		}
		pending[it.seq%window] = it
		for {
			p := pending[next%window]
			if p == nil || p.seq != next {
				break
			}
			pending[next%window] = nil
			next++
			if ctx.Err() != nil {
				// Cancelled: p may hold a cancelled analysis, not a result.
				return st, ctx.Err()
			}
			if len(p.msg) > 0 {
				st.Bad++
				// Flush first so that, on a terminal, the message sits among
				// the output where it happened.
				if err := w.Flush(); err != nil {
					return st, fmt.Errorf("writing output: %w", err)
				}
				if _, err := errOut.Write(p.msg); err != nil {
					return st, fmt.Errorf("writing errors: %w", err)
				}
			} else {
				st.Written++
				if _, err := w.Write(p.out); err != nil {
					return st, fmt.Errorf("writing output: %w", err)
				}
			}
			if cap(p.line) > maxKeptBuffer {
				p.line = nil
			}
			if cap(p.out) > maxKeptBuffer {
				p.out = nil
			}
			free <- p
		}
		if len(done) == 0 {
			if err := w.Flush(); err != nil {
				return st, fmt.Errorf("writing output: %w", err)
			}
		}
	}
}
