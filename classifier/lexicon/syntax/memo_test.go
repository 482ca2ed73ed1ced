package syntax

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFeatureCounts pins the widths the memo's exact comparison relies on.
func TestFeatureCounts(t *testing.T) {
	t.Parallel()
	lx := []lex{lexOf("France", true), lexOf("backed", false), lexOf("Spain", false)}
	ctx := parseCtx{lx: lx, tags: []UPOS{PROPN, VERB, PROPN}, amb: make([]uint32, 3)}
	var s state
	s.reset(3)
	s.apply(shift, 0)
	assert.Len(t, ctx.wordMoveFeats(nil, &s), numWordMoveFeats)
	assert.Len(t, ctx.arcMoveFeats(nil, &s), numArcMoveFeats)
	assert.Len(t, ctx.moveFeats(nil, &s), numWordMoveFeats+numArcMoveFeats)
	assert.Len(t, ctx.labelFeats(nil, &s, left), numLabelFeats)
}

// TestMemoMatchesScorer checks the memo against the scorer it stands in
// for: at every state of every beam item met while parsing, the move scores
// with the memo equal those scored afresh, and parses with and without it
// give the same trees. The shipped model over UD dev, and our own
// sentences on the tiny beam model.
func TestMemoMatchesScorer(t *testing.T) {
	t.Parallel()
	own := ownSentences(60)
	t.Run("tiny beam", func(t *testing.T) { checkMemo(t, tinyModelWith(t, 2, 4), own) })
	t.Run("shipped", func(t *testing.T) {
		m := loadBenchModel(t)
		dev := devSentences(t)
		dev = dev[:min(len(dev), 400)]
		checkMemo(t, m, append(dev, own...))
		checkMemo(t, m.WithBeam(1), dev[:100])
	})
}

func checkMemo(t *testing.T, m *Model, sents [][]string) {
	with, without := m.NewParser(), m.NewParser()
	require.True(t, with.dec.memo, "the shipped parser keeps a memo")
	without.dec.memo = false
	var want, got Tree
	fresh := make([]int32, numMoves)
	memo := make([]int32, numMoves)
	states := 0
	for i, words := range sents {
		without.Parse(words, &want)
		with.Parse(words, &got)
		require.Equal(t, want, got, "sentence %d", i)

		// Step a beam by hand and compare the two scorings at each item.
		n := min(len(words), MaxParseWords)
		lx := make([]lex, n)
		for j, w := range words[:n] {
			lx[j] = lexOf(w, j == 0)
		}
		ctx := parseCtx{lx: lx, tags: want.Tags[:n], amb: m.amb.classes(nil, lx)}
		d := with.dec
		d.beam = max(d.beam, 2)
		sc := &with.sc
		d.begin(sc)
		b := &sc.beam
		b.grow(d.beam)
		b.cur[0].reset(n)
		b.curScore[0] = 0
		live := 1
		for !b.cur[0].terminal() {
			for j := range live {
				s := b.cur[j]
				without.dec.scoreMoves(&ctx, &without.sc, s, fresh)
				d.scoreMoves(&ctx, sc, s, memo)
				require.Equal(t, fresh, memo, "sentence %d, item %d", i, j)
				states++
			}
			live = d.step(&ctx, sc, b, live, nil)
		}
	}
	t.Logf("%d states compared", states)
}

// TestParseDoesNotAllocate checks that a parser, once its memory has grown
// for a sentence, parses it again without allocating (the beam, the memo
// and the scorer's buffers are reused).
func TestParseDoesNotAllocate(t *testing.T) {
	m := tinyModelWith(t, 2, 4)
	for _, k := range []int{1, 4} {
		p := m.WithBeam(k).NewParser()
		words := strings.Fields("The minister said that Spain was criticised by the plan in Paris .")
		var tr Tree
		p.Parse(words, &tr)
		allocs := testing.AllocsPerRun(20, func() { p.Parse(words, &tr) })
		assert.Zero(t, allocs, "beam %d", k)
	}
}
