package analysisjson

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

const (
	utf8Enc  = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8
	utf16Enc = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16
	cpEnc    = stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT
)

// france is a typical result: two actors, one relation with evidence.
const franceText = "France backed Germany's proposal on Tuesday."

var france = classifier.Analysis{
	StatementID: "s1",
	Sentiment:   classifier.Sentiment{Label: classifier.SentimentPositive, Score: 0.4, Magnitude: 0.4},
	Targets: []classifier.TargetStance{
		{ActorID: "country/DEU", Stance: classifier.StanceSupport, Score: 0.6, Confidence: 0.75,
			Evidence: []classifier.Evidence{{Span: classifier.Span{Begin: 7, End: 13}, Cue: "back", Weight: 0.6, Rule: "active"}}},
		{ActorID: "country/FRA", Stance: classifier.StanceNeutral, Confidence: 0.5},
	},
	Relations: []classifier.Relation{
		{HolderID: "country/FRA", TargetID: "country/DEU", Stance: classifier.StanceSupport, Score: 0.6, Confidence: 0.75,
			Evidence: []classifier.Evidence{{Span: classifier.Span{Begin: 7, End: 13}, Cue: "back", Weight: 0.6, Rule: "active"}}},
	},
	Mentions: []classifier.Mention{
		{ActorID: "country/FRA", Span: classifier.Span{Begin: 0, End: 6}, Text: "France"},
		{ActorID: "country/DEU", Span: classifier.Span{Begin: 14, End: 21}, Text: "Germany"},
	},
}

