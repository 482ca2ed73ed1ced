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
	own := ownSentences(40)
	t.Run("tiny greedy", func(t *testing.T) { checkBeamOfOne(t, tinyModel(t), own) })
	t.Run("tiny beam", func(t *testing.T) { checkBeamOfOne(t, tinyModelWith(t, 2, 4), own) })
	t.Run("shipped", func(t *testing.T) {
		m := loadBenchModel(t)
		dev := devSentences(t)
		if testing.Short() {
			dev = dev[:min(len(dev), 300)]
		}
		checkBeamOfOne(t, m, dev)
	})
}

// ownSentences returns sentences of our own for the parse checks: a
// coordination, a passive with attachments and a run-on of n clauses.
func ownSentences(n int) [][]string {
	return [][]string{
		strings.Fields("France condemned Germany and praised Italy ."),
		strings.Fields("The minister said that Spain was criticised by the plan in Paris ."),
		strings.Fields(strings.Repeat("they backed the deal , ", n)),
	}
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

// TestCopyFromDirtyState checks that copyFrom, which copies only the
// entries a move can have written, gives a state equal to its source
// whatever the destination held: a state further on in the same sentence,
// or one of a sentence of another length.
func TestCopyFromDirtyState(t *testing.T) {
	t.Parallel()
	// walk applies a fixed mix of valid moves to a fresh state of n words.
	walk := func(n, steps int) *state {
		s := &state{}
		s.reset(n)
		for i := 0; i < steps && !s.terminal(); i++ {
			for _, m := range []move{right, left, reduce, shift} {
				if (i%3 == 0) == (m == shift || m == reduce) && s.valid(m) {
					s.apply(m, uint8(i%7))
					break
				}
				if m == shift && s.valid(m) {
					s.apply(m, 0)
				}
			}
		}
		return s
	}
	equal := func(t *testing.T, want, got *state) {
		t.Helper()
		assert.Equal(t, want.n, got.n)
		assert.Equal(t, want.b, got.b)
		assert.Equal(t, want.stack, got.stack)
		for name, pair := range map[string][2][]int32{
			"head": {want.head, got.head}, "ld1": {want.ld1, got.ld1}, "ld2": {want.ld2, got.ld2},
			"rd1": {want.rd1, got.rd1}, "rd2": {want.rd2, got.rd2},
		} {
			assert.Equal(t, pair[0], pair[1], name)
		}
		assert.Equal(t, want.label, got.label)
		assert.Equal(t, want.onStk, got.onStk)
		assert.Equal(t, want.nl, got.nl)
		assert.Equal(t, want.nr, got.nr)
		assert.Equal(t, want.lset, got.lset)
		assert.Equal(t, want.rset, got.rset)
	}
	for _, tc := range []struct {
		name              string
		n, src, dst, dstN int
	}{
		{"behind a dirtier state", 12, 5, 20, 12},
		{"ahead of a cleaner one", 12, 18, 3, 12},
		{"the finished parse", 12, 24, 9, 12},
		{"other length", 12, 9, 30, 20},
		{"fresh", 12, 7, 0, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := walk(tc.n, tc.src)
			dst := walk(tc.dstN, tc.dst)
			dst.copyFrom(src)
			equal(t, src, dst)
			// A copy must go on like its source.
			for !src.terminal() {
				m := bestMove(src, []int32{1, 2, 3, 4})
				src.apply(m, 3)
				dst.apply(m, 3)
			}
			equal(t, src, dst)
		})
	}
}

func TestTrainRefusesWideBeams(t *testing.T) {
	t.Parallel()
	sents, err := ReadConllu(strings.NewReader(tinyConllu))
	require.NoError(t, err)
	for _, cfg := range []TrainConfig{{Beam: MaxBeam + 1}, {Beam: 4, ParseBeam: MaxBeam + 1}} {
		_, err := Train(sents, cfg)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "at most 64")
	}
	// The widest allowed parse beam is accepted, and the default for a
	// beam of 40 is capped at it.
	for _, cfg := range []TrainConfig{{Beam: 2, ParseBeam: MaxBeam, ParseEpochs: 1, TagEpochs: 1}, {Beam: 40, ParseEpochs: 1, TagEpochs: 1}} {
		m, err := Train(sents, cfg)
		require.NoError(t, err)
		assert.Equal(t, MaxBeam, m.Beam())
	}
}
