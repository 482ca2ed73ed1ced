package fit

import (
	"math"
	"sort"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// Kinds of fitted parameters, as fitted.tsv names them. Entry kinds (word,
// portray, cue) weigh one lexicon entry; channel kinds (via, rule) weigh how
// a contribution reached its target; decide holds the decision.
const (
	KindDecide  = "decide"
	KindVia     = "via"
	KindRule    = "rule"
	KindCue     = "cue"
	KindWord    = "word"
	KindPortray = "portray"
)

// kindOrder is the order of the kinds in fitted.tsv.
var kindOrder = map[string]int{KindDecide: 0, KindVia: 1, KindRule: 2, KindCue: 3, KindWord: 4, KindPortray: 5}

// Param is one fitted number: a multiplier (prior 1) of a word's valence, a
// cue's weight toward targets, a via or a rule, or the value (prior 0) of
// a new portrayal word.
type Param struct {
	Kind, Key string
	// Prior is the value the L2 penalty pulls toward: the hand-set weights'.
	Prior float64
	// Pinned params keep Value; Count is how many contributions use it.
	Pinned bool
	Value  float64
	Count  int
}

// term is one contribution in the fitting problem: x · E[entry] · H[channel],
// where an index of -1 stands for the constant 1.
type term struct {
	x              float64
	entry, channel int32
	cue            bool // a cue's contribution, not a word's
}

// example is an Example compiled against a layout.
type example struct {
	label int
	terms []term
	group uint32
}

// Layout maps the terms of examples to parameters: one per entry seen at
// least Options.MinCount times (every candidate word seen once), one per
// via and rule seen, and the decision's scale and two biases last.
type Layout struct {
	Params []Param
	index  map[string]int32 // kind + "\t" + key -> Params index
}

// Decision parameters at the end of the parameter vector.
const (
	decScale = iota
	decSupport
	decOppose
	numDecision
)

// NewLayout builds the layout of exs. cueKey names cues; candidates are the
// words probed as new portrayal words; pins hold pinned values by kind and
// key.
func NewLayout(exs []Example, cueKey func(int32) string, candidates []string, minCount int, pins map[string]float64) *Layout {
	cand := make(map[string]bool, len(candidates))
	for _, w := range candidates {
		cand[w] = true
	}
	counts := map[string]int{}
	for _, ex := range exs {
		for _, t := range ex.Terms {
			for _, k := range termKeys(t, cueKey, cand) {
				counts[k]++
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k, n := range counts {
		kind, _ := splitKey(k)
		least := minCount
		if kind == KindVia || kind == KindRule {
			least = 1
		}
		if _, pinned := pins[k]; n >= least || pinned {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		ki, _ := splitKey(keys[i])
		kj, _ := splitKey(keys[j])
		if kindOrder[ki] != kindOrder[kj] {
			return kindOrder[ki] < kindOrder[kj]
		}
		return keys[i] < keys[j]
	})
	l := &Layout{index: make(map[string]int32, len(keys))}
	for _, k := range keys {
		kind, key := splitKey(k)
		p := Param{Kind: kind, Key: key, Prior: 1, Count: counts[k]}
		if kind == KindPortray {
			p.Prior = 0
		}
		p.Value = p.Prior
		if v, ok := pins[k]; ok {
			p.Pinned, p.Value = true, v
		}
		l.index[k] = int32(len(l.Params))
		l.Params = append(l.Params, p)
	}
	return l
}

// termKeys returns the entry key and the channel key of t.
func termKeys(t lexicon.Term, cueKey func(int32) string, cand map[string]bool) [2]string {
	if t.Cue >= 0 {
		return [2]string{KindCue + "\t" + cueKey(t.Cue), KindRule + "\t" + t.Rule.String()}
	}
	entry := KindWord + "\t" + t.Word
	if cand[t.Word] {
		entry = KindPortray + "\t" + t.Word
	}
	return [2]string{entry, KindVia + "\t" + t.Via.String()}
}

func splitKey(k string) (kind, key string) {
	for i := 0; i < len(k); i++ {
		if k[i] == '\t' {
			return k[:i], k[i+1:]
		}
	}
	return k, ""
}

// compile turns examples into terms over the layout's parameters.
func (l *Layout) compile(exs []Example, cueKey func(int32) string, candidates []string) []example {
	cand := make(map[string]bool, len(candidates))
	for _, w := range candidates {
		cand[w] = true
	}
	out := make([]example, len(exs))
	for i, ex := range exs {
		ce := example{label: ex.Label, group: ex.Group}
		for _, t := range ex.Terms {
			if t.Weight == 0 {
				continue
			}
			ks := termKeys(t, cueKey, cand)
			e, c := int32(-1), int32(-1)
			if j, ok := l.index[ks[0]]; ok {
				e = j
			} else if cand[t.Word] && t.Cue < 0 {
				continue // a rare candidate: not a portrayal word at all
			}
			if j, ok := l.index[ks[1]]; ok {
				c = j
			}
			ce.terms = append(ce.terms, term{x: float64(t.Weight), entry: e, channel: c, cue: t.Cue >= 0})
		}
		out[i] = ce
	}
	return out
}

// features returns what the decision reads of ex under the first-stage
// parameters x: the raw sum and its four parts (stance.Features, without
// context).
func features(x []float64, ex *example) stance.Features {
	var f stance.Features
	for _, t := range ex.terms {
		v := t.x * val(x, t.entry) * val(x, t.channel)
		f.Raw += v
		f.AddPart(t.cue, v)
	}
	return f
}

// model is the fitting problem over compiled examples.
type model struct {
	params []Param
	exs    []example
	lambda float64
}

// dim is the length of the parameter vector.
func (m *model) dim() int { return len(m.params) + numDecision }

// start returns the initial parameter vector: priors, pinned values, and a
// decision that starts near the hand-set threshold.
func (m *model) start(dec [numDecision]float64) []float64 {
	x := make([]float64, m.dim())
	for i, p := range m.params {
		x[i] = p.Value
	}
	copy(x[len(m.params):], dec[:])
	return x
}

func val(x []float64, i int32) float64 {
	if i < 0 {
		return 1
	}
	return x[i]
}

// raw is the summed contribution of ex under x.
func raw(x []float64, ex *example) float64 {
	s := 0.0
	for _, t := range ex.terms {
		s += t.x * val(x, t.entry) * val(x, t.channel)
	}
	return s
}

// logits returns the support and oppose logits of a raw sum (neutral's is
// 0), as stance.Decision.Logits.
func logits(x []float64, n int, r float64) (zs, zo float64) {
	d := stance.Decision{Scale: x[n+decScale], Support: x[n+decSupport], Oppose: x[n+decOppose]}
	return d.Logits(stance.Features{Raw: r})
}

// eval is the objective: the summed negative log-likelihood of the examples
// with terms, plus lambda/2 times the squared distance of the free
// parameters from their priors. It writes the gradient into g.
func (m *model) eval(x, g []float64) float64 {
	n := len(m.params)
	clear(g)
	f := 0.0
	for i := range m.exs {
		ex := &m.exs[i]
		if len(ex.terms) == 0 {
			continue
		}
		r := raw(x, ex)
		zs, zo := logits(x, n, r)
		p := stance.Softmax3(zs, zo)
		f -= math.Log(max(p[ex.label], 1e-300))
		var y [3]float64
		y[ex.label] = 1
		ds, do := p[0]-y[0], p[1]-y[1] // dNLL/dzs, dNLL/dzo
		a := x[n+decScale]
		sq, dsq := stance.Squash(r)
		dr := a * (ds - do) * dsq // dNLL/draw
		g[n+decScale] += sq * (ds - do)
		g[n+decSupport] += ds
		g[n+decOppose] += do
		for _, t := range ex.terms {
			if t.entry >= 0 {
				g[t.entry] += dr * t.x * val(x, t.channel)
			}
			if t.channel >= 0 {
				g[t.channel] += dr * t.x * val(x, t.entry)
			}
		}
	}
	for i, p := range m.params {
		if p.Pinned {
			g[i] = 0
			continue
		}
		d := x[i] - p.Prior
		f += m.lambda / 2 * d * d
		g[i] += m.lambda * d
	}
	return f
}

// initialDecision approximates the hand-set rule (neutral below a raw sum
// of about 0.11) as a starting point.
var initialDecision = [numDecision]float64{decScale: 4, decSupport: -0.8, decOppose: -0.8}
