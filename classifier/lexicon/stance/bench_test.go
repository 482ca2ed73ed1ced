package stance

import (
	"testing"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// BenchmarkAnalyze measures the stance engine alone on a 25-word statement
// (tokens, mentions and hits prepared once).
func BenchmarkAnalyze(b *testing.B) {
	l := testLexicon(b)
	text := "German Chancellor Merz sharply criticised Moscow on Tuesday, while France and Poland backed the EU plan to impose new sanctions on Russian banks."
	actors := []actor{person("Merz"), country("Russia", "Moscow"), country("France"), country("Poland"), other("EU plan"), org("Russian banks")}
	toks := tokenize.Tokenize(text, nil)
	in := &Input{Text: text, Toks: toks, Sentences: tokenize.Sentences(text, toks, nil),
		Mentions: findMentions(text, toks, actors), Speaker: -1, NumActors: len(actors),
		Hits: []Hit{{Tok: 4, Valence: -0.5}, {Tok: 20, Valence: -0.4}}}
	var s Scratch
	b.ReportAllocs()
	for b.Loop() {
		c := l.Analyze(in, &s)
		l.Aggregate(c, in.NumActors, nil, &s)
	}
}
