package analysisjson

import (
	"unicode/utf8"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// offsets converts UTF-8 byte offsets of one text into the requested
// encoding. Spans of an analysis come mostly in ascending order, so it resumes
// counting from the previous offset and restarts from zero only when asked
// for an earlier one; ASCII text needs no counting at all.
type offsets struct {
	text     string
	enc      stancev1.OffsetEncoding
	identity bool
	lastByte int // byte offset of the previous conversion
	lastUnit int // its value in enc
}

func newOffsets(text string, enc stancev1.OffsetEncoding) offsets {
	o := offsets{text: text, enc: enc}
	o.identity = (enc != stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16 &&
		enc != stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT) || isASCII(text)
	return o
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// convert returns byte offset b in the target encoding. Offsets past the text
// are clamped to its end; an offset inside a multi-byte character counts that
// whole character. An invalid UTF-8 byte counts as one unit (it stands for
// U+FFFD).
func (o *offsets) convert(b int) int {
	if o.identity {
		return b
	}
	if b > len(o.text) {
		b = len(o.text)
	}
	if b < o.lastByte {
		o.lastByte, o.lastUnit = 0, 0
	}
	pos, units := o.lastByte, o.lastUnit
	for pos < b {
		c := o.text[pos]
		if c < utf8.RuneSelf {
			pos++
			units++
			continue
		}
		r, size := utf8.DecodeRuneInString(o.text[pos:])
		pos += size
		units++
		if o.enc == stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16 && r >= 0x10000 {
			units++ // a surrogate pair
		}
	}
	o.lastByte, o.lastUnit = pos, units
	return units
}

// Start is a byte offset of a text and its value in the encoding of the
// spans being written: where AppendFrom starts counting, so that the
// sentences of a long document, written in order, cost their own length
// each rather than the document's.
type Start struct {
	Byte, Unit int
}

// Units is the length of s in enc: bytes for UTF-8 (and unknown
// encodings), UTF-16 code units or code points. An invalid UTF-8 byte
// counts as one unit.
func Units(s string, enc stancev1.OffsetEncoding) int {
	o := newOffsets(s, enc)
	return o.convert(len(s))
}
