package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stancetag/stancetag/eval"
)

// runEval implements "stancetag eval FILE…": it scores the lexicon
// classifier against labelled JSONL files (format: ../shared/eval/README.md)
// and writes the report to stdout. Misclassified items (--errors) go to
// stderr, so that a saved report never carries the statements' text.
//
// Exit status: 0 done; 1 a file could not be evaluated or scored below
// --min-macro-f1; 2 bad usage.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lexiconDir := fs.String("lexicon-dir", "",
		"read the lexicon from this `dir` (layout of classifier/lexicon/data) instead of the embedded one")
	syntax := fs.Bool("syntax", false, syntaxUsage)
	asJSON := fs.Bool("json", false, "write the report as JSON (no item ids or texts)")
	maxErrors := fs.Int("errors", 0,
		"print the first `N` misclassified items of each file (id, text, gold, predicted, mentions, cues) to stderr")
	minMacroF1 := fs.Float64("min-macro-f1", 0,
		"exit 1 if any file's target macro-F1 is below this, in [0, 1] (0 = report only)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: stancetag eval [flags] FILE...\n\n"+
			"Scores the classifier against labelled JSONL files: target macro-F1, accuracy,\n"+
			"per-class scores, confusion matrix, relation P/R/F1, beside a sentence-sentiment\n"+
			"baseline. Every flag can also be set as STANCETAG_<FLAG> (e.g. STANCETAG_MIN_MACRO_F1);\n"+
			"flags win over the environment.\n\nflags:\n")
		fs.PrintDefaults()
	}

	if err := evalFlagsFromEnv(fs); err != nil {
		fmt.Fprintf(stderr, "stancetag eval: %v\n", err)
		return 2
	}
	files, err := evalParseArgs(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2 // the flag package has printed the error and usage
	case len(files) == 0:
		fmt.Fprintln(stderr, "stancetag eval: no FILE given")
		fs.Usage()
		return 2
	case *maxErrors < 0:
		fmt.Fprintf(stderr, "stancetag eval: --errors %d: want N >= 0\n", *maxErrors)
		return 2
	case *minMacroF1 < 0 || *minMacroF1 > 1:
		fmt.Fprintf(stderr, "stancetag eval: --min-macro-f1 %g: want a value in [0, 1]\n", *minMacroF1)
		return 2
	}

	c, err := loadLexicon(*lexiconDir, *syntax)
	if err != nil {
		fmt.Fprintf(stderr, "stancetag eval: load lexicon: %v\n", err)
		return 1
	}

	rep := eval.Report{Classifier: c.Version()}
	for _, path := range files {
		res, err := eval.EvaluateFile(ctx, c, path, eval.Options{MaxMisses: *maxErrors})
		if err != nil {
			fmt.Fprintf(stderr, "stancetag eval: %v\n", err)
			return 1
		}
		rep.Results = append(rep.Results, res)
	}

	write := eval.WriteText
	if *asJSON {
		write = eval.WriteJSON
	}
	if err := write(stdout, rep); err != nil {
		fmt.Fprintf(stderr, "stancetag eval: write report: %v\n", err)
		return 1
	}
	if *maxErrors > 0 {
		if err := eval.WriteMisses(stderr, rep); err != nil {
			return 1
		}
	}

	status := 0
	for _, res := range rep.Results {
		if f1 := res.Stance.MacroF1(); f1 < *minMacroF1 {
			fmt.Fprintf(stderr, "stancetag eval: %s: macro-F1 %.3f is below --min-macro-f1 %.3f\n",
				res.File, f1, *minMacroF1)
			status = 1
		}
	}
	return status
}

// evalParseArgs parses flags placed anywhere among the FILE arguments
// ("eval a.jsonl --json b.jsonl"); "--" ends the flags.
func evalParseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// evalFlagsFromEnv sets every flag of fs from STANCETAG_<FLAG> when that
// variable is set (dashes become underscores: --min-macro-f1 reads
// STANCETAG_MIN_MACRO_F1); command-line flags parsed afterwards win.
func evalFlagsFromEnv(fs *flag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := "STANCETAG_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v, ok := os.LookupEnv(name)
		if !ok || err != nil {
			return
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = fmt.Errorf("%s=%q: %w", name, v, e)
		}
	})
	return err
}
