package server

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// The conversions cast domain enums to API enums; this pins the numbers.
func TestEnumsMatchAPI(t *testing.T) {
	t.Parallel()
	require.Equal(t, int32(stancev1.Stance_STANCE_UNSPECIFIED), int32(classifier.StanceUnspecified))
	require.Equal(t, int32(stancev1.Stance_STANCE_SUPPORT), int32(classifier.StanceSupport))
	require.Equal(t, int32(stancev1.Stance_STANCE_OPPOSE), int32(classifier.StanceOppose))
	require.Equal(t, int32(stancev1.Stance_STANCE_NEUTRAL), int32(classifier.StanceNeutral))
	require.Equal(t, int32(stancev1.SentimentLabel_SENTIMENT_LABEL_UNSPECIFIED), int32(classifier.SentimentUnspecified))
	require.Equal(t, int32(stancev1.SentimentLabel_SENTIMENT_LABEL_POSITIVE), int32(classifier.SentimentPositive))
	require.Equal(t, int32(stancev1.SentimentLabel_SENTIMENT_LABEL_NEGATIVE), int32(classifier.SentimentNegative))
	require.Equal(t, int32(stancev1.SentimentLabel_SENTIMENT_LABEL_NEUTRAL), int32(classifier.SentimentNeutral))
	require.Equal(t, int32(stancev1.SentimentLabel_SENTIMENT_LABEL_MIXED), int32(classifier.SentimentMixed))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_UNSPECIFIED), int32(classifier.KindUnspecified))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_PERSON), int32(classifier.KindPerson))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_COUNTRY), int32(classifier.KindCountry))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_ORGANIZATION), int32(classifier.KindOrganization))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_GROUP), int32(classifier.KindGroup))
	require.Equal(t, int32(stancev1.ActorKind_ACTOR_KIND_OTHER), int32(classifier.KindOther))
	// The last known kind bounds the validity check in kindFromProto.
	_, ok := kindFromProto(stancev1.ActorKind(len(stancev1.ActorKind_name)))
	require.False(t, ok)
	_, ok = kindFromProto(stancev1.ActorKind(len(stancev1.ActorKind_name) - 1))
	require.True(t, ok)
}

func TestAnalysisToProto(t *testing.T) {
	t.Parallel()
	// "🇪🇺 Brussels backed Kyiv." : the flag is 8 bytes, 4 UTF-16 units, 2 code points.
	const text = "🇪🇺 Brussels backed Kyiv."
	cue := classifier.Evidence{Span: classifier.Span{Begin: 18, End: 24}, Cue: "back", Weight: 0.8, Rule: "active"}
	a := classifier.Analysis{
		StatementID: "ignored: the request's id wins",
		Sentiment:   classifier.Sentiment{Label: classifier.SentimentPositive, Score: 0.6, Magnitude: 0.8},
		Targets: []classifier.TargetStance{
			{ActorID: "org/eu", Stance: classifier.StanceNeutral, Confidence: 0.4},
			{ActorID: "country/UKR", Stance: classifier.StanceSupport, Score: 0.8, Confidence: 0.9, Evidence: []classifier.Evidence{cue}},
		},
		Relations: []classifier.Relation{
			{HolderID: "org/eu", TargetID: "country/UKR", Stance: classifier.StanceSupport, Score: 0.8, Confidence: 0.9, Evidence: []classifier.Evidence{cue, cue}},
		},
		Mentions: []classifier.Mention{
			{ActorID: "org/eu", Span: classifier.Span{Begin: 9, End: 17}, Text: "Brussels"},
			// No Text: the converter takes it from the statement.
			{ActorID: "country/UKR", Span: classifier.Span{Begin: 25, End: 29}},
		},
	}
	// Offsets per encoding: Brussels, backed, Kyiv.
	tests := []struct {
		enc                    stancev1.OffsetEncoding
		brussels, backed, kyiv [2]int32
	}{
		{utf8Enc, [2]int32{9, 17}, [2]int32{18, 24}, [2]int32{25, 29}},
		{stancev1.OffsetEncoding_OFFSET_ENCODING_UNSPECIFIED, [2]int32{9, 17}, [2]int32{18, 24}, [2]int32{25, 29}},
		{utf16Enc, [2]int32{5, 13}, [2]int32{14, 20}, [2]int32{21, 25}},
		{cpEnc, [2]int32{3, 11}, [2]int32{12, 18}, [2]int32{19, 23}},
	}
	for _, tt := range tests {
		t.Run(tt.enc.String(), func(t *testing.T) {
			t.Parallel()
			span := func(s [2]int32) *stancev1.Span { return &stancev1.Span{Begin: s[0], End: s[1]} }
			ev := func() *stancev1.Evidence {
				return &stancev1.Evidence{Span: span(tt.backed), Cue: "back", Weight: 0.8, Rule: "active"}
			}
			want := &stancev1.Analysis{
				StatementId: "s1",
				Sentiment:   &stancev1.Sentiment{Label: stancev1.SentimentLabel_SENTIMENT_LABEL_POSITIVE, Score: 0.6, Magnitude: 0.8},
				Targets: []*stancev1.TargetStance{
					{ActorId: "org/eu", Stance: stancev1.Stance_STANCE_NEUTRAL, Confidence: 0.4},
					{ActorId: "country/UKR", Stance: stancev1.Stance_STANCE_SUPPORT, Score: 0.8, Confidence: 0.9, Evidence: []*stancev1.Evidence{ev()}},
				},
				Relations: []*stancev1.Relation{
					{HolderId: "org/eu", TargetId: "country/UKR", Stance: stancev1.Stance_STANCE_SUPPORT, Score: 0.8, Confidence: 0.9, Evidence: []*stancev1.Evidence{ev(), ev()}},
				},
				Mentions: []*stancev1.Mention{
					{ActorId: "org/eu", Span: span(tt.brussels), Text: "Brussels"},
					{ActorId: "country/UKR", Span: span(tt.kyiv), Text: "Kyiv"},
				},
			}
			got, err := AnalysisToProto(&a, "s1", text, tt.enc)
			require.NoError(t, err)
			require.True(t, proto.Equal(want, got), "want:\n%s\ngot:\n%s", prototext.Format(want), prototext.Format(got))
		})
	}
}

func TestAnalysisToProtoEmpty(t *testing.T) {
	t.Parallel()
	// A statement that mentions nobody still gets a sentiment and empty lists.
	got, err := AnalysisToProto(&classifier.Analysis{Sentiment: classifier.Sentiment{Label: classifier.SentimentNeutral}}, "", "Rain is expected.", utf16Enc)
	require.NoError(t, err)
	require.Equal(t, stancev1.SentimentLabel_SENTIMENT_LABEL_NEUTRAL, got.GetSentiment().GetLabel())
	require.Empty(t, got.GetTargets())
	require.Empty(t, got.GetMentions())
}

func TestAnalysisToProtoBadSpan(t *testing.T) {
	t.Parallel()
	a := classifier.Analysis{Relations: []classifier.Relation{{
		HolderID: "a", TargetID: "b",
		Evidence: []classifier.Evidence{{Span: classifier.Span{Begin: 3, End: 40}}},
	}}}
	_, err := AnalysisToProto(&a, "", "Short text.", utf8Enc)
	var se *SpanError
	require.ErrorAs(t, err, &se)
	// The path tells the classifier's authors where to look.
	require.ErrorContains(t, err, "relations[0].evidence[0]")
}
