package lexicon

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sync"

	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// vocab joins the word lookups of the sentiment and stance lexicons, so that
// each token of a statement costs one probe instead of one map lookup per
// lexicon: an open-addressing table keyed by tokenize.FoldHash, which
// tokenize.Folded computes while it folds. It is built once by New and
// immutable after; its keys are lexicon words, fixed at load, so that the
// unseeded hash cannot be used to crowd its probe sequences.
type vocab struct {
	sent  *sentiment.Lexicon // for LookupLoose on words it lacks
	slots []vslot            // len is a power of two, at most half full
	words []vocabWord
	keys  []byte // words[i]'s key is keys[words[i].off:words[i].end]
}

// vslot is one slot of the table: the top bits of the key's hash and the
// word's index, or -1 for an empty slot.
type vslot struct {
	tag uint32
	id  int32
}

// vocabWord is what the lexicons know about one folded word.
type vocabWord struct {
	off, end  int32
	sentiment int32        // sentiment.Lexicon.Lookup, or -1
	stance    int32        // stance.Lexicon.Lookup, or -1
	roots     actors.Roots // actors.Matcher.Roots
}

func newVocab(sent *sentiment.Lexicon, st *stance.Lexicon, m *actors.Matcher) *vocab {
	sentTerms, stTerms, rootForms := sent.Terms(), st.Terms(), m.RootForms()
	n := 16
	for n < 2*(len(sentTerms)+len(stTerms)+len(rootForms)) {
		n *= 2
	}
	v := &vocab{sent: sent, slots: make([]vslot, n)}
	for i := range v.slots {
		v.slots[i].id = -1
	}
	// Sized once: grown word by word, the copies were most of the vocab's
	// allocation, a cost paid at every process start.
	size, count := 0, 0
	for _, terms := range [...][]string{sentTerms, stTerms, rootForms} {
		count += len(terms)
		for _, w := range terms {
			size += len(w)
		}
	}
	v.words = make([]vocabWord, 0, count)
	v.keys = make([]byte, 0, size)
	for _, terms := range [...][]string{sentTerms, stTerms, rootForms} {
		for _, w := range terms {
			v.add(w)
		}
	}
	// The lookups are most of the work, and independent: half of them run
	// on another core (the lexicons are immutable).
	half := len(v.words) / 2
	var wg sync.WaitGroup
	wg.Go(func() { v.fill(v.words[:half], sent, st, m) })
	v.fill(v.words[half:], sent, st, m)
	wg.Wait()
	return v
}

// fill looks words up in the lexicons.
func (v *vocab) fill(words []vocabWord, sent *sentiment.Lexicon, st *stance.Lexicon, m *actors.Matcher) {
	for i := range words {
		x := &words[i]
		b := v.keys[x.off:x.end]
		x.sentiment, x.stance, x.roots = sent.Lookup(b), st.Lookup(b), m.Roots(b)
	}
}

// add adds word w, without its lookups (see fill), unless it is in
// already (in two lexicons).
func (v *vocab) add(w string) {
	// The key is appended first and serves as w's bytes for hashing and
	// finding, so that w is not copied twice; it is dropped again if w is
	// known.
	off := int32(len(v.keys))
	v.keys = append(v.keys, w...)
	b := v.keys[off:]
	h := tokenize.FoldHash(b)
	if v.find(b, h) >= 0 {
		v.keys = v.keys[:off]
		return
	}
	id := int32(len(v.words))
	v.words = append(v.words, vocabWord{off: off, end: int32(len(v.keys))})
	mask := uint64(len(v.slots) - 1)
	for i := slotOf(h) & mask; ; i = (i + 1) & mask {
		if v.slots[i].id < 0 {
			v.slots[i] = vslot{tag: uint32(h >> 32), id: id}
			return
		}
	}
}

// slotOf spreads FNV's weak low bits over the table.
func slotOf(h uint64) uint64 { return (h ^ h>>29) * 0xbf58476d1ce4e5b9 >> 32 }

