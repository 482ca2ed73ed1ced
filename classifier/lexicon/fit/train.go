package fit

import (
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/eval"
)

// Options configure Train. The zero value is not useful: start from
// DefaultOptions.
type Options struct {
	// Lambdas are the L2 strengths tried; cross-validation on the training
	// examples picks one (the larger on a tie).
	Lambdas []float64
	// Folds is k of the k-fold cross-validation (fold = Example.Group mod k).
	Folds int
	// MinCount is how many contributions an entry needs in the training
	// data to get a parameter of its own.
	MinCount int
	// MinCandidateItems is in how many statements a word the lexicon does
	// not know must occur to be probed as a new portrayal word; 0 probes
	// none.
	MinCandidateItems int
	// Threshold is the hand-set rule's (Params.TargetThreshold), kept as
	// the label rule unless the fitted labels beat it (0: always fitted).
	Threshold float64
	// CueRule keeps the hand-set rule's labels (at Threshold) for targets
	// that a cue reaches (Decision.CueThreshold): the fitted labels then
	// decide only targets reached by sentiment and portrayal words alone.
	CueRule bool
	// ContextLambdas are the L2 strengths of the context words' logits
	// tried in the decision stage (decide.go); empty: no decision stage.
	ContextLambdas []float64
	// MinContextItems is of how many examples with terms a word must be a
	// context word to get weights.
	MinContextItems int
	// Pins hold the values of pinned parameters by kind + "\t" + key
	// (decide rows too: "decide\tscale").
	Pins map[string]float64
}

// DefaultOptions are the options of `stancetag fit`.
func DefaultOptions() Options {
	return Options{
		Lambdas: []float64{30, 100, 300, 1000, 3000, 10000}, Folds: 5, MinCount: 5, MinCandidateItems: 20,
		ContextLambdas: []float64{1, 3, 10, 30, 100}, MinContextItems: 3,
		Threshold: float64(stance.DefaultParams().TargetThreshold), CueRule: true,
	}
}

// chooseLambda picks, by the one-standard-error rule, the strongest
// regularisation (cv ascends in lambda) whose mean macro-F1 is within one
// standard error of the best mean: differences smaller than that are
// noise of the folds, and a weaker prior then moves weights for nothing.
func chooseLambda(cv []FoldScores) int {
	best := 0
	for i, fs := range cv {
		if fs.Mean() > cv[best].Mean() {
			best = i
		}
	}
	se := cv[best].Std() / math.Sqrt(float64(len(cv[best].MacroF1)))
	chosen := best
	for i := best + 1; i < len(cv); i++ {
		if cv[i].Mean() >= cv[best].Mean()-se {
			chosen = i
		}
	}
	return chosen
}

// FoldScores are the cross-validation results of one lambda.
type FoldScores struct {
	Lambda float64
	// MacroF1 holds one macro-F1 per fold.
	MacroF1 []float64
}

// Mean and Std (sample standard deviation) of the folds' macro-F1.
func (s FoldScores) Mean() float64 {
	m := 0.0
	for _, v := range s.MacroF1 {
		m += v
	}
	return m / float64(len(s.MacroF1))
}

// Std is the sample standard deviation of the folds' macro-F1.
func (s FoldScores) Std() float64 {
	if len(s.MacroF1) < 2 {
		return 0
	}
	m, v := s.Mean(), 0.0
	for _, x := range s.MacroF1 {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(s.MacroF1)-1))
}

// Result is a trained fitted layer with its validation.
type Result struct {
	Layout *Layout
	// Values are the fitted parameters, in Layout order.
	Values []float64
	// Decision is the fitted decision with its shifts and calibration.
	Decision stance.Decision
	// CV holds the cross-validation of every lambda tried; Chosen indexes
	// the one used.
	CV     []FoldScores
	Chosen int
	// OOF is the reliability of the out-of-fold predictions of the chosen
	// lambda with the model's own probabilities, OOFCalibrated with the
	// calibrated confidence.
	OOF, OOFCalibrated eval.Reliability
	// ShiftedCV is the chosen lambda's cross-validation with the label
	// shifts (fitted on the same out-of-fold predictions), ThresholdCV with
	// the hand-set threshold's labels instead.
	ShiftedCV, ThresholdCV FoldScores
	// FirstCV is the cross-validation of the first stage at the chosen
	// lambda; ContextCV that of the decision stage at each context lambda,
	// ContextChosen the one chosen, and UseContext whether the decision
	// stage beat the first and so made the decision.
	FirstCV       FoldScores
	ContextCV     []FoldScores
	ContextChosen int
	UseContext    bool
	// Context holds the fitted context words, in order.
	Context []ContextWeight
	// Examples and WithTerms count what was fitted on.
	Examples, WithTerms int
	// Candidates is the number of words probed as new portrayal words.
	Candidates int
	pins       map[string]float64
}

