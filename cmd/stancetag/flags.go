package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/stancetag/stancetag/cmd/stancetag/internal/config"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/envflag"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// newFlagSet returns a command's flag set; errors and -h go to w, with the
// usage line and description first.
func newFlagSet(name, args, about string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	if args != "" {
		args = " " + args
	}
	fs.Usage = func() {
		fmt.Fprintf(w, "usage: stancetag %s [flags]%s\n\n%s\n\nflags (each also settable as %s_<FLAG>; flags win):\n",
			name, args, about, envPrefix)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags applies the environment and args to fs, and before them the
// config file when fs has a -config flag (serve). It returns the exit status
// to end with, or -1 to go on: 0 after -h, 2 after a bad flag, variable or
// config file (the flag package has printed bad flags and the usage).
func (a *app) parseFlags(fs *flag.FlagSet, args []string) int {
	var err error
	if fs.Lookup(configFlag) != nil {
		err = config.ParseFlags(fs, args, config.Sources{
			EnvPrefix:  envPrefix,
			Lookup:     a.env,
			ConfigFlag: configFlag,
			ReadFile:   a.readFile,
		})
	} else {
		err = envflag.Parse(fs, envPrefix, args, a.env)
	}
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, new(*envflag.VarError)), errors.As(err, new(*config.Error)):
		// The flag package has not seen it, so has not printed it.
		fmt.Fprintf(fs.Output(), "stancetag %s: %v\n", fs.Name(), err)
		return exitUsage
	default:
		return exitUsage
	}
}

// limitFlag is one server.Limits field as a flag.
type limitFlag struct {
	name  string
	field func(*server.Limits) *int
	usage string
}

// Text and actor limits apply wherever statements are read (serve and
// analyze); the others only to the server.
var (
	statementLimitFlags = []limitFlag{
		{"max-text-bytes", func(l *server.Limits) *int { return &l.MaxTextBytes }, "maximum size of one statement text, in `bytes` of UTF-8"},
		{"max-document-bytes", func(l *server.Limits) *int { return &l.MaxDocumentBytes }, "maximum size of one document (AnalyzeDocument, analyze --format text), and of the text of one Analyze request asking for include_syntax, in `bytes` of UTF-8"},
		{"max-actors", func(l *server.Limits) *int { return &l.MaxActors }, "maximum caller actors applying to one statement (request-level plus its own)"},
		{"max-aliases", func(l *server.Limits) *int { return &l.MaxAliases }, "maximum aliases of one actor"},
		{"max-alias-bytes", func(l *server.Limits) *int { return &l.MaxAliasBytes }, "maximum size of one alias, in `bytes`"},
		{"max-name-bytes", func(l *server.Limits) *int { return &l.MaxNameBytes }, "maximum size of an actor name, in `bytes`"},
		{"max-id-bytes", func(l *server.Limits) *int { return &l.MaxIDBytes }, "maximum size of a statement, actor or speaker id, in `bytes`"},
	}
	serverLimitFlags = []limitFlag{
		{"max-batch", func(l *server.Limits) *int { return &l.MaxBatch }, "maximum statements in one Analyze call"},
		{"max-in-flight", func(l *server.Limits) *int { return &l.MaxInFlight }, "maximum statements analysed at once across all RPCs; more fail fast with RESOURCE_EXHAUSTED (at least -max-batch)"},
		{"max-recv-msg-bytes", func(l *server.Limits) *int { return &l.MaxRecvMsgBytes }, "maximum size of one request message, in `bytes`; 0: room for max-batch texts of max-text-bytes with their ids (66223360 with the defaults); at least -max-text-bytes"},
		{"max-bytes-in-flight", func(l *server.Limits) *int { return &l.MaxBytesInFlight }, "maximum wire `bytes` of the requests being decoded and analysed at once; more fail fast with RESOURCE_EXHAUSTED; 0: 2 x the max request size"},
		{"max-conn-bytes-in-flight", func(l *server.Limits) *int { return &l.MaxConnBytesInFlight }, "-max-bytes-in-flight for the requests of one connection; 0: the max request size"},
		{"max-concurrent-streams", func(l *server.Limits) *int { return &l.MaxConcurrentStreams }, "maximum concurrent RPCs on one HTTP/2 connection"},
	}
)

// addLimitFlags defines a flag for each of list on fs, writing into lim,
// whose current values are the defaults.
func addLimitFlags(fs *flag.FlagSet, lim *server.Limits, list []limitFlag) {
	for _, f := range list {
		p := f.field(lim)
		fs.IntVar(p, f.name, *p, f.usage)
	}
}

// encodingFlag is an OffsetEncoding given by name: utf8, utf16 or
// code-point (or the enum's own names).
type encodingFlag struct{ v stancev1.OffsetEncoding }

var encodingNames = []struct {
	name string
	v    stancev1.OffsetEncoding
}{
	{"utf8", stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8},
	{"utf16", stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16},
	{"code-point", stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT},
}

func (e *encodingFlag) String() string {
	for _, n := range encodingNames {
		if n.v == e.v {
			return n.name
		}
	}
	return "utf8"
}

func (e *encodingFlag) Set(s string) error {
	for _, n := range encodingNames {
		if strings.EqualFold(s, n.name) || s == n.v.String() {
			e.v = n.v
			return nil
		}
	}
	return fmt.Errorf("want utf8, utf16 or code-point, got %q", s)
}
