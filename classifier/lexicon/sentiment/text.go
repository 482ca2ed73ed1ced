package sentiment

import (
	"unicode"
	"unicode/utf8"
)

// hasLower reports whether s holds a lower-case letter; a word without one
// ("NATO", "I", "5G") cannot tell shouted text from normal text.
func hasLower(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLower(r) {
			return true
		}
		i += n
	}
	return false
}
