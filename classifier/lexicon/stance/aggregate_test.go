package stance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// TestAggregateRelations checks the relation table on many holder-target
// pairs (enough to grow it several times): each relation sums its own
// contributions, comes in order of its first one, and RelationOf points
// every contribution at its relation, or at none for sentiment, self and
// holderless contributions and for relations too weak to report.
func TestAggregateRelations(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	const n = 60
	var contribs []Contribution
	for round := range 2 {
		for h := range int32(n) {
			for d := int32(1); d <= 3; d++ {
				tg := (h + d) % n
				w := float32(0.4)
				if tg%2 == 0 {
					w = -0.4
				}
				if h == 7 && d == 1 {
					w = 0.01 // too weak: no relation
				}
				contribs = append(contribs, Contribution{Holder: h, Target: tg, Weight: w, Cue: int32(round)})
			}
		}
	}
	contribs = append(contribs,
		Contribution{Holder: -1, Target: 3, Weight: 0.5, Cue: 0}, // no holder
		Contribution{Holder: 4, Target: 4, Weight: 0.5, Cue: 0},  // self
		Contribution{Holder: 5, Target: 6, Weight: 0.5, Cue: -1}, // sentiment
	)
	var s Scratch
	// Twice with one Scratch: the table resets between calls.
	for range 2 {
		_, rels := l.Aggregate(contribs, n, nil, &s)
		require.Len(t, rels, 3*n-1)
		relOf := s.RelationOf()
		require.Len(t, relOf, len(contribs))
		sums := make([]float32, len(rels))
		for i, c := range contribs {
			r := relOf[i]
			if r < 0 {
				weak := c.Holder == 7 && c.Target == 8
				assert.True(t, weak || c.Holder < 0 || c.Holder == c.Target || c.Sentiment(), "contribution %d has no relation", i)
				continue
			}
			assert.Equal(t, c.Holder, rels[r].Holder)
			assert.Equal(t, c.Target, rels[r].Target)
			sums[r] += c.Weight
		}
		for k, r := range rels {
			if k > 0 {
				assert.Less(t, rels[k-1].First, r.First, "relations in order of first contribution")
			}
			assert.Equal(t, contribs[r.First].Holder, r.Holder)
			want := classifier.StanceSupport
			if sums[k] < 0 {
				want = classifier.StanceOppose
			}
			assert.Equal(t, want, r.Stance, "relation %d", k)
		}
	}
}
