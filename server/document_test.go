package server

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/stancetag/stancetag/classifier/lexicon"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// article is a short article of our own: a non-ASCII start (so that the
// three offset encodings disagree), a quote whose speaker follows, and a
// pronoun in the next sentence.
const article = "Zürich, 3 March — \"We condemn Iran's missile tests.\" Merz said this on Tuesday.\n" +
	"Merz flew to Warsaw on Wednesday. He praised Poland for its help."

func lexiconServer(tb testing.TB, lim Limits) *testServer {
	tb.Helper()
	c, err := lexicon.Default()
	require.NoError(tb, err)
	return start(tb, c, WithLimits(lim))
}

func TestAnalyzeDocument(t *testing.T) {
	t.Parallel()
	ts := lexiconServer(t, DefaultLimits())
	for _, enc := range []stancev1.OffsetEncoding{utf8Enc, utf16Enc, cpEnc} {
		t.Run(enc.String(), func(t *testing.T) {
			t.Parallel()
			resp, err := ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{
				Document: &stancev1.Document{Id: "a1", Text: article},
				Options:  &stancev1.AnalyzeOptions{OffsetEncoding: enc, IncludeEvidence: true},
			})
			require.NoError(t, err)
			assert.Equal(t, "a1", resp.GetDocumentId())
			assert.NotEmpty(t, resp.GetLexiconVersion())
			var texts, ids []string
			var paras []int32
			for _, s := range resp.GetSentences() {
				texts = append(texts, slice(t, article, s.GetSpan(), enc))
				paras = append(paras, s.GetParagraph())
				ids = append(ids, s.GetAnalysis().GetStatementId())
				for _, m := range s.GetAnalysis().GetMentions() {
					assert.Equal(t, m.GetText(), slice(t, article, m.GetSpan(), enc), "mention spans are offsets into the document")
				}
			}
			assert.Equal(t, []string{
				"Zürich, 3 March — \"We condemn Iran's missile tests.\" Merz said this on Tuesday.",
				"Merz flew to Warsaw on Wednesday.",
				"He praised Poland for its help.",
			}, texts)
			assert.Equal(t, []int32{0, 1, 1}, paras)
			assert.Equal(t, []string{"1", "2", "3"}, ids)
			var pairs []string
			for _, p := range resp.GetPairs() {
				pairs = append(pairs, p.GetHolderId()+" -> "+p.GetTargetId())
				if p.GetSupport() != nil {
					assert.Positive(t, p.GetSupport().GetCount())
					assert.NotEmpty(t, p.GetSupport().GetEvidence())
				}
			}
			assert.Equal(t, []string{"person/friedrich-merz -> country/IRN", "person/friedrich-merz -> country/POL"}, pairs)
			require.Len(t, resp.GetPairs(), 2)
			assert.Nil(t, resp.GetPairs()[0].GetSupport(), "no support: left unset")
			assert.Equal(t, int32(1), resp.GetPairs()[0].GetOppose().GetCount())
			assert.Equal(t, int32(2), resp.GetPairs()[1].GetSupport().GetSentence())
		})
	}
}

// slice returns the text of span sp, given in enc, of text.
func slice(tb testing.TB, text string, sp *stancev1.Span, enc stancev1.OffsetEncoding) string {
	tb.Helper()
	switch enc {
	case utf16Enc:
		u := utf16.Encode([]rune(text))
		return string(utf16.Decode(u[sp.GetBegin():sp.GetEnd()]))
	case cpEnc:
		return string([]rune(text)[sp.GetBegin():sp.GetEnd()])
	}
	return text[sp.GetBegin():sp.GetEnd()]
}

