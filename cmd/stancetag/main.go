// Command stancetag reads statements and says who supports or opposes whom.
//
//	stancetag serve          the gRPC server (stance.v1.StanceService)
//	stancetag analyze [FILE] JSONL statements in, one JSON Analysis per line out
//	stancetag eval FILE...   accuracy over labelled JSONL
//	stancetag parse [FILE]   UD tags and dependency trees of text or CoNLL-U, as CoNLL-U
//	stancetag parser-train   train the syntax model on UD English EWT
//	stancetag fit            fit the lexicon's weights to labelled JSONL
//	stancetag parser-eval    UPOS, UAS and LAS of the syntax model on UD CoNLL-U
//	stancetag version        binary and lexicon versions
//
// Every flag can also be set in the environment as STANCETAG_<FLAG> in upper
// snake case (--lexicon-dir is STANCETAG_LEXICON_DIR); flags win. serve also
// reads a YAML file (--config) keyed by flag name, below the environment.
// `stancetag COMMAND -h` lists a command's flags with their defaults.
//
// serve reloads its --lexicon-dir lexicon, TLS certificate and token file on
// SIGHUP.
//
// Exit status: 0 success, 1 failure (including bad input lines in analyze),
// 2 bad usage.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// envPrefix is the prefix of every flag's environment variable.
const envPrefix = "STANCETAG"

func main() {
	// SIGINT and SIGTERM cancel ctx; each command decides what that means
	// (serve stops gracefully, analyze stops reading).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	a := &app{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		env:    os.LookupEnv,
		stop:   stop,
		hangup: notifyHangup,
	}
	a.load = func(dir string) (classifier.Classifier, error) { return loadLexicon(dir, a.syntax) }
	code := a.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// app is the program with its surroundings made explicit, so tests run it in
// process with their own streams, environment and classifier.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	env            func(string) (string, bool)
	// load returns the classifier: the embedded lexicon when dir is "",
	// else the lexicon in dir.
	load func(dir string) (classifier.Classifier, error)
	// stop restores default signal handling, so that a second Ctrl-C during
	// a graceful shutdown kills the process. May be nil.
	stop func()
	// hangup starts relaying SIGHUP (serve's reload signal) to the channel
	// it returns, until stop is called. Nil: no reloads.
	hangup func() (c <-chan os.Signal, stop func())
	// readFile reads serve's config file; nil means os.ReadFile.
	readFile func(string) ([]byte, error)
	// syntax is the -syntax flag of the command running: load asks for
	// the lexicon with the parser.
	syntax bool
}

// notifyHangup relays SIGHUP. Only serve asks for it: elsewhere SIGHUP keeps
// its default action and ends the process.
func notifyHangup() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	return c, func() { signal.Stop(c) }
}

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		a.usage(a.stderr)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return a.serve(ctx, rest)
	case "analyze":
		return a.analyze(ctx, rest)
	case "eval":
		return runEval(ctx, rest, a.stdout, a.stderr)
	case "parse":
		return a.parse(ctx, rest)
	case "parser-train":
		return a.parserTrain(ctx, rest)
	case "fit":
		return runFit(rest, a.stdout, a.stderr)
	case "parser-eval":
		return a.parserEval(ctx, rest)
	case "version":
		return a.version(rest)
	case "help", "-h", "-help", "--help":
		a.usage(a.stdout)
		return exitOK
	default:
		fmt.Fprintf(a.stderr, "stancetag: unknown command %q\n\n", cmd)
		a.usage(a.stderr)
		return exitUsage
	}
}

func (a *app) usage(w io.Writer) {
	fmt.Fprint(w, `usage: stancetag COMMAND [flags] [args]

Reads statements (news sentences) and says who supports or opposes whom.

commands:
  serve           serve the gRPC API (stance.v1.StanceService, health, reflection)
  analyze [FILE]  tag JSONL statements from FILE or stdin; one JSON Analysis per line to stdout
  eval FILE...    score the classifier against labelled JSONL files
  parse [FILE]    tag and parse plain text or CoNLL-U from FILE or stdin; CoNLL-U to stdout
  fit             fit the lexicon's weights (stance/fitted.tsv) to labelled JSONL
  parser-train    train the syntax model (UPOS tagger, dependency parser) on UD English EWT
  parser-eval     score the syntax model on UD CoNLL-U with gold tokens: UPOS, UAS, LAS, speed
  version         print the binary and lexicon versions

Every flag can also be set as STANCETAG_<FLAG> (--lexicon-dir: STANCETAG_LEXICON_DIR);
flags win over the environment, which wins over serve's --config YAML file.
"stancetag COMMAND -h" lists a command's flags.
`)
}

// syntaxUsage is the help of the -syntax flag of serve, analyze and eval.
const syntaxUsage = "parse each sentence that holds a stance cue and a candidate target, for the stance rules (loads the parser model: about 0.4 ms per parsed sentence and half a second of start-up; README \"Syntax\")"

// loadLexicon loads the lexicon classifier: the embedded lexicon, or the one
// in dir (laid out like classifier/lexicon/data), with the parser when
// syntax is set.
func loadLexicon(dir string, syntax bool) (classifier.Classifier, error) {
	var (
		c   *lexicon.Classifier
		err error
	)
	var opts []lexicon.Option
	if syntax {
		opts = append(opts, lexicon.WithSyntax())
	}
	switch {
	case dir == "" && !syntax:
		c, err = lexicon.Default()
	case dir == "":
		c, err = lexicon.New(lexicon.Data(), opts...)
	default:
		c, err = lexicon.New(os.DirFS(dir), opts...)
	}
	if err != nil {
		// Not a typed nil in a non-nil interface.
		return nil, err
	}
	return c, nil
}
