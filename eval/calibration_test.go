package eval

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReliability checks bins and the expected calibration error on
// hand-computed cases.
func TestReliability(t *testing.T) {
	t.Parallel()
	type pred struct {
		conf  float64
		right bool
	}
	tests := []struct {
		name  string
		preds []pred
		bins  map[int]Bin // the non-empty bins
		ece   float64
	}{
		{name: "empty", ece: 0},
		{name: "perfect", preds: []pred{{0.75, true}, {0.75, true}, {0.75, true}, {0.75, false}},
			bins: map[int]Bin{7: {Count: 4, ConfSum: 3, Right: 3}}, ece: 0},
		{name: "overconfident", preds: []pred{{0.95, true}, {0.95, false}},
			bins: map[int]Bin{9: {Count: 2, ConfSum: 1.9, Right: 1}}, ece: 0.45},
		// 1 falls in the last bin, 0 and NaN in the first.
		{name: "edges", preds: []pred{{1, true}, {0, false}, {math.NaN(), false}},
			bins: map[int]Bin{9: {Count: 1, ConfSum: 1, Right: 1}, 0: {Count: 2, ConfSum: 0}}, ece: 0},
		{name: "two bins weighted by count", preds: []pred{{0.55, true}, {0.55, true}, {0.55, true}, {0.85, false}},
			bins: map[int]Bin{5: {Count: 3, ConfSum: 1.65, Right: 3}, 8: {Count: 1, ConfSum: 0.85}},
			ece:  0.75*0.45 + 0.25*0.85},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r Reliability
			for _, p := range tt.preds {
				r.Add(p.conf, p.right)
			}
			for i, b := range r.Bins {
				want := tt.bins[i]
				assert.Equal(t, want.Count, b.Count, "bin %d count", i)
				assert.Equal(t, want.Right, b.Right, "bin %d right", i)
				assert.InDelta(t, want.ConfSum, b.ConfSum, 1e-9, "bin %d confidence", i)
			}
			assert.Equal(t, len(tt.preds), r.Total())
			assert.InDelta(t, tt.ece, r.ECE(), 1e-9)
		})
	}
}
