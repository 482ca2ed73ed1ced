package lexicon

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier"
)

// TestHolderRules covers first-person holders under negation, attributed
// sources as holders of an agent's portrayal, and holders kept out of the
// portrayal of the cue they hold.
func TestHolderRules(t *testing.T) {
	t.Parallel()
	commission := []classifier.Actor{{ID: "eu-commission", Name: "European Commission", Aliases: []string{"Commission"}, Kind: classifier.KindOrganization}}
	tests := []struct {
		name      string
		st        classifier.Statement
		targets   map[string]string
		relations []string
	}{
		{
			// "will not" is a refusal, not a counterfactual: "we" is the speaker.
			name:      "we will not accept, with speaker",
			st:        classifier.Statement{Text: "We will not accept the Commission's budget proposal as it stands.", SpeakerID: "country/NLD", Actors: commission},
			targets:   map[string]string{"eu-commission": "oppose"},
			relations: []string{"country/NLD -> eu-commission: oppose"},
		},
		{
			// Must not fire: "we" without a speaker holds nothing.
			name:      "we without speaker",
			st:        classifier.Statement{Text: "We will not accept the Commission's budget proposal as it stands.", Actors: commission},
			targets:   map[string]string{"eu-commission": "oppose"},
			relations: []string{},
		},
		{
			name:      "accept as support",
			st:        classifier.Statement{Text: "Denmark accepted the Commission's compromise on fishing quotas.", Actors: commission},
			targets:   map[string]string{"eu-commission": "support", "country/DNK": "neutral"},
			relations: []string{"country/DNK -> eu-commission: support"},
		},
		{
			// Must not fire: a conditional with negation still states nothing.
			name:      "negated conditional",
			st:        classifier.Statement{Text: "If Denmark had not accepted the Commission's compromise, the talks would have stalled.", Actors: commission},
			relations: []string{},
		},
		{
			// The quote's speaker is the possessor of an office noun.
			name:      "quote through an office title",
			st:        classifier.Statement{Text: `"We will never accept Ankara's demands," Greece's foreign minister said.`},
			targets:   map[string]string{"country/TUR": "oppose"},
			relations: []string{"country/GRC -> country/TUR: oppose"},
		},
		{
			// A demonym speaker, and an object's source ("demands from X")
			// counted like its possessor.
			name:      "quote through a demonym title, source of the object",
			st:        classifier.Statement{Text: `"We will never accept these demands from Ankara," the Greek foreign minister said.`},
			targets:   map[string]string{"country/TUR": "oppose"},
			relations: []string{"country/GRC -> country/TUR: oppose"},
		},
		{
			// The doer of "provoking" is portrayed negatively; the source
			// who reports the act holds no relation by that portrayal (a
			// quoted speaker's own words would: stance.TestAgentHolder).
			name:    "according to, agent of a negative act",
			st:      classifier.Statement{Text: "According to Beijing, Washington is provoking a naval standoff."},
			targets: map[string]string{"country/USA": "neutral", "country/CHN": "neutral"}, // as events-dev e5-06
		},
		{
			// Must not fire: "according to reports" names no holder.
			name:      "according to reports",
			st:        classifier.Statement{Text: "According to reports, Washington is provoking a naval standoff."},
			targets:   map[string]string{"country/USA": "neutral"}, // a state's act portrays it to nobody (events-dev e5-06)
			relations: []string{},
		},
		{
			// The critics are not the criticised.
			name:      "from-phrase holders of a target-less cue",
			st:        classifier.Statement{Text: "The pipeline deal drew fierce criticism from Lithuania and Latvia."},
			targets:   map[string]string{"country/LTU": "neutral", "country/LVA": "neutral"},
			relations: []string{},
		},
		{
			name:      "in-phrase holder of a passive",
			st:        classifier.Statement{Text: "The new customs arrangement was warmly welcomed in Beirut."},
			targets:   map[string]string{"country/LBN": "neutral"},
			relations: []string{},
		},
		{
			// The by-phrase holder still gets its relation when the cue
			// has a target.
			name:      "by-phrase holder with a target",
			st:        classifier.Statement{Text: "Serbia was sharply criticised by Croatia."},
			targets:   map[string]string{"country/SRB": "oppose", "country/HRV": "neutral"},
			relations: []string{"country/HRV -> country/SRB: oppose"},
		},
		{
			// In a quote, a bad thing its subject must answer for is the
			// speaker's opposition to the subject.
			name:      "must pay for its crimes",
			st:        classifier.Statement{Text: `"Serbia must pay for its crimes," the Croatian foreign minister said.`},
			targets:   map[string]string{"country/SRB": "oppose", "country/HRV": "neutral"},
			relations: []string{"country/HRV -> country/SRB: oppose"},
		},
		{
			name:      "should end its attacks",
			st:        classifier.Statement{Text: `"Serbia should end its attacks on border villages," Croatia's prime minister told reporters.`},
			targets:   map[string]string{"country/SRB": "oppose"},
			relations: []string{"country/HRV -> country/SRB: oppose"},
		},
		{
			// Must not fire: a good thing to do is advice, no support.
			name:      "must invest",
			st:        classifier.Statement{Text: `"Serbia must invest in good schools," the Croatian foreign minister said.`},
			relations: []string{},
		},
		{
			// Must not fire: the narrator's words, no speaker's.
			name:      "obligation outside a quote",
			st:        classifier.Statement{Text: "The Croatian foreign minister arrived in Belgrade. Serbia must pay for its crimes, some analysts argue."},
			relations: []string{},
		},
		{
			// Must not fire: the speaker is the subject.
			name:      "own obligation",
			st:        classifier.Statement{Text: `"Serbia must pay for its mistakes," the Serbian president said.`},
			relations: []string{},
		},
		{
			// The noun phrase after a verb of naming's object is the
			// namer's stance, with or without a descriptor cue.
			name:      "branded X a haven for smugglers",
			st:        classifier.Statement{Text: "Chile branded Peru a haven for violent smugglers."},
			targets:   map[string]string{"country/PER": "oppose"},
			relations: []string{"country/CHL -> country/PER: oppose"},
		},
		{
			name:      "called X a great friend",
			st:        classifier.Statement{Text: "Chile called Peru a great friend."},
			relations: []string{"country/CHL -> country/PER: support"},
		},
		{
			// Must not fire: a telephone call, and a phrase after it.
			name:      "called X after the floods",
			st:        classifier.Statement{Text: "Chile called Peru after the terrible floods."},
			relations: []string{},
		},
		{
			// What X's deed is named is said of X.
			name:      "called X's remarks reckless",
			st:        classifier.Statement{Text: "Chile called Peru's remarks reckless."},
			relations: []string{"country/CHL -> country/PER: oppose"},
		},
		{
			// Must not fire: a telephone call to X's office.
			name:      "called X's office",
			st:        classifier.Statement{Text: "Chile called Peru's embassy after the terrible floods."},
			relations: []string{},
		},
		{
			// Must not fire: no noun phrase right after the object.
			name:      "called X with news",
			st:        classifier.Statement{Text: "Chile called Peru with terrible news."},
			relations: []string{},
		},
		{
			// Subjects of a negative act keep their portrayal ("X lied").
			name:    "active subject keeps portrayal",
			st:      classifier.Statement{Text: "Belarus lied about the incident."},
			targets: map[string]string{"country/BLR": "oppose"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			targets, rels, an := analyzeCase(t, tt.st, classifier.Options{})
			for id, want := range tt.targets {
				assert.Equal(t, want, targets[id], "target %s in %+v", id, an)
			}
			if tt.relations != nil {
				assert.Equal(t, tt.relations, rels)
			}
		})
	}
}
