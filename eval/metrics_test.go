package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

const (
	sup = classifier.StanceSupport
	opp = classifier.StanceOppose
	neu = classifier.StanceNeutral
)

func TestConfusionAdd(t *testing.T) {
	t.Parallel()
	var m Confusion
	m.Add(sup, opp)
	m.Add(neu, neu)
	// An unspecified prediction (or gold) counts as neutral: no stance.
	m.Add(opp, classifier.StanceUnspecified)
	want := Confusion{
		{0, 1, 0},
		{0, 0, 1},
		{0, 0, 1},
	}
	assert.Equal(t, want, m)
	assert.Equal(t, 3, m.Total())
}

func TestConfusionScores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		m        Confusion
		accuracy float64
		classes  [3]ClassScore // support, oppose, neutral
		macroF1  float64
	}{
		{
			// Hand-computed: support P 4/6 R 4/5; oppose P 3/4 R 3/6;
			// neutral P 5/8 R 5/7.
			name: "all classes",
			m: Confusion{
				{4, 0, 1},
				{1, 3, 2},
				{1, 1, 5},
			},
			accuracy: 12.0 / 18,
			classes: [3]ClassScore{
				{Precision: 4.0 / 6, Recall: 4.0 / 5, F1: 8.0 / 11, Gold: 5, Predicted: 6},
				{Precision: 3.0 / 4, Recall: 3.0 / 6, F1: 0.6, Gold: 6, Predicted: 4},
				{Precision: 5.0 / 8, Recall: 5.0 / 7, F1: 2.0 / 3, Gold: 7, Predicted: 8},
			},
			macroF1: (8.0/11 + 0.6 + 2.0/3) / 3,
		},
		{
			// Support has gold items but is never predicted: P is 0/0 -> 0,
			// F1 0, and it still counts in the macro average.
			name: "class with gold but no predictions",
			m: Confusion{
				{0, 1, 1},
				{0, 2, 0},
				{0, 1, 3},
			},
			accuracy: 5.0 / 8,
			classes: [3]ClassScore{
				{Precision: 0, Recall: 0, F1: 0, Gold: 2, Predicted: 0},
				{Precision: 2.0 / 4, Recall: 2.0 / 2, F1: 2.0 / 3, Gold: 2, Predicted: 4},
				{Precision: 3.0 / 4, Recall: 3.0 / 4, F1: 0.75, Gold: 4, Predicted: 4},
			},
			macroF1: (0 + 2.0/3 + 0.75) / 3,
		},
		{
			// Neutral is predicted but never gold: R is 0/0 -> 0 and its F1 0
			// counts, so over-predicting an absent class is punished.
			name: "class predicted but never gold",
			m: Confusion{
				{2, 0, 1},
				{0, 1, 0},
				{0, 0, 0},
			},
			accuracy: 3.0 / 4,
			classes: [3]ClassScore{
				{Precision: 1, Recall: 2.0 / 3, F1: 0.8, Gold: 3, Predicted: 2},
				{Precision: 1, Recall: 1, F1: 1, Gold: 1, Predicted: 1},
				{Precision: 0, Recall: 0, F1: 0, Gold: 0, Predicted: 1},
			},
			macroF1: (0.8 + 1 + 0) / 3,
		},
		{
			// Oppose occurs in neither gold nor predictions: it is left out
			// of the average instead of dragging a perfect run to 2/3.
			name: "class absent from gold and predictions",
			m: Confusion{
				{3, 0, 0},
				{0, 0, 0},
				{0, 0, 2},
			},
			accuracy: 1,
			classes: [3]ClassScore{
				{Precision: 1, Recall: 1, F1: 1, Gold: 3, Predicted: 3},
				{},
				{Precision: 1, Recall: 1, F1: 1, Gold: 2, Predicted: 2},
			},
			macroF1: 1,
		},
		{
			// An empty set scores 0 everywhere rather than NaN.
			name: "empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.InDelta(t, tt.accuracy, tt.m.Accuracy(), 1e-12)
			for i, l := range labels {
				got := tt.m.Class(l)
				want := tt.classes[i]
				assert.Equal(t, want.Gold, got.Gold, "%s gold", l)
				assert.Equal(t, want.Predicted, got.Predicted, "%s predicted", l)
				assert.InDelta(t, want.Precision, got.Precision, 1e-12, "%s precision", l)
				assert.InDelta(t, want.Recall, got.Recall, 1e-12, "%s recall", l)
				assert.InDelta(t, want.F1, got.F1, 1e-12, "%s F1", l)
			}
			assert.InDelta(t, tt.macroF1, tt.m.MacroF1(), 1e-12)
		})
	}
}

func TestRelationCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		c        RelationCounts
		p, r, f1 float64
	}{
		{name: "mixed", c: RelationCounts{TP: 2, FP: 2, FN: 4}, p: 0.5, r: 1.0 / 3, f1: 0.4},
		{name: "perfect", c: RelationCounts{TP: 3}, p: 1, r: 1, f1: 1},
		// Nothing predicted and nothing to find: 0/0 ratios are 0, not NaN.
		{name: "empty", c: RelationCounts{}},
		// Only false positives: recall is 0/0 -> 0.
		{name: "only spurious", c: RelationCounts{FP: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.InDelta(t, tt.p, tt.c.Precision(), 1e-12)
			assert.InDelta(t, tt.r, tt.c.Recall(), 1e-12)
			assert.InDelta(t, tt.f1, tt.c.F1(), 1e-12)
		})
	}

	sum := RelationCounts{TP: 1, FP: 2, FN: 3}
	sum.Add(RelationCounts{TP: 10, FP: 20, FN: 30})
	assert.Equal(t, RelationCounts{TP: 11, FP: 22, FN: 33}, sum)
}

func TestScoreRelations(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{"a": true, "b": true, "c": true}
	rel := func(h, tg string, s classifier.Stance) classifier.Relation {
		return classifier.Relation{HolderID: h, TargetID: tg, Stance: s}
	}
	tests := []struct {
		name     string
		gold     []Triple
		pred     []classifier.Relation
		want     RelationCounts
		spurious []Triple
		missed   []Triple
	}{
		{
			name: "exact match",
			gold: []Triple{{"a", "b", opp}},
			pred: []classifier.Relation{rel("a", "b", opp)},
			want: RelationCounts{TP: 1},
		},
		{
			// The right pair with the wrong label is one FP and one FN.
			name:     "wrong label",
			gold:     []Triple{{"a", "b", opp}},
			pred:     []classifier.Relation{rel("a", "b", sup)},
			want:     RelationCounts{FP: 1, FN: 1},
			spurious: []Triple{{"a", "b", sup}},
			missed:   []Triple{{"a", "b", opp}},
		},
		{
			// Direction matters: b -> a is another relation.
			name:     "reversed pair",
			gold:     []Triple{{"a", "b", sup}},
			pred:     []classifier.Relation{rel("b", "a", sup)},
			want:     RelationCounts{FP: 1, FN: 1},
			spurious: []Triple{{"b", "a", sup}},
			missed:   []Triple{{"a", "b", sup}},
		},
		{
			// Gold neutral means "no non-neutral relation for the pair": a
			// prediction there is a false positive, silence is no miss.
			name:     "gold neutral with a prediction",
			gold:     []Triple{{"a", "b", neu}},
			pred:     []classifier.Relation{rel("a", "b", sup)},
			want:     RelationCounts{FP: 1},
			spurious: []Triple{{"a", "b", sup}},
		},
		{
			name: "gold neutral with no prediction",
			gold: []Triple{{"a", "b", neu}},
			want: RelationCounts{},
		},
		{
			// A predicted neutral relation asserts nothing, on a neutral
			// gold pair or elsewhere.
			name: "predicted neutral ignored",
			gold: []Triple{{"a", "b", neu}},
			pred: []classifier.Relation{rel("a", "b", neu), rel("b", "c", neu), rel("a", "c", classifier.StanceUnspecified)},
			want: RelationCounts{},
		},
		{
			// The classifier may report a relation twice (two cues); the
			// triple is scored once.
			name: "duplicate prediction",
			gold: []Triple{{"a", "b", opp}},
			pred: []classifier.Relation{rel("a", "b", opp), rel("a", "b", opp)},
			want: RelationCounts{TP: 1},
		},
		{
			// Gazetteer actors the item does not list cannot be judged.
			name:   "unlisted actors skipped",
			gold:   []Triple{{"a", "b", opp}},
			pred:   []classifier.Relation{rel("a", "country/RUS", opp), rel("org/eu", "b", sup)},
			want:   RelationCounts{FN: 1},
			missed: []Triple{{"a", "b", opp}},
		},
		{
			name:     "empty gold",
			pred:     []classifier.Relation{rel("c", "a", sup)},
			want:     RelationCounts{FP: 1},
			spurious: []Triple{{"c", "a", sup}},
		},
		{
			name: "nothing at all",
			want: RelationCounts{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, ScoreRelations(tt.gold, tt.pred, listed))
			tp, fp, fn := diffRelations(tt.gold, tt.pred, listed)
			assert.Equal(t, tt.want.TP, tp)
			assert.Equal(t, tt.spurious, fp)
			assert.Equal(t, tt.missed, fn)
		})
	}
}
