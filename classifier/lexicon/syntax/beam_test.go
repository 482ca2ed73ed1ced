package syntax

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTopK(t *testing.T) {
	t.Parallel()
	c := func(item int32, m move, score int64) cand { return cand{item: item, m: m, score: score} }
	tests := []struct {
		name string
		in   []cand
		k    int
		want []cand
	}{
		{"fewer than k", []cand{c(0, shift, 1), c(0, right, 5)}, 4, []cand{c(0, right, 5), c(0, shift, 1)}},
		{"best k in order", []cand{c(0, shift, 3), c(1, left, 9), c(1, reduce, -2), c(2, right, 7), c(2, shift, 8)}, 3,
			[]cand{c(1, left, 9), c(2, shift, 8), c(2, right, 7)}},
		// A tie goes to the earlier item, then the lower move, whatever
		// the order of arrival: the parse must not depend on it.
		{"ties", []cand{c(2, shift, 4), c(1, right, 4), c(1, shift, 4), c(0, left, 1)}, 2,
			[]cand{c(1, shift, 4), c(1, right, 4)}},
		{"one", []cand{c(0, shift, 1), c(1, shift, 2), c(2, shift, 0)}, 1, []cand{c(1, shift, 2)}},
		{"none", nil, 3, []cand{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := topK(slices.Clone(tc.in), tc.k)
			assert.Equal(t, tc.want, append([]cand{}, got...))
		})
	}
}

// TestBeamOfOneIsGreedy checks that the greedy parse (no state copies) and
// a beam of one item give the same trees, on the tiny models and on the
// shipped model over UD dev.
func TestBeamOfOneIsGreedy(t *testing.T) {
	t.Parallel()
	own := [][]string{
		strings.Fields("France condemned Germany and praised Italy ."),
		strings.Fields("The minister said that Spain was criticised by the plan in Paris ."),
		strings.Fields(strings.Repeat("they backed the deal , ", 40)),
	}
	t.Run("tiny greedy", func(t *testing.T) { checkBeamOfOne(t, tinyModel(t), own) })
	t.Run("tiny beam", func(t *testing.T) { checkBeamOfOne(t, tinyModelWith(t, 2, 4), own) })
	t.Run("shipped", func(t *testing.T) {
		m := loadBenchModel(t)
		dev := devSentences(t)
		if testing.Short() {
			dev = dev[:300]
		}
		checkBeamOfOne(t, m, dev)
	})
}

func checkBeamOfOne(t *testing.T, m *Model, sents [][]string) {
	greedy, one := m.WithBeam(1).NewParser(), m.WithBeam(1).NewParser()
	var want, got Tree
	for i, words := range sents {
		require.LessOrEqual(t, len(words), MaxParseWords, "one piece")
		greedy.Parse(words, &want)
		one.lx = resizeZero(one.lx, len(words))
		for j, w := range words {
			one.lx[j] = lexOf(w, j == 0)
		}
		got.reset(len(words))
		copy(got.Tags, want.Tags)
		ctx := parseCtx{lx: one.lx, tags: got.Tags, amb: m.amb.classes(nil, one.lx)}
		one.dec.beamParse(&ctx, &one.sc, &got)
		require.Equal(t, want.Heads, got.Heads, "sentence %d", i)
		require.Equal(t, want.Rels, got.Rels, "sentence %d", i)
	}
}

// TestBeamWidths checks that every width gives well-formed trees, and that
// the tiny beam model finds its training trees at its own width and at
// wider ones.
func TestBeamWidths(t *testing.T) {
	t.Parallel()
	m := tinyModelWith(t, 1, 4)
	sents, err := ReadConllu(strings.NewReader(tinyConllu))
	require.NoError(t, err)
	for _, k := range []int{4, 8, MaxBeam} {
		t.Run(fmt.Sprintf("width %d", k), func(t *testing.T) {
			mk := m.WithBeam(k)
			assert.Equal(t, k, mk.Beam())
			checkTreeShapes(t, mk)
			sc := Evaluate(mk, sents)
			assert.Equal(t, sc.Words, sc.LASFull)
		})
	}
	assert.Equal(t, 1, m.WithBeam(0).Beam(), "below 1 is greedy")
	assert.Equal(t, MaxBeam, m.WithBeam(MaxBeam+1).Beam(), "capped")
	assert.Equal(t, 8, m.Beam(), "WithBeam leaves the model alone (trained with 4, parsing with 8)")
}
