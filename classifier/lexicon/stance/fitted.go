package stance

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// FittedFile holds the weights that `stancetag fit` learns from labelled
// news (package classifier/lexicon/fit). It is optional: without it the
// hand-set weights and the threshold decision of Params apply.
const FittedFile = "stance/fitted.tsv"

// Kinds of FittedFile rows that hold context words (context.go).
const (
	KindContextSupport = "context-support"
	KindContextOppose  = "context-oppose"
)

// PinMarker in the fifth field of a fitted.tsv row pins it: the trainer keeps
// its value as written instead of fitting it.
const PinMarker = "pin"

// Via says how a sentiment or portrayal word reaches the mention it counts
// toward: its distance bucket and whether it sits in another clause, across
// a quote boundary, or in a predicate of the actor. The fitted layer weighs
// each Via on its own (fitted.tsv rows "via").
type Via uint8

// Bits and distance buckets of Via.
const (
	ViaOtherClause Via = 1 << 2 // outside the mention's clause
	ViaOtherQuote  Via = 1 << 3 // across a quote boundary
	ViaPredicate   Via = 1 << 4 // predicated of the actor ("X is corrupt")
	viaDistMask    Via = 3
	// NumVia is the number of distinct Via values.
	NumVia = 32
)

// viaDistLimits are the largest token distances of the first three distance
// buckets; the fourth holds the rest.
var viaDistLimits = [...]int32{2, 6, 15}

var viaDistNames = [...]string{"d0-2", "d3-6", "d7-15", "d16+"}

// MakeVia returns the Via of a word d tokens from the mention.
func MakeVia(d int32, otherClause, otherQuote, predicate bool) Via {
	v := Via(len(viaDistLimits))
	for i, lim := range viaDistLimits {
		if d <= lim {
			v = Via(i)
			break
		}
	}
	if otherClause {
		v |= ViaOtherClause
	}
	if otherQuote {
		v |= ViaOtherQuote
	}
	if predicate {
		v |= ViaPredicate
	}
	return v
}

// String names v as fitted.tsv does: the distance bucket, then the flags,
// joined by "+" ("d3-6+other-clause").
func (v Via) String() string {
	s := viaDistNames[v&viaDistMask]
	if v&ViaOtherClause != 0 {
		s += "+other-clause"
	}
	if v&ViaOtherQuote != 0 {
		s += "+other-quote"
	}
	if v&ViaPredicate != 0 {
		s += "+predicate"
	}
	return s
}

