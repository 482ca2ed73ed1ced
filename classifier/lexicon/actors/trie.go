package actors

import (
	"bytes"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// keyHashes returns the hash of a token key and the unmixed hash state of
// the key without its last byte, in one pass: tokenize.FoldHash (FNV-1a from
// a basis random in each process, so that the layout of the tables cannot
// be predicted from outside) followed by a finalising mix; mix64(prefix) is
// the hash of the key without its last byte, the singular of a plural in
// "s". One hash of a key serves lookups in every trie, and a Word's key hash
// comes from tokenize.Folded when the key is its folded form.
func keyHashes(key []byte) (h, prefix uint64) {
	n := len(key)
	if n == 0 {
		return mix64(tokenize.FoldBasis()), 0
	}
	prefix = tokenize.FoldHashFrom(tokenize.FoldBasis(), key[:n-1])
	x := (prefix ^ uint64(key[n-1])) * tokenize.FoldPrime
	return mix64(x), prefix
}

// foldHashUndo takes the last byte c off the FNV-1a state h: it returns the
// tokenize.FoldHash of a key whose hash with c appended is h. The FNV prime
// is odd, hence invertible modulo 2^64, so a Word's key without its final
// dot or plural "s" is hashed from the form's hash in two operations
// rather than in a pass over its bytes.
func foldHashUndo(h uint64, c byte) uint64 {
	return h*foldPrimeInverse ^ uint64(c)
}

// foldPrimeInverse is the inverse of tokenize.FoldPrime modulo 2^64.
var foldPrimeInverse = func() uint64 {
	// Newton's iteration doubles the number of correct low bits each
	// step; an odd x is its own inverse modulo 8 (3 bits).
	x := uint64(tokenize.FoldPrime)
	for range 5 {
		x *= 2 - tokenize.FoldPrime*x
	}
	return x
}()

// keyHash returns the hash of a token key.
func keyHash(key []byte) uint64 {
	h, _ := keyHashes(key)
	return h
}

// mix64 spreads the bits of x (the murmur3 finaliser).
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// edgeHash combines a key's hash with the node the edge leaves from.
func edgeHash(parent int32, h uint64) uint64 {
	x := h ^ (uint64(parent)+1)*0x9e3779b97f4a7c15
	x ^= x >> 29
	return x
}

// trie is a token trie: each edge is labelled with one token key. Edges live
// in one open-addressing hash table keyed by (parent node, key), so a step
// costs one probe sequence whatever the fan-out, and the whole trie is a
// handful of flat slices that can be reset and refilled without allocating
// (the per-call caller trie relies on that).
type trie struct {
	nodes []tnode
	slots []tslot // len is a power of two, or 0
	used  int     // live slots
	keys  []byte  // edge labels
	cands []cand
	// exact holds the token texts of case-sensitive surface forms; a
	// cand's exact indexes its first token.
	exact []string
	// gen marks the live slots: a slot whose gen differs is empty, so
	// reset is O(1).
	gen uint32
	// root is a bit set over the hashes of the keys leaving the root: most
	// tokens start no surface form, and one bit test turns them away
	// without probing the table.
	root [rootWords]uint64
}

const rootWords = 256 // 16,384 bits

func rootBit(h uint64) (word int, bit uint64) {
	return int(h>>50) % rootWords, 1 << (h & 63)
}

// mayStart reports whether a key with hash h may label an edge from the
// root; false is certain. It inlines, so that most tokens cost a bit test
// rather than a lookup call.
func (t *trie) mayStart(h uint64) bool {
	w, b := rootBit(h)
	return t.root[w]&b != 0
}

// tnode is a trie node; node 0 is the root.
type tnode struct {
	first, last int32 // candidate list, -1 when the node ends no surface form
	// kids has bit h&63 set for the hash h of each key leaving the node,
	// so that a walk stops at a leaf, or at a key that leaves it for
	// sure not, without probing the table.
	kids uint64
}

type tslot struct {
	hash       uint64
	parent     int32
	child      int32
	koff, klen int32
	gen        uint32
}

// candFlag qualifies a candidate.
type candFlag uint8

const (
	// caseSensitive: the text must match the surface form's case exactly.
	caseSensitive candFlag = 1 << iota
	// needsTitle: a surname that matches only after a title ("President
	// Lee").
	needsTitle
	// guarded: not matched inside a longer capitalised name ("Jim
	// Jordan", "Washington Post").
	guarded
	// pluralOK: the form also matches with a plural "s" ("Russians").
	pluralOK
	// person: the actor is a person, so a title may precede it.
	person
	// male, female: a person's gender, or a title's that only precedes
	// a man's or a woman's name ("Mrs.", "King").
	male
	female
)

// genders are the gender bits of a candFlag.
const genders = male | female

// blocked is the actor of a candidate that names something else ("Latin
// America"): it wins as any match does and is never reported.
const blocked = -1

// cand is one actor reachable at a node.
type cand struct {
	actor int32 // gazetteer or caller index, or blocked
	next  int32 // next candidate at the same node, -1 at the end
	exact int32 // first of the form's tokens in trie.exact, or -1
	via   Via
	flags candFlag
}

func (t *trie) reset() {
	if t.gen++; t.gen == 0 { // wrapped: clear for real
		clear(t.slots)
		t.gen = 1
	}
	t.nodes = append(t.nodes[:0], tnode{first: -1, last: -1})
	if t.used > 0 {
		t.root = [rootWords]uint64{}
	}
	t.used = 0
	t.keys = t.keys[:0]
	t.cands = t.cands[:0]
	t.exact = t.exact[:0]
}

// lookup returns the child of parent along key (whose keyHash is h), or 0.
func (t *trie) lookup(parent int32, key []byte, h uint64) int32 {
	if len(t.slots) == 0 {
		return 0
	}
	if parent == 0 {
		if w, b := rootBit(h); t.root[w]&b == 0 {
			return 0
		}
	} else if t.nodes[parent].kids&(1<<(h&63)) == 0 {
		return 0
	}
	eh := edgeHash(parent, h)
	mask := uint64(len(t.slots) - 1)
	for i := eh & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.gen != t.gen {
			return 0
		}
		if s.hash == eh && s.parent == parent && bytes.Equal(t.keys[s.koff:s.koff+s.klen], key) {
			return s.child
		}
	}
}

