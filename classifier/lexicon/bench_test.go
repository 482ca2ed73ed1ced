package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stancetag/stancetag/classifier"
)

// A 25-word news statement with three caller actors and the full gazetteer.
const bench25 = "German Chancellor Friedrich Merz sharply criticised Moscow on Tuesday, while France and Poland backed the EU plan to impose new sanctions on Russian banks."

var benchActors = []classifier.Actor{
	{ID: "eu-plan", Name: "EU plan", Aliases: []string{"the plan"}, Kind: classifier.KindOther},
	{ID: "russian-banks", Name: "Russian banks", Kind: classifier.KindOrganization},
	{ID: "poland", Name: "Poland", Kind: classifier.KindCountry},
}

func benchAnalyze(b *testing.B, text string, actors []classifier.Actor) {
	b.Helper()
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyzeWith(b, c, text, actors)
}

func benchAnalyzeWith(b *testing.B, c *Classifier, text string, actors []classifier.Actor) {
	b.Helper()
	st := classifier.Statement{ID: "b", Text: text, Actors: actors}
	ctx := context.Background()
	if _, err := c.Analyze(ctx, st, classifier.Options{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Analyze(ctx, st, classifier.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyze25Words(b *testing.B) { benchAnalyze(b, bench25, benchActors) }

// BenchmarkAnalyze25WordsSyntax is BenchmarkAnalyze25Words with
// WithSyntax: the sentence holds cues and mentions, so it is parsed.
func BenchmarkAnalyze25WordsSyntax(b *testing.B) {
	c, err := New(Data(), WithSyntax())
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyzeWith(b, c, bench25, benchActors)
}

func BenchmarkAnalyze1Word(b *testing.B) { benchAnalyze(b, "Sanctions!", nil) }

func BenchmarkAnalyze300Words(b *testing.B) {
	benchAnalyze(b, strings.Repeat(bench25+" ", 12), benchActors)
}

func BenchmarkAnalyze64KiB(b *testing.B) {
	var sb strings.Builder
	for sb.Len()+len(bench25)+1 <= 64<<10 {
		sb.WriteString(bench25)
		sb.WriteByte(' ')
	}
	benchAnalyze(b, sb.String(), benchActors)
}

// BenchmarkNew measures loading the embedded lexicon, most of process
// start-up for a one-shot `stancetag analyze`.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Data()); err != nil {
			b.Fatal(err)
		}
	}
}
