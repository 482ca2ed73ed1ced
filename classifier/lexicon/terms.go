package lexicon

import (
	"sort"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// Term is one contribution of the stance engine toward a target actor, as
// the trainer of the fitted layer (package classifier/lexicon/fit) reads
// it: the lexicon entry behind it and how it reached the target.
type Term struct {
	// Weight is the contribution toward the target as the engine computed
	// it, in [-1, 1] (for a cue: with its patient= multiplier, before the
	// fitted cue and rule multipliers, which count for targets only).
	Weight float32
	// Word is the folded word of a sentiment or portrayal contribution;
	// empty for a cue.
	Word string
	// Cue indexes Cues (CueKey names it), or -1 for a word.
	Cue int32
	// Rule is the engine's rule; Via, for a word, how it reached the
	// target's mention.
	Rule stance.Rule
	Via  stance.Via
}

// ContextWord is one context word of a target (stance.EachContextWord):
// the folded word and the share it counts with.
type ContextWord struct {
	Word  string
	Share float64
}

// TargetTerms appends to dst the contributions toward actor actorID in st
// (analysed with default Options), in the engine's order, and to ctx the
// actor's context words, in text order, and reports whether the actor was
// mentioned at all.
func (c *Classifier) TargetTerms(st classifier.Statement, actorID string, dst []Term, ctx []ContextWord) ([]Term, []ContextWord, bool) {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	contribs, _, numMentioned := c.contributions(st, classifier.Options{}, s)
	actor := int32(-1)
	for i := range numMentioned {
		if s.ids[i] == actorID {
			actor = int32(i)
		}
	}
	if actor < 0 {
		return dst, ctx, false
	}
	for _, k := range contribs {
		if k.Target != actor || !k.CountsForTarget() {
			continue
		}
		t := Term{Weight: c.stance.PatientWeight(&k), Cue: k.Cue, Rule: k.Rule, Via: k.Via}
		if k.Cue < 0 {
			tok := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].End > k.Begin })
			if tok < len(s.toks) {
				t.Word = string(s.folded.At(tok))
			}
		}
		dst = append(dst, t)
	}
	text := stance.Context{Toks: s.toks, Folded: &s.folded, Sentences: s.sents, Mentions: s.mentions}
	stance.EachContextWord(&text, actor, func(_ int, w []byte, share float64) {
		ctx = append(ctx, ContextWord{Word: string(w), Share: share})
	})
	return dst, ctx, true
}

// CueKey names cue i as fitted.tsv does ("condemn/verb/svo").
func (c *Classifier) CueKey(i int32) string { return c.stance.CueKey(i) }

// KnownWord reports whether the folded word w has a valence in the
// sentiment lexicon (loosely matched too) or is a word of the stance
// lexicon (function word, portrayal word, start of a cue).
func (c *Classifier) KnownWord(w string) bool {
	b := []byte(w)
	return c.sentiment.Lookup(b) >= 0 || c.sentiment.LookupLoose(b) >= 0 || c.stance.Lookup(b) >= 0
}

// Stance returns the stance lexicon, for its Fit and Params.
func (c *Classifier) Stance() *stance.Lexicon { return c.stance }
