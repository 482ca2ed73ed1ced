package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/jsonl"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// analyze runs "stancetag analyze [FILE]": JSONL statements in (FILE, or
// stdin when absent or "-"), one JSON stance.v1.Analysis per line out, in
// input order. Bad lines are reported on stderr with their line number and
// skipped. With -remote the statements are tagged on stancetag servers
// instead of in process, with the same output.
//
// Exit status: 0 every line analysed; 1 some lines were bad, or reading,
// writing, loading or the servers failed; 2 bad usage.
func (a *app) analyze(ctx context.Context, args []string) int {
	fs, cfg := newAnalyzeFlags(a.stderr)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(a.stderr, "stancetag analyze: want at most one FILE, got %q (flags go before FILE)\n", fs.Args())
		return exitUsage
	}
	if cfg.workers < 0 {
		fmt.Fprintf(a.stderr, "stancetag analyze: -workers must be >= 0, got %d\n", cfg.workers)
		return exitUsage
	}
	// Only the statement limits apply here; keep the others valid whatever
	// the flags say.
	lim := *cfg.limits
	lim.MaxBatch, lim.MaxInFlight = 1, math.MaxInt32
	if err := lim.Validate(); err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: %v\n", err)
		return exitUsage
	}
	switch cfg.format {
	case formatJSONL, formatText:
	default:
		fmt.Fprintf(a.stderr, "stancetag analyze: -format must be jsonl or text, got %q\n", cfg.format)
		return exitUsage
	}
	if cfg.format == formatText && cfg.remote.target != "" {
		fmt.Fprintf(a.stderr, "stancetag analyze: -format text does not work with -remote yet; call AnalyzeDocument instead\n")
		return exitUsage
	}
	if cfg.includeSyntax && !cfg.syntax && cfg.remote.target == "" {
		// As a server without --syntax refuses include_syntax: turning the
		// parser on here would change the results being debugged.
		fmt.Fprintf(a.stderr, "stancetag analyze: -include-syntax needs -syntax (the parse shown is the one the stance rules read)\n")
		return exitUsage
	}
	if cfg.remote.target != "" {
		if err := cfg.remote.check(); err != nil {
			fmt.Fprintf(a.stderr, "stancetag analyze: %v\n", err)
			return exitUsage
		}
	}

	in, name := a.stdin, "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintf(a.stderr, "stancetag analyze: %v\n", err)
			return exitFail
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	}

	opts := classifier.Options{IncludeEvidence: cfg.evidence, DisableGazetteer: cfg.noGazetteer, IncludeSyntax: cfg.includeSyntax}
	if cfg.format == formatText {
		return a.analyzeText(ctx, cfg, in, name, lim, opts)
	}
	if cfg.remote.target != "" {
		return a.analyzeRemote(ctx, &cfg.remote, in, name, jsonl.RemoteConfig{
			Options:  opts,
			Encoding: cfg.enc.v,
			Limits:   lim,
		})
	}
	a.syntax = cfg.syntax
	c, err := a.load(cfg.lexiconDir)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: loading lexicon: %v\n", err)
		return exitFail
	}
	st, err := jsonl.Run(ctx, c, in, a.stdout, a.stderr, jsonl.Config{
		Workers:  goroutines(cfg.workers),
		Options:  opts,
		Encoding: cfg.enc.v,
		Limits:   lim,
	})
	return a.analyzeResult(name, st, err)
}

// analyzeRemote tags on the servers of rc. Lines are checked here with the
// same rules as in process, so a bad line is reported and skipped rather
// than failing its whole batch; for speaker ids that means the servers'
// gazetteer, fetched once at the start (ListActors).
func (a *app) analyzeRemote(ctx context.Context, rc *remoteConfig, in io.Reader, name string, cfg jsonl.RemoteConfig) int {
	cl, err := rc.dial(func(msg string) { fmt.Fprintf(a.stderr, "stancetag analyze: warning: %s\n", msg) })
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: %v\n", err)
		return exitFail
	}
	defer cl.Close()
	if cfg.Gazetteer, err = fetchGazetteer(ctx, cl); err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: -remote %s: %v\n", rc.target, err)
		return exitFail
	}
	st, err := jsonl.RunRemote(ctx, cl, in, a.stdout, a.stderr, cfg)
	if len(st.Lexicons) > 1 {
		fmt.Fprintf(a.stderr, "stancetag analyze: warning: the servers tagged with %d lexicons: %s\n", len(st.Lexicons), lexiconCounts(st.Lexicons))
	}
	return a.analyzeResult(name, st, err)
}