// find returns the index in v.words of word w with FoldHash h, or -1.
func (v *vocab) find(w []byte, h uint64) int32 {
	id, _ := v.probe(w, h)
	return id
}

// probe is find that also returns the word found, or nil, sparing lookup
// indexing v.words again.
func (v *vocab) probe(w []byte, h uint64) (int32, *vocabWord) {
	mask := uint64(len(v.slots) - 1)
	tag := uint32(h >> 32)
	for i := slotOf(h) & mask; ; i = (i + 1) & mask {
		s := v.slots[i]
		if s.id < 0 {
			return -1, nil
		}
		if s.tag != tag {
			continue
		}
		// The key compare, inlined: most words of a vocabulary have at
		// most 16 bytes, compared in two loads a side (see edges),
		// where bytes.Equal would call memequal; the call and the
		// spills around it cost as much as the rest of a probe.
		x := &v.words[s.id]
		key := v.keys[x.off:x.end]
		if len(key) != len(w) {
			continue
		}
		if len(w) > 16 {
			if bytes.Equal(key, w) {
				return s.id, x
			}
			continue
		}
		k1, k2 := edges(key)
		w1, w2 := edges(w)
		if k1 == w1 && k2 == w2 {
			return s.id, x
		}
	}
}

// edges packs b, of at most 16 bytes, into two words: its first and last 8
// bytes (which overlap when it has fewer than 16), or first and last 4, or
// its 1 to 3 bytes. Every byte of b is in them, so two words of the same
// length are equal just when their edges are.
func edges(b []byte) (uint64, uint64) {
	le := binary.LittleEndian
	switch n := len(b); {
	case n >= 8:
		return le.Uint64(b), le.Uint64(b[n-8:])
	case n >= 4:
		return uint64(le.Uint32(b)), uint64(le.Uint32(b[n-4:]))
	case n > 0:
		return uint64(b[0]) | uint64(b[n/2])<<8, uint64(b[n-1])
	}
	return 0, 0
}

// lookup fills w.heads, w.entries and w.roots with one value per token of
// toks, whose forms f holds: the sentiment and stance lexicon entries of
// each Word and Emoji token's form (-1 for none) and its actors.Roots.
func (v *vocab) lookup(toks []tokenize.Token, f *tokenize.Folded, w *words) {
	n := len(toks)
	heads := slices.Grow(w.heads[:0], n)[:n]
	entries := slices.Grow(w.entries[:0], n)[:n]
	roots := slices.Grow(w.roots[:0], n)[:n]
	w.heads, w.entries, w.roots = heads, entries, roots
	for i := range toks {
		// Each slot is written once, from locals.
		head, entry, root := int32(-1), int32(-1), actors.Roots{}
		if k := toks[i].Kind; k == tokenize.Word || k == tokenize.Emoji {
			form := f.At(i)
			if _, x := v.probe(form, f.Hash(i)); x != nil {
				head, entry, root = x.sentiment, x.stance, x.roots
			} else {
				// Not a lexicon word as written: maybe an elongated
				// word or an emoji variant (sentiment.LookupLoose).
				head = v.sent.LookupLoose(form)
			}
			if n := len(form); n > 1 && form[n-1] == '.' {
				// "U.S.", "Gen.": the Roots are the dotless form's,
				// or none after two dots (actors.Matcher.RootForms).
				root = actors.Roots{}
				if dotless := form[:n-1]; dotless[n-2] != '.' {
					if _, x := v.probe(dotless, tokenize.FoldHash(dotless)); x != nil {
						root = x.roots
					}
				}
			}
		}
		heads[i], entries[i], roots[i] = head, entry, root
	}
}

// words holds the per-token lookups of one statement.
type words struct {
	heads   []int32 // sentiment lexicon entry, or -1
	entries []int32 // stance lexicon entry, or -1
	roots   []actors.Roots
}
