package lexicon

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

func FuzzAnalyze(f *testing.F) {
	f.Add(bench25)
	f.Add(`"We will never abandon Kyiv," Biden said.`)
	f.Add("Without the support of the Greens, the coalition cannot pass the budget.")
	f.Add("He said it. They said it. She backed them and it, but not him")
	f.Add("\xff\xfeRussia's \u201cpeace\u201d plan \U0001F600 was slammed by NATO!!!")
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	actors := []classifier.Actor{
		{ID: "plan", Name: "plan", Kind: classifier.KindOther},
		{ID: "he", Name: "he", Kind: classifier.KindPerson},
		{ID: "greens", Name: "Greens", Aliases: []string{"the Green party"}, Kind: classifier.KindOrganization},
	}
	f.Fuzz(func(t *testing.T, text string) {
		st := classifier.Statement{ID: "f", Text: text, Actors: actors, SpeakerID: "greens"}
		opts := classifier.Options{IncludeEvidence: true}
		a1, err := c.Analyze(context.Background(), st, opts)
		require.NoError(t, err)
		a2, err := c.Analyze(context.Background(), st, opts)
		require.NoError(t, err)
		require.Equal(t, a1, a2, "deterministic")
		onRune := func(sp classifier.Span) {
			require.True(t, 0 <= sp.Begin && sp.Begin < sp.End && sp.End <= len(text), "span %v in %d bytes", sp, len(text))
			if utf8.ValidString(text) {
				require.True(t, utf8.RuneStart(text[sp.Begin]), "begin %d on a rune boundary", sp.Begin)
				require.True(t, sp.End == len(text) || utf8.RuneStart(text[sp.End]), "end %d on a rune boundary", sp.End)
			}
		}
		mentioned := map[string]bool{}
		for _, m := range a1.Mentions {
			onRune(m.Span)
			mentioned[m.ActorID] = true
		}
		require.Len(t, a1.Targets, len(mentioned), "one target per mentioned actor")
		for _, ts := range a1.Targets {
			require.True(t, mentioned[ts.ActorID])
			for _, ev := range ts.Evidence {
				onRune(ev.Span)
			}
		}
		for _, r := range a1.Relations {
			for _, ev := range r.Evidence {
				onRune(ev.Span)
			}
		}
	})
}
