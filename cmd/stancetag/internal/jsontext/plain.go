// Package jsontext holds what the input decoder (jsonl) and the output
// encoder (analysisjson) both need to know about the text of JSON strings,
// so that the two cannot disagree.
package jsontext

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// PlainRun returns the end of the run of plain bytes of s from i: bytes a
// JSON string holds as they are, which neither a decoder nor an encoder has
// to look at one by one. Plain is printable ASCII but the quote and the
// backslash; control bytes, quotes, backslashes and non-ASCII bytes (to be
// checked as UTF-8) end a run.
//
// Most of a string is plain, so it tests eight bytes at a time, the last
// eight of s included (overlapping bytes already tested), and only strings
// shorter than a word byte by byte.
func PlainRun(s string, i int) int {
	from := i
	for ; i+8 <= len(s); i += 8 {
		if m := specials(stringWord(s, i)); m != 0 {
			return i + firstFlagged(m)
		}
	}
	if i == len(s) {
		return i
	}
	if last := len(s) - 8; last >= from {
		return last + firstFlagged(specials(stringWord(s, last)))
	}
	for i < len(s) && plain[s[i]] {
		i++
	}
	return i
}

// PlainRunBytes is PlainRun for a byte slice. (A generic version does not
// get its eight byte loads merged into one, and costs twice as much.)
func PlainRunBytes(b []byte, i int) int {
	from := i
	for ; i+8 <= len(b); i += 8 {
		if m := specials(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + firstFlagged(m)
		}
	}
	if i == len(b) {
		return i
	}
	if last := len(b) - 8; last >= from {
		return last + firstFlagged(specials(binary.LittleEndian.Uint64(b[last:])))
	}
	for i < len(b) && plain[b[i]] {
		i++
	}
	return i
}

// stringWord returns s[i:i+8] as a little-endian number, in one load.
func stringWord(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// specials flags the bytes of w (little-endian) that are not plain, by their
// high bit. Bytes above a flagged one may be flagged wrongly, never those
// below it: the lowest flag is the first special byte.
func specials(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// In an ASCII word, a byte's high bit is set after subtracting 0x20
	// from each byte when it is a control byte, after xor with '"' and
	// subtracting 1 when it is a quote; likewise for backslashes. A borrow
	// only comes out of a flagged byte, and a non-ASCII byte is flagged by
	// its own high bit.
	ctl := w - 0x20*ones
	quote := (w ^ '"'*ones) - ones
	bslash := (w ^ '\\'*ones) - ones
	return (ctl | quote | bslash | w) & highs
}

// firstFlagged returns the index of the lowest byte flagged in m, 8 when
// none is.
func firstFlagged(m uint64) int { return bits.TrailingZeros64(m) >> 3 }

// IsPlain reports whether c is a plain byte (see PlainRun).
func IsPlain(c byte) bool { return plain[c] }

// plain marks the plain bytes.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
