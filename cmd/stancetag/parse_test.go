package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

// parseTestdata holds the parser's test files. train.conllu is ~20
// sentences written for these tests, with hand-made UD annotations (none
// from a treebank).
var parseTestdata = filepath.Join("testdata", "parse")

// tinyTrainArgs train a small model on train.conllu in well under a second.
var tinyTrainArgs = []string{"-tag-epochs", "3", "-parse-epochs", "3", "-folds", "2", "-source", "stancetag test sentences"}

// tinyModel is the model file parser-train makes from train.conllu with
// tinyTrainArgs, trained once for all tests.
var tinyModel = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "stancetag-parse-test")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "tiny.model")
	a, _, errs, _ := newApp("", nil)
	args := append(append([]string{"parser-train", "-out", out}, tinyTrainArgs...), filepath.Join(parseTestdata, "train.conllu"))
	if code := a.run(context.Background(), args); code != exitOK {
		return nil, errors.New("parser-train failed: " + errs.String())
	}
	return os.ReadFile(out)
})

// tinyModelFile writes the tiny model into a temporary file and returns its
// path.
func tinyModelFile(t *testing.T) string {
	t.Helper()
	data, err := tinyModel()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "tiny.model")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// maskPredictions replaces the predicted columns (UPOS, HEAD, DEPREL) of
// every word line with placeholders. The golden files pin what the command
// controls (sentences, words, offsets, comments, multiword and empty node
// lines); what the tiny model predicts is the trainer's business and is
// checked for validity by checkTrees instead, so that a change to the
// trainer does not rewrite these files.
func maskPredictions(out string) string {
	var b strings.Builder
	for line := range strings.Lines(out) {
		cols := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(cols) == 10 && !strings.ContainsAny(cols[0], "-.") {
			cols[3], cols[6], cols[7] = "<UPOS>", "<HEAD>", "<DEPREL>"
			line = strings.Join(cols, "\t") + "\n"
		}
		b.WriteString(line)
	}
	return b.String()
}

// checkTrees checks that out is CoNLL-U whose every sentence is a tree of
// universal tags and the model's relations: one word on the root, with
// relation root, and no cycles.
func checkTrees(t *testing.T, out string, m *syntax.Model) []syntax.Sentence {
	t.Helper()
	sents, err := syntax.ReadConllu(strings.NewReader(out))
	require.NoError(t, err)
	for si, s := range sents {
		roots := 0
		for wi, w := range s.Words {
			_, ok := syntax.ParseUPOS(w.UPOS)
			assert.True(t, ok, "sentence %d word %d: UPOS %q", si+1, wi+1, w.UPOS)
			assert.Contains(t, m.Relations, w.Deprel, "sentence %d word %d", si+1, wi+1)
			if w.Head == 0 {
				roots++
				assert.Equal(t, "root", w.Deprel, "sentence %d word %d", si+1, wi+1)
			}
			// Following heads from any word reaches the root.
			h, steps := wi+1, 0
			for h != 0 && steps <= len(s.Words) {
				h, steps = s.Words[h-1].Head, steps+1
			}
			assert.Equal(t, 0, h, "sentence %d word %d: heads form a cycle", si+1, wi+1)
		}
		assert.Equal(t, 1, roots, "sentence %d: words on the root", si+1)
	}
	return sents
}

func loadTiny(t *testing.T) *syntax.Model {
	t.Helper()
	data, err := tinyModel()
	require.NoError(t, err)
	m, err := syntax.ReadModel(data, "tiny.model")
	require.NoError(t, err)
	return m
}

