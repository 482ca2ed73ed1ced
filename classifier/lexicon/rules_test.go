package lexicon

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// analyzeCase runs the default classifier as a caller would and returns
// targets by actor id and relations as "holder -> target: stance".
func analyzeCase(t *testing.T, st classifier.Statement, opts classifier.Options) (map[string]string, []string, classifier.Analysis) {
	t.Helper()
	an, err := defaultClassifier(t).Analyze(context.Background(), st, opts)
	require.NoError(t, err)
	checkInvariants(t, st, an, opts)
	targets := map[string]string{}
	for _, ts := range an.Targets {
		targets[ts.ActorID] = ts.Stance.String()
	}
	rels := []string{}
	for _, r := range an.Relations {
		rels = append(rels, fmt.Sprintf("%s -> %s: %s", r.HolderID, r.TargetID, r.Stance))
	}
	sort.Strings(rels)
	return targets, rels, an
}

func TestAnalyzeWithGazetteer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		st        classifier.Statement
		opts      classifier.Options
		targets   map[string]string
		relations []string // nil: not checked
	}{
		{
			// Gazetteer actors found through a capital and a demonym.
			name:      "capital and demonym",
			st:        classifier.Statement{Text: "The Kremlin condemned the new Japanese sanctions."},
			targets:   map[string]string{"country/RUS": "neutral", "country/JPN": "oppose"},
			relations: []string{"country/RUS -> country/JPN: oppose"},
		},
		{
			// A caller actor naming a gazetteer actor replaces it.
			name: "caller actor merges gazetteer actor",
			st: classifier.Statement{Text: "Moscow praised Beijing's mediation.", Actors: []classifier.Actor{
				{ID: "russia", Name: "Russia", Aliases: []string{"Moscow"}, Kind: classifier.KindCountry},
			}},
			targets:   map[string]string{"russia": "neutral", "country/CHN": "support"},
			relations: []string{"russia -> country/CHN: support"},
		},
		{
			name: "disable gazetteer",
			st: classifier.Statement{Text: "The Kremlin condemned the EU plan.", Actors: []classifier.Actor{
				{ID: "plan", Name: "EU plan", Kind: classifier.KindOther},
			}},
			opts:      classifier.Options{DisableGazetteer: true},
			targets:   map[string]string{"plan": "oppose"},
			relations: []string{},
		},
		{
			// The speaker holds stances that have no other holder.
			name: "speaker id",
			st: classifier.Statement{Text: "This corrupt junta must go.", SpeakerID: "country/FRA", Actors: []classifier.Actor{
				{ID: "junta", Name: "junta", Kind: classifier.KindGroup},
			}},
			targets:   map[string]string{"junta": "oppose"},
			relations: []string{"country/FRA -> junta: oppose"},
		},
		{
			// Must not fire.
			name: "support of in a negated counterfactual",
			st: classifier.Statement{Text: "Without the support of the Greens, the coalition cannot pass the budget.", Actors: []classifier.Actor{
				{ID: "greens", Name: "Greens", Kind: classifier.KindOrganization},
				{ID: "coalition", Name: "coalition", Kind: classifier.KindOrganization},
			}},
			targets:   map[string]string{"greens": "neutral", "coalition": "neutral"},
			relations: []string{},
		},
		{
			name:      "mere mentions",
			st:        classifier.Statement{Text: "Ministers from France and Italy met in Brussels on Tuesday."},
			targets:   map[string]string{"country/FRA": "neutral", "country/ITA": "neutral"},
			relations: []string{},
		},
		{
			name: "quote with attribution",
			st: classifier.Statement{Text: `"We will stand with Kyiv for as long as it takes," Starmer told parliament.`, Actors: []classifier.Actor{
				{ID: "starmer", Name: "Keir Starmer", Aliases: []string{"Starmer"}, Kind: classifier.KindPerson},
			}},
			targets:   map[string]string{"country/UKR": "support"},
			relations: []string{"starmer -> country/UKR: support"},
		},
		{
			// Posts run names into handles and hashtags: the cut pieces
			// are matched ("@realDonaldTrump" names Donald Trump) and
			// read ("#DumpTrump").
			name: "handle and hashtag",
			st: classifier.Statement{Text: "Never voting for this clown. #DumpTrump", Actors: []classifier.Actor{
				{ID: "trump", Name: "Donald Trump", Aliases: []string{"Trump"}, Kind: classifier.KindPerson},
			}},
			targets: map[string]string{"trump": "oppose"},
		},
		{
			name:    "hashtags with gazetteer actors",
			st:      classifier.Statement{Text: "#StandWithUkraine #PutinIsAWarCriminal"},
			targets: map[string]string{"country/UKR": "support", "person/vladimir-putin": "oppose"},
		},
		{
			name: "handle names a caller actor",
			st: classifier.Statement{Text: "Great speech by @realDonaldTrump tonight", Actors: []classifier.Actor{
				{ID: "trump", Name: "Donald Trump", Kind: classifier.KindPerson},
			}},
			targets: map[string]string{"trump": "support"},
		},
		{
			// A caller actor of no kind named by a plural common noun
			// is a group: "her" passes over it to the person.
			name: "plural name is a group",
			st: classifier.Statement{Text: "Okoye thanked the volunteers who had campaigned for her.", Actors: []classifier.Actor{
				{ID: "okoye", Name: "Okoye"}, {ID: "volunteers", Name: "volunteers"},
			}},
			targets:   map[string]string{"okoye": "support", "volunteers": "support"},
			relations: []string{"okoye -> volunteers: support", "volunteers -> okoye: support"},
		},
		{
			// Near miss: a piece is matched only whole; "Trumpism" is
			// not Trump.
			name: "tag piece holding a name",
			st: classifier.Statement{Text: "#TrumpismIsDead", Actors: []classifier.Actor{
				{ID: "trump", Name: "Donald Trump", Aliases: []string{"Trump"}, Kind: classifier.KindPerson},
			}},
			targets: map[string]string{"trump": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			targets, rels, an := analyzeCase(t, tt.st, tt.opts)
			for id, want := range tt.targets {
				assert.Equal(t, want, targets[id], "target %s in %+v", id, an)
			}
			if tt.relations != nil {
				assert.Equal(t, tt.relations, rels)
			}
		})
	}
}

func TestEvidenceOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	st := classifier.Statement{Text: "Poland sharply criticised Hungary's veto of the aid package."}
	_, _, plain := analyzeCase(t, st, classifier.Options{})
	_, _, withEv := analyzeCase(t, st, classifier.Options{IncludeEvidence: true})
	require.NotEmpty(t, withEv.Relations)
	ev := withEv.Relations[0].Evidence
	require.NotEmpty(t, ev)
	assert.Equal(t, "criticise", ev[0].Cue)
	assert.Equal(t, "criticised", st.Text[ev[0].Span.Begin:ev[0].Span.End])
	assert.Equal(t, "possessive", ev[0].Rule)
	// Apart from evidence the results are identical.
	for i := range withEv.Targets {
		withEv.Targets[i].Evidence = nil
	}
	for i := range withEv.Relations {
		withEv.Relations[i].Evidence = nil
	}
	assert.Equal(t, plain, withEv)
}

func TestDeterministicAndConcurrent(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	st := classifier.Statement{ID: "x", Text: bench25, Actors: benchActors}
	want, err := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
	require.NoError(t, err)
	done := make(chan classifier.Analysis, 8)
	for range 8 {
		go func() {
			an, _ := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
			done <- an
		}()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

// A state or body that acts, toward another actor or toward none, takes no
// sentiment from the words around its act (stance engine, sentiment); one
// that does nothing still does.
func TestBodyActsUnportrayed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text    string
		targets map[string]string
	}{
		{"Egypt condemned the brutal attack on Israel.", map[string]string{"country/EGY": "neutral", "country/ISR": "oppose"}},
		{"Norway praised the wonderful work of the Red Cross volunteers.", map[string]string{"country/NOR": "neutral"}},
		// An act with no actor target is an act all the same.
		{"Norway condemned the brutal attack on aid workers.", map[string]string{"country/NOR": "neutral"}},
		// Near misses: no act of its own.
		{"It was a brutal and humiliating year for Egypt.", map[string]string{"country/EGY": "oppose"}},
		{"Egypt enjoyed a wonderful and peaceful year.", map[string]string{"country/EGY": "support"}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			targets, _, _ := analyzeCase(t, classifier.Statement{Text: tt.text}, classifier.Options{})
			for id, want := range tt.targets {
				assert.Equal(t, want, targets[id], id)
			}
		})
	}
}
