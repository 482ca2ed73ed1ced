package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/client"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/analysisjson"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// Fleet tags a corpus on remote servers; a *client.Client is one. The
// contract is client.Client.AnalyzeAllVersioned's: out gets one analysis per
// statement, in order, from one goroutine at a time, with the lexicon
// version of the server that tagged it.
type Fleet interface {
	AnalyzeAllVersioned(ctx context.Context, corpus client.Corpus, out func(a *stancev1.Analysis, lexiconVersion string) error) error
}

// RemoteConfig says how to run on a fleet.
type RemoteConfig struct {
	// Options are sent with every statement.
	Options classifier.Options
	// Encoding of spans in the output; UNSPECIFIED means UTF-8. The servers
	// are always asked for UTF-8 offsets, converted here like local ones.
	Encoding stancev1.OffsetEncoding
	// Limits are applied to each line before it is sent, as in Run. They
	// should be the servers': a statement the servers refuse fails its
	// whole batch, and so the run.
	Limits server.Limits
	// Gazetteer is the servers' gazetteer (ListActors); only the ids are
	// used, to check speaker ids as the servers do.
	Gazetteer []classifier.Actor
}

// remoteQueue is how many checked lines the reader holds ready for the
// fleet client, on top of the batches the client holds itself.
const remoteQueue = 256

// sentLine is a good line on its way to the fleet: the statement sent, whose
// id is the line's position among the statements sent, and the line's own
// id, restored in the output.
type sentLine struct {
	st *stancev1.Statement
	id string
}

