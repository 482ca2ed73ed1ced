package server

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// smallLimits make every limit easy to reach in a test.
func smallLimits() Limits {
	return Limits{
		MaxBatch:             4,
		MaxTextBytes:         64,
		MaxDocumentBytes:     256,
		MaxActors:            3,
		MaxAliases:           2,
		MaxAliasBytes:        16,
		MaxNameBytes:         32,
		MaxIDBytes:           16,
		MaxInFlight:          100,
		MaxRecvMsgBytes:      1 << 20,
		MaxConcurrentStreams: 16,
	}
}

const okText = "Paris backed Berlin on tariffs."

func TestAnalyzeValidation(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	tests := []struct {
		name   string
		req    *stancev1.AnalyzeRequest
		field  string // field of the first violation
		reason string
	}{
		{"no statements", &stancev1.AnalyzeRequest{}, "statements", ReasonBatchEmpty},
		{"batch too large", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("", okText), st("", okText), st("", okText), st("", okText), st("", okText),
		}}, "statements", ReasonBatchTooLarge},
		{"empty text", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText), st("b", ""),
		}}, "statements[1].text", ReasonTextEmpty},
		// Whitespace of several kinds, including a no-break space.
		{"whitespace-only text", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", " \t\n\u00a0 "),
		}}, "statements[0].text", ReasonTextEmpty},
		{"text too long", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText), st("b", okText), st("c", strings.Repeat("Kyiv ", 13)),
		}}, "statements[2].text", ReasonTextTooLong},
		{"duplicate statement id", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText), st("b", okText), st("a", okText),
		}}, "statements[2].id", ReasonDuplicateStatementID},
		{"statement id too long", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st(strings.Repeat("x", 17), okText),
		}}, "statements[0].id", ReasonIDTooLong},
		{"statement actor without name", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText), st("b", okText, actor("eu", "")),
		}}, "statements[1].actors[0].name", ReasonActorNameEmpty},
		{"request actor with blank name", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("eu", "European Union"), actor("x", "   ")},
		}, "actors[1].name", ReasonActorNameEmpty},
		{"actor name too long", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("x", strings.Repeat("N", 33))},
		}, "actors[0].name", ReasonActorNameTooLong},
		{"actor id too long", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor(strings.Repeat("i", 17), "Kyiv")},
		}, "actors[0].id", ReasonIDTooLong},
		{"duplicate request actor ids", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("eu", "European Union"), actor("eu", "Eurozone")},
		}, "actors[1].id", ReasonDuplicateActorID},
		// Derived ids collide too: both would be "european-union".
		{"duplicate derived ids", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("", "European Union"), actor("", "european union")},
		}, "actors[1].id", ReasonDuplicateActorID},
		// The same id at request level and in a statement is a duplicate.
		{"statement actor repeats request actor", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText), st("b", okText, actor("eu", "EU"))},
			Actors:     []*stancev1.Actor{actor("eu", "European Union")},
		}, "statements[1].actors[0].id", ReasonDuplicateActorID},
		{"duplicate within a statement", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText, actor("eu", "EU"), actor("eu", "Europe"))},
		}, "statements[0].actors[1].id", ReasonDuplicateActorID},
		{"id not derivable", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("", "!!!")},
		}, "actors[0].id", ReasonActorIDUnderivable},
		{"too many request actors", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("a", "A"), actor("b", "B"), actor("c", "C"), actor("d", "D")},
		}, "actors", ReasonTooManyActors},
		// 2 request-level + 2 own = 4 > 3: the limit counts both.
		{"too many actors with request's", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText, actor("c", "C"), actor("d", "D"))},
			Actors:     []*stancev1.Actor{actor("a", "A"), actor("b", "B")},
		}, "statements[0].actors", ReasonTooManyActors},
		{"too many aliases", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("ru", "Russia", "Moscow", "Kremlin", "Russian Federation")},
		}, "actors[0].aliases", ReasonTooManyAliases},
		{"alias too long", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("ru", "Russia", "Moscow", "the Russian Federation")},
		}, "actors[0].aliases[1]", ReasonAliasTooLong},
		{"alias empty", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText), st("b", okText), st("c", okText), st("d", okText, actor("ru", "Russia", "")),
		}}, "statements[3].actors[0].aliases[0]", ReasonAliasEmpty},
		{"unknown offset encoding", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Options:    &stancev1.AnalyzeOptions{OffsetEncoding: 7},
		}, "options.offset_encoding", ReasonUnknownEnumValue},
		{"unknown actor kind", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{{Id: "x", Name: "X", Kind: 9}},
		}, "actors[0].kind", ReasonUnknownEnumValue},
		{"unknown speaker", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			{Text: okText, SpeakerId: "country/XXX"},
		}}, "statements[0].speaker_id", ReasonUnknownSpeaker},
		// A speaker must apply to its statement: another statement's actor
		// does not count.
		{"speaker of another statement", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			st("a", okText, actor("eu", "EU")), {Text: okText, SpeakerId: "eu"},
		}}, "statements[1].speaker_id", ReasonUnknownSpeaker},
		{"speaker id too long", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{
			{Text: okText, SpeakerId: strings.Repeat("s", 17)},
		}}, "statements[0].speaker_id", ReasonIDTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ts.client.Analyze(context.Background(), tt.req)
			requireViolation(t, err, tt.field, tt.reason)
		})
	}
}

