package server

import (
	"context"
	"sync"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/stancetag/stancetag/classifier/lexicon"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

var (
	syntaxOnce sync.Once
	syntaxC    *lexicon.Classifier
	syntaxErr  error
)

// syntaxServer serves the embedded lexicon with its parser model (serve
// --syntax), loaded once for the package.
func syntaxServer(tb testing.TB) *testServer {
	tb.Helper()
	syntaxOnce.Do(func() { syntaxC, syntaxErr = lexicon.New(lexicon.Data(), lexicon.WithSyntax()) })
	require.NoError(tb, syntaxErr)
	return start(tb, syntaxC)
}

// syntaxStatement has characters outside the BMP (😀: 4 bytes, 2 UTF-16
// units) and beyond ASCII (é, ’) before and inside the words, so that
// UTF-8 and UTF-16 offsets differ.
const syntaxStatement = "😀 Renée’s government didn’t back France. Germany welcomed the plan 😀."

// utf16Span returns the UTF-16 offsets of the byte span [b, e) of text.
func utf16Span(text string, b, e int) (int32, int32) {
	units := func(s string) int32 { return int32(len(utf16.Encode([]rune(s)))) }
	return units(text[:b]), units(text[:e])
}

func TestAnalyzeIncludeSyntax(t *testing.T) {
	t.Parallel()
	ts := syntaxServer(t)
	ask := func(opts *stancev1.AnalyzeOptions) *stancev1.Analysis {
		resp, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("s", syntaxStatement)}, Options: opts,
		})
		require.NoError(t, err)
		return resp.GetAnalyses()[0]
	}
	require.Nil(t, ask(nil).GetSyntax(), "off by default")
	require.Nil(t, ask(&stancev1.AnalyzeOptions{IncludeEvidence: true}).GetSyntax())

	utf8Words := ask(&stancev1.AnalyzeOptions{IncludeSyntax: true}).GetSyntax().GetSentences()
	a := ask(&stancev1.AnalyzeOptions{IncludeSyntax: true, OffsetEncoding: utf16Enc})
	sents := a.GetSyntax().GetSentences()
	require.Len(t, sents, 2)
	require.Len(t, utf8Words, 2)
	// The targets and mentions are the same as without the parse.
	require.Equal(t, len(ask(&stancev1.AnalyzeOptions{OffsetEncoding: utf16Enc}).GetMentions()), len(a.GetMentions()))

	units := utf16.Encode([]rune(syntaxStatement))
	for si, s := range sents {
		u8 := utf8Words[si]
		b, e := utf16Span(syntaxStatement, int(u8.GetSpan().GetBegin()), int(u8.GetSpan().GetEnd()))
		require.Equal(t, b, s.GetSpan().GetBegin(), "sentence %d", si)
		require.Equal(t, e, s.GetSpan().GetEnd())
		require.Len(t, s.GetWords(), len(u8.GetWords()))
		roots := 0
		for wi, w := range s.GetWords() {
			w8 := u8.GetWords()[wi]
			// The UTF-16 span is the conversion of the UTF-8 one, and both
			// give back the word's text.
			text8 := syntaxStatement[w8.GetSpan().GetBegin():w8.GetSpan().GetEnd()]
			require.True(t, utf8.ValidString(text8))
			text16 := string(utf16.Decode(units[w.GetSpan().GetBegin():w.GetSpan().GetEnd()]))
			require.Equal(t, text8, text16, "sentence %d word %d", si, wi)
			require.Equal(t, w8.GetForm(), w.GetForm())
			require.Equal(t, w8.GetHead(), w.GetHead())
			require.NotEmpty(t, w.GetUpos())
			require.NotEmpty(t, w.GetRelation())
			require.LessOrEqual(t, w.GetHead(), int32(len(s.GetWords())))
			if w.GetHead() == 0 {
				roots++
				require.Equal(t, "root", w.GetRelation())
			}
		}
		require.Equal(t, 1, roots)
	}
	// "Renée’s" is two words: the name (é: 2 bytes, 1 unit) and the
	// possessive, read with a straight apostrophe.
	words := sents[0].GetWords()
	var forms []string
	for _, w := range words {
		forms = append(forms, w.GetForm())
	}
	require.Equal(t, []string{"😀", "Renée", "'s", "government", "did", "n't", "back", "France", "."}, forms)
	require.Equal(t, &stancev1.Span{Begin: 3, End: 8}, words[1].GetSpan(), "after 😀 (2 units) and a space")
	require.Equal(t, &stancev1.Span{Begin: 8, End: 10}, words[2].GetSpan(), "’s: 2 units")
	require.Equal(t, "nmod:poss", words[1].GetRelation())
	require.Equal(t, int32(4), words[1].GetHead(), "Renée's government (from 1)")
	require.Equal(t, "nsubj", words[3].GetRelation())
	require.Equal(t, int32(7), words[3].GetHead(), "the government did not back")
	require.Equal(t, "obj", words[7].GetRelation())
}