// ParseVia is the inverse of Via.String.
func ParseVia(s string) (Via, bool) {
	for v := Via(0); v < NumVia; v++ {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// ParseRule is the inverse of Rule.String.
func ParseRule(s string) (Rule, bool) {
	for r := Rule(1); int(r) < NumRules; r++ {
		if ruleNames[r] == s {
			return r, true
		}
	}
	return 0, false
}

// CueKey names cue i in fitted.tsv: "text/pos/frame" ("condemn/verb/svo").
func (l *Lexicon) CueKey(i int32) string {
	c := &l.cues[i]
	pos := ""
	for k, v := range posNames {
		if v == c.POS {
			pos = k
		}
	}
	return c.Text + "/" + pos + "/" + c.Frame.String()
}

// Decision is the fitted decision of a target's stance from its Features.
// With s = raw/√(raw² + DecisionSaturation), and q(x) = x/√(x² +
// DecisionSaturation) of the four parts of the raw sum (positive and
// negative, of words and of cues), the logits
//
//	support:  Scale·s + Support + Σ part weight·q(part) + context support
//	oppose:  −Scale·s + Oppose  + Σ part weight·q(part) + context oppose
//	neutral:  0
//
// give the labels' probabilities p (the part weights are PosSupport …
// CueNegOppose; the context terms: context.go). The label is the one with
// the largest log p plus its shift (SupportShift, OpposeShift, 0 for
// neutral: shifts trade accuracy for macro-F1), and the confidence is the
// probability that it is right: σ(CalA·logit(p_label) + CalB), a Platt map
// fitted on out-of-fold predictions. The score is p_support − p_oppose of
// the shifted probabilities (p times e^shift, normalised) when the label is
// not neutral, else 0. A target without any contribution is neutral with
// confidence None. The hand-set rule gives the label and the score instead
// (|s| below the threshold is neutral, else the label of s's sign, score
// s), and only the confidence comes from p: for every target, over the raw
// sum, when Threshold > 0 (the trainer keeps that rule unless the fitted
// labels beat it in cross-validation by more than the folds' spread); for
// a target that a cue reaches, over the cues' sum alone, when CueThreshold
// > 0 (handSet).
type Decision struct {
	Scale, Support, Oppose      float64
	PosSupport, PosOppose       float64
	NegSupport, NegOppose       float64
	CuePosSupport, CuePosOppose float64
	CueNegSupport, CueNegOppose float64
	SupportShift, OpposeShift   float64
	CalA, CalB                  float64
	None                        float64
	Threshold                   float64
	CueThreshold                float64
}

// DecisionSaturation squashes raw sums for the Decision, as
// Params.Saturation does for the hand-set threshold.
const DecisionSaturation = 0.3

// Squash maps a raw sum into (-1, 1) and returns the derivative there too.
func Squash(raw float64) (s, ds float64) {
	q := raw*raw + DecisionSaturation
	sq := math.Sqrt(q)
	return raw / sq, DecisionSaturation / (q * sq)
}

// Features are what the Decision reads of a target: the sum of its
// contributions (Raw); the sums of the positive and of the negative
// contributions of sentiment and portrayal words (Pos, Neg >= 0) and of
// cues (CuePos, CueNeg >= 0); and what its context words add (zero
// without them).
type Features struct {
	Raw            float64
	Pos, Neg       float64
	CuePos, CueNeg float64
	Context        ContextLogits
}

// AddPart adds a contribution of weight w, a cue's or a word's, to the
// part of f it belongs to (Raw is summed apart); the one rule of the parts,
// for the engine's Aggregate and for the trainer.
func (f *Features) AddPart(cue bool, w float64) {
	switch {
	case cue && w < 0:
		f.CueNeg -= w
	case cue:
		f.CuePos += w
	case w < 0:
		f.Neg -= w
	default:
		f.Pos += w
	}
}

// Logits returns the support and oppose logits of f (neutral's is 0).
func (d *Decision) Logits(f Features) (zs, zo float64) {
	s, _ := Squash(f.Raw)
	zs, zo = d.Scale*s+d.Support+f.Context.Support, -d.Scale*s+d.Oppose+f.Context.Oppose
	for _, t := range [...]struct{ x, s, o float64 }{
		{f.Pos, d.PosSupport, d.PosOppose},
		{f.Neg, d.NegSupport, d.NegOppose},
		{f.CuePos, d.CuePosSupport, d.CuePosOppose},
		{f.CueNeg, d.CueNegSupport, d.CueNegOppose},
	} {
		if t.x != 0 {
			q, _ := Squash(t.x)
			zs, zo = zs+t.s*q, zo+t.o*q
		}
	}
	return zs, zo
}

// Softmax3 returns the probabilities of support, oppose and neutral for
// logits zs, zo and 0.
func Softmax3(zs, zo float64) [3]float64 {
	m := max(zs, zo, 0)
	es, eo, en := math.Exp(zs-m), math.Exp(zo-m), math.Exp(-m)
	sum := es + eo + en
	return [3]float64{es / sum, eo / sum, en / sum}
}

// Label returns the index (0 support, 1 oppose, 2 neutral) of the label
// chosen for the raw sum raw with probabilities p.
func (d *Decision) Label(f Features, p [3]float64) int {
	if t, raw := d.handSet(f); t > 0 {
		s, _ := Squash(raw)
		switch {
		case s >= t:
			return 0
		case s <= -t:
			return 1
		}
		return 2
	}
	ls := math.Log(max(p[0], 1e-300)) + d.SupportShift
	lo := math.Log(max(p[1], 1e-300)) + d.OpposeShift
	ln := math.Log(max(p[2], 1e-300))
	switch {
	case ls > lo && ls > ln:
		return 0
	case lo > ln && lo >= ls:
		return 1
	}
	return 2
}

// handSet returns the threshold and the sum of the hand-set rule when it
// gives the label of a target with features f: Threshold and the raw sum,
// else for a target a cue reaches CueThreshold and the cues' sum alone, else
// 0, 0 (the fitted labels). The sentiment words around a target that a cue
// reaches describe the situation ("Kenya sided with Ethiopia in the
// dispute"), and the cue says the stance: on our own sets the cues' sum
// alone turned 19 target labels right and none wrong against the raw sum,
// for 0.002 of NewsMTSC train-CV, whose labels are sentiment rather than
// stance (README, "Fitted weights").
func (d *Decision) handSet(f Features) (threshold, raw float64) {
	if d.Threshold > 0 {
		return d.Threshold, f.Raw
	}
	if d.CueThreshold > 0 && f.CuePos+f.CueNeg > 0 {
		return d.CueThreshold, f.CuePos - f.CueNeg
	}
	return 0, 0
}

// Confidence maps the probability p of the chosen label to the calibrated
// probability that it is right.
func (d *Decision) Confidence(p float64) float64 {
	p = min(max(p, 1e-9), 1-1e-9)
	return 1 / (1 + math.Exp(-(d.CalA*math.Log(p/(1-p)) + d.CalB)))
}

var decisionStances = [3]classifier.Stance{classifier.StanceSupport, classifier.StanceOppose, classifier.StanceNeutral}

// Decide returns the stance, score and confidence of a target with
// features f (f.Raw not 0).
func (d *Decision) Decide(f Features) (classifier.Stance, float32, float32) {
	p := Softmax3(d.Logits(f))
	k := d.Label(f, p)
	score := float32(0)
	if k != 2 {
		if t, raw := d.handSet(f); t > 0 {
			s, _ := Squash(raw) // the hand-set rule's score
			score = float32(s)
		} else {
			// The polar difference of the shifted probabilities, whose
			// order chose the label, so that the score has the label's
			// sign.
			es, eo := p[0]*math.Exp(d.SupportShift), p[1]*math.Exp(d.OpposeShift)
			score = float32((es - eo) / (es + eo + p[2]))
		}
	}
	return decisionStances[k], score, float32(d.Confidence(p[k]))
}

// DecisionKeys are the keys of the "decide" rows of FittedFile, in order.
var DecisionKeys = [...]string{"scale", "support", "oppose", "pos-support", "pos-oppose", "neg-support", "neg-oppose", "cue-pos-support", "cue-pos-oppose", "cue-neg-support", "cue-neg-oppose", "support-shift", "oppose-shift", "cal-a", "cal-b", "none", "threshold", "cue-threshold"}

// Field returns a pointer to the field named by a DecisionKeys key, or nil.
func (d *Decision) Field(key string) *float64 {
	switch key {
	case "scale":
		return &d.Scale
	case "support":
		return &d.Support
	case "oppose":
		return &d.Oppose
	case "pos-support":
		return &d.PosSupport
	case "pos-oppose":
		return &d.PosOppose
	case "neg-support":
		return &d.NegSupport
	case "neg-oppose":
		return &d.NegOppose
	case "cue-pos-support":
		return &d.CuePosSupport
	case "cue-pos-oppose":
		return &d.CuePosOppose
	case "cue-neg-support":
		return &d.CueNegSupport
	case "cue-neg-oppose":
		return &d.CueNegOppose
	case "support-shift":
		return &d.SupportShift
	case "oppose-shift":
		return &d.OpposeShift
	case "cal-a":
		return &d.CalA
	case "cal-b":
		return &d.CalB
	case "none":
		return &d.None
	case "threshold":
		return &d.Threshold
	case "cue-threshold":
		return &d.CueThreshold
	}
	return nil
}

// Fit is the fitted layer of a Lexicon, read from FittedFile. Multipliers
// are 1 for what the file does not name.
type Fit struct {
	Decision Decision
	via      [NumVia]float32
	rule     [NumRules]float32
	cue      []float32               // by cue index
	context  map[uint64]contextEntry // context words by tokenize.FoldHash
}

// Via returns the multiplier of sentiment and portrayal words reaching a
// mention by v.
func (f *Fit) Via(v Via) float32 { return f.via[v] }

// TargetWeight is what a cue contribution of weight w counts toward its
// target's stance: w times the cue's and the rule's fitted multipliers.
// Relations count w itself.
func (f *Fit) TargetWeight(cue int32, r Rule, w float32) float32 {
	if cue < 0 || int(cue) >= len(f.cue) {
		return w
	}
	return w * f.cue[cue] * f.rule[r]
}

// Fit returns the fitted layer, or nil when the data has no FittedFile.
func (l *Lexicon) Fit() *Fit { return l.fit }

// TargetWeight is what contribution c counts toward its target's stance:
// its PatientWeight, with the fitted cue and rule multipliers for a cue.
func (l *Lexicon) TargetWeight(c *Contribution) float32 {
	w := l.PatientWeight(c)
	if l.fit == nil || c.Cue < 0 {
		return w
	}
	return l.fit.TargetWeight(c.Cue, c.Rule, w)
}

// PatientWeight is contribution c's Weight toward its target's stance
// before the fitted multipliers: for a cue, times its patient= multiplier
// (Cue.Patient), unless it portrays the act's doer.
func (l *Lexicon) PatientWeight(c *Contribution) float32 {
	if c.Cue < 0 || c.Doer {
		return c.Weight
	}
	return c.Weight * l.cues[c.Cue].Patient
}

// FittedRow is one row of FittedFile: kind (decide, via, rule, cue, word,
// portray, context-support, context-oppose), key, value and whether it is pinned.
type FittedRow struct {
	Kind, Key string
	Value     float64
	Pinned    bool
	// Line is the row's line in the file.
	Line int
}

// ReadFitted parses FittedFile from fsys; a missing file gives no rows and
// no error. Rows are checked for form only (Load checks their keys).
func ReadFitted(fsys fs.FS) ([]FittedRow, error) {
	if _, err := fs.Stat(fsys, FittedFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var rows []FittedRow
	line := 0
	err := eachLineN(fsys, FittedFile, func(n int, f []string) error {
		line = n
		if len(f) != 3 && len(f) != 4 {
			return fmt.Errorf("want 3 or 4 tab-separated fields (kind, key, value, [%s]), got %d", PinMarker, len(f))
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxFitted {
			return fmt.Errorf("value %q must be a number in [-%g, %g]", f[2], float64(maxFitted), float64(maxFitted))
		}
		r := FittedRow{Kind: f[0], Key: f[1], Value: v, Line: line}
		if len(f) == 4 {
			if f[3] != PinMarker {
				return fmt.Errorf("fourth field must be %q, got %q", PinMarker, f[3])
			}
			r.Pinned = true
		}
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

// maxFitted bounds the magnitude of any fitted value.
const maxFitted = 100

// loadFitted reads FittedFile, when present, into l.fit; it runs after the
// cues and portrayal words are loaded and before index. Its "word" rows set
// the multiplier of a word's target-stance valence (l.fitWords), "portray"
// rows add or replace portrayal words.
func (l *Lexicon) loadFitted(fsys fs.FS) error {
	rows, err := ReadFitted(fsys)
	if err != nil || rows == nil {
		return err
	}
	f := &Fit{Decision: Decision{Scale: 1, CalA: 1, None: 1}, cue: make([]float32, len(l.cues))}
	for i := range f.via {
		f.via[i] = 1
	}
	for i := range f.rule {
		f.rule[i] = 1
	}
	for i := range f.cue {
		f.cue[i] = 1
	}
	cueIdx := make(map[string]int32, len(l.cues))
	for i := range l.cues {
		cueIdx[l.CueKey(int32(i))] = int32(i)
	}
	l.fitWords = map[string]float32{}
	for _, r := range rows {
		bad := func(what string) error {
			return &ParseError{Path: FittedFile, Line: r.Line, Msg: fmt.Sprintf("%s %q", what, r.Key)}
		}
		v32 := float32(r.Value)
		switch r.Kind {
		case "decide":
			fp := f.Decision.Field(r.Key)
			if fp == nil {
				return bad("unknown decide key")
			}
			*fp = r.Value
		case "via":
			v, ok := ParseVia(r.Key)
			if !ok {
				return bad("unknown via")
			}
			f.via[v] = v32
		case "rule":
			ru, ok := ParseRule(r.Key)
			if !ok {
				return bad("unknown rule")
			}
			f.rule[ru] = v32
		case "cue":
			i, ok := cueIdx[r.Key]
			if !ok {
				return bad("unknown cue (text/pos/frame of cues.tsv)")
			}
			f.cue[i] = v32
		case "word":
			if r.Key == "" || strings.ToLower(r.Key) != r.Key {
				return bad("word must be lower-case:")
			}
			l.fitWords[r.Key] = v32
		case KindContextSupport, KindContextOppose:
			if r.Key == "" || strings.ToLower(r.Key) != r.Key || strings.ContainsAny(r.Key, " \t") {
				return bad("context word must be one lower-case word:")
			}
			if f.context == nil {
				f.context = map[uint64]contextEntry{}
			}
			h := tokenize.FoldHash([]byte(r.Key))
			e := f.context[h]
			if e.word != "" && e.word != r.Key {
				return bad("context word's fold hash collides with " + e.word + ":")
			}
			e.word = r.Key
			if r.Kind == KindContextSupport {
				e.Support = r.Value
			} else {
				e.Oppose = r.Value
			}
			f.context[h] = e
		case "portray":
			if r.Key == "" || strings.ToLower(r.Key) != r.Key {
				return bad("word must be lower-case:")
			}
			l.portrayal[r.Key] = v32
		default:
			return &ParseError{Path: FittedFile, Line: r.Line, Msg: fmt.Sprintf("unknown kind %q (want decide, via, rule, cue, word, portray, context-support or context-oppose)", r.Kind)}
		}
	}
	l.fit = f
	return nil
}
