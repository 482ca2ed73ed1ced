package eval

import "github.com/stancetag/stancetag/classifier"

// labels are the target labels in the order of Confusion's rows and columns.
var labels = [3]classifier.Stance{classifier.StanceSupport, classifier.StanceOppose, classifier.StanceNeutral}

// index returns the row/column of s in a Confusion. Anything but support or
// oppose counts as neutral: an actor the classifier leaves out, or reports
// with an unspecified stance, expresses no stance.
func index(s classifier.Stance) int {
	switch s {
	case classifier.StanceSupport:
		return 0
	case classifier.StanceOppose:
		return 1
	default:
		return 2
	}
}

// Confusion counts target decisions: rows are gold labels, columns predicted
// labels, both in the order support, oppose, neutral.
type Confusion [3][3]int

// Add counts one decision. Labels other than support and oppose count as
// neutral.
func (m *Confusion) Add(gold, pred classifier.Stance) { m[index(gold)][index(pred)]++ }

// Total is the number of decisions counted.
func (m Confusion) Total() int {
	n := 0
	for _, row := range m {
		for _, c := range row {
			n += c
		}
	}
	return n
}

// Accuracy is the share of decisions on the diagonal, in [0, 1]; 0 when
// nothing was counted.
func (m Confusion) Accuracy() float64 {
	right := 0
	for i := range m {
		right += m[i][i]
	}
	return ratio(right, m.Total())
}

// ClassScore is precision, recall and F1 of one label, each in [0, 1].
// A ratio with a zero denominator is 0 (the scikit-learn convention).
type ClassScore struct {
	Precision, Recall, F1 float64
	// Gold and Predicted count the decisions with this gold or predicted
	// label.
	Gold, Predicted int
}

// Class returns the scores of label s (support, oppose or neutral).
func (m Confusion) Class(s classifier.Stance) ClassScore {
	k := index(s)
	var cs ClassScore
	for i := range m {
		cs.Gold += m[k][i]
		cs.Predicted += m[i][k]
	}
	cs.Precision = ratio(m[k][k], cs.Predicted)
	cs.Recall = ratio(m[k][k], cs.Gold)
	cs.F1 = f1(cs.Precision, cs.Recall)
	return cs
}

// MacroF1 is the unweighted mean F1 over the labels that occur in the gold
// or the predictions (as scikit-learn's f1_score(average="macro") without an
// explicit label list). A label with gold items but no predictions scores
// F1 0 and counts; a label absent from both does not. 0 when nothing was
// counted.
func (m Confusion) MacroF1() float64 {
	sum, n := 0.0, 0
	for _, l := range labels {
		cs := m.Class(l)
		if cs.Gold == 0 && cs.Predicted == 0 {
			continue
		}
		sum += cs.F1
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// RelationCounts counts relation triples (holder, target, label) over
// non-neutral labels.
type RelationCounts struct {
	// TP: predicted and gold. FP: predicted, not gold (including a
	// non-neutral prediction for a pair whose gold is neutral). FN: gold,
	// not predicted.
	TP, FP, FN int
}

// Add adds o's counts to c.
func (c *RelationCounts) Add(o RelationCounts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// Precision is TP / (TP + FP), 0 when nothing was predicted.
func (c RelationCounts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), 0 when the gold has no non-neutral relation.
func (c RelationCounts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of Precision and Recall, 0 when both are 0.
func (c RelationCounts) F1() float64 { return f1(c.Precision(), c.Recall()) }

// ScoreRelations compares one item's gold relations with the predicted ones.
// Gold neutral relations add no triple: for such a pair the gold says "no
// non-neutral relation", so any non-neutral prediction there is a false
// positive. Predicted neutral relations are ignored, duplicates count once,
// and predictions whose holder or target is not in listed (the item's actor
// ids) are skipped: the gold says nothing about actors it does not list,
// such as gazetteer actors the classifier found on its own.
func ScoreRelations(gold []Triple, pred []classifier.Relation, listed map[string]bool) RelationCounts {
	tp, fp, fn := diffRelations(gold, pred, listed)
	return RelationCounts{TP: tp, FP: len(fp), FN: len(fn)}
}

// diffRelations is ScoreRelations with the wrong triples spelled out: fp in
// prediction order, fn in gold order.
func diffRelations(gold []Triple, pred []classifier.Relation, listed map[string]bool) (tp int, fp, fn []Triple) {
	want := make(map[Triple]bool, len(gold))
	for _, g := range gold {
		if isPolar(g.Label) {
			want[g] = true
		}
	}
	got := make(map[Triple]bool, len(pred))
	for _, p := range pred {
		if !isPolar(p.Stance) || !listed[p.HolderID] || !listed[p.TargetID] {
			continue
		}
		t := Triple{HolderID: p.HolderID, TargetID: p.TargetID, Label: p.Stance}
		if got[t] {
			continue
		}
		got[t] = true
		if want[t] {
			tp++
		} else {
			fp = append(fp, t)
		}
	}
	for _, g := range gold {
		if want[g] && !got[g] {
			fn = append(fn, g)
		}
	}
	return tp, fp, fn
}

// isPolar reports whether s is support or oppose.
func isPolar(s classifier.Stance) bool {
	return s == classifier.StanceSupport || s == classifier.StanceOppose
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
