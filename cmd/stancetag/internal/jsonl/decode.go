package jsonl

import (
	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// decoder turns analyses received from a server back into the classifier's
// type, so that they are written by the same encoder as local ones
// (analysisjson.Append) and come out byte for byte the same. Spans must be
// UTF-8 byte offsets (what RunRemote asks the servers for); the domain enums
// use the API's numbers, so enums are plain casts.
//
// It reuses its slices from one analysis to the next: the result of analysis
// is valid until the next call. Not safe for concurrent use.
type decoder struct {
	a        classifier.Analysis
	evidence []classifier.Evidence
	words    []classifier.SyntaxWord
}

// analysis converts p, with id as the statement id.
func (d *decoder) analysis(p *stancev1.Analysis, id string) *classifier.Analysis {
	n := 0
	for _, t := range p.GetTargets() {
		n += len(t.GetEvidence())
	}
	for _, r := range p.GetRelations() {
		n += len(r.GetEvidence())
	}
	// Room for all the evidence at once: the per-target subslices handed
	// out below must not move.
	d.evidence = d.evidence[:0]
	if cap(d.evidence) < n {
		d.evidence = make([]classifier.Evidence, 0, n)
	}

	a := &d.a
	a.StatementID = id
	s := p.GetSentiment()
	a.Sentiment = classifier.Sentiment{
		Label:     classifier.SentimentLabel(s.GetLabel()),
		Score:     s.GetScore(),
		Magnitude: s.GetMagnitude(),
	}
	a.Targets = a.Targets[:0]
	for _, t := range p.GetTargets() {
		a.Targets = append(a.Targets, classifier.TargetStance{
			ActorID:    t.GetActorId(),
			Stance:     classifier.Stance(t.GetStance()),
			Score:      t.GetScore(),
			Confidence: t.GetConfidence(),
			Evidence:   d.evidenceList(t.GetEvidence()),
		})
	}
	a.Relations = a.Relations[:0]
	for _, r := range p.GetRelations() {
		a.Relations = append(a.Relations, classifier.Relation{
			HolderID:   r.GetHolderId(),
			TargetID:   r.GetTargetId(),
			Stance:     classifier.Stance(r.GetStance()),
			Score:      r.GetScore(),
			Confidence: r.GetConfidence(),
			Evidence:   d.evidenceList(r.GetEvidence()),
		})
	}
	a.Mentions = a.Mentions[:0]
	for _, m := range p.GetMentions() {
		a.Mentions = append(a.Mentions, classifier.Mention{
			ActorID: m.GetActorId(),
			Span:    span(m.GetSpan()),
			Text:    m.GetText(),
		})
	}
	a.Syntax = d.syntax(p.GetSyntax().GetSentences(), a.Syntax[:0])
	return a
}

// syntax converts the parse ss into dst, the words of all sentences in
// d.words; nil when ss is empty, as the classifier leaves it.
func (d *decoder) syntax(ss []*stancev1.SyntaxSentence, dst []classifier.SyntaxSentence) []classifier.SyntaxSentence {
	if len(ss) == 0 {
		return nil
	}
	n := 0
	for _, s := range ss {
		n += len(s.GetWords())
	}
	d.words = d.words[:0]
	if cap(d.words) < n {
		d.words = make([]classifier.SyntaxWord, 0, n)
	}
	for _, s := range ss {
		start := len(d.words)
		for _, w := range s.GetWords() {
			d.words = append(d.words, classifier.SyntaxWord{
				Span: span(w.GetSpan()), Form: w.GetForm(), UPOS: w.GetUpos(), Head: w.GetHead(), Relation: w.GetRelation(),
			})
		}
		var words []classifier.SyntaxWord
		if len(d.words) > start {
			words = d.words[start:len(d.words):len(d.words)]
		}
		dst = append(dst, classifier.SyntaxSentence{Span: span(s.GetSpan()), Words: words})
	}
	return dst
}

// evidenceList appends list to d.evidence, which has room for it, and
// returns its part.
func (d *decoder) evidenceList(list []*stancev1.Evidence) []classifier.Evidence {
	if len(list) == 0 {
		return nil
	}
	start := len(d.evidence)
	for _, e := range list {
		d.evidence = append(d.evidence, classifier.Evidence{
			Span:   span(e.GetSpan()),
			Cue:    e.GetCue(),
			Weight: e.GetWeight(),
			Rule:   e.GetRule(),
		})
	}
	return d.evidence[start:len(d.evidence):len(d.evidence)]
}

func span(s *stancev1.Span) classifier.Span {
	return classifier.Span{Begin: int(s.GetBegin()), End: int(s.GetEnd())}
}