// A server without its parser model refuses include_syntax with
// FAILED_PRECONDITION, in every RPC that takes options.
func TestIncludeSyntaxWithoutParser(t *testing.T) {
	t.Parallel()
	ts := lexiconServer(t, DefaultLimits())
	opts := &stancev1.AnalyzeOptions{IncludeSyntax: true}
	requireNoParser := func(t *testing.T, err error) {
		t.Helper()
		st := status.Convert(err)
		require.Equal(t, codes.FailedPrecondition, st.Code(), "%v", err)
		require.Contains(t, st.Message(), "--syntax")
		var info *errdetails.ErrorInfo
		var pf *errdetails.PreconditionFailure
		for _, d := range st.Details() {
			switch d := d.(type) {
			case *errdetails.ErrorInfo:
				info = d
			case *errdetails.PreconditionFailure:
				pf = d
			}
		}
		require.NotNil(t, info)
		require.Equal(t, ReasonSyntaxUnavailable, info.GetReason())
		require.NotNil(t, pf)
		require.Equal(t, "options.include_syntax", pf.GetViolations()[0].GetSubject())
	}
	_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("s", "France backed Germany.")}, Options: opts})
	requireNoParser(t, err)
	_, err = ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{Document: &stancev1.Document{Text: "France backed Germany."}, Options: opts})
	requireNoParser(t, err)

	// In a stream, the message that asks for it ends the stream; the
	// messages before it are answered.
	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("a", "France backed Germany.")}))
	resp, err := stream.Recv()
	require.NoError(t, err)
	require.Nil(t, resp.GetAnalysis().GetSyntax())
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("b", "France backed Germany."), Options: opts}))
	_, err = stream.Recv()
	requireNoParser(t, err)
	require.Contains(t, status.Convert(err).Message(), "include_syntax")

	// Invalid input is still reported as such first.
	_, err = ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("s", "")}, Options: opts})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

// With a parser, each sentence of a document carries its own parse, in the
// requested encoding, in the stream too.
func TestIncludeSyntaxDocumentAndStream(t *testing.T) {
	t.Parallel()
	ts := syntaxServer(t)
	opts := &stancev1.AnalyzeOptions{IncludeSyntax: true, OffsetEncoding: utf16Enc}
	resp, err := ts.client.AnalyzeDocument(context.Background(), &stancev1.AnalyzeDocumentRequest{
		Document: &stancev1.Document{Text: syntaxStatement}, Options: opts,
	})
	require.NoError(t, err)
	require.Len(t, resp.GetSentences(), 2)
	for _, ds := range resp.GetSentences() {
		ss := ds.GetAnalysis().GetSyntax().GetSentences()
		require.Len(t, ss, 1)
		require.Equal(t, ds.GetSpan().GetBegin(), ss[0].GetSpan().GetBegin())
		require.Equal(t, ds.GetSpan().GetEnd(), ss[0].GetSpan().GetEnd())
	}
	second := resp.GetSentences()[1].GetAnalysis().GetSyntax().GetSentences()[0]
	b, _ := utf16Span(syntaxStatement, len("😀 Renée’s government didn’t back France. "), 0)
	require.Equal(t, b, second.GetSpan().GetBegin(), "Germany starts the second sentence")

	stream, err := ts.client.AnalyzeStream(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Send(&stancev1.AnalyzeStreamRequest{Statement: st("a", syntaxStatement), Options: opts}))
	got, err := stream.Recv()
	require.NoError(t, err)
	require.Len(t, got.GetAnalysis().GetSyntax().GetSentences(), 2)
	require.NoError(t, stream.CloseSend())
}
