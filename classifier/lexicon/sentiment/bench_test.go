package sentiment_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// benchSentence is a 25-word news sentence with negation, a booster, a
// contrast and a phrase.
const benchSentence = "Despite repeated warnings, the government did not halt its very brutal crackdown " +
	"on peaceful protesters, but officials said the war crimes inquiry would continue."

func benchScore(b *testing.B, text string) {
	l := lexicon(b)
	toks := tokenize.Tokenize(text, nil)
	var buf sentiment.Scratch
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		l.Score(text, toks, 0, len(toks), &buf)
	}
}

func BenchmarkScore(b *testing.B) { benchScore(b, benchSentence) }

// BenchmarkScoreEmoji guards against emoji-heavy input being far slower
// than words (a known failure of one VADER port).
func BenchmarkScoreEmoji(b *testing.B) {
	benchScore(b, strings.Repeat("Great news 🎉🎉 for the talks 👍🏽👍🏽 😡! ", 5))
}

func BenchmarkStatement(b *testing.B) {
	l := lexicon(b)
	text := strings.Repeat(benchSentence+" ", 4)
	toks := tokenize.Tokenize(text, nil)
	sents := tokenize.Sentences(text, toks, nil)
	var buf sentiment.Scratch
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		l.Statement(text, toks, sents, &buf)
	}
}

func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS("../data")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sentiment.Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
