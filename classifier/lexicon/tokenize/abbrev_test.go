package tokenize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLookupAbbrev checks the packed table against the abbrevs map it is
// built from, for every abbreviation in several cases and for words that
// are none.
func TestLookupAbbrev(t *testing.T) {
	t.Parallel()
	// mapLookup is lookupAbbrev straight from the map.
	mapLookup := func(w string) abbrevKind {
		if len(w) == 0 || len(w) > maxAbbrevLen {
			return notAbbrev
		}
		for i := 0; i < len(w); i++ {
			if !isASCIILetter(w[i]) {
				return notAbbrev
			}
		}
		a, ok := abbrevs[strings.ToLower(w)]
		if !ok || (a.capital && !(w[0] >= 'A' && w[0] <= 'Z')) {
			return notAbbrev
		}
		return a.kind
	}
	words := []string{"", "a", "banks", "No", "Sept1", "S@", "s[", "d\u00e9c", "Mr\u0000", "approxi", "mrs.", "Messrs", "MESSRS"}
	for w := range abbrevs {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+"x", w[:len(w)-1])
	}
	for _, w := range words {
		assert.Equal(t, mapLookup(w), lookupAbbrev(w), "%q", w)
	}
	assert.Equal(t, abbrevTitle, lookupAbbrev("Dr"))
	assert.Equal(t, notAbbrev, lookupAbbrev("dr"), "titles only capitalised")
	assert.Equal(t, abbrevMayEnd, lookupAbbrev("etc"))
}