// TestParseGolden runs parse on the test inputs and compares the output,
// predictions masked, with the golden files; -update rewrites them.
func TestParseGolden(t *testing.T) {
	t.Parallel()
	model := tinyModelFile(t)
	m := loadTiny(t)
	tests := []struct {
		name, format, input, golden string
	}{
		// Paragraphs over several lines, a blank line between them, a
		// possessive and clitics as multiword tokens, quotes, a
		// sentence-final "U.S." as "U.S" ".", curly apostrophes and a dash.
		{"text", "text", "news.txt", "news.text.golden"},
		// A BOM, CRLF line ends, comments, gold columns to ignore, a
		// multiword token, an empty node, a word line with only ID and
		// FORM, and no blank line at the end.
		{"conllu", "conllu", "input.conllu", "input.conllu.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, "", nil, "parse", "-format", tt.format, "-model", model, filepath.Join(parseTestdata, tt.input))
			require.Equal(t, exitOK, r.code, "stderr:\n%s", r.stderr)
			assert.Empty(t, r.stderr)
			checkTrees(t, r.stdout, m)
			got := maskPredictions(r.stdout)
			path := filepath.Join(parseTestdata, tt.golden)
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), got, "go test ./cmd/stancetag -run ParseGolden -update rewrites %s", path)
		})
	}
}

// TestParseTextThenConllu feeds the text mode's output back as CoNLL-U:
// the same words must give the same output, comments, multiword tokens and
// MISC included.
func TestParseTextThenConllu(t *testing.T) {
	t.Parallel()
	model := tinyModelFile(t)
	text := "France backed Germany's proposal. \"We don't agree,\" the minister said.\n\nHe moved to the U.S.\n"
	first := runApp(t, text, nil, "parse", "-model", model)
	require.Equal(t, exitOK, first.code, first.stderr)
	second := runApp(t, first.stdout, nil, "parse", "-format", "conllu", "-model", model, "-")
	require.Equal(t, exitOK, second.code, second.stderr)
	assert.Equal(t, first.stdout, second.stdout)
}

// TestParseFromEnv takes the format and model from the environment.
func TestParseFromEnv(t *testing.T) {
	t.Parallel()
	model := tinyModelFile(t)
	env := map[string]string{"STANCETAG_FORMAT": "conllu", "STANCETAG_MODEL": model}
	r := runApp(t, "1\tHello\n2\t!\n", env, "parse")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `^1\tHello\t_\t[A-Z]+\t_\t_\t[0-2]\t[a-z:]+\t_\t_\n2\t!\t`, r.stdout)
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	model := tinyModelFile(t)
	noModelDir := t.TempDir() // a lexicon dir without syntax/
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{name: "bad format", args: []string{"-format", "xml"}, wantCode: exitUsage, wantStderr: `want text or conllu, got "xml"`},
		{name: "two files", args: []string{"-model", model, "a.txt", "b.txt"}, wantCode: exitUsage, wantStderr: "want at most one FILE"},
		{name: "missing file", args: []string{"-model", model, "/nonexistent/in.txt"}, wantCode: exitFail, wantStderr: "no such file"},
		{name: "missing model file", args: []string{"-model", "/nonexistent/en_ewt.model"}, wantCode: exitFail, wantStderr: "loading the syntax model: open /nonexistent/en_ewt.model"},
		{
			name: "no model in lexicon dir", args: []string{"-lexicon-dir", noModelDir}, wantCode: exitFail,
			wantStderr: `no syntax model in ` + noModelDir + ` (syntax/en_ewt.model): train one with "make parser-model" or give -model FILE`,
		},
		{
			name: "not a model", args: []string{"-model", filepath.Join(parseTestdata, "train.conllu")}, wantCode: exitFail,
			wantStderr: `train.conllu:1: want "stancetag-syntax-model 1"`,
		},
		{
			name: "conllu: ID out of order", args: []string{"-format", "conllu", "-model", model},
			stdin:    "# sent_id = 1\n1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tB\n3\tC\n",
			wantCode: exitFail, wantStdout: "1\tA\t", wantStderr: `stdin: conllu: line 5: ID "3": want 2`,
		},
		{
			name: "conllu: no FORM column", args: []string{"-format", "conllu", "-model", model},
			stdin: "1\tA\n2\n", wantCode: exitFail, wantStderr: "line 2: want at least ID and FORM",
		},
		{
			name: "conllu: bad HEAD", args: []string{"-format", "conllu", "-model", model},
			stdin: "1\tA\t_\t_\t_\t_\tx\n", wantCode: exitFail, wantStderr: `line 1: HEAD "x"`,
		},
		{
			name: "conllu: HEAD beyond the sentence", args: []string{"-format", "conllu", "-model", model},
			stdin: "\n\n1\tA\t_\t_\t_\t_\t0\n2\tB\t_\t_\t_\t_\t7\n", wantCode: exitFail, wantStderr: "line 3: word 2: HEAD 7",
		},
		{
			// The bad paragraph is skipped, the others parsed.
			name: "text: invalid UTF-8", args: []string{"-model", model},
			stdin:    "Fine words.\n\nStill fine.\nBad \xff byte.\n\nLast one.\n",
			wantCode: exitFail, wantStdout: "# text = Last one.", wantStderr: "stdin: line 4: invalid UTF-8: paragraph skipped",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, tt.stdin, nil, append([]string{"parse"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			assert.Contains(t, r.stdout, tt.wantStdout)
			assert.Contains(t, r.stderr, tt.wantStderr)
		})
	}
}

