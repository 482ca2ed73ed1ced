package lexicon

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// The attachment rule of the stance engine ("attach", stance/syntax.go): a
// mention inside a phrase that the parse attaches to a noun other than the
// cue, or that hangs off the verb cue as an adjunct, is no target of the
// cue, nor is a pronoun whose antecedent is so embedded. Each case that fires has a near miss right after it where the rule
// must not fire. The sentences are simple constructions that any sound
// parse attaches the same way, so that the cases hold across retrained
// models.
func TestAttachRule(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	tests := []struct {
		name string
		text string
		// holder, target: the relation that must (want) or must not
		// (!want) be reported. cue, when set, is checked in the target's
		// evidence instead (cue evidence, not sentiment words): present
		// (want) or absent (!want).
		holder, target, cue string
		want                bool
	}{
		// A pronoun takes up the object, not an adjunct of the same verb.
		{"pronoun, antecedent an adjunct", "France will accept European peacekeepers in Poland. Germany backs it.", "country/DEU", "country/POL", "", false},
		{"pronoun, antecedent the object (near miss)", "France praised Poland. Germany backs it.", "country/DEU", "country/POL", "", true},
		{"preposition not of the cue", "Canada voted against the talks in Mexico.", "country/CAN", "country/MEX", "", false},
		// nmod of the object: the talks are welcomed, not Turkey.
		{"nmod of object", "Germany welcomed the talks in Turkey.", "country/DEU", "country/TUR", "", false},
		{"of-phrase of object (near miss)", "Germany welcomed the proposal of Turkey.", "country/DEU", "country/TUR", "", true},
		{"nmod of object, adjective", "Japan praised the new embassy in Israel.", "country/JPN", "country/ISR", "", false},
		{"object with adjuncts after it (near miss)", "Japan praised Israel in a statement on Tuesday.", "country/JPN", "country/ISR", "", true},
		{"nmod of object, criticism", "Britain criticised the election in Venezuela.", "country/GBR", "country/VEN", "", false},
		{"object before an over-phrase (near miss)", "Britain criticised Venezuela over the election.", "country/GBR", "country/VEN", "", true},
		{"nmod of compound object", "Spain supported the election observers in Morocco.", "country/ESP", "country/MAR", "", false},
		{"from-phrase of object (near miss)", "Spain supported the candidate from Morocco.", "country/ESP", "country/MAR", "", true},
		{"nmod of object, protests", "France condemned the protests in Russia.", "country/FRA", "country/RUS", "", false},
		{"by-phrase of object (near miss)", "France condemned the attack by Russia.", "country/FRA", "country/RUS", "", true},
		// A noun cue's own target preposition vs a phrase on its target.
		{"nmod of a noun cue's object", "Poland voiced support for the refugees in Belarus.", "country/POL", "country/BLR", "", false},
		{"noun cue with its target preposition (near miss)", "Poland voiced support for Belarus.", "country/POL", "country/BLR", "", true},
		// Issue 10: "in Ukraine" belongs to the peacekeepers (or, as the
		// parse may read it, is an adjunct of "accept"): no argument.
		{"issue 10 peacekeepers", "Putin stated it. Trump said he had personally asked Putin if he would accept European peacekeepers in Ukraine.", "", "country/UKR", "accept", false},
		{"accept with the actor as object (near miss)", "Putin stated it. Trump said Putin would accept Ukraine.", "person/vladimir-putin", "country/UKR", "", true},
		{"adjunct of a verb cue", "Putin would accept European peacekeepers in Ukraine.", "", "country/UKR", "accept", false},
		{"source of the object (near miss)", "Putin would accept peacekeepers from Ukraine.", "", "country/UKR", "accept", true},
		// A pronoun's antecedent embedded in another noun's phrase: "it" is
		// the talks, not Turkey.
		{"antecedent inside a noun's phrase", "Germany welcomed the talks in Turkey. Britain later praised it.", "country/GBR", "country/TUR", "", false},
		{"antecedent as the object (near miss)", "Germany welcomed Turkey. Britain later praised it.", "country/GBR", "country/TUR", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: tt.text}, classifier.Options{IncludeEvidence: true})
			require.NoError(t, err)
			if tt.cue != "" {
				found := false
				for _, ts := range an.Targets {
					for _, ev := range ts.Evidence {
						found = found || ts.ActorID == tt.target && ev.Cue == tt.cue && ev.Rule != "sentiment"
					}
				}
				assert.Equal(t, tt.want, found, "evidence %q toward %s in %+v", tt.cue, tt.target, an.Targets)
				return
			}
			found := false
			for _, r := range an.Relations {
				found = found || r.HolderID == tt.holder && r.TargetID == tt.target
			}
			assert.Equal(t, tt.want, found, "relation %s -> %s in %+v", tt.holder, tt.target, an.Relations)
		})
	}
}

