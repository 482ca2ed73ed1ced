package fit

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon"
)

// TestBeats: the decision stage is used only for a gain steady across the
// folds, not for one fold's luck or a gain inside the folds' noise.
func TestBeats(t *testing.T) {
	t.Parallel()
	fs := func(f1 ...float64) FoldScores { return FoldScores{MacroF1: f1} }
	tests := []struct {
		name string
		a, b FoldScores
		want bool
	}{
		{"steady gain", fs(0.62, 0.64, 0.60, 0.63), fs(0.61, 0.625, 0.59, 0.62), true},
		{"one lucky fold", fs(0.70, 0.60, 0.59, 0.61), fs(0.60, 0.61, 0.60, 0.62), false},
		{"no gain", fs(0.6, 0.6), fs(0.6, 0.6), false},
		{"fold counts differ", fs(0.7, 0.7, 0.7), fs(0.6, 0.6), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, beats(tt.a, tt.b), tt.name)
	}
}

// TestDecisionGradient compares the decision stage's gradient with finite
// differences, pinned entries included (their gradient is 0).
func TestDecisionGradient(t *testing.T) {
	t.Parallel()
	des := []decExample{
		{label: 0, ctx: []ctxFeat{{0, 1}, {1, 0.5}}},
		{label: 1, ctx: []ctxFeat{{1, 1}}},
		{label: 2, ctx: []ctxFeat{{0, 0.5}, {2, 0.5}}},
		{label: 1},
	}
	for i, q := range [][5]float64{{0.7, 0.4, 0, 0.3, 0}, {-0.5, 0, 0.2, 0, 0.3}, {0.1, 0.3, 0.2, 0, 0}, {-0.9, 0, 0, 0, 0.9}} {
		des[i].q = q
	}
	fixed := make([]bool, numDense+6)
	fixed[numDense+3] = true
	m := &decisionProblem{des: des, lambda: 0.7, fixed: fixed}
	w := make([]float64, numDense+6)
	for i := range w {
		w[i] = 0.3*math.Sin(float64(i)+1) + 0.1
	}
	g := make([]float64, len(w))
	m.eval(w, g)
	const h = 1e-6
	scratch := make([]float64, len(w))
	for i := range w {
		if fixed[i] {
			assert.Zero(t, g[i], "pinned %d", i)
			continue
		}
		wp := append([]float64{}, w...)
		wm := append([]float64{}, w...)
		wp[i] += h
		wm[i] -= h
		num := (m.eval(wp, scratch) - m.eval(wm, scratch)) / (2 * h)
		assert.InDelta(t, num, g[i], 1e-5, "parameter %d", i)
	}
}

// TestDecLogits checks the decision stage's logits against the runtime's
// (stance.Decision.Logits) for the same parameters, features and context.
func TestDecLogits(t *testing.T) {
	t.Parallel()
	cexs := []example{
		{label: 0, terms: []term{{x: 0.6, entry: -1, channel: -1, cue: true}, {x: -0.3, entry: -1, channel: -1}}},
		{label: 1, terms: []term{{x: -0.8, entry: -1, channel: -1, cue: true}, {x: 0.2, entry: -1, channel: -1, cue: true}, {x: 0.5, entry: -1, channel: -1}}},
		{label: 2, terms: []term{{x: 0.1, entry: -1, channel: -1}}},
	}
	exs := []Example{
		{Context: []lexicon.ContextWord{{Word: "slammed", Share: 0.5}, {Word: "said", Share: 0.5}, {Word: "unknown", Share: 0.5}}},
		{Context: []lexicon.ContextWord{{Word: "said", Share: 1}}},
		{},
	}
	vocab := []string{"said", "slammed"}
	des, idx := decisionExamples(exs, cexs, nil, map[string]int32{"said": 0, "slammed": 1}, func(int) bool { return true })
	require.Equal(t, []int{0, 1, 2}, idx)
	w := make([]float64, numDense+2*len(vocab))
	for i := range w {
		w[i] = 0.4*math.Cos(float64(3*i)) - 0.1
	}
	d := decisionOf(w)
	for i, de := range des {
		f := de.f
		for _, c := range exs[i].Context {
			for j, v := range vocab {
				if c.Word == v {
					f.Context.Support += c.Share * w[numDense+2*j]
					f.Context.Oppose += c.Share * w[numDense+2*j+1]
				}
			}
		}
		wantS, wantO := d.Logits(f)
		gotS, gotO := decLogits(w, &des[i])
		assert.InDelta(t, wantS, gotS, 1e-12, "example %d", i)
		assert.InDelta(t, wantO, gotO, 1e-12, "example %d", i)
	}
}

// TestDecisionStageLearnsContext plants a context word that marks
// opposition whatever the sentiment words say, and checks that the
// trainer uses the decision stage and gives the word an oppose logit
// above its support logit; a word that says nothing gets less.
func TestDecisionStageLearnsContext(t *testing.T) {
	t.Parallel()
	var exs []Example
	for i := range 200 {
		w := float32(0.2 + 0.6*float64(i%7)/6)
		label := labelSupport
		if i%2 == 1 {
			w, label = -w, labelOppose
		}
		ctx := []lexicon.ContextWord{{Word: "the", Share: 1}, {Word: "said", Share: 1}}
		if i%5 == 0 {
			ctx = append(ctx, lexicon.ContextWord{Word: "slammed", Share: 1})
			label = labelOppose
		}
		exs = append(exs, Example{
			Label: label, Group: uint32(i),
			Terms:   []lexicon.Term{{Weight: w, Cue: -1, Word: fmt.Sprint("w", i%3)}},
			Context: ctx,
		})
	}
	o := DefaultOptions()
	o.Lambdas, o.Folds, o.MinCount, o.ContextLambdas, o.MinContextItems = []float64{1}, 4, 1, []float64{0.1}, 2
	res := Train(exs, func(int32) string { return "" }, nil, o)
	require.True(t, res.UseContext, "first stage %v, decision stage %v", res.FirstCV.MacroF1, res.ContextCV)
	ws := map[string]ContextWeight{}
	for _, c := range res.Context {
		ws[c.Word] = c
	}
	require.Contains(t, ws, "slammed")
	assert.Greater(t, ws["slammed"].Oppose-ws["slammed"].Support, 1.0)
	assert.Less(t, math.Abs(ws["the"].Oppose-ws["the"].Support), ws["slammed"].Oppose-ws["slammed"].Support)
}
