package tokenize

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
// Tokenize, Sentences, Split, Folded.Reset and AppendLower allocate nothing.
func TestNoAllocs(t *testing.T) {
	toks := Tokenize(bigInput, nil)
	sents := Sentences(bigInput, toks, nil)
	buf := make([]byte, 0, 64)
	var f Folded
	f.Reset(bigInput, toks)
	allocs := testing.AllocsPerRun(5, func() {
		toks = Tokenize(bigInput, toks)
		sents = Sentences(bigInput, toks, sents)
		toks, sents = Split(bigInput, toks, sents, &f)
		f.Reset(bigInput, toks)
		for _, tok := range toks[:200] {
			buf = AppendLower(buf[:0], tok.Text(bigInput))
		}
	})
	assert.Zero(t, allocs)
}

func TestFolded(t *testing.T) {
	t.Parallel()
	const text = "Russia’s “NO” 👍🏽 to U.S. plan, 2026!"
	var f Folded
	assert.Zero(t, f.Len(), "zero value is empty")
	f.Reset(text, Tokenize(text, nil))
	var got []string
	for i := range f.Len() {
		got = append(got, string(f.At(i)))
	}
	// Words and emoji are folded like AppendLower (the possessive suffix
	// is outside the token); quotes, punctuation and numbers are empty.
	assert.Equal(t, []string{"russia", "", "no", "", "👍🏽", "to", "u.s.", "plan", "", "", ""}, got)
	for i := range f.Len() {
		assert.Equal(t, FoldHash(f.At(i)), f.Hash(i), "hash of token %d", i)
	}

	// Reset reuses the buffers: a second, shorter text leaves nothing of
	// the first.
	f.Reset("Kyiv", Tokenize("Kyiv", nil))
	require.Equal(t, 1, f.Len())
	assert.Equal(t, "kyiv", string(f.At(0)))
	assert.Equal(t, FoldHash([]byte("kyiv")), f.Hash(0))
}

func TestFoldHash(t *testing.T) {
	t.Parallel()
	assert.Equal(t, FoldBasis(), FoldHash(nil))
	// FNV-1a from the process's basis: with FNV's own basis the
	// published test values come out.
	const fnvBasis = 0xcbf29ce484222325
	assert.Equal(t, uint64(0xaf63dc4c8601ec8c), FoldHashFrom(fnvBasis, []byte("a")))
	assert.Equal(t, uint64(0x85944171f73967e8), FoldHashFrom(fnvBasis, []byte("foobar")))
	// A hash extends byte by byte.
	assert.Equal(t, FoldHash([]byte("foobar")), FoldHashFrom(FoldHash([]byte("foo")), []byte("bar")))
	assert.NotEqual(t, FoldHash([]byte("foo")), FoldHash([]byte("bar")))
}

// TestFoldedAtIsCapped checks that appending to a form cannot overwrite the
// next token's form.
func TestFoldedAtIsCapped(t *testing.T) {
	t.Parallel()
	const text = "Paris Berlin"
	var f Folded
	f.Reset(text, Tokenize(text, nil))
	_ = append(f.At(0), 'X')
	assert.Equal(t, "berlin", string(f.At(1)))
}

// TestNoCase checks the blocks AppendLower folds without a table search:
// unicode.ToLower leaves every rune of them as it is.
func TestNoCase(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if noCase(r) && unicode.ToLower(r) != r {
			t.Fatalf("%U has a lower case %U", r, unicode.ToLower(r))
		}
	}
}
