package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// AppendLower appends to dst the lexicon lookup form of s and returns the
// extended slice: every rune mapped to lower case (unicode.ToLower, one rune
// to one rune), and the typographic apostrophes ’ (U+2019) and ʼ (U+02BC)
// mapped to ', and the Unicode hyphens ‐ (U+2010) and ‑ (U+2011) mapped to -,
// so that "Can’t" and "can't", "pro‑Russian" and "pro-Russian" look up the
// same. Nothing is removed; invalid bytes are copied unchanged. It allocates
// only when dst lacks capacity.
//
// Use it with a reused buffer: buf = AppendLower(buf[:0], tok.Text(text));
// then m[string(buf)] does not allocate.
func AppendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, c)
		case r == '\u2019' || r == '\u02BC':
			dst = append(dst, '\'')
		case r == '\u2010' || r == '\u2011':
			dst = append(dst, '-')
		case noCase(r):
			dst = append(dst, s[i:i+n]...)
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += n
	}
	return dst
}

// noCase reports whether r is in a block without case, where
// unicode.ToLower is the identity and its table search can be skipped:
// General Punctuation (quotes, dashes, joiners) and everything from the
// emoji and symbol planes up (TestNoCase checks every rune).
func noCase(r rune) bool { return r >= 0x2000 && r <= 0x206F || r >= 0x1F000 }
