package tokenize

import (
	"hash/maphash"
	"slices"
)

// Folded holds the lookup form (AppendLower) of every Word and Emoji token of
// a text in one buffer, with a hash of each form, so that the lexicon stages
// fold each token once and share the result. Other tokens have an empty
// form. The zero value is empty and ready to use; Reset refills it, reusing
// its memory. It must not be modified while it is being read.
type Folded struct {
	buf []byte
	// toks[i] is token i's form, in buf or in an earlier array of buf (a
	// form is never written once made, so growing buf keeps it valid),
	// with its FoldHash.
	toks []foldedTok
}

type foldedTok struct {
	form []byte
	hash uint64
}

// FoldPrime is the FNV-1a multiplier of FoldHash.
const FoldPrime = 1099511628211

// foldPrime is FoldPrime in a variable, for loops that would otherwise
// load the 64-bit constant into a register on every byte.
var foldPrime uint64 = FoldPrime

// foldBasis is FoldHash's starting state, random in each process so that
// the layout of tables keyed by it cannot be predicted from outside (callers
// choose some of their keys: actor aliases).
var foldBasis = maphash.Bytes(maphash.MakeSeed(), []byte("stancetag")) | 1

// FoldBasis returns the state FoldHash starts from. FoldHash(b) is
// FoldHashFrom(FoldBasis(), b), so that a hash can be extended byte by
// byte, or the hash of a prefix kept on the way.
func FoldBasis() uint64 { return foldBasis }

// FoldHash returns the hash Folded keeps of a lookup form: FNV-1a over its
// bytes from FoldBasis, 64 bits, not mixed. It is fixed for the life of the
// process and differs between processes; tables of lexicon words built at
// load and probed with Folded.Hash use it.
func FoldHash(b []byte) uint64 { return FoldHashFrom(foldBasis, b) }

// FoldHashFrom continues FNV-1a from state h over b.
func FoldHashFrom(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= FoldPrime
	}
	return h
}

// Reset folds the Word and Emoji tokens of toks, the tokens of text. It
// allocates only while its buffers grow.
func (f *Folded) Reset(text string, toks []Token) {
	f.Clear()
	for _, t := range toks {
		f.Append(text, t)
	}
}

// Clear empties f, keeping its memory, for a run of Append.
func (f *Folded) Clear() {
	f.buf = f.buf[:0]
	f.toks = f.toks[:0]
}

// Append folds the next token, t of text, and returns its form and hash, as
// At(Len()-1) and Hash(Len()-1) will. Clear then Append on every token is
// Reset, for callers that look each form up as it is made.
func (f *Folded) Append(text string, t Token) ([]byte, uint64) {
	if t.Kind != Word && t.Kind != Emoji {
		f.appendEmpty()
		return nil, foldBasis
	}
	ft := f.fold(text[t.Start:t.End])
	f.toks = append(f.toks, ft)
	return ft.form, ft.hash
}

// appendEmpty appends the empty form of a token that is neither a Word nor
// an Emoji.
func (f *Folded) appendEmpty() {
	f.toks = append(f.toks, foldedTok{hash: foldBasis}) // the empty form's hash
}

// fold appends the lookup form of w to f.buf and returns it with its
// FoldHash. An ASCII word is lowered and hashed in one pass; any other goes
// through AppendLower.
func (f *Folded) fold(w string) foldedTok {
	start := len(f.buf)
	if cap(f.buf)-start < len(w) {
		f.buf = append(f.buf, w...) // grow; overwritten below
	}
	b := f.buf[start : start+len(w) : start+len(w)]
	h := foldBasis
	for i := 0; i < len(b) && i < len(w); i++ {
		c := lowerASCII[w[i]]
		if c == 0 { // not ASCII (or NUL, which no word holds)
			f.buf = AppendLower(f.buf[:start], w)
			b = f.buf[start:len(f.buf):len(f.buf)]
			return foldedTok{form: b, hash: FoldHash(b)}
		}
		b[i] = c
		h ^= uint64(c)
		h *= FoldPrime
	}
	f.buf = f.buf[:start+len(w)]
	return foldedTok{form: b, hash: h}
}

// spare returns the free capacity of f.buf, at least n bytes long, where
// the tokenizer's fast path folds a word before it knows that it will keep
// it (see appendSpare). Given the rest of the text as n, it grows f.buf
// about once per text: the forms of ASCII words are no longer than them.
func (f *Folded) spare(n int) []byte {
	if cap(f.buf)-len(f.buf) < n {
		f.grow(n)
	}
	return f.buf[len(f.buf):cap(f.buf)]
}

// grow makes room for n more bytes in f.buf. It is kept out of spare, which
// is inlined in the tokenizer's fast path, as it is seldom called.
//
//go:noinline
func (f *Folded) grow(n int) { f.buf = slices.Grow(f.buf, n) }

// appendSpare appends the next token's form, the first n bytes of spare(),
// with its FoldHash h.
func (f *Folded) appendSpare(n int, h uint64) {
	start := len(f.buf)
	end := start + n
	f.buf = f.buf[:end]
	f.toks = append(f.toks, foldedTok{form: f.buf[start:end:end], hash: h})
}

// lowerASCII maps ASCII bytes to lower case and every other byte (and NUL)
// to 0.
var lowerASCII = func() (t [256]byte) {
	for c := 1; c < 0x80; c++ {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// Len returns the number of tokens folded by the last Reset.
func (f *Folded) Len() int { return len(f.toks) }

// At returns the lookup form of token i, empty for a token that is neither
// a Word nor an Emoji. The slice is shared: do not modify or append to it.
// i must be in [0, Len()).
func (f *Folded) At(i int) []byte { return f.toks[i].form }

// Hash returns FoldHash(At(i)). i must be in [0, Len()).
func (f *Folded) Hash(i int) uint64 { return f.toks[i].hash }
