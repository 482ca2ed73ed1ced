// Package jsonl tags a stream of JSONL statements, as `stancetag analyze`
// does: one stance.v1.Statement in JSON per input line, one stance.v1.Analysis
// in JSON per output line, in input order.
//
// It streams in constant memory whatever the input size: a reader goroutine
// hands lines, in chunks of up to 64, to Config.Workers analysers, and the
// caller's goroutine writes their results in order. At most Config.Window
// lines are in flight (read but not yet written), which bounds both memory
// and how far a fast analyser can run ahead of a slow one. Buffers are reused
// from chunk to chunk. A chunk is handed on as soon as the next line is not
// already read, so a slow trickle of input is answered line by line.
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
	// Window is the most lines in flight at once; 0 means 256 per worker.
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
	// Lexicons counts the analyses written by lexicon version, for
	// RunRemote only: servers on different lexicons (a rollout under way)
	// give more than one.
	Lexicons map[string]int
}

// maxKeptBuffer is the largest line or output buffer kept for reuse; bigger
// ones (from an unusually long line) are dropped after use, so one long line
// does not pin its memory for the rest of the run.
const maxKeptBuffer = 1 << 20

const (
	// chunkLines is the most lines in a chunk: handing lines on one by one
	// costs more in synchronisation than decoding them.
	chunkLines = 64
	// chunkBytes ends a chunk early once its lines reach this size, so that
	// the window bounds memory as well as lines.
	chunkBytes = 64 << 10
)

// chunk holds consecutive non-blank lines on their way through the pipeline.
// The reader fills data and lines, a worker fills out and msgs, the writer
// writes them and recycles the chunk.
type chunk struct {
	seq   int    // position among the chunks, from 0
	data  []byte // the lines, one after the other, without line ends
	lines []lineRef
	// out is the analyses of the good lines, each followed by "\n"; msgs
	// the messages of the bad ones, in line order.
	out  []byte
	good int // analyses in out
	msgs []badLine
	// msgBuf holds the text of msgs.
	msgBuf []byte
}

// lineRef is one line of a chunk.
type lineRef struct {
	end    int // end of the line in chunk.data; it starts where the previous ends
	lineNo int // 1-based line number, for messages
	tooBig int // length of a line longer than the limit (not kept), else 0
}

// badLine is the message of a bad line, "line N: what\n", as
// chunk.msgBuf[from:to]. It comes after the first at bytes of chunk.out,
// which hold good analyses.
type badLine struct{ at, good, from, to int }

func (c *chunk) reset() {
	c.data, c.lines, c.out, c.msgs, c.msgBuf = c.data[:0], c.lines[:0], c.out[:0], c.msgs[:0], c.msgBuf[:0]
	c.good = 0
}

// line returns the i-th line of c.
func (c *chunk) line(i int) []byte {
	start := 0
	if i > 0 {
		start = c.lines[i-1].end
	}
	return c.data[start:c.lines[i].end]
}

// fail records msg as the message of line lineNo.
func (c *chunk) fail(lineNo int, msg string) {
	from := len(c.msgBuf)
	c.msgBuf = appendFail(c.msgBuf, lineNo, msg)
	c.msgs = append(c.msgs, badLine{at: len(c.out), good: c.good, from: from, to: len(c.msgBuf)})
}

