package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// syntaxText has a passive with its agent, a clitic and a possessive
// written with the curly apostrophe (3 bytes, read as '), and two
// sentences.
const syntaxText = "The sanctions were imposed by the European Union, and Hungary didn’t object. Poland’s president praised them."

// arc is a word of a parse as the tests compare it.
type arc struct {
	Form, UPOS string
	Head       int32
	Relation   string
}

func arcsOf(ws []classifier.SyntaxWord) []arc {
	out := make([]arc, len(ws))
	for i, w := range ws {
		out[i] = arc{w.Form, w.UPOS, w.Head, w.Relation}
	}
	return out
}

// requireWellFormed checks what holds of every parse: one root (head 0),
// heads inside the sentence (from 1), words in text order inside the sentence's span
// without overlap, each word's span the text of its form (but for the
// curly clitics), and only white space between the words.
func requireWellFormed(t *testing.T, text string, ss []classifier.SyntaxSentence) {
	t.Helper()
	prev := 0
	for si, s := range ss {
		require.LessOrEqual(t, prev, s.Span.Begin, "sentence %d", si)
		prev = s.Span.End
		roots, at := 0, s.Span.Begin
		for wi, w := range s.Words {
			require.LessOrEqual(t, w.Head, int32(len(s.Words)), "sentence %d word %d", si, wi)
			require.GreaterOrEqual(t, w.Head, int32(0))
			require.NotEqual(t, int32(wi+1), w.Head, "a word is not its own head")
			if w.Head == 0 {
				roots++
				require.Equal(t, "root", w.Relation)
			}
			require.Empty(t, strings.TrimSpace(text[at:w.Span.Begin]), "only spaces between words")
			require.Less(t, w.Span.Begin, w.Span.End)
			got := text[w.Span.Begin:w.Span.End]
			require.Equal(t, w.Form, strings.ReplaceAll(got, "’", "'"), "word %d", wi)
			at = w.Span.End
		}
		if len(s.Words) > 0 {
			require.Equal(t, 1, roots, "sentence %d", si)
			require.Equal(t, s.Span.Begin, s.Words[0].Span.Begin)
			require.Equal(t, s.Span.End, at)
		}
	}
}

func TestIncludeSyntax(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: syntaxText}, classifier.Options{IncludeSyntax: true})
	require.NoError(t, err)
	requireWellFormed(t, syntaxText, an.Syntax)
	require.Len(t, an.Syntax, 2)
	require.Equal(t, classifier.Span{Begin: 0, End: 78}, an.Syntax[0].Span, "the sentence's bytes, ’ being 3")
	require.Equal(t, classifier.Span{Begin: 79, End: 113}, an.Syntax[1].Span)

	// The first sentence: the passive's arguments, the clitic split off
	// its host with the straight apostrophe, and "object" a conj of
	// "imposed", as EWT annotates "X was done, and Y did not Z" (the greedy
	// parser made "imposed" a ccomp of "object").
	first := arcsOf(an.Syntax[0].Words)
	require.Len(t, first, 15)
	require.Equal(t, arc{"sanctions", "NOUN", 4, "nsubj:pass"}, first[1])
	require.Equal(t, arc{"were", "AUX", 4, "aux:pass"}, first[2])
	require.Equal(t, arc{"by", "ADP", 8, "case"}, first[4])
	require.Equal(t, arc{"Union", "PROPN", 4, "obl:agent"}, first[7])
	require.Equal(t, arc{"Hungary", "PROPN", 14, "nsubj"}, first[10])
	require.Equal(t, arc{"did", "AUX", 14, "aux"}, first[11])
	require.Equal(t, "n't", first[12].Form)
	require.Equal(t, classifier.Span{Begin: 65, End: 70}, an.Syntax[0].Words[12].Span, "n’t: n, then ’ (3 bytes) and t")
	require.Equal(t, arc{"object", "VERB", 4, "conj"}, first[13])
	require.Equal(t, arc{"imposed", "VERB", 0, "root"}, first[3])

	// The second sentence, whole.
	require.Equal(t, []arc{
		{"Poland", "PROPN", 3, "nmod:poss"},
		{"'s", "PART", 1, "case"},
		{"president", "NOUN", 4, "nsubj"},
		{"praised", "VERB", 0, "root"},
		{"them", "PRON", 4, "obj"},
		{".", "PUNCT", 4, "punct"},
	}, arcsOf(an.Syntax[1].Words))
	require.Equal(t, "Poland", syntaxText[an.Syntax[1].Words[0].Span.Begin:an.Syntax[1].Words[0].Span.End])

	// Off by default, and nothing without a parser.
	an, err = c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: syntaxText}, classifier.Options{})
	require.NoError(t, err)
	require.Nil(t, an.Syntax)
	an, err = defaultClassifier(t).Analyze(context.Background(), classifier.Statement{ID: "x", Text: syntaxText}, classifier.Options{IncludeSyntax: true})
	require.NoError(t, err)
	require.Nil(t, an.Syntax, "a classifier without a parser model")
}

