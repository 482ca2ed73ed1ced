package server

import (
	"strings"
	"unicode"
)

// DeriveActorID returns the id the API gives a caller actor that has none:
// the name lower-cased, every run of characters other than letters, digits
// and combining marks replaced by one "-", with no "-" at either end
// ("European Union" -> "european-union", "Côte d'Ivoire" -> "côte-d-ivoire").
// It returns "" when the name has no letter or digit.
func DeriveActorID(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	dash := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.M, r) && b.Len() > 0 && !dash:
			// A combining mark belongs to the letter before it ("e\u0301").
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