// Without a parser model the near misses and the rest of the rules keep
// today's token-window behaviour: the rule is the only change.
func TestAttachRuleNeedsSyntax(t *testing.T) {
	t.Parallel()
	c, err := New(withoutSyntax(t))
	require.NoError(t, err)
	an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: "Germany welcomed the talks in Turkey."}, classifier.Options{})
	require.NoError(t, err)
	require.Len(t, an.Relations, 1, "the token windows read Turkey as a weak adjunct target")
}

// A target whose preposition is one of the cue's own words ("voting
// against") stays the cue's target whatever the parse makes of the phrase:
// here the parser reads "voting" as a noun and hangs the plan on the
// allies, and the attach rule dropped Canada -> plan before the cue word
// was checked. The plan's own stance toward Mexico is a chain, not
// Canada's.
func TestAttachRuleKeepsCuePreposition(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	st := classifier.Statement{ID: "x", Text: "Canada broke from its European allies by voting against a plan that praised Mexico.",
		Actors: []classifier.Actor{{ID: "plan", Name: "plan", Kind: classifier.KindOther}}}
	an, err := c.Analyze(context.Background(), st, classifier.Options{})
	require.NoError(t, err)
	got := map[[2]string]classifier.Stance{}
	for _, r := range an.Relations {
		got[[2]string{r.HolderID, r.TargetID}] = r.Stance
	}
	assert.Equal(t, classifier.StanceOppose, got[[2]string{"country/CAN", "plan"}], "relations: %v", got)
	assert.Equal(t, classifier.StanceSupport, got[[2]string{"plan", "country/MEX"}])
	_, direct := got[[2]string{"country/CAN", "country/MEX"}]
	assert.False(t, direct, "no Canada -> Mexico relation")
}

// TestSubjectRule covers the holders read from the parse (parseHolders):
// a coordinated verb takes the first verb's subject, a relative clause
// keeps its subject to itself, and an actor the parse makes another verb's
// object is no holder. rule, when set, is the evidence rule the relation
// must carry.
func TestSubjectRule(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	tests := []struct {
		name, text           string
		holder, target, rule string
		want                 bool
	}{
		{"coordinated verbs share the subject", "Brazil hosted Argentina and then attacked Chile.", "country/BRA", "country/CHL", "conj-subj", true},
		{"object of the first verb is no subject", "Brazil hosted Argentina and then attacked Chile.", "country/ARG", "country/CHL", "", false},
		// The token windows find the whole subject list of a coordinated
		// verb themselves (stance.listEnd), so the parse has nothing to add.
		{"coordinated subjects, coordinated verbs", "France, Britain and Spain condemned Germany but praised Italy.", "country/ESP", "country/ITA", "active", true},
		{"coordinated subjects, coordinated verbs, first of the list", "France, Britain and Spain condemned Germany but praised Italy.", "country/FRA", "country/ITA", "coordination", true},
		{"coordinated subjects, first verb (near miss)", "France, Britain and Spain condemned Germany but praised Italy.", "country/ESP", "country/DEU", "", true},
		{"object inside a relative clause on the subject", "Japan, which had long criticised China, now praises Korea.", "country/CHN", "country/KOR", "", false},
		{"the relative clause's own stance (near miss)", "Japan, which had long criticised China, now praises Korea.", "country/JPN", "country/CHN", "", true},
		{"complement clause keeps its subject", "Britain said that Spain criticised Portugal.", "country/ESP", "country/PRT", "", true},
		{"speaker of a complement clause (near miss)", "Britain said that Spain criticised Portugal.", "country/GBR", "country/PRT", "", false},
		{"relative clause on a noun that is no actor", "Canada voted against a resolution that condemned Mexico.", "country/CAN", "country/MEX", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: tt.text}, classifier.Options{IncludeEvidence: true})
			require.NoError(t, err)
			var found *classifier.Relation
			for i, r := range an.Relations {
				if r.HolderID == tt.holder && r.TargetID == tt.target {
					found = &an.Relations[i]
				}
			}
			require.Equal(t, tt.want, found != nil, "relation %s -> %s in %+v", tt.holder, tt.target, an.Relations)
			if found != nil && tt.rule != "" {
				var rules []string
				for _, ev := range found.Evidence {
					rules = append(rules, ev.Rule)
				}
				assert.Contains(t, rules, tt.rule)
			}
		})
	}
}