// TestParseEmbeddedModel: without -model or -lexicon-dir, parse uses the
// embedded lexicon's model, and says clearly when there is none yet.
func TestParseEmbeddedModel(t *testing.T) {
	t.Parallel()
	r := runApp(t, "Paris backed the plan.\n", nil, "parse")
	if _, err := fs.Stat(lexicon.Data(), syntax.ModelPath); errors.Is(err, fs.ErrNotExist) {
		assert.Equal(t, exitFail, r.code)
		assert.Contains(t, r.stderr, `no syntax model in the embedded lexicon (syntax/en_ewt.model): train one with "make parser-model"`)
		return
	}
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "# text = Paris backed the plan.\n")
}

// TestParserTrain trains the tiny model through the command: twice the same
// bytes, notes naming the data and the command, and a file that survives
// ReadModel and Save unchanged.
func TestParserTrain(t *testing.T) {
	t.Parallel()
	data, err := tinyModel()
	require.NoError(t, err)

	again := filepath.Join(t.TempDir(), "again.model")
	r := runApp(t, "", nil, append(append([]string{"parser-train", "-out", again}, tinyTrainArgs...), filepath.Join(parseTestdata, "train.conllu"))...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "syntax: parser epoch 3:", "progress on stderr")
	assert.Contains(t, r.stderr, "stancetag parser-train: wrote "+again)
	second, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(data, second), "two trainings on the same data and seed give the same bytes")

	train, err := os.ReadFile(filepath.Join(parseTestdata, "train.conllu"))
	require.NoError(t, err)
	sum := sha256.Sum256(train)
	m, err := syntax.ReadModel(data, "tiny.model")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"source: stancetag test sentences",
		"data: train.conllu sha256:" + hex.EncodeToString(sum[:]) + " (22 sentences, 193 words)",
		"command: stancetag parser-train -tag-epochs 3 -parse-epochs 3 -folds 2 -beam 4 -parse-beam 8 -seed 1 -min-weight 256 train.conllu",
		"config: TagEpochs=3 ParseEpochs=3 Folds=2 Beam=4 ParseBeam=8 ExploreFrom=1 ExploreP=0.9 Seed=1 MinWeight=256",
	}, m.Notes)
	var saved bytes.Buffer
	require.NoError(t, m.Save(&saved))
	assert.True(t, bytes.Equal(data, saved.Bytes()), "ReadModel then Save gives the file back")
}

func TestParserTrainErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	train := filepath.Join(parseTestdata, "train.conllu")
	noGold := filepath.Join(dir, "nogold.conllu")
	require.NoError(t, os.WriteFile(noGold, []byte("1\tHello\n2\t!\n"), 0o644))
	out := filepath.Join(dir, "m.model")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no data", []string{"-out", out}, exitUsage, "give -ud DIR (holding en_ewt-ud-train.conllu) or a FILE"},
		{"no out", []string{train}, exitUsage, "-out FILE is required"},
		{"two files", []string{"-out", out, train, train}, exitUsage, "want at most one FILE"},
		{"zero seed", []string{"-out", out, "-seed", "0", train}, exitUsage, "-seed must be >= 1"},
		{"zero epochs", []string{"-out", out, "-parse-epochs", "0", train}, exitUsage, "must be >= 1"},
		{"min weight", []string{"-out", out, "-min-weight", "0", train}, exitUsage, "-min-weight must be in [1, 32767]"},
		{"zero beam", []string{"-out", out, "-beam", "0", train}, exitUsage, "-beam must be in [1, 64] and -parse-beam in [0, 64]"},
		{"parse beam too wide", []string{"-out", out, "-parse-beam", "65", train}, exitUsage, "-beam must be in [1, 64] and -parse-beam in [0, 64]"},
		{"ud dir without train file", []string{"-out", out, "-ud", dir}, exitFail, filepath.Join(dir, "en_ewt-ud-train.conllu") + ": no such file"},
		{"no gold trees", []string{"-out", out, noGold}, exitFail, "no gold HEAD or DEPREL"},
		{"out dir missing", []string{"-out", filepath.Join(dir, "no", "m.model"), train}, exitFail, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, "", nil, append([]string{"parser-train"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			assert.Contains(t, r.stderr, tt.wantStderr)
		})
	}
	_, err := os.Stat(out)
	assert.ErrorIs(t, err, fs.ErrNotExist, "no model written by a failed run")
}

func TestParserEval(t *testing.T) {
	t.Parallel()
	model := tinyModelFile(t)
	dir := t.TempDir()
	train := filepath.Join(parseTestdata, "train.conllu")
	// A -ud dir whose dev file is the test sentences.
	raw, err := os.ReadFile(train)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "en_ewt-ud-dev.conllu"), raw, 0o644))
	noGold := filepath.Join(dir, "nogold.conllu")
	require.NoError(t, os.WriteFile(noGold, []byte("1\tHello\n2\t!\n"), 0o644))
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		// wantStdoutRe, when set, must match stdout.
		wantStdoutRe string
		wantStderr   string
	}{
		{
			name: "ud dir", args: []string{"-model", model, "-ud", dir}, wantCode: exitOK,
			wantStdout: []string{
				"model     " + model + " (beam 8)\n",
				"data      " + filepath.Join(dir, "en_ewt-ud-dev.conllu") + ": 22 sentences, 193 words (gold tokens)\n",
			},
			wantStdoutRe: `\nUPOS      [01]\.\d{4}\nUAS       [01]\.\d{4}\nLAS       [01]\.\d{4}  \(universal relations, punctuation included: CoNLL 2018\)\n` +
				`LAS full  [01]\.\d{4}  \(relations with subtypes\)\nspeed     \d+ words/s  \(tag \+ parse, one goroutine, .+\)\n$`,
		},
		{name: "file", args: []string{"-model", model, train}, wantCode: exitOK, wantStdout: []string{"22 sentences, 193 words"}},
		{name: "other beam", args: []string{"-model", model, "-beam", "2", train}, wantCode: exitOK, wantStdout: []string{"model     " + model + " (beam 2)\n"}},
		{name: "beam out of range", args: []string{"-model", model, "-beam", "65", train}, wantCode: exitUsage, wantStderr: "-beam must be in [0, 64], got 65"},
		{name: "below minimum", args: []string{"-model", model, "-min-las", "1", train}, wantCode: exitFail, wantStderr: "LAS 0."},
		{name: "minimum out of range", args: []string{"-model", model, "-min-uas", "2", train}, wantCode: exitUsage, wantStderr: "must be in [0, 1]"},
		{name: "no data", args: []string{"-model", model}, wantCode: exitUsage, wantStderr: "give -ud DIR (holding en_ewt-ud-dev.conllu) or a FILE"},
		{name: "no gold trees", args: []string{"-model", model, noGold}, wantCode: exitFail, wantStderr: `sentence 1 word 1 ("Hello"): want a gold UPOS, HEAD and DEPREL`},
		{name: "no model", args: []string{"-lexicon-dir", dir, train}, wantCode: exitFail, wantStderr: "no syntax model in " + dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runApp(t, "", nil, append([]string{"parser-eval"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, r.code, "stderr:\n%s", r.stderr)
			for _, s := range tt.wantStdout {
				assert.Contains(t, r.stdout, s)
			}
			if tt.wantStdoutRe != "" {
				assert.Regexp(t, tt.wantStdoutRe, r.stdout)
			}
			assert.Contains(t, r.stderr, tt.wantStderr)
		})
	}
}