// child returns the child of parent along key, adding it when missing.
func (t *trie) child(parent int32, key []byte, h uint64) int32 {
	if c := t.lookup(parent, key, h); c != 0 {
		return c
	}
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	c := int32(len(t.nodes))
	t.nodes = append(t.nodes, tnode{first: -1, last: -1})
	koff := int32(len(t.keys))
	t.keys = append(t.keys, key...)
	t.put(tslot{hash: edgeHash(parent, h), parent: parent, child: c, koff: koff, klen: int32(len(key)), gen: t.gen})
	t.used++
	if parent == 0 {
		w, b := rootBit(h)
		t.root[w] |= b
	}
	t.nodes[parent].kids |= 1 << (h & 63)
	return c
}

func (t *trie) put(s tslot) {
	mask := uint64(len(t.slots) - 1)
	for i := s.hash & mask; ; i = (i + 1) & mask {
		if t.slots[i].gen != t.gen {
			t.slots[i] = s
			return
		}
	}
}

// grow doubles the table (16 slots at least) and re-inserts the live edges.
func (t *trie) grow() {
	old := t.slots
	n := max(16, 2*len(old))
	t.slots = make([]tslot, n)
	oldGen := t.gen
	t.gen = 1
	for _, s := range old {
		if s.gen == oldGen {
			s.gen = 1
			t.put(s)
		}
	}
}

// addCand appends c to node n's candidates.
func (t *trie) addCand(n int32, c cand) {
	c.next = -1
	i := int32(len(t.cands))
	t.cands = append(t.cands, c)
	if t.nodes[n].last < 0 {
		t.nodes[n].first = i
	} else {
		t.cands[t.nodes[n].last].next = i
	}
	t.nodes[n].last = i
}
