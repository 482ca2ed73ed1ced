package lexicon

import (
	"io/fs"
	"slices"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// actorIndex wraps the gazetteer and its matcher.
type actorIndex struct {
	gaz     *actors.Gazetteer
	matcher *actors.Matcher
	offices offices
	// affil is, by gazetteer index, the gazetteer index of the actor's
	// affiliation (a leader's country, people.tsv), or -1.
	affil []int32
	// gender is, by gazetteer index, a person's gender ('m', 'f') or 0.
	gender []byte
}

// matchScratch is the matcher's working memory.
type matchScratch struct {
	s       actors.Scratch
	matches []actors.Match
}

func loadActors(fsys fs.FS) (actorIndex, error) {
	g, err := actors.LoadGazetteer(fsys)
	if err != nil {
		return actorIndex{}, err
	}
	affil, gender := make([]int32, g.Len()), make([]byte, g.Len())
	for i := range affil {
		en := g.Entry(i)
		affil[i], gender[i] = -1, en.Gender
		if en.Affiliation != "" {
			if j, ok := g.Lookup(en.Affiliation); ok {
				affil[i] = int32(j)
			}
		}
	}
	return actorIndex{gaz: g, matcher: actors.NewMatcher(g), offices: newOffices(g), affil: affil, gender: gender}, nil
}

// personFacts returns, by dense actor index, the dense index of each
// mentioned actor's affiliation when that actor is mentioned too (else -1)
// and each mentioned gazetteer person's gender ('m', 'f', else 0), in one
// pass over what match left in s (s.match.matches, with s.mentions
// parallel to them, and s.dense). Either is nil when it has nothing to
// say, the common case, which allocates nothing.
func (a actorIndex) personFacts(s *scratch) (affil []int32, gender []byte) {
	for i := range s.match.matches {
		m := &s.match.matches[i]
		if m.Gazetteer < 0 {
			continue
		}
		actor := s.mentions[i].Actor
		if g := a.affil[m.Gazetteer]; g >= 0 && s.dense.gaz[g] != 0 {
			if affil == nil {
				affil = resize(s.affil, len(s.ids))
				for j := range affil {
					affil[j] = -1
				}
				s.affil = affil
			}
			affil[actor] = s.dense.gaz[g] - 1
		}
		if g := a.gender[m.Gazetteer]; g != 0 {
			if gender == nil {
				gender = resize(s.gender, len(s.ids))
				clear(gender)
				s.gender = gender
			}
			gender[actor] = g
		}
	}
	return affil, gender
}

func (a actorIndex) gazetteer() []classifier.Actor { return a.gaz.Actors() }

// kindOf is the kind of the caller's or gazetteer actor with this id.
func (a actorIndex) kindOf(id string, caller []classifier.Actor) classifier.ActorKind {
	for _, c := range caller {
		if c.ID == id {
			return c.Kind
		}
	}
	if i, ok := a.gaz.Lookup(id); ok {
		return a.gaz.Actors()[i].Kind
	}
	return classifier.KindUnspecified
}

// match finds the mentions of text, gives each mentioned actor a dense index
// in order of first mention (s.ids), records each mention's byte span in
// s.spans and returns the mentions for the stance engine.
//
// It also reads descriptions of gazetteer people ("the French president",
// "Ukraine's leader") as mentions of the office holder (offices.describe),
// unless the token before is a word such as "former" (former reports
// which), and, with facts, pronouns as mentions of a caller's person the
// text never names (unnamedReferent).
//
// cut, when not nil, are a document's sentences: a match that runs across
// the end of one ("the United\nStates" where a line break ends a
// paragraph) is dropped, since every mention belongs to one sentence.
func (a actorIndex) match(text string, toks []tokenize.Token, folded *tokenize.Folded, roots []actors.Roots, caller []classifier.Actor, opts classifier.Options, former func(tok int) bool, facts referentInput, cut []tokenize.Sentence, s *scratch) []stance.Mention {
	ms := &s.match
	ms.matches = a.matcher.MatchFolded(ms.matches[:0], text, toks, folded, roots, caller, actors.Options{DisableGazetteer: opts.DisableGazetteer}, &ms.s)
	if former != nil && !opts.DisableGazetteer {
		a.offices.describe(text, toks, folded, ms.matches, former)
	}
	if cut != nil {
		kept, si := ms.matches[:0], 0
		for _, m := range ms.matches {
			for si < len(cut) && int(cut[si].End) <= m.TokStart {
				si++
			}
			if si < len(cut) && m.TokEnd > int(cut[si].End) {
				continue
			}
			kept = append(kept, m)
		}
		ms.matches = kept
	}
	if len(caller) > 0 && facts.class != nil {
		ms.matches = a.unnamedReferent(text, toks, caller, ms.matches, facts)
	}
	n := len(ms.matches)
	out := slices.Grow(s.mentions[:0], n)[:n]
	s.spans = slices.Grow(s.spans[:0], n)[:n]
	s.dense.reset(len(caller), a.gaz.Len())
	// By index and pointer: a Match is too large to copy per mention.
	for i := range ms.matches {
		m := &ms.matches[i]
		out[i] = stance.Mention{
			Actor: s.dense.of(a, m, s), Kind: m.Kind, Start: int32(m.TokStart), End: int32(m.TokEnd), Possessive: m.Possessive,
		}
		s.spans[i] = classifier.Span{Begin: m.Start, End: m.End}
	}
	return out
}

// denseIndex gives mentioned actors dense indexes in O(1) per mention: by
// caller index and by gazetteer index, 1 + the dense index (0: none yet).
type denseIndex struct {
	caller, gaz []int32
	touched     []int32 // gazetteer indexes set in this call
}

// reset prepares d for a call with numCaller caller actors and a gazetteer
// of numGaz actors.
func (d *denseIndex) reset(numCaller, numGaz int) {
	for _, g := range d.touched {
		d.gaz[g] = 0
	}
	d.touched = d.touched[:0]
	if len(d.gaz) != numGaz {
		d.gaz = make([]int32, numGaz)
	}
	if cap(d.caller) < numCaller {
		d.caller = make([]int32, numCaller)
	}
	d.caller = d.caller[:numCaller]
	clear(d.caller)
}

// setGaz records dense index idx for gazetteer actor g.
func (d *denseIndex) setGaz(g int, idx int32) {
	d.gaz[g] = idx + 1
	d.touched = append(d.touched, int32(g))
}

// of returns the dense index of m's actor, adding it to s.ids when new. A
// caller's actor and a gazetteer actor with the same id share one index.
func (d *denseIndex) of(a actorIndex, m *actors.Match, s *scratch) int32 {
	if m.Caller {
		if x := d.caller[m.Actor]; x > 0 {
			return x - 1
		}
		g, inGaz := a.gaz.Lookup(m.ID)
		var idx int32
		if inGaz && d.gaz[g] > 0 {
			idx = d.gaz[g] - 1
		} else {
			idx = s.addActor(m.ID, m.Kind)
			if inGaz {
				d.setGaz(g, idx)
			}
		}
		d.caller[m.Actor] = idx + 1
		return idx
	}
	if x := d.gaz[m.Actor]; x > 0 {
		return x - 1
	}
	idx := s.addActor(m.ID, m.Kind)
	d.setGaz(m.Actor, idx)
	return idx
}
