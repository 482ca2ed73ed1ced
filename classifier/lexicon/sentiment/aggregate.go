package sentiment

import (
	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Thresholds of the statement label.
const (
	// LabelThreshold: a statement whose score is at least this far from 0
	// is POSITIVE or NEGATIVE, otherwise NEUTRAL (VADER uses 0.05 per
	// sentence; a statement's mean needs a little more).
	LabelThreshold = 0.1
	// MixedMin: a statement is MIXED when its positive and its negative
	// evidence (Result.Pos, Result.Neg summed, lexicon scale) are both at
	// least MixedMin and the weaker is at least MixedRatio of the stronger.
	MixedMin = 1.5
	// MixedRatio: the weaker of a MIXED statement's positive and negative
	// evidence is at least this share of the stronger (see MixedMin).
	MixedRatio = 0.5
)

// Aggregate accumulates sentence Results into a statement's sentiment. Each
// sentence is normalised on its own; the statement's score is the mean of
// its sentences' scores, so that a long report with one negative word stays
// near neutral instead of drifting like a sum would. The zero value is ready
// to use.
type Aggregate struct {
	n                   int
	sum, pos, neg, magn float32
}

// Add adds one sentence's result; results without words are ignored.
func (a *Aggregate) Add(r Result) {
	if r.Words == 0 {
		return
	}
	a.n++
	a.sum += r.Score
	a.pos += r.Pos
	a.neg += r.Neg
	a.magn += r.Magnitude
}

// Sentiment returns the statement's sentiment: Score is the mean sentence
// score in [-1, 1]; Magnitude is the summed sentence magnitude (>= 0); Label
// is MIXED when strong positive and negative evidence both occur (see
// MixedMin), else by the sign of Score (see LabelThreshold). With no
// sentence added it is NEUTRAL with score and magnitude 0.
func (a *Aggregate) Sentiment() classifier.Sentiment {
	s := classifier.Sentiment{Label: classifier.SentimentNeutral}
	if a.n == 0 {
		return s
	}
	s.Score = max(-1, min(1, a.sum/float32(a.n)))
	s.Magnitude = a.magn
	weak, strong := min(a.pos, a.neg), max(a.pos, a.neg)
	switch {
	case weak >= MixedMin && weak >= MixedRatio*strong:
		s.Label = classifier.SentimentMixed
	case s.Score >= LabelThreshold:
		s.Label = classifier.SentimentPositive
	case s.Score <= -LabelThreshold:
		s.Label = classifier.SentimentNegative
	}
	return s
}

// Statement scores each of the sentences of a tokenized text (as returned by
// tokenize.Sentences) and aggregates them. With a reused buf it allocates
// nothing.
func (l *Lexicon) Statement(text string, toks []tokenize.Token, sents []tokenize.Sentence, buf *Scratch) classifier.Sentiment {
	var a Aggregate
	for _, s := range sents {
		a.Add(l.Score(text, toks, int(s.Start), int(s.End), buf))
	}
	return a.Sentiment()
}