// RunRemote is Run on a fleet of servers: it reads in until EOF, checks each
// line locally with the same rules as Run (so that a bad line is reported
// and skipped instead of failing the batch it would have gone in), tags the
// good ones with f.AnalyzeAllVersioned and writes the analyses in input order, in the
// same JSON as Run: the same input gives the same bytes as Run with the same
// lexicon.
//
// Statements go out with their position as id (the line's own id is put
// back in the output), so ids need not be unique, as in Run, although the
// servers require unique ids within a batch.
//
// Memory stays bounded: the reader runs at most remoteQueue lines ahead of
// the client, which holds a bounded number of batches. Messages about bad
// lines are written to errOut as soon as the line is read, so they may come
// before the output of earlier lines. A failure of the fleet (a batch
// refused or still failing after retries) ends the run with that error,
// after the analyses of every statement before the failed batch. The reader
// goroutine may outlive RunRemote by one blocked Read when it returns early.
func RunRemote(ctx context.Context, f Fleet, in io.Reader, out, errOut io.Writer, cfg RemoteConfig) (Stats, error) {
	if err := cfg.Limits.Validate(); err != nil {
		return Stats{}, fmt.Errorf("jsonl: %w", err)
	}
	gaz := cfg.Gazetteer
	if !slices.IsSortedFunc(gaz, byID) {
		gaz = slices.SortedFunc(slices.Values(gaz), byID)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		lines, bad atomic.Int64
		good       = make(chan sentLine, remoteQueue)
		readErr    = make(chan error, 1)
	)
	chk := &checker{lim: cfg.Limits, gazetteer: gaz}
	go func() {
		err := readRemote(ctx, in, chk, good, errOut, &lines, &bad)
		close(good)
		readErr <- err
	}()

	// sent holds the lines handed to the client whose analyses have not
	// been written yet, in order.
	var sent fifo
	corpus := client.Corpus{
		Statements: func(yield func(*stancev1.Statement) bool) {
			for {
				select {
				case l, ok := <-good:
					if !ok {
						return
					}
					sent.push(l)
					if !yield(l.st) {
						return
					}
				case <-ctx.Done():
					return
				}
			}
		},
		Options: &stancev1.AnalyzeOptions{
			OffsetEncoding:   stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8,
			IncludeEvidence:  cfg.Options.IncludeEvidence,
			DisableGazetteer: cfg.Options.DisableGazetteer,
			IncludeSyntax:    cfg.Options.IncludeSyntax,
		},
	}
	w := bufio.NewWriterSize(out, 64<<10)
	var (
		dec      decoder
		enc      analysisjson.Encoder
		buf      []byte
		written  int
		lexicons = map[string]int{}
	)
	err := f.AnalyzeAllVersioned(ctx, corpus, func(a *stancev1.Analysis, lexicon string) error {
		lexicons[lexicon]++
		l, ok := sent.pop()
		if !ok || a.GetStatementId() != l.st.GetId() {
			// The fleet client checks the ids of every batch; this is a breach of
			// its contract, not of the servers'.
			return fmt.Errorf("analysis of statement %q received out of order", a.GetStatementId())
		}
		buf = enc.Append(buf[:0], dec.analysis(a, l.id), l.st.GetText(), cfg.Encoding)
		buf = append(buf, '\n')
		_, err := w.Write(buf)
		if cap(buf) > maxKeptBuffer {
			buf = nil
		}
		if err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		written++
		if sent.empty() {
			// Nothing more is on its way: let a reader see what is done.
			if err := w.Flush(); err != nil {
				return fmt.Errorf("writing output: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		cancel()
		_ = w.Flush() // keep what was analysed before the failure
		// The reader may still be running: the counts are its latest.
		return Stats{Lines: int(lines.Load()), Written: written, Bad: int(bad.Load()), Lexicons: lexicons}, err
	}
	// AnalyzeAll has ranged over the whole corpus, so the reader is done.
	rerr := <-readErr
	st := Stats{Lines: int(lines.Load()), Written: written, Bad: int(bad.Load()), Lexicons: lexicons}
	if err := w.Flush(); err != nil {
		return st, fmt.Errorf("writing output: %w", err)
	}
	return st, rerr
}

func byID(a, b classifier.Actor) int { return strings.Compare(a.ID, b.ID) }

// readRemote reads, decodes and checks lines, reports the bad ones on errOut
// and sends the good ones to good with their position as id. It counts the
// lines read and the bad ones as it goes.
func readRemote(ctx context.Context, in io.Reader, chk *checker, good chan<- sentLine, errOut io.Writer, lines, bad *atomic.Int64) error {
	r := bufio.NewReaderSize(in, 64<<10)
	p := parser{chk: chk}
	var line, msgBuf []byte
	lineNo, seq := 0, 0
	for {
		var tooBig int
		var eof bool
		var err error
		line, tooBig, eof, err = readLine(r, line[:0], chk.lim.RecvMsgBytes())
		if err != nil {
			return fmt.Errorf("reading line %d: %w", lineNo+1, err)
		}
		if eof && len(line) == 0 && tooBig == 0 {
			return nil
		}
		lineNo++
		lines.Store(int64(lineNo))
		if tooBig > 0 || len(bytes.TrimSpace(line)) > 0 {
			st, msg, ok := p.remote(line, lineNo, tooBig)
			switch {
			case !ok:
				bad.Add(1)
				select {
				case <-ctx.Done():
					return nil // AnalyzeAll has failed and reports why
				default:
				}
				msgBuf = appendFail(msgBuf[:0], lineNo, msg)
				if _, err := errOut.Write(msgBuf); err != nil {
					return fmt.Errorf("writing errors: %w", err)
				}
			default:
				l := sentLine{st: st, id: st.GetId()}
				st.Id = strconv.Itoa(seq)
				seq++
				select {
				case good <- l:
				case <-ctx.Done():
					return nil
				}
			}
			if cap(line) > maxKeptBuffer {
				line = nil
			}
		}
		if eof {
			return nil
		}
	}
}

// fifo is an unbounded queue of lines, safe for one pushing and one popping
// goroutine. Its length is bounded by what AnalyzeAll holds.
type fifo struct {
	mu    sync.Mutex
	items []sentLine
	head  int
}

func (q *fifo) push(l sentLine) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.head > 0 && q.head >= len(q.items)/2 {
		// Reuse the front half rather than grow forever.
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	q.items = append(q.items, l)
}

func (q *fifo) pop() (sentLine, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.head == len(q.items) {
		return sentLine{}, false
	}
	l := q.items[q.head]
	q.items[q.head] = sentLine{}
	q.head++
	return l, true
}

func (q *fifo) empty() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.head == len(q.items)
}
