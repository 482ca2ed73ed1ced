package actors

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func TestAppendKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Russia", "russia"},
		{"U.S.", "u.s"}, // a final dot is dropped: "U.S." = "U.S"
		{"Gen.", "gen"}, // so titles match with or without it
		{".", "."},      // a lone dot stays
		{"Élysée", "élysée"},
		{"d’Ivoire", "d'ivoire"},   // curly apostrophe folds to straight
		{"Jean‐Noël", "jean-noël"}, // U+2010 hyphen folds to "-"
		{"TÜRKİYE", "türkiye"},     // Unicode lower case; Go lowers İ to i
		{"a\xffb", "a\xffb"},       // invalid UTF-8 kept as is
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(appendKey(nil, tt.in)), tt.in)
	}
}

// The mixed prefix state of a key is the hash of the key without its last
// byte: the plural lookup ("russians" -> "russian") relies on it.
func TestKeyHashesPrefix(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"russians", "ab", "democrats", "a"} {
		h, prefix := keyHashes([]byte(k))
		assert.Equal(t, keyHash([]byte(k)), h)
		assert.Equal(t, keyHash([]byte(k[:len(k)-1])), mix64(prefix), k)
	}
}

// foldHashUndo takes the last byte off a FoldHash, so that a key's hash
// without its final dot or plural "s" comes from the form's.
func TestFoldHashUndo(t *testing.T) {
	t.Parallel()
	assert.Equal(t, uint64(1), foldPrimeInverse*tokenize.FoldPrime)
	for _, k := range []string{"u.s.", "russians", "a.", "é."} {
		b := []byte(k)
		n := len(b)
		assert.Equal(t, tokenize.FoldHash(b[:n-1]), foldHashUndo(tokenize.FoldHash(b), b[n-1]), k)
	}
}

// wordKey drops a final dot from a form of two bytes or more, and hashes
// the key as keyHash does.
func TestWordKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ form, key string }{
		{"u.s.", "u.s"},
		{"gen.", "gen"},
		{".", "."},
		{"russia", "russia"},
		{"", ""},
	}
	for _, tt := range tests {
		form := []byte(tt.form)
		key, h := wordKey(form, tokenize.FoldHash(form))
		assert.Equal(t, tt.key, string(key), tt.form)
		assert.Equal(t, keyHash(key), mix64(h), tt.form)
	}
}

// The table grows and resets without losing or leaking edges.
func TestTrieGrowAndReset(t *testing.T) {
	t.Parallel()
	var tr trie
	tr.reset()
	keys := make([][]byte, 200)
	nodes := make([]int32, len(keys))
	for i := range keys {
		keys[i] = []byte{byte('a' + i%26), byte('a' + i/26)}
		nodes[i] = tr.child(0, keys[i], keyHash(keys[i]))
	}
	for i, k := range keys {
		assert.Equal(t, nodes[i], tr.lookup(0, k, keyHash(k)))
	}
	tr.reset()
	for _, k := range keys {
		assert.Zero(t, tr.lookup(0, k, keyHash(k)))
	}
	n := tr.child(0, keys[0], keyHash(keys[0]))
	assert.Equal(t, n, tr.lookup(0, keys[0], keyHash(keys[0])))
}

// hyphenated finds a '-' at any position of keys of every length, and no
// other byte, whichever way it reads the key's bytes.
func TestHyphenated(t *testing.T) {
	t.Parallel()
	for n := range 20 {
		for _, fill := range []byte{'a', ',', '.', '-' ^ 0x80, 0xff, 0} {
			key := bytes.Repeat([]byte{fill}, n)
			assert.False(t, hyphenated(key), "%q", key)
			for p := range n {
				key[p] = '-'
				assert.True(t, hyphenated(key), "%q", key)
				key[p] = fill
			}
		}
	}
	assert.True(t, hyphenated([]byte("russia-ukraine")))
	assert.False(t, hyphenated([]byte("russia–ukraine"))) // en dash: not a hyphen
}

