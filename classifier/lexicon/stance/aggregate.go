package stance

import (
	"math"
	"slices"

	"github.com/stancetag/stancetag/classifier"
)

// TargetScore is the statement's aggregated stance toward one actor.
type TargetScore struct {
	Stance classifier.Stance
	// Score is in [-1, 1]; Confidence in [0, 1].
	Score, Confidence float32
}

// RelationScore is one holder's aggregated stance toward one target.
type RelationScore struct {
	Holder, Target int32
	Stance         classifier.Stance
	// Score is in [-1, 1]; Confidence in [0, 1].
	Score, Confidence float32
	// First indexes the pair's first contribution, for text order.
	First int32
}

// Aggregate sums the contributions per target actor (indexes 0..numActors-1)
// and per holder-target pair. Sentiment contributions count toward targets
// only, but for those with a holder (a quoted predicate, quotedPredicate). The results live in s until it is reused; relations come in order of
// their first contribution and only with a stance. RelationOf then tells
// which relation each contribution counts toward. It costs time linear in
// the number of contributions and actors. ctx, when not nil, is the text
// of the contributions, whose context words the fitted decision reads
// (context.go).
func (l *Lexicon) Aggregate(contribs []Contribution, numActors int, ctx *Context, s *Scratch) ([]TargetScore, []RelationScore) {
	p := &l.params
	// The sum toward each target, and its parts (Features), which the
	// fitted decision reads.
	if cap(s.sums) < numActors || cap(s.feats) < numActors {
		s.sums = make([]float32, numActors)
		s.feats = make([]Features, numActors)
	}
	sums, feats := s.sums[:numActors], s.feats[:numActors]
	clear(sums)
	clear(feats)
	s.ctx.done = s.ctx.done[:0] // contextOf fills it for ctx
	s.pairs.reset()
	rels := s.rels[:0]
	relOf := slices.Grow(s.relOf[:0], len(contribs))[:len(contribs)]
	for i := range contribs {
		c := &contribs[i]
		rel := int32(-1)
		if c.Target >= 0 && int(c.Target) < numActors {
			if c.CountsForTarget() {
				w := l.TargetWeight(c)
				sums[c.Target] += w
				feats[c.Target].AddPart(c.Cue >= 0, float64(w))
			}
			if c.Holder >= 0 && c.Holder != c.Target && !c.TargetOnly {
				rel = s.pairs.relation(rels, c.Holder, c.Target)
				if int(rel) == len(rels) {
					rels = append(rels, RelationScore{Holder: c.Holder, Target: c.Target, First: int32(i)})
				}
				rels[rel].Score += c.Weight
			}
		}
		relOf[i] = rel
	}
	s.rels, s.relOf = rels, relOf
	targets := slices.Grow(s.targets[:0], numActors)[:numActors]
	// Most actors have no evidence: decide that case once.
	var none TargetScore
	none.Stance, none.Score, none.Confidence = l.decide(0, p.TargetThreshold)
	if l.fit != nil {
		none.Confidence = float32(l.fit.Decision.None)
	}
	for i, raw := range sums {
		if math.Float32bits(raw) == 0 {
			targets[i] = none
			continue
		}
		f := feats[i]
		f.Raw = float64(raw)
		st, sc, conf := l.decideTarget(int32(i), f, ctx, &s.ctx)
		targets[i] = TargetScore{Stance: st, Score: sc, Confidence: conf}
	}
	s.targets = targets
	// Drop the neutral relations in place; renum maps old relation indexes
	// to kept ones (or -1) for RelationOf.
	renum := slices.Grow(s.renum[:0], len(rels))[:len(rels)]
	kept := rels[:0]
	for i := range rels {
		r := rels[i]
		r.Stance, r.Score, r.Confidence = l.decide(r.Score, p.RelationThreshold)
		renum[i] = -1
		if r.Stance != classifier.StanceNeutral {
			renum[i] = int32(len(kept))
			kept = append(kept, r)
		}
	}
	if len(kept) < len(rels) {
		for i, r := range relOf {
			if r >= 0 {
				relOf[i] = renum[r]
			}
		}
	}
	s.rels, s.renum = kept, renum
	return targets, kept
}