// Every sentence is parsed, not only those the stance rules parse (a
// sentence without a cue or an actor, here the first), and a reused
// Analysis gets the same parse.
func TestIncludeSyntaxEverySentence(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	text := "It rained all day. France praised Germany."
	st := classifier.Statement{ID: "x", Text: text}
	var an classifier.Analysis
	require.NoError(t, c.AnalyzeInto(context.Background(), st, classifier.Options{IncludeSyntax: true}, &an))
	requireWellFormed(t, text, an.Syntax)
	require.Len(t, an.Syntax, 2)
	require.Equal(t, []arc{
		{"It", "PRON", 2, "nsubj"}, {"rained", "VERB", 0, "root"}, {"all", "DET", 4, "det"},
		{"day", "NOUN", 2, "obl:unmarked"}, {".", "PUNCT", 2, "punct"},
	}, arcsOf(an.Syntax[0].Words))
	again := arcsOf(an.Syntax[1].Words)
	require.NoError(t, c.AnalyzeInto(context.Background(), classifier.Statement{ID: "y", Text: syntaxText}, classifier.Options{IncludeSyntax: true}, &an))
	require.NoError(t, c.AnalyzeInto(context.Background(), st, classifier.Options{IncludeSyntax: true}, &an))
	require.Equal(t, again, arcsOf(an.Syntax[1].Words))
	require.NoError(t, c.AnalyzeInto(context.Background(), st, classifier.Options{}, &an))
	require.Nil(t, an.Syntax)
}

// A sentence of more than 160 UD words, the most the stance rules parse
// (stance.maxParseWords; the API documents the figure at
// SyntaxSentence.words), comes with its span and no words, never split.
func TestIncludeSyntaxLongSentence(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	for _, tc := range []struct {
		words  int
		parsed bool
	}{{160, true}, {161, false}} {
		// "France praised Germany" then "and Spain" until the sentence has
		// tc.words words with its full stop.
		text := "France praised Germany" + strings.Repeat(" and Spain", (tc.words-4)/2)
		if tc.words%2 == 1 {
			text += " too"
		}
		text += ". Italy agreed."
		an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: text}, classifier.Options{IncludeSyntax: true})
		require.NoError(t, err)
		requireWellFormed(t, text, an.Syntax)
		require.Len(t, an.Syntax, 2)
		require.Equal(t, classifier.Span{Begin: 0, End: strings.Index(text, ".") + 1}, an.Syntax[0].Span)
		if tc.parsed {
			require.Len(t, an.Syntax[0].Words, tc.words)
		} else {
			require.Empty(t, an.Syntax[0].Words, "%d words", tc.words)
		}
		require.Len(t, an.Syntax[1].Words, 3, "the next sentence is parsed")
	}
}

// In a document each sentence's analysis has the parse of that sentence,
// with offsets into the whole text.
func TestIncludeSyntaxDocument(t *testing.T) {
	t.Parallel()
	c := requireSyntax(t)
	text := "France praised Germany.\n\nItaly’s leader agreed."
	da, err := c.AnalyzeDocument(context.Background(), classifier.Document{Text: text}, classifier.Options{IncludeSyntax: true})
	require.NoError(t, err)
	require.Len(t, da.Sentences, 2)
	for _, sa := range da.Sentences {
		require.Len(t, sa.Analysis.Syntax, 1)
		require.Equal(t, sa.Span, sa.Analysis.Syntax[0].Span)
		requireWellFormed(t, text, sa.Analysis.Syntax)
	}
	require.Equal(t, arc{"'s", "PART", 1, "case"}, arcsOf(da.Sentences[1].Analysis.Syntax[0].Words)[1])
	da, err = c.AnalyzeDocument(context.Background(), classifier.Document{Text: text}, classifier.Options{})
	require.NoError(t, err)
	require.Nil(t, da.Sentences[0].Analysis.Syntax)
}

// With IncludeSyntax a reused Analysis costs one allocation, the words of
// all sentences (which the caller may keep); without it none (see
// TestAnalyzeAllocatesNothingWithSyntax).
func TestIncludeSyntaxAllocations(t *testing.T) {
	// Not parallel: AllocsPerRun counts every goroutine's allocations.
	c := requireSyntax(t)
	st := classifier.Statement{ID: "b", Text: syntaxText + " " + bench25, Actors: benchActors}
	var an classifier.Analysis
	s := new(scratch)
	opts := classifier.Options{IncludeSyntax: true}
	c.analyze(st, opts, &an, s)
	require.Len(t, an.Syntax, 3)
	allocs := testing.AllocsPerRun(20, func() { c.analyze(st, opts, &an, s) })
	require.Equal(t, 1.0, allocs)
}
