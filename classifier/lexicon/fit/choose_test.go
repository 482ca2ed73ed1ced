package fit

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestChooseLambda: the one-standard-error rule takes the strongest
// regularisation within one standard error of the best mean, and a clearly
// better weaker one when the stronger trail by more.
func TestChooseLambda(t *testing.T) {
	t.Parallel()
	fs := func(lam float64, f1 ...float64) FoldScores { return FoldScores{Lambda: lam, MacroF1: f1} }
	tests := []struct {
		name string
		cv   []FoldScores
		want int
	}{
		{"within noise: the strongest", []FoldScores{fs(10, 0.60, 0.62, 0.61, 0.63), fs(100, 0.61, 0.63, 0.62, 0.64), fs(1000, 0.61, 0.63, 0.62, 0.635)}, 2},
		{"a clear best stands", []FoldScores{fs(10, 0.70, 0.71, 0.70, 0.71), fs(100, 0.60, 0.61, 0.60, 0.61)}, 0},
		{"ties go to the stronger", []FoldScores{fs(10, 0.6, 0.6), fs(100, 0.6, 0.6)}, 1},
		{"a weaker one after the best is never chosen", []FoldScores{fs(10, 0.60, 0.60), fs(100, 0.62, 0.62), fs(1000, 0.55, 0.55)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, chooseLambda(tt.cv))
		})
	}
}
