package fit_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/fit"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// tinyFit fits the layer to testdata/tiny.jsonl (twelve statements of our
// own) and returns fitted.tsv.
func tinyFit(t *testing.T, pins map[string]float64) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/tiny.jsonl")
	require.NoError(t, err)
	items, err := fit.ReadItems(bytes.NewReader(b), "tiny.jsonl")
	require.NoError(t, err)
	o := fit.DefaultOptions()
	o.Lambdas, o.Folds, o.MinCount, o.MinCandidateItems, o.Pins = []float64{0.1, 1}, 2, 1, 2, pins
	res, err := fit.Run(lexicon.Data(), items, o)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, fit.Write(&out, fit.Header{Data: []string{"tiny.jsonl"}, Command: "test", Date: "2026-01-01"}, res))
	return out.Bytes()
}

// TestTinyGolden checks the trainer's output on a tiny set against the
// golden file, and that a second run gives the same bytes.
func TestTinyGolden(t *testing.T) {
	t.Parallel()
	got := tinyFit(t, nil)
	assert.Equal(t, string(got), string(tinyFit(t, nil)), "same data, different output")
	const golden = "testdata/tiny.fitted.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	// What the trainer writes, the loader reads.
	_, err = stance.ReadFitted(mapFS(got))
	require.NoError(t, err)
}

// TestPinKept checks that a pinned row keeps its value and its marker.
func TestPinKept(t *testing.T) {
	t.Parallel()
	got := tinyFit(t, map[string]float64{"word\tbrave": 0.25, "decide\tnone": 0.5})
	assert.Contains(t, string(got), "word\tbrave\t0.2500\tpin\n")
	assert.Contains(t, string(got), "decide\tnone\t0.5000\tpin\n")
	rows, err := stance.ReadFitted(mapFS(got))
	require.NoError(t, err)
	assert.Equal(t, map[string]float64{"word\tbrave": 0.25, "decide\tnone": 0.5}, fit.Pins(rows))
}
