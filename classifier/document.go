package classifier

import (
	"context"
	"strconv"
)

// DocumentClassifier is a Classifier that also reads whole documents
// (articles), sentence by sentence, with the context of the sentences
// around each one: who said a quote named in the next sentence, what a
// pronoun or a description ("the French president") refers to. The same
// rules as Classifier apply: safe for concurrent use, deterministic.
type DocumentClassifier interface {
	Classifier
	// AnalyzeDocument tags every sentence of doc. The document has already
	// been validated by the caller (non-empty text within limits, unique
	// actor ids, every actor with a name and an id). It returns an error
	// only when ctx is done.
	AnalyzeDocument(ctx context.Context, doc Document, opts Options) (DocumentAnalysis, error)
}

// Document is a whole text to analyse sentence by sentence: an article, a
// speech, a press release.
type Document struct {
	// ID is the caller's key, echoed back.
	ID string
	// Text is UTF-8. Paragraphs are separated by blank lines when the text
	// has a blank line, else by line breaks (one paragraph a line, as in
	// text exported from a web page); no sentence crosses a paragraph.
	Text string
	// Actors are the caller's actors, looked for in every sentence. Every
	// actor has a non-empty ID and Name.
	Actors []Actor
}

// SentenceAnalysis is the analysis of one sentence of a document. The spans
// of Analysis (mentions, evidence) are byte offsets into Document.Text, like
// Span, not into the sentence.
type SentenceAnalysis struct {
	// Span is the sentence's byte range in Document.Text: from its first
	// token to the end of its last.
	Span Span
	// Paragraph is the sentence's paragraph, from 0.
	Paragraph int
	// Analysis is the sentence's analysis; StatementID is SentenceID of its
	// position. Targets are the actors the sentence mentions (also through
	// a description such as "the French president"), in order of first
	// mention, then the actors it refers to only by pronoun, in order of
	// their first contribution.
	Analysis Analysis
}

// SentenceID is the statement id of the sentence at index i (from 0) of a
// document: its number from 1, in decimal ("1", "2", …).
func SentenceID(i int) string { return strconv.Itoa(i + 1) }

// DocumentAnalysis is the result for one document.
type DocumentAnalysis struct {
	// Sentences are in text order and cover every token of the text.
	Sentences []SentenceAnalysis
	// Pairs sums the relations of all sentences per holder → target pair
	// (SummarizePairs).
	Pairs []ActorPair
}

// ActorPair is what a document says of one holder's stance toward one
// target, support and opposition kept apart rather than netted out.
type ActorPair struct {
	HolderID, TargetID string
	// Support and Oppose count the sentences whose relation for the pair is
	// STANCE_SUPPORT, respectively STANCE_OPPOSE, with the strongest one.
	Support, Oppose PairStance
}

// PairStance is the sentences of a document in which a pair's relation has
// one stance.
type PairStance struct {
	// Count is the number of such sentences, >= 0.
	Count int
	// Sentence indexes DocumentAnalysis.Sentences: the sentence of the
	// strongest such relation (largest |Score|; the earliest on a tie), or
	// -1 when Count is 0.
	Sentence int
	// Score and Confidence are that relation's: Score in [-1, 1] (> 0 for
	// support, < 0 for oppose), Confidence in [0, 1]; 0 when Count is 0.
	Score, Confidence float32
	// Evidence is that relation's evidence (with Options.IncludeEvidence).
	Evidence []Evidence
}

// SummarizePairs sums the relations of sentences per holder → target pair,
// in order of the pair's first relation. It costs time linear in the number
// of relations.
func SummarizePairs(sentences []SentenceAnalysis) []ActorPair {
	type key struct{ h, t string }
	var (
		pairs []ActorPair
		index map[key]int
	)
	for si := range sentences {
		for _, r := range sentences[si].Analysis.Relations {
			var side func(*ActorPair) *PairStance
			switch r.Stance {
			case StanceSupport:
				side = func(p *ActorPair) *PairStance { return &p.Support }
			case StanceOppose:
				side = func(p *ActorPair) *PairStance { return &p.Oppose }
			default:
				continue
			}
			if index == nil {
				index = make(map[key]int)
			}
			k := key{r.HolderID, r.TargetID}
			i, ok := index[k]
			if !ok {
				i = len(pairs)
				index[k] = i
				pairs = append(pairs, ActorPair{HolderID: r.HolderID, TargetID: r.TargetID,
					Support: PairStance{Sentence: -1}, Oppose: PairStance{Sentence: -1}})
			}
			ps := side(&pairs[i])
			ps.Count++
			if ps.Sentence < 0 || abs32(r.Score) > abs32(ps.Score) {
				ps.Sentence, ps.Score, ps.Confidence, ps.Evidence = si, r.Score, r.Confidence, r.Evidence
			}
		}
	}
	return pairs
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
