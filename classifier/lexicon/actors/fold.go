package actors

import (
	"unicode"
	"unicode/utf8"
)

// appendKey appends the matching key of one token's text to dst: lower
// case, curly apostrophes as "'", Unicode hyphens as "-", and a final dot
// dropped so that "U.S." and "U.S", "Gen." and "Gen" are the same key. The
// gazetteer and the text are keyed by the same function, so they agree by
// construction.
func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, c) // keep invalid bytes as they are
		case r == '\u2019' || r == '\u2018' || r == '\u02bc':
			dst = append(dst, '\'')
		case r == '\u2010' || r == '\u2011':
			dst = append(dst, '-')
		case r >= 0x2000 && r <= 0x206F || r >= 0x1F000:
			// No case in these blocks (tokenize's noCase): skip the
			// table search.
			dst = append(dst, s[i:i+n]...)
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += n
	}
	if len(dst)-start > 1 && dst[len(dst)-1] == '.' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// exactText is the text a case-sensitive surface form compares against:
// the token's text without a final dot.
func exactText(s string) string {
	if len(s) > 1 && s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// hasUpper reports whether s holds an upper- or title-case letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return true
		}
		i += n - 1
	}
	return false
}