// requireViolation checks that err is INVALID_ARGUMENT whose first violation
// is field/reason, in BadRequest, ErrorInfo and the message.
func requireViolation(tb testing.TB, err error, field, reason string) (*status.Status, []string) {
	tb.Helper()
	require.Error(tb, err)
	st := status.Convert(err)
	require.Equal(tb, codes.InvalidArgument, st.Code(), st.Message())
	br, info := badRequestOf(tb, st)
	require.NotEmpty(tb, br.GetFieldViolations())
	first := br.GetFieldViolations()[0]
	require.Equal(tb, field, first.GetField(), st.Message())
	require.Equal(tb, reason, first.GetReason())
	require.NotEmpty(tb, first.GetDescription())
	require.Equal(tb, reason, info.GetReason())
	require.Equal(tb, ErrorDomain, info.GetDomain())
	require.Contains(tb, st.Message(), field)
	return st, fields(br)
}

func TestAnalyzeValidationAccepts(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	tests := []struct {
		name string
		req  *stancev1.AnalyzeRequest
	}{
		// Statement ids are optional, so many may be empty.
		{"empty ids repeat", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("", okText), st("", okText)}}},
		{"speaker is a gazetteer id", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Text: okText, SpeakerId: "country/FRA"}}}},
		// Gazetteer ids stay valid speakers when the gazetteer is not searched.
		{"speaker is a gazetteer id without gazetteer", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{{Text: okText, SpeakerId: "org/nato"}},
			Options:    &stancev1.AnalyzeOptions{DisableGazetteer: true},
		}},
		{"speaker is a derived request actor id", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{{Text: okText, SpeakerId: "european-union"}},
			Actors:     []*stancev1.Actor{actor("", "European Union")},
		}},
		{"speaker is a statement actor", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{{Text: okText, SpeakerId: "pm", Actors: []*stancev1.Actor{actor("pm", "the prime minister")}}},
		}},
		{"limits are inclusive", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{
				st(strings.Repeat("i", 16), strings.Repeat("Kyiv ", 12)+"Rome"), // 64 bytes
				st("b", okText, actor("c", strings.Repeat("N", 32), strings.Repeat("a", 16), "b")),
				st("c", okText), st("d", okText),
			},
			Actors: []*stancev1.Actor{actor("a", "A"), actor("b", "B")},
		}},
		// A caller actor may reuse a gazetteer id: it is reported under it.
		{"caller actor with a gazetteer id", &stancev1.AnalyzeRequest{
			Statements: []*stancev1.Statement{st("a", okText)},
			Actors:     []*stancev1.Actor{actor("country/FRA", "the French Republic")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, err := ts.client.Analyze(context.Background(), tt.req)
			require.NoError(t, err)
			require.Len(t, resp.GetAnalyses(), len(tt.req.GetStatements()))
		})
	}
}

func TestAnalyzeValidationListsAllViolations(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(smallLimits()))
	_, err := ts.client.Analyze(context.Background(), &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{st("a", okText), st("b", ""), st("a", okText, actor("x", ""))},
		Actors:     []*stancev1.Actor{actor("", "??")},
		Options:    &stancev1.AnalyzeOptions{OffsetEncoding: 42},
	})
	st, got := requireViolation(t, err, "options.offset_encoding", ReasonUnknownEnumValue)
	// Request-level fields first, then statements in order.
	require.Equal(t, []string{
		"options.offset_encoding",
		"actors[0].id",
		"statements[1].text",
		"statements[2].actors[0].name",
		"statements[2].id",
	}, got)
	require.Contains(t, st.Message(), "(and 4 more violations)")
}

// Past 100 violations the list is cut, but the count stays exact.
func TestValidationCap(t *testing.T) {
	t.Parallel()
	sts := make([]*stancev1.Statement, 150)
	for i := range sts {
		sts[i] = st("", "")
	}
	ck := checker{lim: DefaultLimits()}
	_, _, _, err := ck.batch(&stancev1.AnalyzeRequest{Statements: sts})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Violations, maxViolations)
	require.Equal(t, 50, ve.Omitted)
	require.Equal(t, "statements[99].text", ve.Violations[99].Field)
	require.Contains(t, ve.Error(), "(and 149 more violations)")
}