func TestAnalyzeDocumentValidation(t *testing.T) {
	t.Parallel()
	ts := lexiconServer(t, smallLimits())
	doc := func(text string) *stancev1.Document { return &stancev1.Document{Text: text} }
	tests := []struct {
		name   string
		req    *stancev1.AnalyzeDocumentRequest
		field  string
		reason string
	}{
		{"no document", &stancev1.AnalyzeDocumentRequest{}, "document", ReasonDocumentMissing},
		{"empty text", &stancev1.AnalyzeDocumentRequest{Document: doc("")}, "document.text", ReasonTextEmpty},
		{"blank text", &stancev1.AnalyzeDocumentRequest{Document: doc(" \n\n\t")}, "document.text", ReasonTextEmpty},
		// smallLimits: MaxDocumentBytes 256, while a statement may have 64.
		{"text too long", &stancev1.AnalyzeDocumentRequest{Document: doc(strings.Repeat("Kyiv. ", 43))}, "document.text", ReasonTextTooLong},
		{"id too long", &stancev1.AnalyzeDocumentRequest{Document: &stancev1.Document{Id: strings.Repeat("x", 17), Text: okText}}, "document.id", ReasonIDTooLong},
		{"actor without a name", &stancev1.AnalyzeDocumentRequest{Document: doc(okText), Actors: []*stancev1.Actor{actor("x", "")}}, "actors[0].name", ReasonActorNameEmpty},
		{
			"too many actors", &stancev1.AnalyzeDocumentRequest{Document: doc(okText), Actors: []*stancev1.Actor{
				actor("a", "A"), actor("b", "B"), actor("c", "C"), actor("d", "D"),
			}}, "actors", ReasonTooManyActors,
		},
		{
			"bad offset encoding", &stancev1.AnalyzeDocumentRequest{Document: doc(okText), Options: &stancev1.AnalyzeOptions{OffsetEncoding: 9}},
			"options.offset_encoding", ReasonUnknownEnumValue,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ts.client.AnalyzeDocument(context.Background(), tt.req)
			requireViolation(t, err, tt.field, tt.reason)
		})
	}
	// Near miss: a document longer than a statement may be, within its own
	// limit, is fine.
	_, err := ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{Document: doc(strings.Repeat("Kyiv. ", 40))})
	require.NoError(t, err)
}

func TestAnalyzeDocumentInvalidUTF8(t *testing.T) {
	t.Parallel()
	c, err := lexicon.Default()
	require.NoError(t, err)
	svc := newService(c, smallLimits(), 1, nil)
	_, err = svc.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{Document: &stancev1.Document{Text: "Kyiv \xff backed"}})
	requireViolation(t, err, "document.text", ReasonInvalidUTF8)
}

// TestAnalyzeDocumentSlots: a document takes one in-flight slot per started
// max_text_bytes, checked before any work.
func TestAnalyzeDocumentSlots(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 1, DocumentSlots(1, 64))
	assert.Equal(t, 1, DocumentSlots(64, 64))
	assert.Equal(t, 2, DocumentSlots(65, 64))
	lim := smallLimits()
	lim.MaxInFlight = lim.MaxBatch // 4 slots: 4 × 64 bytes
	ts := lexiconServer(t, lim)
	_, err := ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{
		Document: &stancev1.Document{Text: strings.Repeat("Kyiv. ", 42)}, // 252 bytes: 4 slots
	})
	require.NoError(t, err)
	lim.MaxInFlight = 3
	lim.MaxBatch = 3
	ts = lexiconServer(t, lim)
	_, err = ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{
		Document: &stancev1.Document{Text: strings.Repeat("Kyiv. ", 42)},
	})
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
}

// TestAnalyzeDocumentUnimplemented: a classifier that reads no documents.
func TestAnalyzeDocumentUnimplemented(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"))
	_, err := ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{Document: &stancev1.Document{Text: okText}})
	assert.Equal(t, codes.Unimplemented, status.Code(err), "%v", err)
	// Validation still comes first.
	_, err = ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{})
	requireViolation(t, err, "document", ReasonDocumentMissing)
}

func TestCheckDocument(t *testing.T) {
	t.Parallel()
	d, err := CheckDocument(smallLimits(), &stancev1.Document{Id: "d", Text: okText}, []*stancev1.Actor{actor("", "Berlin Senate")}, nil)
	require.NoError(t, err)
	assert.Equal(t, "berlin-senate", d.Actors[0].ID)
	_, err = CheckDocument(smallLimits(), &stancev1.Document{}, nil, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "document.text", ve.Violations[0].Field)
}