// Train fits the layer to exs (see Layout for what becomes a parameter).
func Train(exs []Example, cueKey func(int32) string, candidates []string, o Options) *Result {
	lay := NewLayout(exs, cueKey, candidates, o.MinCount, o.Pins)
	cexs := lay.compile(exs, cueKey, candidates)
	res := &Result{Layout: lay, Examples: len(cexs), Candidates: len(candidates), pins: o.Pins}
	for _, ex := range cexs {
		if len(ex.terms) > 0 {
			res.WithTerms++
		}
	}
	dec := initialDecision
	for i, k := range [...]string{"scale", "support", "oppose"} {
		if v, ok := o.Pins[KindDecide+"\t"+k]; ok {
			dec[i] = v
		}
	}
	// Cross-validation of every lambda; out-of-fold logits of each, and
	// each fold's parameters (by lambda, then fold). The fits run in
	// parallel (see the decision stage below).
	oofs := make([][]oofLogit, len(o.Lambdas))
	foldXs := make([][][]float64, len(o.Lambdas))
	for k := range o.Lambdas {
		oofs[k] = make([]oofLogit, len(cexs))
		foldXs[k] = make([][]float64, o.Folds)
	}
	parallel(len(o.Lambdas)*o.Folds, func(job int) {
		k, f := job/o.Folds, job%o.Folds
		m := &model{params: lay.Params, lambda: o.Lambdas[k]}
		for _, ex := range cexs {
			if int(ex.group%uint32(o.Folds)) != f {
				m.exs = append(m.exs, ex)
			}
		}
		x := m.start(dec)
		fitModel(m, x, o.Pins)
		foldXs[k][f] = x
		for i := range cexs {
			if int(cexs[i].group%uint32(o.Folds)) == f && len(cexs[i].terms) > 0 {
				f := features(x, &cexs[i])
				zs, zo := logits(x, len(lay.Params), f.Raw)
				oofs[k][i] = oofLogit{zs, zo, f, true}
			}
		}
	})
	for k, lam := range o.Lambdas {
		res.CV = append(res.CV, FoldScores{Lambda: lam, MacroF1: foldF1(cexs, oofs[k], o.Folds, &stance.Decision{})})
	}
	res.Chosen = chooseLambda(res.CV)
	oof := oofs[res.Chosen]
	res.FirstCV = res.CV[res.Chosen]
	var vocab []string
	var df map[string]int
	vidx := map[string]int32{}
	if len(o.ContextLambdas) > 0 {
		vocab, df = contextVocab(exs, o.MinContextItems, o.Pins)
		for i, w := range vocab {
			vidx[w] = int32(i)
		}
		// Every (lambda, fold) fit is independent and writes only its own
		// fold's out-of-fold logits, so they run in parallel and give the
		// same bits in any order (TestTinyGolden fits twice and compares).
		coofs := make([][]oofLogit, len(o.ContextLambdas))
		for k := range coofs {
			coofs[k] = make([]oofLogit, len(cexs))
		}
		inFold := func(f int) func(int) bool {
			return func(i int) bool { return int(cexs[i].group%uint32(o.Folds)) == f }
		}
		parallel(len(o.ContextLambdas)*o.Folds, func(job int) {
			k, f := job/o.Folds, job%o.Folds
			xf := foldXs[res.Chosen][f]
			in := inFold(f)
			train, _ := decisionExamples(exs, cexs, xf, vidx, func(i int) bool { return !in(i) })
			test, at := decisionExamples(exs, cexs, xf, vidx, in)
			w := fitDecision(train, firstDecision(xf, len(lay.Params)), vocab, o.ContextLambdas[k], o.Pins)
			for j := range test {
				zs, zo := decLogits(w, &test[j])
				coofs[k][at[j]] = oofLogit{zs, zo, test[j].f, true}
			}
		})
		for k, lam := range o.ContextLambdas {
			res.ContextCV = append(res.ContextCV, FoldScores{Lambda: lam, MacroF1: foldF1(cexs, coofs[k], o.Folds, &stance.Decision{})})
		}
		res.ContextChosen = chooseLambda(res.ContextCV)
		if beats(res.ContextCV[res.ContextChosen], res.FirstCV) {
			res.UseContext = true
			oof = coofs[res.ContextChosen]
		}
	}
	d := &res.Decision
	d.CalA = 1
	if o.CueRule {
		d.CueThreshold = o.Threshold
	}
	fitShifts(cexs, oof, d)
	pinDecision(d, o.Pins, "support-shift", "oppose-shift")
	res.ShiftedCV = FoldScores{Lambda: o.Lambdas[res.Chosen], MacroF1: foldF1(cexs, oof, o.Folds, d)}
	// The fitted labels replace the hand-set threshold only if they beat it
	// by more than the folds' spread (the one-standard-error rule).
	res.ThresholdCV = FoldScores{Lambda: o.Lambdas[res.Chosen], MacroF1: foldF1(cexs, oof, o.Folds, &stance.Decision{Threshold: o.Threshold})}
	if o.Threshold > 0 && res.ShiftedCV.Mean() <= res.ThresholdCV.Mean()+res.ShiftedCV.Std() {
		d.Threshold, d.SupportShift, d.OpposeShift = o.Threshold, 0, 0
	}
	pinDecision(d, o.Pins, "threshold", "cue-threshold")
	// Calibration on the same out-of-fold predictions: a Platt map of the
	// chosen label's probability, and the share of neutral gold among the
	// targets without contributions.
	fitPlatt(cexs, oof, d)
	pinDecision(d, o.Pins, "cal-a", "cal-b")
	neutral, none := 0, 0
	for i, z := range oof {
		if !z.ok {
			none++
			if cexs[i].label == labelNeutral {
				neutral++
			}
		}
	}
	d.None = (float64(neutral) + 1) / (float64(none) + 3)
	pinDecision(d, o.Pins, "none")
	raw := stance.Decision{SupportShift: d.SupportShift, OpposeShift: d.OpposeShift, CalA: 1, None: d.None}
	for i, z := range oof {
		right := cexs[i].label == labelNeutral
		pk, conf := d.None, d.None
		if z.ok {
			p := stance.Softmax3(z.zs, z.zo)
			k := d.Label(z.f, p)
			right = k == cexs[i].label
			pk, conf = raw.Confidence(p[k]), d.Confidence(p[k])
		}
		res.OOF.Add(pk, right)
		res.OOFCalibrated.Add(conf, right)
	}
	// The final fit on every example.
	m := &model{params: lay.Params, exs: cexs, lambda: o.Lambdas[res.Chosen]}
	x := m.start(dec)
	fitModel(m, x, o.Pins)
	n := len(lay.Params)
	res.Values = x[:n]
	d.Scale, d.Support, d.Oppose = x[n+decScale], x[n+decSupport], x[n+decOppose]
	if res.UseContext {
		des, _ := decisionExamples(exs, cexs, x, vidx, func(int) bool { return true })
		w := fitDecision(des, firstDecision(x, n), vocab, o.ContextLambdas[res.ContextChosen], o.Pins)
		fd := decisionOf(w)
		for _, k := range denseKeys {
			*d.Field(k) = *fd.Field(k)
		}
		_, fixed := decisionStart(fd, vocab, o.Pins)
		for j, word := range vocab {
			res.Context = append(res.Context, ContextWeight{
				Word: word, Support: w[numDense+2*j], Oppose: w[numDense+2*j+1],
				Pinned: [2]bool{fixed[numDense+2*j], fixed[numDense+2*j+1]}, Count: df[word],
			})
		}
	}
	return res
}

