package fit

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// Header is what the first lines of fitted.tsv say about a fit.
type Header struct {
	// Data describes each training file ("path (N items, sha256 …)").
	Data []string
	// Command is the command that wrote the file; Date its day (YYYY-MM-DD).
	Command, Date string
}

// digits is the number of decimals written.
const digits = 4

// minChange is the least distance from its prior a fitted multiplier or
// new portrayal weight needs to be written: smaller ones change no
// decision, and the file stays readable.
const minChange = 0.01

func format(v float64) string { return strconv.FormatFloat(v, 'f', digits, 64) }

// round is v as written and read back.
func round(v float64) float64 {
	r, _ := strconv.ParseFloat(format(v), 64)
	return r
}

var sectionNotes = map[string]string{
	KindDecide:  "decision (stance.Decision): s = raw/sqrt(raw²+0.3), q(x) = x/sqrt(x²+0.3); logits scale·s + support + Σ part·q(part) + context, −scale·s + oppose + Σ part·q(part) + context, 0 (neutral), over the four parts of raw (pos, neg: the positive and negative words' sums; cue-pos, cue-neg: the cues'); label = max log p + shift; confidence = σ(cal-a·logit(p) + cal-b); none = confidence of a target without contributions; threshold > 0: the label is the hand-set rule's (|s| < threshold neutral), cue-threshold > 0: so for targets a cue reaches, over the cues' sum alone",
	KindVia:     "multiplier of sentiment and portrayal words by how they reach the mention (distance in tokens, other clause, across a quote, predicate)",
	KindRule:    "multiplier of cue contributions toward targets by the engine's rule (relations keep the cue's own weight)",
	KindCue:     "multiplier of a cue's weight toward targets (cue text/pos/frame of cues.tsv)",
	KindWord:    "multiplier of a sentiment or portrayal word's valence toward targets (not sentence sentiment)",
	KindPortray: "new portrayal words: weight as in portrayal.tsv (times PortrayalWeight)",
}

// contextNote heads the context rows.
const contextNote = "what a word of the sentences that mention a target, outside the actor mentions and not capitalised inside the sentence, adds to the target's support and oppose logits, times 1/(sentences that mention the target); read only for targets with contributions (stance/context.go)"

// Write writes the fitted layer as fitted.tsv: header comments, then rows
// kind<TAB>key<TAB>value[<TAB>pin], in a fixed order.
func Write(w io.Writer, h Header, r *Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Fitted weights of the stance lexicon, written by `stancetag fit` (README.md, \"Fitted weights\").\n")
	fmt.Fprintf(bw, "# kind<TAB>key<TAB>value[<TAB>%s]. Edit a value only with the fourth field %q: the trainer keeps pinned rows as written.\n", stance.PinMarker, stance.PinMarker)
	for _, d := range h.Data {
		fmt.Fprintf(bw, "# data: %s\n", d)
	}
	fmt.Fprintf(bw, "# command: %s\n", h.Command)
	fmt.Fprintf(bw, "# date: %s\n", h.Date)
	cv := r.CV[r.Chosen]
	fmt.Fprintf(bw, "# lambda: %g of", cv.Lambda)
	for _, s := range r.CV {
		fmt.Fprintf(bw, " %g", s.Lambda)
	}
	fmt.Fprintf(bw, ", chosen by %d-fold cross-validation on the data: macro-F1 %.4f ± %.4f (mean ± sd over folds)\n", len(cv.MacroF1), cv.Mean(), cv.Std())
	if len(r.ContextCV) > 0 {
		c := r.ContextCV[r.ContextChosen]
		fmt.Fprintf(bw, "# decision stage: context lambda %g of", c.Lambda)
		for _, s := range r.ContextCV {
			fmt.Fprintf(bw, " %g", s.Lambda)
		}
		fmt.Fprintf(bw, ": macro-F1 %.4f ± %.4f, against %.4f ± %.4f without it; used: %t\n", c.Mean(), c.Std(), r.FirstCV.Mean(), r.FirstCV.Std(), r.UseContext)
	}
	fmt.Fprintf(bw, "# hand-set threshold labels: macro-F1 %.4f ± %.4f; fitted labels with shifts: %.4f ± %.4f; calibration: out-of-fold ECE %.4f uncalibrated, %.4f calibrated\n", r.ThresholdCV.Mean(), r.ThresholdCV.Std(), r.ShiftedCV.Mean(), r.ShiftedCV.Std(), r.OOF.ECE(), r.OOFCalibrated.ECE())
	pinned := map[string]bool{}
	for _, p := range r.Layout.Params {
		if p.Pinned {
			pinned[p.Kind+"\t"+p.Key] = true
		}
	}
	row := func(kind, key string, v float64) {
		fmt.Fprintf(bw, "%s\t%s\t%s", kind, key, format(v))
		if pinned[kind+"\t"+key] {
			fmt.Fprintf(bw, "\t%s", stance.PinMarker)
		}
		bw.WriteByte('\n')
	}
	fmt.Fprintf(bw, "# --- %s: %s\n", KindDecide, sectionNotes[KindDecide])
	for _, k := range stance.DecisionKeys {
		if _, ok := r.pins[KindDecide+"\t"+k]; ok {
			pinned[KindDecide+"\t"+k] = true
		}
		row(KindDecide, k, *r.Decision.Field(k))
	}
	kind := KindDecide
	for i, p := range r.Layout.Params {
		v := r.Values[i]
		if !p.Pinned && math.Abs(round(v)-p.Prior) < minChange {
			continue
		}
		if p.Kind != kind {
			kind = p.Kind
			fmt.Fprintf(bw, "# --- %s: %s\n", kind, sectionNotes[kind])
		}
		row(p.Kind, p.Key, v)
	}
	if len(r.Context) > 0 {
		fmt.Fprintf(bw, "# --- context: %s\n", contextNote)
	}
	for _, c := range r.Context {
		for i, kind := range [2]string{stance.KindContextSupport, stance.KindContextOppose} {
			v := [2]float64{c.Support, c.Oppose}[i]
			if c.Pinned[i] {
				pinned[kind+"\t"+c.Word] = true
			} else if math.Abs(round(v)) < minChange {
				continue
			}
			row(kind, c.Word, v)
		}
	}
	return bw.Flush()
}

// Pins returns the pinned rows of a fitted.tsv, for Options.Pins.
func Pins(rows []stance.FittedRow) map[string]float64 {
	pins := map[string]float64{}
	for _, r := range rows {
		if r.Pinned {
			pins[r.Kind+"\t"+r.Key] = r.Value
		}
	}
	return pins
}
