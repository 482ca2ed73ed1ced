package server

import (
	"fmt"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// The domain enums use the API's numbers (see classifier.go); convert_test.go
// checks every value, so the conversions below are plain casts.

// kindFromProto converts an API actor kind; ok is false for values outside the
// enum.
func kindFromProto(k stancev1.ActorKind) (classifier.ActorKind, bool) {
	if k < stancev1.ActorKind_ACTOR_KIND_UNSPECIFIED || k > stancev1.ActorKind_ACTOR_KIND_OTHER {
		return 0, false
	}
	return classifier.ActorKind(k), true
}

// actorToProto converts a gazetteer actor. The aliases slice is shared.
func actorToProto(a *classifier.Actor) *stancev1.Actor {
	return &stancev1.Actor{
		Id:      a.ID,
		Name:    a.Name,
		Aliases: a.Aliases,
		Kind:    stancev1.ActorKind(a.Kind),
	}
}

// AnalysisToProto converts the analysis of text to its API form, with every
// span in enc (UNSPECIFIED means UTF-8). statement_id is set to id whatever
// the classifier put there. It fails with a *SpanError when a span is outside
// text or splits a UTF-8 sequence.
//
// The result is allocated in a fixed number of blocks, whatever the number of
// mentions and evidence.
func AnalysisToProto(a *classifier.Analysis, id, text string, enc stancev1.OffsetEncoding) (*stancev1.Analysis, error) {
	var m spanMapper
	m.init(text, enc)
	if err := addAnalysisSpans(&m, a); err != nil {
		return nil, err
	}
	m.build()
	return analysisFromMapper(a, id, text, &m), nil
}

// addAnalysisSpans adds every span of a to m, failing with a *SpanError
// (prefixed by the span's field) for one that does not fit m's text.
func addAnalysisSpans(m *spanMapper, a *classifier.Analysis) error {
	for i := range a.Mentions {
		if err := m.add(a.Mentions[i].Span); err != nil {
			return fmt.Errorf("mentions[%d]: %w", i, err)
		}
	}
	for i := range a.Targets {
		for j := range a.Targets[i].Evidence {
			if err := m.add(a.Targets[i].Evidence[j].Span); err != nil {
				return fmt.Errorf("targets[%d].evidence[%d]: %w", i, j, err)
			}
		}
	}
	for i := range a.Relations {
		for j := range a.Relations[i].Evidence {
			if err := m.add(a.Relations[i].Evidence[j].Span); err != nil {
				return fmt.Errorf("relations[%d].evidence[%d]: %w", i, j, err)
			}
		}
	}
	for i := range a.Syntax {
		if err := m.add(a.Syntax[i].Span); err != nil {
			return fmt.Errorf("syntax.sentences[%d].span: %w", i, err)
		}
		for j := range a.Syntax[i].Words {
			if err := m.add(a.Syntax[i].Words[j].Span); err != nil {
				return fmt.Errorf("syntax.sentences[%d].words[%d].span: %w", i, j, err)
			}
		}
	}
	return nil
}

// syntaxToProto converts the parse ss, its spans drawn from b (which must
// have room for one per sentence and word). The messages come from three
// arrays, whatever the number of sentences and words.
func syntaxToProto(ss []classifier.SyntaxSentence, b *block) *stancev1.Syntax {
	nw := 0
	for i := range ss {
		nw += len(ss[i].Words)
	}
	sents := make([]stancev1.SyntaxSentence, len(ss))
	sentPtrs := make([]*stancev1.SyntaxSentence, len(ss))
	var words []stancev1.SyntaxWord
	var wordPtrs []*stancev1.SyntaxWord
	if nw > 0 {
		words, wordPtrs = make([]stancev1.SyntaxWord, nw), make([]*stancev1.SyntaxWord, nw)
	}
	for i := range ss {
		s, ps := &ss[i], &sents[i]
		ps.Span = b.span(s.Span)
		if n := len(s.Words); n > 0 {
			ps.Words = wordPtrs[:n:n]
			for j := range s.Words {
				w, pw := &s.Words[j], &words[j]
				pw.Span = b.span(w.Span)
				pw.Form, pw.Upos, pw.Head, pw.Relation = w.Form, w.UPOS, w.Head, w.Relation
				ps.Words[j] = pw
			}
			words, wordPtrs = words[n:], wordPtrs[n:]
		}
		sentPtrs[i] = ps
	}
	return &stancev1.Syntax{Sentences: sentPtrs}
}

// syntaxSpans is how many spans the parse ss has.
func syntaxSpans(ss []classifier.SyntaxSentence) int {
	n := len(ss)
	for i := range ss {
		n += len(ss[i].Words)
	}
	return n
}

// analysisFromMapper is AnalysisToProto once every span of a is in m,
// built.
func analysisFromMapper(a *classifier.Analysis, id, text string, m *spanMapper) *stancev1.Analysis {
	nEvidence := 0
	for i := range a.Targets {
		nEvidence += len(a.Targets[i].Evidence)
	}
	for i := range a.Relations {
		nEvidence += len(a.Relations[i].Evidence)
	}
	b := block{
		m:        m,
		spans:    make([]stancev1.Span, len(a.Mentions)+nEvidence+syntaxSpans(a.Syntax)),
		evidence: make([]stancev1.Evidence, nEvidence),
		evPtrs:   make([]*stancev1.Evidence, nEvidence),
	}
	out := &stancev1.Analysis{
		StatementId: id,
		Sentiment: &stancev1.Sentiment{
			Label:     stancev1.SentimentLabel(a.Sentiment.Label),
			Score:     a.Sentiment.Score,
			Magnitude: a.Sentiment.Magnitude,
		},
	}
	if n := len(a.Targets); n > 0 {
		targets := make([]stancev1.TargetStance, n)
		out.Targets = make([]*stancev1.TargetStance, n)
		for i := range a.Targets {
			t, pt := &a.Targets[i], &targets[i]
			pt.ActorId = t.ActorID
			pt.Stance = stancev1.Stance(t.Stance)
			pt.Score = t.Score
			pt.Confidence = t.Confidence
			pt.Evidence = b.evidenceList(t.Evidence)
			out.Targets[i] = pt
		}
	}
	if n := len(a.Relations); n > 0 {
		relations := make([]stancev1.Relation, n)
		out.Relations = make([]*stancev1.Relation, n)
		for i := range a.Relations {
			r, pr := &a.Relations[i], &relations[i]
			pr.HolderId = r.HolderID
			pr.TargetId = r.TargetID
			pr.Stance = stancev1.Stance(r.Stance)
			pr.Score = r.Score
			pr.Confidence = r.Confidence
			pr.Evidence = b.evidenceList(r.Evidence)
			out.Relations[i] = pr
		}
	}
	if n := len(a.Mentions); n > 0 {
		mentions := make([]stancev1.Mention, n)
		out.Mentions = make([]*stancev1.Mention, n)
		for i := range a.Mentions {
			mm, pm := &a.Mentions[i], &mentions[i]
			pm.ActorId = mm.ActorID
			pm.Span = b.span(mm.Span)
			pm.Text = mm.Text
			if pm.Text == "" {
				pm.Text = text[mm.Span.Begin:mm.Span.End]
			}
			out.Mentions[i] = pm
		}
	}
	if len(a.Syntax) > 0 {
		out.Syntax = syntaxToProto(a.Syntax, &b)
	}
	return out
}

// block hands out the messages of one Analysis from a few shared arrays.
type block struct {
	m        *spanMapper
	spans    []stancev1.Span
	evidence []stancev1.Evidence
	evPtrs   []*stancev1.Evidence
}

func (b *block) span(s classifier.Span) *stancev1.Span {
	p := &b.spans[0]
	b.spans = b.spans[1:]
	p.Begin = b.m.offset(s.Begin)
	p.End = b.m.offset(s.End)
	return p
}

func (b *block) evidenceList(ev []classifier.Evidence) []*stancev1.Evidence {
	if len(ev) == 0 {
		return nil
	}
	n := len(ev)
	list := b.evPtrs[:n:n]
	b.evPtrs = b.evPtrs[n:]
	for i := range ev {
		e, pe := &ev[i], &b.evidence[i]
		pe.Span = b.span(e.Span)
		pe.Cue = e.Cue
		pe.Weight = e.Weight
		pe.Rule = e.Rule
		list[i] = pe
	}
	b.evidence = b.evidence[n:]
	return list
}
