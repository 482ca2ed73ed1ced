package server

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

const (
	utf8Enc  = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8
	utf16Enc = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16
	cpEnc    = stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT
)

func TestSpanMapper(t *testing.T) {
	t.Parallel()
	type conv struct{ utf16, cp int32 }
	tests := []struct {
		name string
		text string
		// want maps byte offsets to their UTF-16 and code point offsets.
		want map[int]conv
	}{
		{
			name: "ascii is the identity",
			text: "France backed Germany.",
			want: map[int]conv{0: {0, 0}, 7: {7, 7}, 22: {22, 22}},
		},
		{
			// 😀 is 4 bytes, 2 UTF-16 units (a surrogate pair), 1 code point.
			name: "emoji before the mention",
			text: "😀 France backed Germany.",
			want: map[int]conv{0: {0, 0}, 4: {2, 1}, 5: {3, 2}, 11: {9, 8}, 27: {25, 24}},
		},
		{
			// CJK ideographs are 3 bytes, 1 unit, 1 code point.
			name: "cjk",
			text: "北京支持France",
			want: map[int]conv{0: {0, 0}, 3: {1, 1}, 12: {4, 4}, 18: {10, 10}},
		},
		{
			// A combining acute accent (U+0301) is its own code point: 2 bytes,
			// 1 unit, 1 code point, though it renders with the "e".
			name: "combining mark",
			text: "Ame\u0301lie praised Paris",
			want: map[int]conv{0: {0, 0}, 3: {3, 3}, 5: {4, 4}, 9: {8, 8}, 17: {16, 16}, 22: {21, 21}},
		},
		{
			// A flag is two regional indicators, each outside the BMP.
			name: "flag then mention at the end",
			text: "🇺🇦Kyiv",
			want: map[int]conv{8: {4, 2}, 12: {8, 6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, enc := range []stancev1.OffsetEncoding{utf8Enc, utf16Enc, cpEnc} {
				var m spanMapper
				m.init(tt.text, enc)
				// Add in descending order: the mapper must not rely on order.
				for off := len(tt.text); off >= 0; off-- {
					if _, ok := tt.want[off]; ok {
						require.NoError(t, m.add(classifier.Span{Begin: off, End: off}))
					}
				}
				m.build()
				for off, w := range tt.want {
					want := map[stancev1.OffsetEncoding]int32{utf8Enc: int32(off), utf16Enc: w.utf16, cpEnc: w.cp}[enc]
					require.Equal(t, want, m.offset(off), "%s offset %d", enc, off)
				}
			}
		})
	}
}

func TestSpanMapperRejectsBadSpans(t *testing.T) {
	t.Parallel()
	const text = "😀 Kyiv" // 4-byte emoji, so offsets 1..3 split it
	tests := []struct {
		name    string
		span    classifier.Span
		problem string
	}{
		{"negative", classifier.Span{Begin: -1, End: 2}, "outside"},
		{"past the end", classifier.Span{Begin: 5, End: 10}, "outside"},
		{"reversed", classifier.Span{Begin: 6, End: 5}, "outside"},
		{"inside the emoji", classifier.Span{Begin: 2, End: 9}, "splits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, enc := range []stancev1.OffsetEncoding{utf8Enc, utf16Enc} {
				var m spanMapper
				m.init(text, enc)
				err := m.add(tt.span)
				var se *SpanError
				require.ErrorAs(t, err, &se)
				require.Contains(t, se.Error(), tt.problem)
			}
		})
	}
}