// parallel runs job(0) … job(n-1) on up to GOMAXPROCS goroutines and
// waits for them all.
func parallel(n int, job func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for j := range next {
				job(j)
			}
		})
	}
	for j := range n {
		next <- j
	}
	close(next)
	wg.Wait()
}

// firstDecision is the decision of the first stage's vector x (layout size
// n).
func firstDecision(x []float64, n int) stance.Decision {
	return stance.Decision{Scale: x[n+decScale], Support: x[n+decSupport], Oppose: x[n+decOppose]}
}

// beats reports whether a's folds beat b's, fold by fold on the same folds,
// by more than the standard error of their differences: a paired test, so
// that the folds' common ups and downs do not hide a steady gain.
func beats(a, b FoldScores) bool {
	k := len(a.MacroF1)
	if k < 2 || len(b.MacroF1) != k {
		return false
	}
	d := FoldScores{MacroF1: make([]float64, k)}
	for i := range k {
		d.MacroF1[i] = a.MacroF1[i] - b.MacroF1[i]
	}
	return d.Mean() > d.Std()/math.Sqrt(float64(k))
}

// oofLogit is an out-of-fold prediction: the logits, and whether the target
// had contributions at all (without, it is neutral by rule).
type oofLogit struct {
	zs, zo float64
	f      stance.Features // Context aside
	ok     bool
}

// predictLabel is the label d chooses for z.
func predictLabel(d *stance.Decision, z oofLogit) int {
	if !z.ok {
		return labelNeutral
	}
	return d.Label(z.f, stance.Softmax3(z.zs, z.zo))
}