// appendFail appends "line N: msg\n" to dst.
func appendFail(dst []byte, lineNo int, msg string) []byte {
	dst = append(dst, "line "...)
	dst = strconv.AppendInt(dst, int64(lineNo), 10)
	dst = append(dst, ": "...)
	dst = append(dst, msg...)
	return append(dst, '\n')
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
		window = 4 * chunkLines * cfg.Workers
	}
	if window < cfg.Workers {
		return Stats{}, fmt.Errorf("jsonl: Window (%d) must be >= Workers (%d)", window, cfg.Workers)
	}
	if err := cfg.Limits.Validate(); err != nil {
		return Stats{}, fmt.Errorf("jsonl: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Two chunks per worker, so that the reader fills one while the worker
	// analyses the other; chunks*perChunk <= window, chunks >= Workers.
	perChunk := min(chunkLines, max(1, window/(2*cfg.Workers)))
	chunks := window / perChunk

	// free holds the chunks not in flight; every channel can hold all of
	// them, so no send blocks once ctx is done and every goroutine can
	// finish.
	free := make(chan *chunk, chunks)
	for range chunks {
		free <- new(chunk)
	}
	work := make(chan *chunk, chunks)
	done := make(chan *chunk, chunks)
	readErr := make(chan error, 1)
	lines := make(chan int, 1)

	go func() {
		n, err := readChunks(ctx, in, cfg.Limits.RecvMsgBytes(), perChunk, free, work)
		lines <- n
		readErr <- err
		close(work)
	}()

	chk := &checker{lim: cfg.Limits, gazetteer: c.Gazetteer()}
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Go(func() {
			w := &worker{c: c, cfg: &cfg, p: parser{chk: chk}}
			w.into, _ = c.(analyzerInto)
			for ch := range work {
				w.analyse(ctx, ch)
				done <- ch
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	st, err := writeInOrder(ctx, done, free, chunks, out, errOut)
	if err != nil {
		return st, err
	}
	st.Lines = <-lines
	if err := <-readErr; err != nil {
		return st, err
	}
	return st, ctx.Err()
}

// readChunks reads lines into free chunks, perChunk lines at most in each,
// and sends the chunks holding non-blank lines to work, numbered. It returns
// the number of lines read.
func readChunks(ctx context.Context, in io.Reader, maxLine, perChunk int, free <-chan *chunk, work chan<- *chunk) (int, error) {
	r := bufio.NewReaderSize(in, 64<<10)
	lineNo, seq := 0, 0
	var ch *chunk
	for {
		if ch == nil {
			select {
			case ch = <-free:
			case <-ctx.Done():
				return lineNo, nil
			}
			ch.reset()
		}
		eof := false
		for !eof && len(ch.lines) < perChunk && len(ch.data) < chunkBytes {
			start := len(ch.data)
			var tooBig int
			var err error
			ch.data, tooBig, eof, err = readLine(r, ch.data, maxLine)
			if err != nil {
				// The lines before are still analysed and written.
				if len(ch.lines) > 0 {
					ch.seq = seq
					work <- ch // cannot block: the channel holds every chunk
				}
				return lineNo, fmt.Errorf("reading line %d: %w", lineNo+1, err)
			}
			line := ch.data[start:]
			if eof && len(line) == 0 && tooBig == 0 {
				break // no last line
			}
			lineNo++
			if tooBig == 0 && len(bytes.TrimSpace(line)) == 0 {
				ch.data = ch.data[:start] // blank: skipped
			} else {
				ch.lines = append(ch.lines, lineRef{end: len(ch.data), lineNo: lineNo, tooBig: tooBig})
			}
			if !lineReady(r) {
				// The next line would wait for input: hand on what is
				// here first.
				break
			}
		}
		if len(ch.lines) > 0 {
			ch.seq = seq
			seq++
			select {
			case work <- ch:
				ch = nil
			case <-ctx.Done():
				return lineNo, nil
			}
		}
		if eof {
			return lineNo, nil
		}
	}
}

// lineReady reports whether a whole line is buffered in r, so that reading
// it does not wait for input.
func lineReady(r *bufio.Reader) bool {
	n := r.Buffered()
	if n == 0 {
		return false
	}
	b, _ := r.Peek(n)
	return bytes.IndexByte(b, '\n') >= 0
}

// readLine reads one line, without its "\n" or "\r\n", appending it to buf.
// Past maxLine bytes it stops keeping the line and only counts it in
// tooBig; buf is then returned as it was. eof is true when the input ended
// (the line may still be non-empty).
func readLine(r *bufio.Reader, buf []byte, maxLine int) (out []byte, tooBig int, eof bool, err error) {
	start, size := len(buf), 0
	for {
		chunk, err := r.ReadSlice('\n')
		size += len(chunk)
		if err == nil {
			size-- // the "\n" is not part of the line
		}
		if size > maxLine {
			buf, tooBig = buf[:start], size
		} else {
			buf = append(buf, chunk...)
		}
		switch {
		case err == nil:
			return trimEOL(buf, start), tooBig, false, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return trimEOL(buf, start), tooBig, true, nil
		default:
			return buf[:start], 0, false, err
		}
	}
}

// trimEOL removes a "\n", then a "\r", from the end of b, not before start.
func trimEOL(b []byte, start int) []byte {
	if len(b) > start && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	if len(b) > start && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}

// worker is one analysing goroutine's state.
type worker struct {
	c   classifier.Classifier
	cfg *Config
	p   parser
	enc analysisjson.Encoder
	// into is c when it can analyse into the worker's an, reusing its
	// slices (the lexicon classifier can): each analysis is encoded at once
	// and dropped, so one does for all, and the collector has far less to
	// do.
	into analyzerInto
	an   classifier.Analysis
}

// analyzerInto is a classifier that writes an analysis into the caller's,
// reusing its slices, as lexicon.Classifier.AnalyzeInto does.
type analyzerInto interface {
	AnalyzeInto(ctx context.Context, st classifier.Statement, opts classifier.Options, an *classifier.Analysis) error
}

// analyze analyses st into w.an.
func (w *worker) analyze(ctx context.Context, st classifier.Statement) error {
	if w.into != nil {
		return w.into.AnalyzeInto(ctx, st, w.cfg.Options, &w.an)
	}
	var err error
	w.an, err = w.c.Analyze(ctx, st, w.cfg.Options)
	return err
}

// analyse decodes, checks and analyses the lines of ch, leaving the JSON
// analysis of each good line, followed by "\n", in ch.out and a message for
// each bad one in ch.msgs. It stops early when ctx is done: the writer then
// writes nothing more.
func (w *worker) analyse(ctx context.Context, ch *chunk) {
	for i, l := range ch.lines {
		st, msg, ok := w.p.local(ch.line(i), l.lineNo, l.tooBig)
		if !ok {
			ch.fail(l.lineNo, msg)
			continue
		}
		if err := w.analyze(ctx, st); err != nil {
			if ctx.Err() != nil {
				return
			}
			// Classifiers fail only when ctx is done; report a breach of
			// that rather than write nothing.
			ch.fail(l.lineNo, "analysing: "+err.Error())
			continue
		}
		ch.out = w.enc.Append(ch.out, &w.an, st.Text, w.cfg.Encoding)
		ch.out = append(ch.out, '\n')
		ch.good++
	}
}

// parser decodes and checks lines, the same way for local and remote runs.
// Not safe for concurrent use.
type parser struct {
	chk *checker
	dec lineDecoder
	in  inStatement
	// msg is reused by local: a statement checked here goes no further than
	// the classifier, which does not keep it.
	msg stancev1.Statement
}

// local decodes and checks line lineNo (of tooBig bytes when over the
// limit, and then not kept) and returns the statement to analyse, or what is
// wrong with the line.
func (p *parser) local(line []byte, lineNo, tooBig int) (classifier.Statement, string, bool) {
	if msg, ok := p.decode(line, lineNo, tooBig); !ok {
		return classifier.Statement{}, msg, false
	}
	st, err := p.chk.check(&p.in, &p.msg)
	if err != nil {
		return classifier.Statement{}, err.Error(), false
	}
	return st, "", true
}

// remote is local that also returns the statement as a new API message, to
// send to a server.
func (p *parser) remote(line []byte, lineNo, tooBig int) (*stancev1.Statement, string, bool) {
	if msg, ok := p.decode(line, lineNo, tooBig); !ok {
		return nil, msg, false
	}
	msg := new(stancev1.Statement)
	if _, err := p.chk.check(&p.in, msg); err != nil {
		return nil, err.Error(), false
	}
	return msg, "", true
}

// utf8BOM is the UTF-8 byte-order mark, which editors on some systems put at
// the start of a file.
const utf8BOM = "\xef\xbb\xbf"

// decode decodes line lineNo into p.in. A byte-order mark on line 1 is
// skipped. Text that encoding/json would silently turn into U+FFFD (invalid
// UTF-8, an unpaired surrogate escape) makes the line bad instead, as the
// API refuses such strings: the offsets of the analysis would no longer
// match the input.
func (p *parser) decode(line []byte, lineNo, tooBig int) (string, bool) {
	if tooBig > 0 {
		return fmt.Sprintf("line is %d bytes, at most %d", tooBig, p.chk.lim.RecvMsgBytes()), false
	}
	if lineNo == 1 {
		line = bytes.TrimPrefix(line, []byte(utf8BOM))
	}
	if msg := unicodeProblem(line); msg != "" {
		return msg, false
	}
	if err := p.dec.decode(line, &p.in); err != nil {
		return "invalid JSON: " + err.Error(), false
	}
	return "", true
}

// writeInOrder writes finished chunks in sequence order and recycles them.
// It buffers output and flushes whenever no finished chunk is waiting, so a
// slow trickle of input still sees its results at once.
func writeInOrder(ctx context.Context, done <-chan *chunk, free chan<- *chunk, chunks int, out, errOut io.Writer) (Stats, error) {
	var st Stats
	w := bufio.NewWriterSize(out, 64<<10)
	pending := make([]*chunk, chunks) // by seq % chunks: at most chunks in flight
	next := 0
	for {
		var ch *chunk
		var ok bool
		select {
		case ch, ok = <-done:
		case <-ctx.Done():
			return st, ctx.Err()
		}
		if !ok {
			return st, w.Flush()
		}
		pending[ch.seq%chunks] = ch
		for {
			p := pending[next%chunks]
			if p == nil || p.seq != next {
				break
			}
			pending[next%chunks] = nil
			next++
			if ctx.Err() != nil {
				// Cancelled: p may hold cancelled analyses, not results.
				return st, ctx.Err()
			}
			if err := writeChunk(w, errOut, p, &st); err != nil {
				return st, err
			}
			if cap(p.data) > maxKeptBuffer {
				p.data = nil
			}
			if cap(p.out) > maxKeptBuffer {
				p.out = nil
			}
			if cap(p.msgBuf) > maxKeptBuffer {
				p.msgBuf = nil
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

// writeChunk writes the analyses of ch to w and its messages to errOut,
// in line order, counting them in st.
func writeChunk(w *bufio.Writer, errOut io.Writer, ch *chunk, st *Stats) error {
	written, good := 0, 0 // of ch.out
	for _, m := range ch.msgs {
		if _, err := w.Write(ch.out[written:m.at]); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		st.Written += m.good - good
		written, good = m.at, m.good
		st.Bad++
		// Flush first so that, on a terminal, the message sits among the
		// output where it happened.
		if err := w.Flush(); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		if _, err := errOut.Write(ch.msgBuf[m.from:m.to]); err != nil {
			return fmt.Errorf("writing errors: %w", err)
		}
	}
	if _, err := w.Write(ch.out[written:]); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	st.Written += ch.good - good
	return nil
}
