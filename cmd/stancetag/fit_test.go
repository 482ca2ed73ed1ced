package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFittedIsWhatTheTrainerMakes refits the embedded lexicon's fitted.tsv
// from ../shared/eval/newsmtsc-train.jsonl (a few seconds) and fails unless
// the committed file is what comes out: `make lexicon-fit` after a change.
// It is skipped where the shared data is absent.
func TestFittedIsWhatTheTrainerMakes(t *testing.T) {
	const train = "../../../shared/eval/newsmtsc-train.jsonl"
	if _, err := os.Stat(train); err != nil {
		t.Skipf("no training data: %v", err)
	}
	// The header names the path as `make lexicon-fit` passes it.
	t.Chdir("../..")
	var out, errb bytes.Buffer
	code := runFit([]string{"--train", "../shared/eval/newsmtsc-train.jsonl", "--check", "classifier/lexicon/data/stance/fitted.tsv"}, &out, &errb)
	require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
}

// TestFitContextFlags checks the decision stage's flags: a bad list is a
// usage error, and "none" fits without the stage and says so in the
// header's command.
func TestFitContextFlags(t *testing.T) {
	const tiny = "../../classifier/lexicon/fit/testdata/tiny.jsonl"
	out := t.TempDir() + "/fitted.tsv"
	for _, bad := range [][]string{
		{"--context-lambdas", "10,3"},
		{"--context-lambdas", "x"},
		{"--min-context-items", "0"},
	} {
		var o, e bytes.Buffer
		args := append([]string{"--train", tiny, "--out", out}, bad...)
		require.Equal(t, exitUsage, runFit(args, &o, &e), "%v", bad)
		require.Contains(t, e.String(), "--context-lambdas")
	}
	var o, e bytes.Buffer
	code := runFit([]string{"--train", tiny, "--out", out, "--date", "2026-01-01", "--folds", "2", "--context-lambdas", "none"}, &o, &e)
	require.Equal(t, exitOK, code, "stderr:\n%s", e.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Contains(t, string(b), "--context-lambdas none")
	require.NotContains(t, string(b), "# decision stage:")
	require.NotContains(t, string(b), "\ncontext-")
}