func TestAppendExact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    classifier.Analysis
		text string
		enc  stancev1.OffsetEncoding
		want string
	}{
		{
			// Sentiment is always written (the server always sets it), even
			// when every field is zero and so omitted.
			name: "empty analysis",
			want: `{"sentiment":{}}`,
		},
		{
			name: "typical analysis",
			a:    france,
			text: franceText,
			enc:  utf8Enc,
			want: `{"statementId":"s1","sentiment":{"label":"SENTIMENT_LABEL_POSITIVE","score":0.4,"magnitude":0.4},` +
				`"targets":[{"actorId":"country/DEU","stance":"STANCE_SUPPORT","score":0.6,"confidence":0.75,` +
				`"evidence":[{"span":{"begin":7,"end":13},"cue":"back","weight":0.6,"rule":"active"}]},` +
				`{"actorId":"country/FRA","stance":"STANCE_NEUTRAL","confidence":0.5}],` +
				`"relations":[{"holderId":"country/FRA","targetId":"country/DEU","stance":"STANCE_SUPPORT","score":0.6,"confidence":0.75,` +
				`"evidence":[{"span":{"begin":7,"end":13},"cue":"back","weight":0.6,"rule":"active"}]}],` +
				`"mentions":[{"actorId":"country/FRA","span":{"end":6},"text":"France"},` +
				`{"actorId":"country/DEU","span":{"begin":14,"end":21},"text":"Germany"}]}`,
		},
		{
			// "Zürich" is 7 bytes, 6 UTF-16 units; the emoji is 4 bytes and
			// 2 UTF-16 units (a surrogate pair) but 1 code point.
			name: "utf16 offsets",
			a: classifier.Analysis{Mentions: []classifier.Mention{
				{ActorID: "x", Span: classifier.Span{Begin: 17, End: 21}, Text: "Bern"},
			}},
			text: "Zürich 🇨 and Bern",
			enc:  utf16Enc,
			want: `{"sentiment":{},"mentions":[{"actorId":"x","span":{"begin":14,"end":18},"text":"Bern"}]}`,
		},
		{
			name: "code point offsets",
			a: classifier.Analysis{Mentions: []classifier.Mention{
				{ActorID: "x", Span: classifier.Span{Begin: 17, End: 21}, Text: "Bern"},
			}},
			text: "Zürich 🇨 and Bern",
			enc:  cpEnc,
			want: `{"sentiment":{},"mentions":[{"actorId":"x","span":{"begin":13,"end":17},"text":"Bern"}]}`,
		},
		{
			// Like the server, a mention without text gets the span's text.
			name: "mention text from span",
			a: classifier.Analysis{Mentions: []classifier.Mention{
				{ActorID: "x", Span: classifier.Span{Begin: 17, End: 21}},
			}},
			text: "Zürich 🇨 and Bern",
			enc:  utf8Enc,
			want: `{"sentiment":{},"mentions":[{"actorId":"x","span":{"begin":17,"end":21},"text":"Bern"}]}`,
		},
		{
			// An unknown encoding must not lose the spans: it falls back to bytes.
			name: "unknown encoding is utf8",
			a: classifier.Analysis{Mentions: []classifier.Mention{
				{ActorID: "x", Span: classifier.Span{Begin: 17, End: 21}, Text: "Bern"},
			}},
			text: "Zürich 🇨 and Bern",
			enc:  stancev1.OffsetEncoding(42),
			want: `{"sentiment":{},"mentions":[{"actorId":"x","span":{"begin":17,"end":21},"text":"Bern"}]}`,
		},
		{
			// The root's head 0 is omitted, as protojson omits zeros.
			// "Zürich" is 7 bytes, 6 UTF-16 units.
			name: "syntax",
			a: classifier.Analysis{Syntax: []classifier.SyntaxSentence{
				{Span: classifier.Span{Begin: 0, End: 15}, Words: []classifier.SyntaxWord{
					{Span: classifier.Span{Begin: 0, End: 7}, Form: "Zürich", UPOS: "PROPN", Head: 2, Relation: "nsubj"},
					{Span: classifier.Span{Begin: 8, End: 14}, Form: "agreed", UPOS: "VERB", Head: 0, Relation: "root"},
					{Span: classifier.Span{Begin: 14, End: 15}, Form: ".", UPOS: "PUNCT", Head: 2, Relation: "punct"},
				}},
				{Span: classifier.Span{Begin: 16, End: 19}},
			}},
			text: "Zürich agreed. Yes",
			enc:  utf16Enc,
			want: `{"sentiment":{},"syntax":{"sentences":[{"span":{"end":14},"words":[` +
				`{"span":{"end":6},"form":"Zürich","upos":"PROPN","head":2,"relation":"nsubj"},` +
				`{"span":{"begin":7,"end":13},"form":"agreed","upos":"VERB","relation":"root"},` +
				`{"span":{"begin":13,"end":14},"form":".","upos":"PUNCT","head":2,"relation":"punct"}]},` +
				`{"span":{"begin":15,"end":18}}]}}`,
		},
		{
			// Quotes, backslashes and control characters are escaped; other
			// characters, including non-ASCII and DEL, are copied as UTF-8;
			// invalid UTF-8 becomes U+FFFD so the line stays valid JSON.
			name: "string escaping",
			a:    classifier.Analysis{StatementID: "a\"b\\c\n\t\r\b\f\x01\x1f\x7fé€😀\xffz"},
			want: `{"statementId":"a\"b\\c\n\t\r\b\f\u0001\u001f` + "\x7fé€😀" + `\ufffdz","sentiment":{}}`,
		},
		{
			// -0 has non-zero bits, so proto3 and protojson treat it as set;
			// tiny and huge magnitudes switch to exponent form.
			name: "float forms",
			a: classifier.Analysis{Sentiment: classifier.Sentiment{
				Score: float32(math.Copysign(0, -1)), Magnitude: 1e-7,
			}, Targets: []classifier.TargetStance{{Score: 1e21, Confidence: 123456.79}}},
			want: `{"sentiment":{"score":-0,"magnitude":1e-7},"targets":[{"score":1e+21,"confidence":123456.79}]}`,
		},
		{
			name: "non-finite floats are strings",
			a: classifier.Analysis{Sentiment: classifier.Sentiment{
				Score: float32(math.NaN()), Magnitude: float32(math.Inf(1)),
			}, Targets: []classifier.TargetStance{{Score: float32(math.Inf(-1))}}},
			want: `{"sentiment":{"score":"NaN","magnitude":"Infinity"},"targets":[{"score":"-Infinity"}]}`,
		},
		{
			// A value the proto does not name is written as a number, as
			// protojson does, rather than dropped.
			name: "unnamed enum values",
			a: classifier.Analysis{
				Sentiment: classifier.Sentiment{Label: 9},
				Targets:   []classifier.TargetStance{{Stance: -1}},
			},
			want: `{"sentiment":{"label":9},"targets":[{"stance":-1}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Append(nil, &tt.a, tt.text, tt.enc)
			assert.Equal(t, tt.want, string(got))
			assert.True(t, json.Valid(got), "output must be valid JSON")
		})
	}
}

func TestAppendKeepsPrefix(t *testing.T) {
	t.Parallel()
	// Callers append several lines into one buffer: what is there stays.
	got := Append([]byte("prefix\n"), &classifier.Analysis{StatementID: "x"}, "", utf8Enc)
	assert.Equal(t, "prefix\n{\"statementId\":\"x\",\"sentiment\":{}}", string(got))
}

// TestAppendMatchesProtojson checks the contract that matters: the line
// parses with protojson into the same message the server sends.
func TestAppendMatchesProtojson(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    classifier.Analysis
		text string
		enc  stancev1.OffsetEncoding
	}{
		{name: "empty"},
		{name: "typical utf8", a: france, text: franceText, enc: utf8Enc},
		{name: "typical unspecified encoding", a: france, text: franceText},
		{name: "typical utf16", a: france, text: franceText, enc: utf16Enc},
		{
			name: "non-ascii code points",
			a: classifier.Analysis{
				StatementID: "ü-1",
				Mentions: []classifier.Mention{
					{ActorID: "person/recep-tayyip-erdogan", Span: classifier.Span{Begin: 10, End: 17}, Text: "Erdoğan"},
					{ActorID: "country/TUR", Span: classifier.Span{Begin: 0, End: 7}, Text: "Türkiye"},
				},
			},
			text: "Türkiye's Erdoğan said",
			enc:  cpEnc,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireProtoEqual(t, &tt.a, tt.text, tt.enc)
		})
	}
}

func TestAppendMatchesProtojsonRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		text := randomText(rng)
		a := randomAnalysis(rng, text)
		enc := stancev1.OffsetEncoding(rng.IntN(4))
		if !requireProtoEqualOK(t, &a, text, enc) {
			t.Fatalf("random case %d differs (text %q)", i, text)
		}
	}
}

func TestAppendAllocatesNothing(t *testing.T) {
	// Not parallel: AllocsPerRun counts every goroutine's allocations.
	buf := make([]byte, 0, 4096)
	allocs := testing.AllocsPerRun(100, func() {
		buf = Append(buf[:0], &france, franceText, utf16Enc)
	})
	assert.Zero(t, allocs)
}

func requireProtoEqual(t *testing.T, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding) {
	t.Helper()
	require.True(t, requireProtoEqualOK(t, a, text, enc))
}

func requireProtoEqualOK(t *testing.T, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding) bool {
	t.Helper()
	line := Append(nil, a, text, enc)
	var got stancev1.Analysis
	if err := protojson.Unmarshal(line, &got); err != nil {
		t.Errorf("protojson.Unmarshal(%s): %v", line, err)
		return false
	}
	want, err := server.AnalysisToProto(a, a.StatementID, text, enc)
	require.NoError(t, err)
	if !proto.Equal(want, &got) {
		wantJSON, _ := protojson.Marshal(want)
		t.Errorf("line %s\nparses to %v\nwant (protojson) %s", line, &got, wantJSON)
		return false
	}
	return true
}

// Random analyses: strings from an alphabet heavy in characters that need
// escaping or span several bytes, floats from random bits (any finite or
// infinite value; NaN is excluded because proto.Equal never equates it), and
// spans anywhere in the text, in any order.
var alphabet = []rune("ab Z09\"\\/\n\t\x00\x1f\x7fé€ü😀🇨\u2028<>&'")

func randomString(rng *rand.Rand, maxLen int) string {
	var b strings.Builder
	for range rng.IntN(maxLen + 1) {
		b.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func randomText(rng *rand.Rand) string { return randomString(rng, 40) }

func randomFloat(rng *rand.Rand) float32 {
	switch rng.IntN(4) {
	case 0:
		return 0
	case 1:
		return rng.Float32()*2 - 1 // the usual range of scores
	default:
		for {
			f := math.Float32frombits(rng.Uint32())
			if !math.IsNaN(float64(f)) {
				return f
			}
		}
	}
}

func randomSpan(rng *rand.Rand, text string) classifier.Span {
	// Offsets on rune boundaries, as the classifier produces them.
	bounds := []int{0}
	for i := range text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(text))
	b := bounds[rng.IntN(len(bounds))]
	e := bounds[rng.IntN(len(bounds))]
	return classifier.Span{Begin: min(b, e), End: max(b, e)}
}

func randomEvidence(rng *rand.Rand, text string) []classifier.Evidence {
	var ev []classifier.Evidence
	for range rng.IntN(3) {
		ev = append(ev, classifier.Evidence{
			Span: randomSpan(rng, text), Cue: randomString(rng, 8),
			Weight: randomFloat(rng), Rule: randomString(rng, 5),
		})
	}
	return ev
}

func randomAnalysis(rng *rand.Rand, text string) classifier.Analysis {
	a := classifier.Analysis{
		StatementID: randomString(rng, 10),
		Sentiment: classifier.Sentiment{
			Label: classifier.SentimentLabel(rng.IntN(6)), Score: randomFloat(rng), Magnitude: randomFloat(rng),
		},
	}
	for range rng.IntN(4) {
		a.Targets = append(a.Targets, classifier.TargetStance{
			ActorID: randomString(rng, 10), Stance: classifier.Stance(rng.IntN(5)),
			Score: randomFloat(rng), Confidence: randomFloat(rng), Evidence: randomEvidence(rng, text),
		})
	}
	for range rng.IntN(3) {
		a.Relations = append(a.Relations, classifier.Relation{
			HolderID: randomString(rng, 6), TargetID: randomString(rng, 6), Stance: classifier.Stance(rng.IntN(5)),
			Score: randomFloat(rng), Confidence: randomFloat(rng), Evidence: randomEvidence(rng, text),
		})
	}
	for range rng.IntN(4) {
		s := randomSpan(rng, text)
		m := classifier.Mention{ActorID: randomString(rng, 6), Span: s}
		if rng.IntN(2) == 0 {
			m.Text = text[s.Begin:s.End] // else left for the encoder to fill
		}
		a.Mentions = append(a.Mentions, m)
	}
	if rng.IntN(3) == 0 {
		for range 1 + rng.IntN(2) {
			ss := classifier.SyntaxSentence{Span: randomSpan(rng, text)}
			for range rng.IntN(4) {
				ss.Words = append(ss.Words, classifier.SyntaxWord{
					Span: randomSpan(rng, text), Form: randomString(rng, 5), UPOS: randomString(rng, 4),
					Head: int32(rng.IntN(6) - 1), Relation: randomString(rng, 6),
				})
			}
			a.Syntax = append(a.Syntax, ss)
		}
	}
	return a
}

func BenchmarkAppend(b *testing.B) {
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		buf = Append(buf[:0], &france, franceText, utf8Enc)
	}
}

// BenchmarkProtojson is the reflection-based path Append replaces, for
// comparison in the same run.
func BenchmarkProtojson(b *testing.B) {
	p, err := server.AnalysisToProto(&france, france.StatementID, franceText, utf8Enc)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protojson.Marshal(p); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAppendFloat32WholeNumbers(t *testing.T) {
	t.Parallel()
	// The shortcut for whole numbers must write what the general case
	// writes: every integer of small magnitude, the edges of the shortcut's
	// range and beyond it, and -0 (written "-0", not "0").
	var values []float32
	for i := -70000; i <= 70000; i++ {
		values = append(values, float32(i))
	}
	for _, e := range []float32{1 << 24, 1<<24 - 1, 1<<24 - 2, 1<<24 + 2, 1 << 25, 3 << 30, 1e20, 1e21, 1e30, -(1 << 24), -(1<<24 - 1), 0.5, -1.5, 1e-7} {
		values = append(values, e, -e)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		values = append(values, float32(rng.IntN(1<<25)-1<<24))
	}
	values = append(values, float32(math.Copysign(0, -1)))
	for _, v := range values {
		want := strconv.AppendFloat(nil, float64(v), 'f', -1, 32)
		if a := math.Abs(float64(v)); a >= 1e21 || a != 0 && a < 1e-6 {
			want = strconv.AppendFloat(nil, float64(v), 'e', -1, 32)
			want = []byte(strings.Replace(string(want), "e-0", "e-", 1))
		}
		require.Equal(t, string(want), string(appendFloat32(nil, v)), "%v", v)
	}
}

func TestEncoderMatchesAppend(t *testing.T) {
	t.Parallel()
	// One encoder over many analyses, each written twice (the second time
	// from the cache), must write Append's bytes every time.
	var e Encoder
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		text := randomText(rng)
		a := randomAnalysis(rng, text)
		enc := stancev1.OffsetEncoding(rng.IntN(4))
		want := string(Append(nil, &a, text, enc))
		require.Equal(t, want, string(e.Append(nil, &a, text, enc)), "case %d", i)
		require.Equal(t, want, string(e.Append([]byte("prefix"), &a, text, enc))[len("prefix"):], "case %d again", i)
	}
}

func TestEncoderCollisions(t *testing.T) {
	t.Parallel()
	// Numbers sharing a cache entry replace each other; each is still
	// written as itself, and -0 is not taken for +0.
	slot := func(v float32) uint32 { return (math.Float32bits(v) * 0x9e3779b1) >> (32 - floatCacheBits) }
	a := float32(0.7375)
	var b float32
	for bits := math.Float32bits(a) + 1; ; bits++ {
		if v := math.Float32frombits(bits); slot(v) == slot(a) {
			b = v
			break
		}
	}
	var e Encoder
	for _, v := range []float32{a, b, a, a, b, float32(math.Copysign(0, -1)), 1e-7, 1e-7, -123456.79, -123456.79} {
		want := appendFloat32(nil, v)
		assert.Equal(t, string(want), string(e.floats.appendFloat32(nil, v)), "%v", v)
	}
}

func TestEncoderAllocatesNothing(t *testing.T) {
	// Not parallel: AllocsPerRun counts every goroutine's allocations.
	var e Encoder
	buf := make([]byte, 0, 4096)
	allocs := testing.AllocsPerRun(100, func() {
		buf = e.Append(buf[:0], &france, franceText, utf16Enc)
	})
	assert.Zero(t, allocs)
}

func BenchmarkEncoder(b *testing.B) {
	var e Encoder
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		buf = e.Append(buf[:0], &france, franceText, utf8Enc)
	}
}

func TestAppendOffset(t *testing.T) {
	t.Parallel()
	// The digit-by-digit forms and strconv's, on both sides of each
	// boundary between them.
	for _, v := range []int{0, 1, 9, 10, 11, 99, 100, 101, 500, 999, 1000, 1001, 65535, math.MaxInt32, -1, -10, -1000} {
		got := appendOffset([]byte("x"), v)
		assert.Equal(t, "x"+strconv.Itoa(v), string(got), "offset %d", v)
	}
}
