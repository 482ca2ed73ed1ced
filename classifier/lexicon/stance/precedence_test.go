package stance

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReportedRule pins the rule precedence table: a cue's modifier over
// the path to the target over the path to the holder over the frame, and
// the modifiers among themselves.
func TestReportedRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                            string
		frame, modifier, target, holder Rule
		want                            Rule
	}{
		{"frame alone", RulePassive, 0, RuleActive, RuleActive, RulePassive},
		{"modifier over everything", RuleActive, RuleNegated, RulePossessive, RuleConjSubj, RuleNegated},
		{"target path over holder path", RuleActive, 0, RulePossessive, RulePronoun, RulePossessive},
		{"tie of pronoun and coordination: the target's", RulePrep, 0, RuleCoordination, RulePronoun, RuleCoordination},
		{"holder path over frame", RuleActive, 0, RuleActive, RuleConjSubj, RuleConjSubj},
		{"holder pronoun over parse path", RuleActive, 0, RuleActive, RulePronoun, RulePronoun},
		// Near misses: a rule in the wrong column is not ranked.
		{"possessive holder is no path rule", RulePrep, 0, RuleActive, RulePossessive, RulePrep},
		{"conj-subj as a target is not ranked", RuleActive, 0, RuleConjSubj, RuleActive, RuleActive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, reportedRule(tt.frame, tt.modifier, tt.target, tt.holder))
		})
	}
	assert.Equal(t, RuleNegated, maxRule(RulePast, RuleNegated))
	assert.Equal(t, RuleNegated, maxRule(RuleNegated, RuleModal))
	assert.Equal(t, RuleModal, maxRule(0, RuleModal))
	assert.Equal(t, RuleRefused, maxRule(RuleNeutralised, RuleRefused))
}
