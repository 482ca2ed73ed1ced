package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

// UD English EWT's file names in a --ud directory.
const (
	udTrainFile = "en_ewt-ud-train.conllu"
	udDevFile   = "en_ewt-ud-dev.conllu"
)

// defaultModelSource is the "source:" note of a model trained on UD English
// EWT: the attribution its licence asks for travels with the file.
const defaultModelSource = "Universal Dependencies English EWT (UniversalDependencies/UD_English-EWT), " +
	"annotations CC BY-SA 4.0, (c) The Board of Trustees of the Leland Stanford Junior University; " +
	"the model is distributed under CC BY-SA 4.0 (see NOTICE)"

// parserTrainConfig is every setting of "stancetag parser-train".
type parserTrainConfig struct {
	ud, out, source string
	train           syntax.TrainConfig
	seed            uint64
	minWeight       int
}

func newParserTrainFlags(w io.Writer) (*flag.FlagSet, *parserTrainConfig) {
	c := &parserTrainConfig{train: syntax.DefaultTrainConfig, source: defaultModelSource}
	c.seed, c.minWeight = c.train.Seed, int(c.train.MinWeight)
	fs := newFlagSet("parser-train", "[FILE]",
		"Trains the syntax model (UPOS tagger and arc-eager dependency parser) on the gold trees of FILE,\n"+
			"by default "+udTrainFile+" of -ud, and writes it to -out. Progress goes to stderr. The same data,\n"+
			"flags and seed give a byte-identical file: its header notes name the data file (base name) with\n"+
			"its SHA-256, the command and the whole training config, and no paths or dates.",
		w)
	fs.StringVar(&c.ud, "ud", "", "read "+udTrainFile+" from this `dir` (../shared/ud from the repository root)")
	fs.StringVar(&c.out, "out", "", "write the model to this `file` (replaced atomically)")
	fs.StringVar(&c.source, "source", c.source, "the model's \"source:\" header note: where the data comes from and its licence")
	fs.IntVar(&c.train.TagEpochs, "tag-epochs", c.train.TagEpochs, "tagger passes over the data")
	fs.IntVar(&c.train.ParseEpochs, "parse-epochs", c.train.ParseEpochs, "parser passes over the data")
	fs.IntVar(&c.train.Folds, "folds", c.train.Folds, "jackknife folds giving the parser predicted training tags (1: gold tags)")
	fs.IntVar(&c.train.Beam, "beam", c.train.Beam, "parser beam width in training (1: greedy, trained with the dynamic oracle)")
	fs.IntVar(&c.train.ParseBeam, "parse-beam", 0, "beam width the model parses with (0: twice -beam, 1 for -beam 1)")
	fs.Uint64Var(&c.seed, "seed", c.seed, "seed of shuffling and exploration, at least 1")
	fs.IntVar(&c.minWeight, "min-weight", c.minWeight, "prune feature rows whose largest quantised weight is below this, in [1, 32767]")
	return fs, c
}