// gRPC refuses to marshal invalid UTF-8 in proto3 strings, so this path is
// reachable only by calling the service directly (or from a non-Go client
// sending raw bytes, which grpc-go rejects while decoding).
func TestValidationInvalidUTF8(t *testing.T) {
	t.Parallel()
	svc := newService(newFake("fake/1"), smallLimits(), 1, nil)
	tests := []struct {
		name  string
		req   *stancev1.AnalyzeRequest
		field string
	}{
		{"text", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", "Kyiv \xff backed")}}, "statements[0].text"},
		{"name", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText, actor("x", "Ky\xc0iv"))}}, "statements[0].actors[0].name"},
		{"alias", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", okText)}, Actors: []*stancev1.Actor{actor("x", "Kyiv", "\xed\xa0\x80")}}, "actors[0].aliases[0]"},
		{"id", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("\xfe", okText)}}, "statements[0].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := svc.Analyze(context.Background(), tt.req)
			requireViolation(t, err, tt.field, ReasonInvalidUTF8)
		})
	}
}

func TestCheckStatement(t *testing.T) {
	t.Parallel()
	gaz := newFake("fake/1").gazetteer
	got, err := CheckStatement(smallLimits(), &stancev1.Statement{
		Id: "s", Text: okText, SpeakerId: "country/FRA",
		Actors: []*stancev1.Actor{actor("", "European Union", "EU")},
	}, gaz)
	require.NoError(t, err)
	require.Equal(t, "european-union", got.Actors[0].ID)
	require.Equal(t, []string{"EU"}, got.Actors[0].Aliases)
	require.Equal(t, "country/FRA", got.SpeakerID)

	_, err = CheckStatement(smallLimits(), &stancev1.Statement{Text: " ", Actors: []*stancev1.Actor{actor("x", "")}}, gaz)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	// Paths are relative to the statement.
	require.Equal(t, "text", ve.Violations[0].Field)
	require.Equal(t, "actors[0].name", ve.Violations[1].Field)
	require.Equal(t, "text: text is only whitespace (and 1 more violation)", err.Error())
}

// A caller actor may take a gazetteer id only for that actor: with
// {"id":"country/FRA","name":"Germany"} every "Germany" was reported as
// France and both France–Germany relations vanished (issue 13, finding 3).
func TestCallerActorTakingGazetteerID(t *testing.T) {
	t.Parallel()
	ts := start(t, newFake("fake/1"), WithLimits(DefaultLimits()))
	const text = "France backed Germany on tariffs."
	tests := []struct {
		name   string
		req    *stancev1.AnalyzeRequest
		field  string // "" when accepted
		reason string
	}{
		{"another actor's name", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("country/FRA", "Germany")}}, "actors[0].name", ReasonActorIDTaken},
		{"another actor's alias, any case", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text, actor("country/FRA", "berlin"))}},
			"statements[0].actors[0].name", ReasonActorIDTaken},
		{"an alias of another actor", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("country/FRA", "France", "Frankreich", "Germany")}}, "actors[0].aliases[1]", ReasonActorIDTaken},
		{"its own name with new aliases", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("country/FRA", "France", "Frankreich")}}, "", ""},
		{"a name new to the gazetteer", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("country/FRA", "Gallia")}}, "", ""},
		{"its own alias as name", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("country/FRA", "PARIS")}}, "", ""},
		{"a gazetteer name under an id of the caller's", &stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{st("a", text)},
			Actors: []*stancev1.Actor{actor("my-germany", "Germany")}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ts.client.Analyze(context.Background(), tt.req)
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			requireViolation(t, err, tt.field, tt.reason)
		})
	}
	t.Run("CheckStatement", func(t *testing.T) {
		t.Parallel()
		_, err := CheckStatement(DefaultLimits(), st("a", text, actor("country/FRA", "Germany")), newFake("fake/1").Gazetteer())
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, "actors[0].name", ve.Violations[0].Field)
		require.Equal(t, ReasonActorIDTaken, ve.Violations[0].Reason)
	})
}

// include_syntax may be asked of at most MaxDocumentBytes of text in one
// request (the parse is some six times the text on the wire); the same
// batch without it, or a smaller one with it, passes.
func TestValidationSyntaxTooLarge(t *testing.T) {
	t.Parallel()
	lim := DefaultLimits()
	lim.MaxDocumentBytes = 100
	text := strings.Repeat("word ", 12) // 60 bytes
	tests := []struct {
		name   string
		n      int
		syntax bool
		want   bool // refused
	}{
		{"two texts over the limit with syntax", 2, true, true},
		{"near miss: one text within it", 1, true, false},
		{"near miss: the same batch without syntax", 2, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sts := make([]*stancev1.Statement, tt.n)
			for i := range sts {
				sts[i] = st("s"+strconv.Itoa(i), text)
			}
			ck := checker{lim: lim}
			_, _, _, err := ck.batch(&stancev1.AnalyzeRequest{Statements: sts, Options: &stancev1.AnalyzeOptions{IncludeSyntax: tt.syntax}})
			if !tt.want {
				require.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Violations, 1)
			require.Equal(t, "options.include_syntax", ve.Violations[0].Field)
			require.Equal(t, ReasonSyntaxTooLarge, ve.Violations[0].Reason)
		})
	}
}
