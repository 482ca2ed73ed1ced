package lexicon

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier"
)

func TestUnnamedReferent(t *testing.T) {
	t.Parallel()
	holt := classifier.Actor{ID: "holt", Name: "Dana Holt", Aliases: []string{"Holt"}, Kind: classifier.KindPerson}
	trump := classifier.Actor{ID: "trump", Name: "Donald Trump"} // no kind: a gazetteer person by name, male
	union := classifier.Actor{ID: "union", Name: "Green Union"}  // no kind, not a gazetteer person
	reyes := classifier.Actor{ID: "reyes", Name: "Lucia Reyes", Aliases: []string{"Reyes"}, Kind: classifier.KindPerson}
	tests := []struct {
		name     string
		st       classifier.Statement
		mentions []string // "actor:text" of every mention
		targets  map[string]string
	}{
		{
			name:     "he before any name",
			st:       classifier.Statement{Text: "He is a total disgrace and should resign.", Actors: []classifier.Actor{holt}},
			mentions: []string{"holt:He"},
			targets:  map[string]string{"holt": "oppose"},
		},
		{
			name:     "every pronoun of the run",
			st:       classifier.Statement{Text: "She was brilliant tonight. Her answers were the best.", Actors: []classifier.Actor{holt}},
			mentions: []string{"holt:She", "holt:Her"},
			targets:  map[string]string{"holt": "support"},
		},
		{
			name:     "gazetteer person by name",
			st:       classifier.Statement{Text: "He is the worst president we have ever had.", Actors: []classifier.Actor{trump}},
			mentions: []string{"trump:He"},
			targets:  map[string]string{"trump": "oppose"},
		},
		{
			name:     "past a country",
			st:       classifier.Statement{Text: "Mexico said he had insulted its people.", Actors: []classifier.Actor{trump}},
			mentions: []string{"country/MEX:Mexico", "trump:he"},
		},
		// Near misses.
		{
			name:     "a name comes first",
			st:       classifier.Statement{Text: "Why does Reyes keep defending him? He is awful.", Actors: []classifier.Actor{holt, reyes}},
			mentions: []string{"reyes:Reyes"},
		},
		{
			name:     "an unknown name at the start",
			st:       classifier.Statement{Text: "Hillary lies all the time, she is a crook.", Actors: []classifier.Actor{holt}},
			mentions: []string{},
		},
		{
			name:     "the gazetteer's gender disagrees",
			st:       classifier.Statement{Text: "She has my vote.", Actors: []classifier.Actor{trump}},
			mentions: []string{},
		},
		{
			name:     "two unnamed people",
			st:       classifier.Statement{Text: "He is a disgrace.", Actors: []classifier.Actor{holt, {ID: "ade", Name: "Ade Okafor", Kind: classifier.KindPerson}}},
			mentions: []string{},
		},
		{
			name:     "an actor of no kind that is no person",
			st:       classifier.Statement{Text: "He praised the plan.", Actors: []classifier.Actor{union}},
			mentions: []string{},
		},
		{
			name:     "the speaker is not he",
			st:       classifier.Statement{Text: "He is a disgrace.", SpeakerID: "holt", Actors: []classifier.Actor{holt}},
			mentions: []string{},
		},
		{
			name:     "the person is named",
			st:       classifier.Statement{Text: "Holt said he would run.", Actors: []classifier.Actor{holt}},
			mentions: []string{"holt:Holt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			targets, _, an := analyzeCase(t, tt.st, classifier.Options{})
			got := []string{}
			for _, m := range an.Mentions {
				got = append(got, m.ActorID+":"+m.Text)
			}
			assert.Equal(t, tt.mentions, got)
			for id, want := range tt.targets {
				assert.Equal(t, want, targets[id], id)
			}
		})
	}
}
