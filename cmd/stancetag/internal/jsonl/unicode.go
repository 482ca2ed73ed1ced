package jsonl

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// unicodeProblem returns what is wrong with line as Unicode text, or "": a
// byte sequence that is not UTF-8, or a \u escape of a UTF-16 surrogate that
// is not half of a pair (a high one followed at once by a low one).
// encoding/json (and lineDecoder, which matches it) would replace either
// with U+FFFD, so that the analysed text, and the offsets into it, would no
// longer be the line's. Escapes are looked for in the whole line: a
// backslash outside a string is a JSON syntax error anyway.
func unicodeProblem(line []byte) string {
	if !utf8.Valid(line) {
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size == 1 {
				return fmt.Sprintf("invalid UTF-8 at byte %d", i+1)
			}
			i += size
		}
	}
	escape := func(j int) rune { // the \uXXXX escape at j, or -1
		if j > len(line) {
			return -1
		}
		return hex4(line[j:])
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '\\' || i+1 >= len(line) {
			continue
		}
		if line[i+1] != 'u' {
			i++ // \" \\ and the other two-byte escapes
			continue
		}
		r := escape(i)
		switch {
		case r < 0 || !utf16.IsSurrogate(r):
		case r < 0xdc00 && escape(i+6) >= 0xdc00 && utf16.IsSurrogate(escape(i+6)):
			i += 6 // a pair: skip the high half; the low half is skipped below
		default:
			return fmt.Sprintf("unpaired surrogate escape \\u%04x at byte %d: not a character", r, i+1)
		}
		i += 5
	}
	return ""
}