// analyzeConfig is every setting of "stancetag analyze".
type analyzeConfig struct {
	enc                   encodingFlag
	format                string // formatJSONL or formatText
	evidence, noGazetteer bool
	lexiconDir            string
	syntax, includeSyntax bool
	// workers 0 means GOMAXPROCS.
	workers int
	limits  *server.Limits
	remote  remoteConfig
}

// defaultMaxLineBytes is the default of -max-line-bytes: the longest line
// analyze reads (into Limits.MaxRecvMsgBytes, which only bounds lines here).
const defaultMaxLineBytes = 16 << 20

// newAnalyzeFlags returns analyze's flag set, writing into the returned
// config. The README's table of analyze flags is generated from it.
func newAnalyzeFlags(w io.Writer) (*flag.FlagSet, *analyzeConfig) {
	c := &analyzeConfig{enc: encodingFlag{v: stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8}}
	lim := server.DefaultLimits()
	lim.MaxRecvMsgBytes = defaultMaxLineBytes
	c.limits = &lim
	fs := newFlagSet("analyze", "[FILE]",
		"Reads one statement per line from FILE (or stdin), as JSON:\n"+
			`  {"id":"s1","text":"...","speaker_id":"...","actors":[{"id":"...","name":"...","aliases":["..."],"kind":"ACTOR_KIND_PERSON"}]}`+"\n"+
			"and writes one JSON Analysis per line to stdout, in input order, with the gRPC JSON field names.\n"+
			"Bad lines are reported on stderr as \"line N: ...\" and skipped; the exit status is then 1.\n"+
			"With -format text FILE is plain text (an article), split into sentences, each analysed with the\n"+
			"context of the others, and one JSON DocumentSentence (span, paragraph, analysis) is written per sentence.\n"+
			"With -remote the statements are tagged on stancetag servers (-lexicon-dir and -workers are then unused);\n"+
			"the limit flags should then be the servers'.",
		w)
	fs.StringVar(&c.format, "format", formatJSONL, "input `format`: jsonl (one statement a line) or text (plain text: one document, one DocumentSentence a line out)")
	fs.Var(&c.enc, "offset-encoding", "`encoding` of span offsets: utf8 (bytes; OFFSET_ENCODING_UTF8 in the API), utf16 (UTF-16 code units; OFFSET_ENCODING_UTF16) or code-point (OFFSET_ENCODING_CODE_POINT)")
	fs.BoolVar(&c.evidence, "evidence", false, "fill the evidence of targets and relations")
	fs.BoolVar(&c.noGazetteer, "no-gazetteer", false, "look only for each line's own actors, not the built-in gazetteer")
	fs.StringVar(&c.lexiconDir, "lexicon-dir", "", "read the lexicon from this `dir` (layout of classifier/lexicon/data) instead of the embedded one")
	fs.BoolVar(&c.syntax, "syntax", false, syntaxUsage)
	fs.BoolVar(&c.includeSyntax, "include-syntax", false,
		"write each statement's dependency parse (\"syntax\": every sentence's UD words with span, form, UPOS, head, relation); needs -syntax, or with -remote servers started with --syntax")
	fs.IntVar(&c.workers, "workers", 0, "statements analysed in parallel; 0 means GOMAXPROCS")
	addRemoteFlags(fs, &c.remote)
	addLimitFlags(fs, c.limits, statementLimitFlags)
	fs.IntVar(&c.limits.MaxRecvMsgBytes, "max-line-bytes", c.limits.MaxRecvMsgBytes,
		"maximum size of one input line, in `bytes`; longer lines are reported and skipped (at least -max-text-bytes)")
	return fs, c
}

// lexiconCounts lists lexicon versions and their analyses, most used first
// ("lexicon/1.2.0+ab12 (900 statements), lexicon/1.3.0+cd34 (100 statements)").
func lexiconCounts(m map[string]int) string {
	versions := slices.Collect(maps.Keys(m))
	slices.SortFunc(versions, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(versions))
	for i, v := range versions {
		parts[i] = fmt.Sprintf("%s (%d statements)", v, m[v])
	}
	return strings.Join(parts, ", ")
}

// analyzeResult reports how a run ended and returns the exit status.
func (a *app) analyzeResult(name string, st jsonl.Stats, err error) int {
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: interrupted after %d statements\n", name, st.Written+st.Bad)
		return exitFail
	case err != nil:
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: %v\n", name, err)
		return exitFail
	case st.Bad > 0:
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: %d of %d statements bad, %d analysed\n", name, st.Bad, st.Bad+st.Written, st.Written)
		return exitFail
	}
	return exitOK
}
