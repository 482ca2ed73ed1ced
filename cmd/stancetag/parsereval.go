package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

// parserEvalConfig is every setting of "stancetag parser-eval".
type parserEvalConfig struct {
	ud, model, lexiconDir string
	minUPOS, minUAS       float64
	minLAS                float64
	beam                  int
}

func newParserEvalFlags(w io.Writer) (*flag.FlagSet, *parserEvalConfig) {
	c := &parserEvalConfig{}
	fs := newFlagSet("parser-eval", "[FILE]",
		"Scores the syntax model on the gold tokens and trees of FILE, by default "+udDevFile+" of -ud:\n"+
			"UPOS accuracy, UAS, LAS (universal relations, subtypes dropped) and LAS with subtypes, over every\n"+
			"word, punctuation included, as in the CoNLL 2018 shared task; and words tagged and parsed per\n"+
			"second on one goroutine.",
		w)
	fs.StringVar(&c.ud, "ud", "", "read "+udDevFile+" from this `dir` (../shared/ud from the repository root)")
	fs.StringVar(&c.model, "model", "", "score the syntax model in this `file` instead of the lexicon's "+syntax.ModelPath)
	fs.StringVar(&c.lexiconDir, "lexicon-dir", "", "score "+syntax.ModelPath+" of this `dir` (layout of classifier/lexicon/data) instead of the embedded lexicon's")
	fs.IntVar(&c.beam, "beam", 0, fmt.Sprintf("parse with a beam of this many items, in [1, %d] (0: the model's own width)", syntax.MaxBeam))
	fs.Float64Var(&c.minUPOS, "min-upos", 0, "exit 1 if UPOS accuracy is below this, in [0, 1] (0: report only)")
	fs.Float64Var(&c.minUAS, "min-uas", 0, "exit 1 if UAS is below this, in [0, 1] (0: report only)")
	fs.Float64Var(&c.minLAS, "min-las", 0, "exit 1 if LAS is below this, in [0, 1] (0: report only)")
	return fs, c
}

// parserEval runs "stancetag parser-eval [FILE]" and prints the scores to
// stdout.
//
// Exit status: 0 scored (and at or above the minimums); 1 no model, bad
// data, or a score below its minimum; 2 bad usage.
func (a *app) parserEval(_ context.Context, args []string) int {
	fs, cfg := newParserEvalFlags(a.stderr)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	path, code := dataFile(a.stderr, fs, cfg.ud, udDevFile)
	if code >= 0 {
		return code
	}
	for _, v := range []float64{cfg.minUPOS, cfg.minUAS, cfg.minLAS} {
		if v < 0 || v > 1 {
			fmt.Fprintf(a.stderr, "stancetag parser-eval: -min-upos, -min-uas and -min-las must be in [0, 1], got %g\n", v)
			return exitUsage
		}
	}
	if cfg.beam < 0 || cfg.beam > syntax.MaxBeam {
		fmt.Fprintf(a.stderr, "stancetag parser-eval: -beam must be in [0, %d], got %d\n", syntax.MaxBeam, cfg.beam)
		return exitUsage
	}
	// Evaluation does not watch ctx: let Ctrl-C end the process.
	if a.stop != nil {
		a.stop()
	}
	m, err := loadParserModel(cfg.model, cfg.lexiconDir)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-eval: %v\n", err)
		return exitFail
	}
	if cfg.beam > 0 {
		m = m.WithBeam(cfg.beam)
	}
	sents, _, err := readConlluFile(path)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-eval: %v\n", err)
		return exitFail
	}
	if err := checkGold(sents); err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-eval: %s: %v\n", path, err)
		return exitFail
	}
	start := time.Now()
	sc := syntax.Evaluate(m, sents)
	el := time.Since(start)

	model := cfg.model
	switch {
	case model != "":
	case cfg.lexiconDir != "":
		model = cfg.lexiconDir + "/" + syntax.ModelPath
	default:
		model = "embedded " + syntax.ModelPath
	}
	fmt.Fprintf(a.stdout, "model     %s (beam %d)\n", model, m.Beam())
	fmt.Fprintf(a.stdout, "data      %s: %d sentences, %d words (gold tokens)\n", path, len(sents), sc.Words)
	fmt.Fprintf(a.stdout, "UPOS      %.4f\n", sc.UPOSAcc())
	fmt.Fprintf(a.stdout, "UAS       %.4f\n", sc.UASAcc())
	fmt.Fprintf(a.stdout, "LAS       %.4f  (universal relations, punctuation included: CoNLL 2018)\n", sc.LASAcc())
	fmt.Fprintf(a.stdout, "LAS full  %.4f  (relations with subtypes)\n", sc.LASFullAcc())
	fmt.Fprintf(a.stdout, "speed     %.0f words/s  (tag + parse, one goroutine, %s)\n",
		float64(sc.Words)/max(el.Seconds(), 1e-9), el.Round(time.Millisecond))

	code = exitOK
	for _, c := range []struct {
		name     string
		got, min float64
	}{{"UPOS", sc.UPOSAcc(), cfg.minUPOS}, {"UAS", sc.UASAcc(), cfg.minUAS}, {"LAS", sc.LASAcc(), cfg.minLAS}} {
		if c.got < c.min {
			fmt.Fprintf(a.stderr, "stancetag parser-eval: %s %.4f is below the minimum %.4f\n", c.name, c.got, c.min)
			code = exitFail
		}
	}
	return code
}

// checkGold reports the first word without a gold UPOS, HEAD or DEPREL:
// scores against blanks would be meaningless.
func checkGold(sents []syntax.Sentence) error {
	for si, s := range sents {
		for wi, w := range s.Words {
			if _, ok := syntax.ParseUPOS(w.UPOS); !ok || w.Head < 0 || w.Deprel == "" || w.Deprel == "_" {
				return fmt.Errorf("sentence %d word %d (%q): want a gold UPOS, HEAD and DEPREL", si+1, wi+1, w.Form)
			}
		}
	}
	return nil
}
