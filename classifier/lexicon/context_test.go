package lexicon

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// TestContextWordsDecideWordTargets checks the fitted decision's context
// words end to end: a strong context word turns a target reached by
// sentiment words alone, in statements and in documents; a target without
// contributions stays neutral, and one reached by a cue keeps the hand-set
// rule's label (cue-threshold).
func TestContextWordsDecideWordTargets(t *testing.T) {
	t.Parallel()
	data := copyData(t)
	f := data[stance.FittedFile]
	f.Data = append(append([]byte{}, f.Data...), "context-oppose\thosted\t10\n"...)
	c, err := New(data)
	require.NoError(t, err)
	plain := defaultClassifier(t)
	tests := []struct {
		name, text, actor string
		before, after     classifier.Stance
	}{
		// (A state that acts takes no sentiment words: the festival is
		// hosted in Oslo, not by it.)
		{"words alone", "A wonderful festival was hosted in Oslo.", "country/NOR", classifier.StanceSupport, classifier.StanceOppose},
		{"no contributions", "The meeting was hosted in Oslo.", "country/NOR", classifier.StanceNeutral, classifier.StanceNeutral},
		{"a cue", "Norway praised Sweden and hosted the talks.", "country/SWE", classifier.StanceSupport, classifier.StanceSupport},
		{"another sentence", "Oslo held a wonderful festival. Paris hosted nothing.", "country/NOR", classifier.StanceSupport, classifier.StanceSupport},
	}
	stanceOf := func(a classifier.Analysis, id string) classifier.Stance {
		for _, ts := range a.Targets {
			if ts.ActorID == id {
				return ts.Stance
			}
		}
		return classifier.StanceUnspecified
	}
	for _, tt := range tests {
		st := classifier.Statement{ID: "s", Text: tt.text}
		a, err := plain.Analyze(context.Background(), st, classifier.Options{})
		require.NoError(t, err)
		assert.Equal(t, tt.before, stanceOf(a, tt.actor), "%s: shipped", tt.name)
		a, err = c.Analyze(context.Background(), st, classifier.Options{})
		require.NoError(t, err)
		assert.Equal(t, tt.after, stanceOf(a, tt.actor), "%s: with the context word", tt.name)
		d, err := c.AnalyzeDocument(context.Background(), classifier.Document{ID: "d", Text: tt.text}, classifier.Options{})
		require.NoError(t, err)
		assert.Equal(t, tt.after, stanceOf(d.Sentences[0].Analysis, tt.actor), "%s: document", tt.name)
	}
}
