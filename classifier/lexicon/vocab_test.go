package lexicon

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// TestVocabAgreesWithLexicons checks that one vocab probe per token gives
// what the three lexicons give when asked one by one: every lexicon word,
// and the words of news text with abbreviations, plurals, possessives,
// capitals, emoji and words no lexicon knows.
func TestVocabAgreesWithLexicons(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	m := c.actors.matcher
	text := bench25 + " The U.S. and Gen. Milley's Russians didn't back NATO's plan. " +
		"Sen. Graham praised Ukrainians 👍🏽 in Kyiv; Mrs. May said no. Qwzx flurbled U.S.. " +
		"Democrats' allies, the E.U.'s envoys and Germany's Chancellor condemned it."
	var f tokenize.Folded
	var w words
	toks, _ := tokenize.Split(text, nil, nil, &f)
	c.vocab.lookup(toks, &f, &w)
	require.Len(t, w.heads, len(toks))
	checked := 0
	for i, tok := range toks {
		form := f.At(i)
		if tok.Kind != tokenize.Word && tok.Kind != tokenize.Emoji {
			assert.Equal(t, int32(-1), w.heads[i])
			assert.Equal(t, int32(-1), w.entries[i])
			continue
		}
		assert.Equal(t, c.sentiment.Lookup(form), w.heads[i], "sentiment %q", form)
		assert.Equal(t, c.stance.Lookup(form), w.entries[i], "stance %q", form)
		assert.Equal(t, m.Roots(form), w.roots[i], "roots %q", form)
		checked++
	}
	assert.Greater(t, checked, 40)

	// Every word of every lexicon is found.
	terms := append(append(c.sentiment.Terms(), c.stance.Terms()...), m.RootForms()...)
	for _, term := range terms {
		b := []byte(term)
		id := c.vocab.find(b, tokenize.FoldHash(b))
		require.GreaterOrEqual(t, id, int32(0), "%q", term)
		x := c.vocab.words[id]
		require.Equal(t, c.sentiment.Lookup(b), x.sentiment, "%q", term)
		require.Equal(t, c.stance.Lookup(b), x.stance, "%q", term)
		require.Equal(t, m.Roots(b), x.roots, "%q", term)
	}
	assert.Equal(t, int32(-1), c.vocab.find([]byte("qwzx"), tokenize.FoldHash([]byte("qwzx"))))
}

// TestVocabFindComparesEveryByte probes with each lexicon word's hash but
// one byte changed, so that find reaches the key compare (edges or
// bytes.Equal) with a word of the same length that differs in that byte,
// at every position and for every length.
func TestVocabFindComparesEveryByte(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	for _, x := range c.vocab.words {
		key := c.vocab.keys[x.off:x.end]
		h := tokenize.FoldHash(key)
		id := c.vocab.find(key, h)
		require.Equal(t, key, c.vocab.keys[c.vocab.words[id].off:c.vocab.words[id].end])
		pid, px := c.vocab.probe(key, h)
		require.Equal(t, id, pid)
		require.Same(t, &c.vocab.words[id], px)
		for i := range key {
			w := append([]byte(nil), key...)
			w[i] ^= 0x40
			pid, px := c.vocab.probe(w, h)
			assert.Equal(t, int32(-1), pid, "%q changed at %d", key, i)
			assert.Nil(t, px, "%q changed at %d", key, i)
		}
	}
}

func TestEdges(t *testing.T) {
	t.Parallel()
	const s = "abcdefghijklmnop"
	for n := 0; n <= len(s); n++ {
		a, b := []byte(s[:n]), []byte(s[:n])
		a1, a2 := edges(a)
		b1, b2 := edges(b)
		require.Equal(t, [2]uint64{a1, a2}, [2]uint64{b1, b2}, "length %d", n)
		for i := range n {
			b[i] = 'z'
			b1, b2 = edges(b)
			assert.NotEqual(t, [2]uint64{a1, a2}, [2]uint64{b1, b2}, "length %d, byte %d", n, i)
			b[i] = s[i]
		}
	}
}
