package stance

import (
	"slices"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Context words. The fitted decision of a target that has contributions
// also reads the words around it: every word of the sentences that mention
// the target, other than actor mentions and capitalised words inside a
// sentence (names), adds its fitted pair of logits
// (FittedFile rows "context-support" and "context-oppose") to the target's
// support and oppose logits. Words such as "said" and "according" (support
// −0.20 and −0.07, oppose −0.46 and −0.19 in the shipped file) mark a
// sentence that reports rather than judges; the sentiment words
// themselves already count as contributions, and their context weights
// stay small. When a target is mentioned in several sentences, each
// sentence counts 1/(number of those sentences), so that a target named
// often weighs no more than one named once, and a long sentence counts as
// contextWords words. Only targets with contributions are decided this way:
// a target without evidence stays neutral.

// Context is the text a target's context words are read from: tokens and
// their folded forms, sentences and actor mentions, as in Input.
type Context struct {
	Toks      []tokenize.Token
	Folded    *tokenize.Folded
	Sentences []tokenize.Sentence
	Mentions  []Mention // in text order
}

// ContextLogits are what context words add to a target's logits.
type ContextLogits struct{ Support, Oppose float64 }

// contextEntry is one context word of the fitted layer.
type contextEntry struct {
	word string
	ContextLogits
}

// EachContextWord calls fn with every context word of actor a in c, in text
// order, and the share it counts with (sentenceShare). It is the one
// definition of a target's context, which the trainer reads
// (lexicon.Classifier.TargetTerms) and the decision sums (Lexicon.contextOf,
// sentence by sentence).
func EachContextWord(c *Context, a int32, fn func(tok int, word []byte, share float64)) {
	n := 0
	eachSentenceOf(c, a, func(int) { n++ })
	eachSentenceOf(c, a, func(si int) {
		share := sentenceShare(c, si, n)
		eachContextToken(c, si, func(i int) { fn(i, c.Folded.At(i), share) })
	})
}

// sentenceShare is what each context word of sentence si counts for a
// target mentioned in n sentences: 1/n times the sentence's capFactor.
func sentenceShare(c *Context, si, n int) float64 {
	words := 0
	eachContextToken(c, si, func(int) { words++ })
	return capFactor(words) / float64(n)
}

// capFactor is 1 for a sentence of at most contextWords context words and
// cuts a longer one's in proportion.
func capFactor(words int) float64 {
	if float64(words) > contextWords {
		return contextWords / float64(words)
	}
	return 1
}

// contextWords is the most words a sentence's context counts as: the
// words of a longer one count with a share cut in proportion, so that a
// sentence of a thousand words does not outweigh every cue in it. It is
// about the length of a long news sentence, chosen by cross-validation on
// NewsMTSC train among 1, 15, 30 and no cap (README, "Fitted weights").
const contextWords = 30

// eachContextToken calls fn with every word token of sentence si of c
// outside the actor mentions that is not capitalised inside the sentence,
// in order.
func eachContextToken(c *Context, si int, fn func(tok int)) {
	se := c.Sentences[si]
	m := 0
	for m < len(c.Mentions) && c.Mentions[m].End <= se.Start {
		m++
	}
	for i := se.Start; i < se.End; i++ {
		for m < len(c.Mentions) && c.Mentions[m].End <= i {
			m++
		}
		if m < len(c.Mentions) && c.Mentions[m].Start <= i {
			continue // inside a mention: a name says nothing of a stance
		}
		// A capitalised word inside a sentence is a name or an acronym
		// ("Comey", "NATO"): its weight would be the news of the training
		// years, not the language (NewsMTSC train-CV 0.6342 with them,
		// 0.6362 without).
		if t := c.Toks[i]; t.Kind == tokenize.Word && (!t.Has(tokenize.Capitalized) || t.Has(tokenize.SentenceStart)) {
			fn(int(i))
		}
	}
}

// eachSentenceOf calls fn with the index of every sentence of c holding a
// mention of actor a, in order.
func eachSentenceOf(c *Context, a int32, fn func(si int)) {
	si := 0
	last := -1
	for _, m := range c.Mentions {
		if m.Actor != a {
			continue
		}
		for si < len(c.Sentences) && c.Sentences[si].End <= m.Start {
			si++
		}
		if si < len(c.Sentences) && si != last && c.Sentences[si].Start <= m.Start {
			fn(si)
			last = si
		}
	}
}

// contextCache holds, for one Aggregate, each sentence's context logits for
// a target it alone mentions (the fitted logits of its context words,
// summed, times its capFactor), computed when a
// target first needs them: a sentence's words are then looked up once
// however many targets it mentions. On BenchmarkAnalyze25Words (three
// targets with contributions) summing word by word for each target instead
// cost 65,100 instructions a statement against 48,900 without context
// words (bench/instr.sh); TestContextCacheMatchesWords compares the two.
type contextCache struct {
	z    []ContextLogits
	done []bool
}

// reset empties the cache for a text of n sentences.
func (cc *contextCache) reset(n int) {
	cc.z = slices.Grow(cc.z[:0], n)[:n]
	cc.done = slices.Grow(cc.done[:0], n)[:n]
	clear(cc.done)
}

// contextOf returns what the context words of actor a in c add to its
// logits: the mean over its sentences of each one's cached logits, which
// is the sum of its words' logits times their sentenceShare; zero without
// fitted context words.
func (l *Lexicon) contextOf(c *Context, a int32, cc *contextCache) ContextLogits {
	var z ContextLogits
	if l.fit == nil || len(l.fit.context) == 0 || c == nil {
		return z
	}
	if len(cc.done) != len(c.Sentences) {
		cc.reset(len(c.Sentences))
	}
	n := 0
	eachSentenceOf(c, a, func(si int) {
		n++
		if !cc.done[si] {
			var sum ContextLogits
			words := 0
			eachContextToken(c, si, func(i int) {
				words++
				if z, ok := l.fit.contextWord(c.Folded.Hash(i), c.Folded.At(i)); ok {
					sum.Support += z.Support
					sum.Oppose += z.Oppose
				}
			})
			f := capFactor(words)
			cc.z[si], cc.done[si] = ContextLogits{Support: f * sum.Support, Oppose: f * sum.Oppose}, true
		}
		z.Support += cc.z[si].Support
		z.Oppose += cc.z[si].Oppose
	})
	if n > 1 {
		z.Support /= float64(n)
		z.Oppose /= float64(n)
	}
	return z
}

// ContextWord returns the fitted logits of folded word w as a context word.
func (f *Fit) ContextWord(w []byte) (ContextLogits, bool) {
	return f.contextWord(tokenize.FoldHash(w), w)
}

// contextWord is ContextWord for a word whose tokenize.FoldHash is h (a
// token's, tokenize.Folded.Hash): the table is keyed by it, and the word
// itself settles a collision.
func (f *Fit) contextWord(h uint64, w []byte) (ContextLogits, bool) {
	e, ok := f.context[h]
	if !ok || e.word != string(w) {
		return ContextLogits{}, false
	}
	return e.ContextLogits, true
}
