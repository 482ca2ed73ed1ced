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
