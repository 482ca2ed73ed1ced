package fit

import (
	"math"
	"slices"
	"sort"

	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// The decision stage. The first stage (model) fits the multipliers with a
// decision that reads one number, the raw sum. The second refits the
// decision alone, the multipliers fixed, as a multinomial logistic
// regression over more of what is known of a target: the raw sum's
// squashed value, its positive and negative parts (a target both praised
// and blamed is not one that nobody mentions), and the context words of
// its sentences (stance.EachContextWord), each with a support and an oppose
// logit pulled toward 0 by an L2 penalty of its own strength, chosen by
// cross-validation like the first stage's. The problem is convex, so the
// fit from a fixed start in a fixed order gives the same bits.

// Decision stage parameters at the start of its vector; two per context
// word (support, oppose) follow.
const (
	dsScale = iota
	dsSupport
	dsOppose
	dsPosSupport
	dsPosOppose
	dsNegSupport
	dsNegOppose
	dsCuePosSupport
	dsCuePosOppose
	dsCueNegSupport
	dsCueNegOppose
	numDense
)

// denseKeys are the Decision fields of the dense parameters, in order.
var denseKeys = [numDense]string{"scale", "support", "oppose", "pos-support", "pos-oppose", "neg-support", "neg-oppose", "cue-pos-support", "cue-pos-oppose", "cue-neg-support", "cue-neg-oppose"}

// ctxFeat is one context word of a decision example: its vocabulary index
// and share.
type ctxFeat struct {
	word  int32
	share float64
}

// decExample is an example of the decision stage: the label, the sums of
// its terms under one first-stage fit, and its context words.
type decExample struct {
	label int
	f     stance.Features // without Context
	// q holds what the dense weights multiply, computed once: the squashed
	// raw sum, then the squashed parts in Features order (0 for a part
	// that is 0), as stance.Decision.Logits reads them.
	q   [5]float64
	ctx []ctxFeat
}

// contextVocab returns the words that are the context of at least minItems
// examples with terms, and every pinned context word, in sorted order, with
// the number of such examples of each. Only texts are read, not labels.
func contextVocab(exs []Example, minItems int, pins map[string]float64) ([]string, map[string]int) {
	df := map[string]int{}
	seen := map[string]bool{}
	for _, ex := range exs {
		if len(ex.Terms) == 0 {
			continue
		}
		clear(seen)
		for _, c := range ex.Context {
			if !seen[c.Word] {
				seen[c.Word] = true
				df[c.Word]++
			}
		}
	}
	var out []string
	for w, n := range df {
		_, ps := pins[stance.KindContextSupport+"\t"+w]
		_, po := pins[stance.KindContextOppose+"\t"+w]
		if n >= minItems || ps || po {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out, df
}

// decisionExamples compiles the examples with terms under the first-stage
// parameters x (of layout size n); idx[i] is the index in exs of the i-th.
func decisionExamples(exs []Example, cexs []example, x []float64, vocab map[string]int32, keep func(i int) bool) (out []decExample, idx []int) {
	for i := range cexs {
		if len(cexs[i].terms) == 0 || !keep(i) {
			continue
		}
		de := decExample{label: cexs[i].label, f: features(x, &cexs[i])}
		de.q[0], _ = stance.Squash(de.f.Raw)
		for k, v := range [...]float64{de.f.Pos, de.f.Neg, de.f.CuePos, de.f.CueNeg} {
			if v != 0 {
				de.q[k+1], _ = stance.Squash(v)
			}
		}
		for _, c := range exs[i].Context {
			if j, ok := vocab[c.Word]; ok {
				de.ctx = append(de.ctx, ctxFeat{word: j, share: c.Share})
			}
		}
		out = append(out, de)
		idx = append(idx, i)
	}
	return out, idx
}

// decisionOf is the stance.Decision of the dense parameters of w.
func decisionOf(w []float64) stance.Decision {
	var d stance.Decision
	for i, k := range denseKeys {
		*d.Field(k) = w[i]
	}
	return d
}

// decLogits returns the support and oppose logits of de under w: those of
// decisionOf(w).Logits for de's features and context (TestDecLogits
// compares the two), from de.q, which the fit reads thousands of times.
func decLogits(w []float64, de *decExample) (zs, zo float64) {
	zs = w[dsScale]*de.q[0] + w[dsSupport]
	zo = -w[dsScale]*de.q[0] + w[dsOppose]
	for k := range 4 {
		zs += w[dsPosSupport+2*k] * de.q[k+1]
		zo += w[dsPosSupport+2*k+1] * de.q[k+1]
	}
	for _, c := range de.ctx {
		zs += c.share * w[numDense+2*int(c.word)]
		zo += c.share * w[numDense+2*int(c.word)+1]
	}
	return zs, zo
}

// decisionProblem is the decision stage's objective over des: the negative
// log-likelihood plus lambda/2 times the squared context weights; the dense
// parameters are not penalised. Fixed parameters (pins) keep their start.
type decisionProblem struct {
	des    []decExample
	lambda float64
	fixed  []bool
}

func (m *decisionProblem) eval(w, g []float64) float64 {
	clear(g)
	f := 0.0
	for i := range m.des {
		de := &m.des[i]
		zs, zo := decLogits(w, de)
		p := stance.Softmax3(zs, zo)
		f -= math.Log(max(p[de.label], 1e-300))
		var y [3]float64
		y[de.label] = 1
		ds, do := p[0]-y[0], p[1]-y[1]
		g[dsScale] += (ds - do) * de.q[0]
		g[dsSupport] += ds
		g[dsOppose] += do
		for k := range 4 {
			g[dsPosSupport+2*k] += ds * de.q[k+1]
			g[dsPosSupport+2*k+1] += do * de.q[k+1]
		}
		for _, c := range de.ctx {
			g[numDense+2*int(c.word)] += ds * c.share
			g[numDense+2*int(c.word)+1] += do * c.share
		}
	}
	for i := numDense; i < len(w); i++ {
		f += m.lambda / 2 * w[i] * w[i]
		g[i] += m.lambda * w[i]
	}
	for i, fx := range m.fixed {
		if fx {
			g[i] = 0
		}
	}
	return f
}

// decisionStart returns the start of the decision stage's vector for vocab:
// the first stage's decision (scale, biases), zero elsewhere, pinned values
// where pinned; and which entries are pinned.
func decisionStart(first stance.Decision, vocab []string, pins map[string]float64) (w []float64, fixed []bool) {
	w = make([]float64, numDense+2*len(vocab))
	fixed = make([]bool, len(w))
	w[dsScale], w[dsSupport], w[dsOppose] = first.Scale, first.Support, first.Oppose
	for i, k := range denseKeys {
		if v, ok := pins[KindDecide+"\t"+k]; ok {
			w[i], fixed[i] = v, true
		}
	}
	for j, word := range vocab {
		for c, kind := range [2]string{stance.KindContextSupport, stance.KindContextOppose} {
			if v, ok := pins[kind+"\t"+word]; ok {
				w[numDense+2*j+c], fixed[numDense+2*j+c] = v, true
			}
		}
	}
	return w, fixed
}

// fitDecision fits the decision stage to des from the first stage's
// decision.
func fitDecision(des []decExample, first stance.Decision, vocab []string, lambda float64, pins map[string]float64) []float64 {
	w, fixed := decisionStart(first, vocab, pins)
	m := &decisionProblem{des: des, lambda: lambda, fixed: fixed}
	minimize(m.eval, w, defaultLBFGS)
	return w
}

// ContextWeight is one fitted context word: its logits, which of them are
// pinned, and of how many training targets with contributions it is a
// context word.
type ContextWeight struct {
	Word            string
	Support, Oppose float64
	Pinned          [2]bool
	Count           int
}

// TopContext returns the n context words whose logits move the decision
// most over the training data: by the largest of |support| and |oppose|
// times Count, in that order (ties by word).
func (r *Result) TopContext(n int) []ContextWeight {
	out := slices.Clone(r.Context)
	effect := func(c ContextWeight) float64 { return max(math.Abs(c.Support), math.Abs(c.Oppose)) * float64(c.Count) }
	sort.SliceStable(out, func(i, j int) bool { return effect(out[i]) > effect(out[j]) })
	return out[:min(n, len(out))]
}
