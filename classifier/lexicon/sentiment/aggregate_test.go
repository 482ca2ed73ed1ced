package sentiment_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func TestAggregate(t *testing.T) {
	t.Parallel()
	r := func(score, pos, neg float32) sentiment.Result {
		return sentiment.Result{Score: score, Pos: pos, Neg: neg, Magnitude: (pos + neg) / sentiment.MaxValence, Words: 10}
	}
	tests := []struct {
		name      string
		results   []sentiment.Result
		label     classifier.SentimentLabel
		score     float32
		magnitude float32
	}{
		{"nothing added", nil, classifier.SentimentNeutral, 0, 0},
		{"one positive sentence", []sentiment.Result{r(0.5, 2.2, 0)}, classifier.SentimentPositive, 0.5, 0.55},
		{"one negative sentence", []sentiment.Result{r(-0.6, 0, 2.8)}, classifier.SentimentNegative, -0.6, 0.7},
		{"weak evidence is neutral", []sentiment.Result{r(0.05, 0.2, 0)}, classifier.SentimentNeutral, 0.05, 0.05},
		// The mean, not the sum: neutral sentences pull towards 0.
		{"mean of sentences", []sentiment.Result{r(-0.6, 0, 2.8), r(0, 0, 0), r(0, 0, 0)},
			classifier.SentimentNegative, -0.2, 0.7},
		// Strong evidence both ways, whatever the score.
		{"mixed", []sentiment.Result{r(0.5, 2.5, 0), r(-0.45, 0, 2.0)}, classifier.SentimentMixed, 0.025, 1.125},
		// The weaker side is under half of the stronger: not mixed.
		{"lopsided is not mixed", []sentiment.Result{r(0.8, 6, 0), r(-0.4, 0, 1.6)}, classifier.SentimentPositive, 0.2, 1.9},
		// Sentences without words (a lone emoji, "—") do not dilute.
		{"wordless results ignored", []sentiment.Result{r(0.5, 2.2, 0), {Score: 0}}, classifier.SentimentPositive, 0.5, 0.55},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var a sentiment.Aggregate
			for _, x := range tt.results {
				a.Add(x)
			}
			got := a.Sentiment()
			assert.Equal(t, tt.label, got.Label)
			assert.InDelta(t, tt.score, got.Score, 1e-6)
			assert.InDelta(t, tt.magnitude, got.Magnitude, 1e-6)
		})
	}
}

func TestStatement(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	tests := []struct {
		name, text string
		want       classifier.SentimentLabel
	}{
		{"positive", "The summit ended in a landmark agreement. Both leaders praised the outcome.", classifier.SentimentPositive},
		{"negative", "Rebels shelled the city overnight. Dozens of civilians were killed.", classifier.SentimentNegative},
		{"neutral", "The delegation arrived in Vienna on Sunday. Talks resume on Monday.", classifier.SentimentNeutral},
		{"mixed", "Kyiv hailed the deal as a victory. Moscow condemned it as a disgrace.", classifier.SentimentMixed},
		{"empty", "", classifier.SentimentNeutral},
	}
	var buf sentiment.Scratch
	for _, tt := range tests {
		toks := tokenize.Tokenize(tt.text, nil)
		got := l.Statement(tt.text, toks, tokenize.Sentences(tt.text, toks, nil), &buf)
		assert.Equal(t, tt.want, got.Label, "%s: %q gave %+v", tt.name, tt.text, got)
		assert.GreaterOrEqual(t, got.Magnitude, float32(0))
		assert.LessOrEqual(t, got.Score, float32(1))
		assert.GreaterOrEqual(t, got.Score, float32(-1))
	}
}
