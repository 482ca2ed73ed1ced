package server

import (
	"context"
	"fmt"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// fieldDocument is AnalyzeDocumentRequest.document; its actors and options
// have the numbers of AnalyzeRequest's (fieldRequestActors,
// fieldOptionsInRequest).
const fieldDocument protowire.Number = 1

// AnalyzeDocument validates the request, then analyses the document
// sentence by sentence with the classifier's document rules. A classifier
// that does not read documents (no classifier.DocumentClassifier) answers
// UNIMPLEMENTED.
func (s *service) AnalyzeDocument(ctx context.Context, req *stancev1.AnalyzeDocumentRequest) (*stancev1.AnalyzeDocumentResponse, error) {
	l := s.load()
	ck := checker{lim: s.lim, gazetteer: l.gazetteer, forms: l.forms}
	doc, opts, enc, err := ck.documentRequest(req)
	if err == nil {
		err = l.supports(opts)
	}
	if err != nil {
		return nil, toRPCError(err)
	}
	dc, ok := l.c.(classifier.DocumentClassifier)
	if !ok {
		return nil, status.Error(codes.Unimplemented, "this classifier does not analyse documents")
	}
	slots := DocumentSlots(len(doc.Text), s.lim.MaxTextBytes)
	if !s.slots.tryAcquire(slots) {
		return nil, toRPCError(&OverloadError{Statements: slots, Limit: s.lim.MaxInFlight})
	}
	defer s.slots.release(slots)
	da, err := dc.AnalyzeDocument(ctx, doc, opts)
	if err != nil {
		return nil, toRPCError(err)
	}
	out, err := DocumentToProto(&da, doc.Text, enc)
	if err != nil {
		return nil, toRPCError(err)
	}
	out.DocumentId, out.LexiconVersion = doc.ID, l.version
	return out, nil
}

// DocumentSlots is how many in-flight slots (Limits.MaxInFlight) a
// document of textBytes takes: one per started maxTextBytes, as many as
// the statements it would make at most, and at least one.
func DocumentSlots(textBytes, maxTextBytes int) int {
	return max(1, (textBytes+maxTextBytes-1)/maxTextBytes)
}

// documentRequest checks an AnalyzeDocument request and converts it.
func (c *checker) documentRequest(req *stancev1.AnalyzeDocumentRequest) (classifier.Document, classifier.Options, stancev1.OffsetEncoding, error) {
	opts, enc := c.options(req.GetOptions(), at{})
	sc := c.shared(req.GetActors(), at{})
	var doc classifier.Document
	if req.GetDocument() == nil {
		c.vs.add("document", ReasonDocumentMissing, "document is required")
	} else {
		doc = c.document(req.GetDocument(), sc.actors)
	}
	if err := c.vs.err(-1); err != nil {
		return classifier.Document{}, classifier.Options{}, 0, err
	}
	return doc, opts, enc, nil
}

// document checks a Document, whose actors are the request's.
func (c *checker) document(d *stancev1.Document, actors []classifier.Actor) classifier.Document {
	text := d.GetText()
	switch {
	case text == "":
		c.vs.add("document.text", ReasonTextEmpty, "text is empty")
	case len(text) > c.lim.MaxDocumentBytes:
		c.vs.add("document.text", ReasonTextTooLong,
			fmt.Sprintf("text is %d bytes, at most %d", len(text), c.lim.MaxDocumentBytes))
	case !utf8.ValidString(text):
		c.vs.add("document.text", ReasonInvalidUTF8, "text is not valid UTF-8")
	case blank(text):
		c.vs.add("document.text", ReasonTextEmpty, "text is only whitespace")
	}
	c.id(d.GetId(), at{}, "document.id")
	return classifier.Document{ID: d.GetId(), Text: text, Actors: actors}
}

// CheckDocument validates a document and the actors looked for in it
// against l, as AnalyzeDocument does, and returns it in domain form, actor
// ids derived. gazetteer (sorted by id) is where caller actors with a
// gazetteer id are checked. The error is a *ValidationError with the field
// paths of AnalyzeDocumentRequest ("document.text", "actors[0].name"). For
// callers outside gRPC, such as stancetag analyze --format text.
func CheckDocument(l Limits, d *stancev1.Document, actors []*stancev1.Actor, gazetteer []classifier.Actor) (classifier.Document, error) {
	c := checker{lim: l, gazetteer: gazetteer}
	doc, _, _, err := c.documentRequest(&stancev1.AnalyzeDocumentRequest{Document: d, Actors: actors})
	return doc, err
}

// DocumentToProto converts the analysis of a document of text to its API
// form, with every span in enc (UNSPECIFIED means UTF-8): all the spans of
// all sentences are converted in one walk over the text. It fails with a
// *SpanError when a span is outside text or splits a UTF-8 sequence.
func DocumentToProto(da *classifier.DocumentAnalysis, text string, enc stancev1.OffsetEncoding) (*stancev1.AnalyzeDocumentResponse, error) {
	var m spanMapper
	m.init(text, enc)
	for i := range da.Sentences {
		sa := &da.Sentences[i]
		if err := m.add(sa.Span); err != nil {
			return nil, fmt.Errorf("sentences[%d].span: %w", i, err)
		}
		if err := addAnalysisSpans(&m, &sa.Analysis); err != nil {
			return nil, fmt.Errorf("sentences[%d].analysis: %w", i, err)
		}
	}
	for i := range da.Pairs {
		for _, ps := range []*classifier.PairStance{&da.Pairs[i].Support, &da.Pairs[i].Oppose} {
			for j := range ps.Evidence {
				if err := m.add(ps.Evidence[j].Span); err != nil {
					return nil, fmt.Errorf("pairs[%d].evidence[%d]: %w", i, j, err)
				}
			}
		}
	}
	m.build()
	out := &stancev1.AnalyzeDocumentResponse{
		Sentences: make([]*stancev1.DocumentSentence, len(da.Sentences)),
		Pairs:     make([]*stancev1.ActorPair, len(da.Pairs)),
	}
	for i := range da.Sentences {
		sa := &da.Sentences[i]
		out.Sentences[i] = &stancev1.DocumentSentence{
			Span:      &stancev1.Span{Begin: m.offset(sa.Span.Begin), End: m.offset(sa.Span.End)},
			Paragraph: int32(sa.Paragraph),
			Analysis:  analysisFromMapper(&sa.Analysis, sa.Analysis.StatementID, text, &m),
		}
	}
	pairStance := func(ps *classifier.PairStance) *stancev1.PairStance {
		if ps.Count == 0 {
			return nil
		}
		b := block{m: &m, spans: make([]stancev1.Span, len(ps.Evidence)),
			evidence: make([]stancev1.Evidence, len(ps.Evidence)), evPtrs: make([]*stancev1.Evidence, len(ps.Evidence))}
		return &stancev1.PairStance{
			Count: int32(ps.Count), Sentence: int32(ps.Sentence), Score: ps.Score, Confidence: ps.Confidence,
			Evidence: b.evidenceList(ps.Evidence),
		}
	}
	for i := range da.Pairs {
		p := &da.Pairs[i]
		out.Pairs[i] = &stancev1.ActorPair{
			HolderId: p.HolderID, TargetId: p.TargetID,
			Support: pairStance(&p.Support), Oppose: pairStance(&p.Oppose),
		}
	}
	return out, nil
}

// documentRequest scans an AnalyzeDocumentRequest: the document's
// encoding, and the actors counted as for Analyze.
func (w *wireScan) documentRequest(b []byte) {
	actors := 0
	w.fields(b, 0, "", func(f field) bool {
		if f.typ != protowire.BytesType {
			return true
		}
		if f.num == fieldDocument {
			return w.fields(f.val, f.valueOffset(), "document", func(field) bool { return true })
		}
		return w.sharedField(f, &actors)
	})
	if actors > w.lim.MaxActors {
		w.vs.add("actors", ReasonTooManyActors, tooManyActors(actors, w.lim.MaxActors))
	}
}