// fits accepts exactly the tokens with 0 <= Start <= End <= SuffixEnd <=
// len(text).
func TestFits(t *testing.T) {
	t.Parallel()
	const text = "Russia's"
	offsets := []int32{-1 << 31, -2, -1, 0, 1, 6, 8, 9, 1<<31 - 1}
	for _, a := range offsets {
		for _, b := range offsets {
			for _, c := range offsets {
				tok := tokenize.Token{Start: a, End: b, SuffixEnd: c, Kind: tokenize.Word}
				want := 0 <= a && a <= b && b <= c && int(c) <= len(text)
				assert.Equal(t, want, fits(&tok, text), "%d %d %d", a, b, c)
			}
		}
	}
}

// initUnit keys a token of one ASCII byte as appendKey and keyHash do,
// without calling them, and an empty token at the end of the text has the
// empty key.
func TestInitUnitOneByte(t *testing.T) {
	t.Parallel()
	var s Scratch
	for c := range byte(0x80) {
		text := "x" + string(c)
		for _, kind := range []tokenize.Kind{tokenize.Punct, tokenize.Word, tokenize.Symbol} {
			var u unit
			s.initUnit(&u, text, &tokenize.Token{Start: 1, End: 2, SuffixEnd: 2, Kind: kind}, 0)
			want := appendKey(nil, text[1:])
			assert.Equal(t, want, u.key, "%q", c)
			assert.Equal(t, keyHash(want), u.h, "%q", c)
			assert.False(t, u.sing)
		}
	}
	var u unit
	s.initUnit(&u, "ab", &tokenize.Token{Start: 2, End: 2, SuffixEnd: 2, Kind: tokenize.Punct}, 0)
	assert.Empty(t, u.key)
	assert.Equal(t, keyHash(nil), u.h)
}

// mayLeave is false only when no lookup a walk makes from the node along
// the unit (its key, its singular, its key with the possessive suffix) can
// find a child.
func TestMayLeave(t *testing.T) {
	t.Parallel()
	var tr trie
	tr.reset()
	parent := tr.child(0, []byte("people"), keyHash([]byte("people")))
	leaf := tr.child(parent, []byte("russia"), keyHash([]byte("russia")))
	tr.child(parent, []byte("people's"), keyHash([]byte("people's")))
	var s Scratch
	text := "Russians Russia Russia's People's China"
	toks := tokenize.Tokenize(text, nil)
	for k := range toks {
		var u unit
		s.initUnit(&u, text, &toks[k], int32(k))
		found := tr.lookup(parent, u.key, u.h) != 0 ||
			u.sing && tr.lookup(parent, u.key[:len(u.key)-1], u.sh) != 0 ||
			u.possessive() && tr.lookup(parent, u.fkey, u.fh) != 0
		if found {
			assert.True(t, tr.mayLeave(parent, &u), "%q", u.key)
		}
		assert.False(t, tr.mayLeave(leaf, &u), "%q from a leaf", u.key)
	}
	var china unit
	s.initUnit(&china, text, &toks[len(toks)-1], 0)
	if keyHash([]byte("china"))&63 != keyHash([]byte("russia"))&63 && keyHash([]byte("china"))&63 != keyHash([]byte("people's"))&63 {
		assert.False(t, tr.mayLeave(parent, &china), "a plain word whose bit no kid has")
	}
}

// mayHave is false only where lookup finds no child, from the root and
// from an inner node.
func TestMayHave(t *testing.T) {
	t.Parallel()
	var tr trie
	tr.reset()
	keys := [][]byte{[]byte("russian"), []byte("bank"), []byte("plan"), []byte("eu")}
	inner := tr.child(0, keys[0], keyHash(keys[0]))
	tr.child(inner, keys[1], keyHash(keys[1]))
	tr.child(0, keys[3], keyHash(keys[3]))
	for _, n := range []int32{0, inner} {
		for _, k := range append(keys, []byte("banks"), []byte("china")) {
			if tr.lookup(n, k, keyHash(k)) != 0 {
				assert.True(t, tr.mayHave(n, keyHash(k)), "%q from %d", k, n)
			}
		}
	}
	assert.True(t, tr.mayHave(inner, keyHash(keys[1])))
	assert.True(t, tr.mayHave(0, keyHash(keys[3])))
}