// foldF1 returns the macro-F1 of each fold's out-of-fold predictions.
func foldF1(exs []example, oof []oofLogit, folds int, d *stance.Decision) []float64 {
	conf := make([]eval.Confusion, folds)
	for i, ex := range exs {
		conf[int(ex.group%uint32(folds))].Add(stanceOf(ex.label), stanceOf(predictLabel(d, oof[i])))
	}
	out := make([]float64, folds)
	for f := range conf {
		out[f] = conf[f].MacroF1()
	}
	return out
}

// Shift grid of fitShifts: from shiftMin in steps of shiftStep.
const (
	shiftMin   = -1.0
	shiftStep  = 0.05
	shiftSteps = 41
)

// fitShifts sets the label shifts that maximise the macro-F1 of the
// out-of-fold predictions, by a grid search in a fixed order (the first
// best, nearest zero, wins).
func fitShifts(exs []example, oof []oofLogit, d *stance.Decision) {
	best, bestDist := -1.0, 0.0
	for i := range shiftSteps {
		for j := range shiftSteps {
			c := *d
			c.SupportShift = round(shiftMin + float64(i)*shiftStep)
			c.OpposeShift = round(shiftMin + float64(j)*shiftStep)
			var m eval.Confusion
			for k, ex := range exs {
				m.Add(stanceOf(ex.label), stanceOf(predictLabel(&c, oof[k])))
			}
			f1 := m.MacroF1()
			dist := math.Abs(c.SupportShift) + math.Abs(c.OpposeShift)
			if f1 > best+1e-12 || (math.Abs(f1-best) <= 1e-12 && dist < bestDist) {
				best, bestDist = f1, dist
				d.SupportShift, d.OpposeShift = c.SupportShift, c.OpposeShift
			}
		}
	}
}

// fitPlatt fits CalA, CalB: logistic regression of "the chosen label is
// right" on the logit of its probability, over the out-of-fold predictions
// with contributions.
func fitPlatt(exs []example, oof []oofLogit, d *stance.Decision) {
	var xs []float64
	var ys []bool
	for i, z := range oof {
		if !z.ok {
			continue
		}
		p := stance.Softmax3(z.zs, z.zo)
		k := d.Label(z.f, p)
		pk := min(max(p[k], 1e-9), 1-1e-9)
		xs = append(xs, math.Log(pk/(1-pk)))
		ys = append(ys, k == exs[i].label)
	}
	ab := []float64{1, 0}
	minimize(func(ab, g []float64) float64 {
		f := 0.0
		g[0], g[1] = 0, 0
		for i, x := range xs {
			q := 1 / (1 + math.Exp(-(ab[0]*x + ab[1])))
			y := 0.0
			if ys[i] {
				y = 1
			}
			f -= y*math.Log(max(q, 1e-300)) + (1-y)*math.Log(max(1-q, 1e-300))
			g[0] += (q - y) * x
			g[1] += q - y
		}
		return f
	}, ab, defaultLBFGS)
	d.CalA, d.CalB = ab[0], ab[1]
}

// pinDecision sets the named Decision fields to their pinned values.
func pinDecision(d *stance.Decision, pins map[string]float64, keys ...string) {
	for _, k := range keys {
		if v, ok := pins[KindDecide+"\t"+k]; ok {
			*d.Field(k) = v
		}
	}
}

// fitModel minimises m's objective from x, keeping pinned decision values.
func fitModel(m *model, x []float64, pins map[string]float64) {
	n := len(m.params)
	fixed := [numDecision]bool{}
	for i, k := range [...]string{"scale", "support", "oppose"} {
		_, fixed[i] = pins[KindDecide+"\t"+k]
	}
	f := func(x, g []float64) float64 {
		v := m.eval(x, g)
		for i, fx := range fixed {
			if fx {
				g[n+i] = 0
			}
		}
		return v
	}
	minimize(f, x, defaultLBFGS)
}

// Change is one fitted parameter's distance from its prior, for reports.
type Change struct {
	Param
	Fitted float64
	// Effect is |Fitted - Prior| times the number of contributions.
	Effect float64
}

// TopChanges returns the n parameters that moved furthest from their
// priors, weighted by use.
func (r *Result) TopChanges(n int) []Change {
	var out []Change
	for i, p := range r.Layout.Params {
		if p.Pinned {
			continue
		}
		v := r.Values[i]
		out = append(out, Change{Param: p, Fitted: v, Effect: math.Abs(v-p.Prior) * float64(p.Count)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Effect > out[j].Effect })
	return out[:min(n, len(out))]
}
