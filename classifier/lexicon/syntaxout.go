package lexicon

import (
	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// syntaxScratch is the working memory of Options.IncludeSyntax.
type syntaxScratch struct {
	words []classifier.SyntaxWord // the words of every sentence, in order
	ends  []int32                 // per sentence: the end of its words in words
}

// parseAll returns the parse of the sentences sents of text (tokens s.toks)
// for Analysis.Syntax, reusing dst's array when it has the capacity: every
// sentence parsed by the stance engine's parser (stance.Parser), so that
// the words, tags and arcs are those the rules read, and a sentence that
// parser refuses (too long) kept with its span and no words. It must run
// after the stance engine is done with the statement: it overwrites the
// parser's last parse, which the engine drops at its next statement. The
// words of all sentences share one new array, so that a caller may keep
// them; Form, UPOS and Relation share the text and the model's strings.
func (c *Classifier) parseAll(text string, sents []tokenize.Sentence, dst []classifier.SyntaxSentence, s *scratch) []classifier.SyntaxSentence {
	out := resize(dst, len(sents))
	if len(sents) == 0 {
		return out
	}
	if s.parser == nil {
		s.parser = c.grammar.NewParser()
	}
	m := c.grammar.Model()
	y := &s.syntax
	y.words, y.ends = y.words[:0], y.ends[:0]
	for _, se := range sents {
		if s.parser.ParseSentence(text, s.toks[se.Start:se.End], se.Start) {
			words, tree := s.parser.Tree()
			for i, w := range words {
				y.words = append(y.words, classifier.SyntaxWord{
					Span: classifier.Span{Begin: int(w.Start), End: int(w.End)},
					Form: w.FormOf(text), UPOS: tree.Tags[i].String(),
					Head: tree.Heads[i] + 1, Relation: m.Rel(tree.Rels[i]), // Heads: from 0, -1 for the root
				})
			}
		}
		y.ends = append(y.ends, int32(len(y.words)))
	}
	var all []classifier.SyntaxWord
	if len(y.words) > 0 {
		all = make([]classifier.SyntaxWord, len(y.words))
		copy(all, y.words)
		clear(y.words) // the pool must not keep the text alive
	}
	from := int32(0)
	for i, se := range sents {
		begin, end := se.Span(s.toks)
		to := y.ends[i]
		out[i] = classifier.SyntaxSentence{Span: classifier.Span{Begin: int(begin), End: int(end)}}
		if to > from {
			out[i].Words = all[from:to:to]
		}
		from = to
	}
	return out
}
