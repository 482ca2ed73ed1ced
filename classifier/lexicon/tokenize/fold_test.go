package tokenize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAppendLower(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{name: "ascii", in: "NATO Russia", want: "nato russia"},
		// Both apostrophes look up the same lexicon entry.
		{name: "curly apostrophe", in: "Can’t", want: "can't"},
		{name: "modifier letter apostrophe", in: "canʼt", want: "can't"},
		{name: "unicode hyphen", in: "Pro\u2011Russian", want: "pro-russian"},
		{name: "non-ascii letters", in: "ÉTAT Ünal ΣΟΦΙΑ", want: "état ünal σοφια"},
		// Nothing is stripped: dots, quotes and emoji stay.
		{name: "nothing removed", in: "U.S. “No” 👍🏽", want: "u.s. “no” 👍🏽"},
		// Invalid bytes are copied, not replaced by U+FFFD.
		{name: "invalid bytes", in: "A\xffB", want: "a\xffb"},
		{name: "empty", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, string(AppendLower(nil, tt.in)))
		})
	}
}

func TestAppendLowerAppends(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "key:kyiv", string(AppendLower([]byte("key:"), "KYIV")))
}

// TestNoAllocs checks the allocation contract: with capacity in dst,
// Tokenize, Sentences and AppendLower allocate nothing.
func TestNoAllocs(t *testing.T) {
	toks := Tokenize(bigInput, nil)
	sents := Sentences(bigInput, toks, nil)
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(5, func() {
		toks = Tokenize(bigInput, toks)
		sents = Sentences(bigInput, toks, sents)
		for _, tok := range toks[:200] {
			buf = AppendLower(buf[:0], tok.Text(bigInput))
		}
	})
	assert.Zero(t, allocs)
}