// fewRelations is how many relations pairTable.relation finds by scanning
// them, cheaper than hashing for the usual handful; the pair table holds
// them from then on.
const fewRelations = 8

// relation returns the index in rels of the holder-target pair, or
// len(rels) when it is new; the caller appends it then.
func (t *pairTable) relation(rels []RelationScore, holder, target int32) int32 {
	if len(rels) < fewRelations {
		for i := range rels {
			if rels[i].Holder == holder && rels[i].Target == target {
				return int32(i)
			}
		}
		return int32(len(rels))
	}
	if len(rels) == fewRelations && t.used == 0 {
		for i := range rels {
			t.index(pairKey(rels[i].Holder, rels[i].Target), int32(i))
		}
	}
	return t.index(pairKey(holder, target), int32(len(rels)))
}

func pairKey(holder, target int32) uint64 { return uint64(uint32(holder))<<32 | uint64(uint32(target)) }

// RelationOf returns, for each contribution passed to the last Aggregate
// with s, the index in the relations it returned of the relation the
// contribution counts toward, or -1. The slice lives in s.
func (s *Scratch) RelationOf() []int32 { return s.relOf }

// pairTable maps holder-target pairs to relation indexes: open addressing
// with a generation stamp, so that reset is O(1) and a warm table allocates
// nothing.
type pairTable struct {
	slots []pairSlot // len is a power of two, or 0
	used  int
	gen   uint32
}

type pairSlot struct {
	key uint64
	val int32
	gen uint32
}

func (t *pairTable) reset() {
	if t.gen++; t.gen == 0 { // wrapped: clear for real
		clear(t.slots)
		t.gen = 1
	}
	t.used = 0
}

// index returns the value of key, adding it with value next when missing.
func (t *pairTable) index(key uint64, next int32) int32 {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := pairHash(key) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.gen != t.gen {
			*sl = pairSlot{key: key, val: next, gen: t.gen}
			t.used++
			return next
		}
		if sl.key == key {
			return sl.val
		}
	}
}

// grow doubles the table (16 slots at least) and re-inserts the live pairs.
func (t *pairTable) grow() {
	old, oldGen := t.slots, t.gen
	t.slots = make([]pairSlot, max(16, 2*len(old)))
	t.gen = 1
	mask := uint64(len(t.slots) - 1)
	for _, sl := range old {
		if sl.gen != oldGen {
			continue
		}
		sl.gen = 1
		for i := pairHash(sl.key) & mask; ; i = (i + 1) & mask {
			if t.slots[i].gen != 1 {
				t.slots[i] = sl
				break
			}
		}
	}
}

// pairHash mixes a pair key (the murmur3 finaliser).
func pairHash(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

// decideTarget is the stance of target a, of features f (its context
// still to add) in the text ctx: the fitted Decision when the lexicon has
// one, else decide.
func (l *Lexicon) decideTarget(a int32, f Features, ctx *Context, cc *contextCache) (classifier.Stance, float32, float32) {
	if l.fit == nil {
		return l.decide(float32(f.Raw), l.params.TargetThreshold)
	}
	f.Context = l.contextOf(ctx, a, cc)
	return l.fit.Decision.Decide(f)
}

// decide turns a raw sum into a stance, a score in [-1, 1] and a confidence.
// Neutral scores are reported as 0; a neutral confidence falls from 1 (no
// evidence) toward 0.5 as the score nears the threshold.
func (l *Lexicon) decide(raw, threshold float32) (classifier.Stance, float32, float32) {
	score := raw / float32(math.Sqrt(float64(raw*raw+l.params.Saturation)))
	switch {
	case score >= threshold:
		return classifier.StanceSupport, score, min(1, 0.5+score/2)
	case score <= -threshold:
		return classifier.StanceOppose, score, min(1, 0.5-score/2)
	}
	a := score
	if a < 0 {
		a = -a
	}
	return classifier.StanceNeutral, 0, 1 - 0.5*a/threshold
}
