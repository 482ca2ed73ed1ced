package stance

import (
	"math"

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
// only. The results live in s until it is reused; relations come in order of
// their first contribution and only with a stance.
func (l *Lexicon) Aggregate(contribs []Contribution, numActors int, s *Scratch) ([]TargetScore, []RelationScore) {
	p := &l.params
	if cap(s.sums) < numActors {
		s.sums = make([]float32, numActors)
	}
	sums := s.sums[:numActors]
	clear(sums)
	s.rels = s.rels[:0]
	for i, c := range contribs {
		if c.Target < 0 || int(c.Target) >= numActors {
			continue
		}
		sums[c.Target] += c.Weight
		if c.Sentiment() || c.Holder < 0 || c.Holder == c.Target {
			continue
		}
		found := false
		for k := range s.rels {
			if r := &s.rels[k]; r.Holder == c.Holder && r.Target == c.Target {
				r.Score += c.Weight
				found = true
				break
			}
		}
		if !found {
			s.rels = append(s.rels, RelationScore{Holder: c.Holder, Target: c.Target, Score: c.Weight, First: int32(i)})
		}
	}
	s.targets = s.targets[:0]
	for _, raw := range sums {
		st, sc, conf := l.decide(raw, p.TargetThreshold)
		s.targets = append(s.targets, TargetScore{Stance: st, Score: sc, Confidence: conf})
	}
	rels := s.rels[:0]
	for _, r := range s.rels {
		r.Stance, r.Score, r.Confidence = l.decide(r.Score, p.RelationThreshold)
		if r.Stance != classifier.StanceNeutral {
			rels = append(rels, r)
		}
	}
	s.rels = rels
	return s.targets, rels
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