// parserTrain runs "stancetag parser-train [FILE]".
//
// Exit status: 0 model written; 1 reading, training or writing failed; 2 bad
// usage.
func (a *app) parserTrain(_ context.Context, args []string) int {
	fs, cfg := newParserTrainFlags(a.stderr)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	path, code := dataFile(a.stderr, fs, cfg.ud, udTrainFile)
	if code >= 0 {
		return code
	}
	switch {
	case cfg.out == "":
		fmt.Fprintln(a.stderr, "stancetag parser-train: -out FILE is required")
		return exitUsage
	case cfg.train.TagEpochs < 1 || cfg.train.ParseEpochs < 1 || cfg.train.Folds < 1:
		fmt.Fprintln(a.stderr, "stancetag parser-train: -tag-epochs, -parse-epochs and -folds must be >= 1")
		return exitUsage
	case cfg.train.Beam < 1 || cfg.train.Beam > syntax.MaxBeam || cfg.train.ParseBeam < 0 || cfg.train.ParseBeam > syntax.MaxBeam:
		fmt.Fprintf(a.stderr, "stancetag parser-train: -beam must be in [1, %d] and -parse-beam in [0, %d]\n", syntax.MaxBeam, syntax.MaxBeam)
		return exitUsage
	case cfg.seed < 1:
		fmt.Fprintln(a.stderr, "stancetag parser-train: -seed must be >= 1")
		return exitUsage
	case cfg.minWeight < 1 || cfg.minWeight > 32767:
		fmt.Fprintf(a.stderr, "stancetag parser-train: -min-weight must be in [1, 32767], got %d\n", cfg.minWeight)
		return exitUsage
	}
	// Training does not watch ctx: let Ctrl-C end the process.
	if a.stop != nil {
		a.stop()
	}
	tc := cfg.train
	tc.Seed, tc.MinWeight, tc.Log = cfg.seed, int16(cfg.minWeight), a.stderr

	start := time.Now()
	sents, sum, err := readConlluFile(path)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-train: %v\n", err)
		return exitFail
	}
	words := 0
	for _, s := range sents {
		words += len(s.Words)
	}
	fmt.Fprintf(a.stderr, "stancetag parser-train: %s: %d sentences, %d words, sha256 %s\n", path, len(sents), words, sum)
	m, err := syntax.Train(sents, tc)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-train: %s: %v\n", path, err)
		return exitFail
	}
	tc.ParseBeam = m.Beam() // as resolved by Train
	m.Notes = trainNotes(cfg.source, filepath.Base(path), sum, len(sents), words, tc)
	n, err := writeModel(cfg.out, m)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parser-train: %v\n", err)
		return exitFail
	}
	tg, mv, rl := m.Size()
	fmt.Fprintf(a.stderr, "stancetag parser-train: wrote %s: %d bytes (%.1f MiB), %d tagger, %d move, %d relation features, in %s\n",
		cfg.out, n, float64(n)/(1<<20), tg, mv, rl, time.Since(start).Round(time.Millisecond))
	return exitOK
}

// trainNotes are the header notes of a model trained on data (a base name)
// with the given SHA-256: what a reader needs to rebuild it, nothing that
// changes between two runs of the same training.
func trainNotes(source, data, sum string, sents, words int, tc syntax.TrainConfig) []string {
	return []string{
		"source: " + source,
		fmt.Sprintf("data: %s sha256:%s (%d sentences, %d words)", data, sum, sents, words),
		fmt.Sprintf("command: stancetag parser-train -tag-epochs %d -parse-epochs %d -folds %d -beam %d -parse-beam %d -seed %d -min-weight %d %s",
			tc.TagEpochs, tc.ParseEpochs, tc.Folds, tc.Beam, tc.ParseBeam, tc.Seed, tc.MinWeight, data),
		fmt.Sprintf("config: TagEpochs=%d ParseEpochs=%d Folds=%d Beam=%d ParseBeam=%d ExploreFrom=%d ExploreP=%g Seed=%d MinWeight=%d",
			tc.TagEpochs, tc.ParseEpochs, tc.Folds, tc.Beam, tc.ParseBeam, tc.ExploreFrom, tc.ExploreP, tc.Seed, tc.MinWeight),
	}
}

// dataFile returns the CoNLL-U file a command reads: its FILE argument, or
// name in the -ud dir. It returns an exit status to end with, or -1.
func dataFile(stderr io.Writer, fs *flag.FlagSet, ud, name string) (string, int) {
	switch {
	case fs.NArg() > 1:
		fmt.Fprintf(stderr, "stancetag %s: want at most one FILE, got %q (flags go before FILE)\n", fs.Name(), fs.Args())
		return "", exitUsage
	case fs.NArg() == 1:
		return fs.Arg(0), -1
	case ud == "":
		fmt.Fprintf(stderr, "stancetag %s: give -ud DIR (holding %s) or a FILE\n", fs.Name(), name)
		return "", exitUsage
	}
	return filepath.Join(ud, name), -1
}

// readConlluFile reads every sentence of the CoNLL-U file at path and
// returns them with the file's SHA-256 in hex.
func readConlluFile(path string) ([]syntax.Sentence, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	h := sha256.New()
	sents, err := syntax.ReadConllu(io.TeeReader(f, h))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return sents, hex.EncodeToString(h.Sum(nil)), nil
}

// writeModel saves m to path through a temporary file in the same
// directory, so that a failed run leaves any old model whole. It returns the
// file's size.
func writeModel(path string, m *syntax.Model) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename: no such file
	if err := m.Save(tmp); err != nil {
		tmp.Close()
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	st, err := tmp.Stat()
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return st.Size(), nil
}
