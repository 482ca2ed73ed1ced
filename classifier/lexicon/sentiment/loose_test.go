package sentiment_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
)

// TestLookupLoose: elongated words and emoji selector variants find their
// lexicon form; other words find nothing.
func TestLookupLoose(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	tests := []struct {
		word, want string // want "" for no entry
	}{
		{"goood", "good"},     // run cut to two
		{"sooo", "so"},        // to one: a booster
		{"yaaay", "yay"},      // slang (posts.tsv)
		{"greaaat", "great"},  // cut to two misses, to one hits
		{"\u2764", "\u2764"},  // found as written by Lookup; Loose strips nothing
		{"good", ""},          // not elongated: Lookup's job
		{"goodd", ""},         // runs of two are left alone
		{"zzzebra", ""},       // elongated, still no word
		{"\u00e9t\u00e9", ""}, // other scripts: nothing tried
	}
	for _, tt := range tests {
		got := l.LookupLoose([]byte(tt.word))
		if tt.want == "" || tt.want == tt.word {
			if tt.want == "" {
				assert.Equal(t, int32(-1), got, tt.word)
			}
			continue
		}
		assert.Equal(t, l.Lookup([]byte(tt.want)), got, "%s -> %s", tt.word, tt.want)
	}
	// An emoji written with U+FE0F that the lexicon lists without (or the
	// other way round) is found.
	heart := l.Lookup([]byte("\u2764"))
	withVS := l.Lookup([]byte("\u2764\uFE0F"))
	if heart >= 0 && withVS < 0 {
		assert.Equal(t, heart, l.LookupLoose([]byte("\u2764\uFE0F")))
	}
	assert.GreaterOrEqual(t, l.LookupLoose([]byte("\U0001F60D\uFE0F")), int32(0), "😍 with a selector")
}

// TestNegatedList: a negation covers a coordinated list of cues, not a
// clause after a comma.
func TestNegatedList(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	neg := func(text string) []bool {
		r, _ := scoreAll(t, l, text)
		var out []bool
		for _, h := range r.Hits {
			out = append(out, h.Rules.Has(sentiment.RuleNegated))
		}
		return out
	}
	assert.Equal(t, []bool{true, true, true}, neg("not smart, handsome, nor funny"))
	assert.Equal(t, []bool{true, true}, neg("not smart or funny"))
	assert.Equal(t, []bool{true, true, true}, neg("not smart, handsome, or funny"))
	assert.Equal(t, []bool{true, false}, neg("not smart and really funny"), "bare and: no link beyond the window")
	assert.Equal(t, []bool{true, false, false}, neg("did not win, lost badly"), "a comma alone ends the list")
}
