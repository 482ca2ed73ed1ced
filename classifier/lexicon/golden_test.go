package lexicon

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenStatements are full analyses worth reviewing by eye when the rules
// or data change: `go test -run TestGolden -update` rewrites the file, and
// the diff shows what changed.
var goldenStatements = []classifier.Statement{
	{ID: "passive-and-coordination", Text: "The ceasefire plan was welcomed by Egypt and Qatar but rejected by Israel's far-right ministers."},
	{ID: "quote-attribution", Text: `"We will never recognise the annexation," Lithuania's foreign minister told reporters in Vilnius.`},
	{ID: "caller-actors", Text: "Trade unions lashed out at the pension reform, which the government defended as unavoidable.", Actors: []classifier.Actor{
		{ID: "unions", Name: "trade unions", Kind: classifier.KindGroup},
		{ID: "reform", Name: "pension reform", Kind: classifier.KindOther},
		{ID: "government", Name: "government", Kind: classifier.KindOrganization},
	}},
	{ID: "negation-scope", Text: "Germany did not oppose the deal, but Austria refused to endorse it.", Actors: []classifier.Actor{
		{ID: "deal", Name: "deal", Kind: classifier.KindOther},
	}},
	{ID: "speaker", Text: "This reckless policy will isolate our allies.", SpeakerID: "person/keir-starmer", Actors: []classifier.Actor{
		{ID: "policy", Name: "policy", Kind: classifier.KindOther},
	}},
}

func TestGolden(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	var sb strings.Builder
	for _, st := range goldenStatements {
		an, err := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
		require.NoError(t, err)
		checkInvariants(t, st, an, classifier.Options{IncludeEvidence: true})
		render(&sb, st, an)
	}
	b := []byte(sb.String())
	path := filepath.Join("testdata", "analyze.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, b, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), string(b))
}

// render writes an analysis in a form that reads well in a diff.
func render(sb *strings.Builder, st classifier.Statement, an classifier.Analysis) {
	fmt.Fprintf(sb, "== %s: %s\n", st.ID, st.Text)
	renderBody(sb, st, an)
}

// renderBody is render without the header line; spans are offsets into
// st.Text.
func renderBody(sb *strings.Builder, st classifier.Statement, an classifier.Analysis) {
	fmt.Fprintf(sb, "sentiment: %s %.2f magnitude %.2f\n", an.Sentiment.Label, an.Sentiment.Score, an.Sentiment.Magnitude)
	for _, m := range an.Mentions {
		fmt.Fprintf(sb, "mention %s %q [%d,%d)\n", m.ActorID, m.Text, m.Span.Begin, m.Span.End)
	}
	evidence := func(evs []classifier.Evidence) {
		for _, ev := range evs {
			fmt.Fprintf(sb, "    %-12s %+.2f %-12s %q\n", ev.Cue, ev.Weight, ev.Rule, st.Text[ev.Span.Begin:ev.Span.End])
		}
	}
	for _, ts := range an.Targets {
		fmt.Fprintf(sb, "target %s: %s %+.2f confidence %.2f\n", ts.ActorID, ts.Stance, ts.Score, ts.Confidence)
		evidence(ts.Evidence)
	}
	for _, r := range an.Relations {
		fmt.Fprintf(sb, "relation %s -> %s: %s %+.2f confidence %.2f\n", r.HolderID, r.TargetID, r.Stance, r.Score, r.Confidence)
		evidence(r.Evidence)
	}
	sb.WriteString("\n")
}
