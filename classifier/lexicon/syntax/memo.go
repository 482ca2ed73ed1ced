package syntax

import "math/bits"

// parseMemo keeps, for the length of one parse, scores that the states of
// a beam share, so that each is computed once. The items of a beam differ
// in a few arcs, so most of what the scorer reads is the same for many of
// them: over 500 sentences of UD EWT dev with the shipped beam of 8, 79%
// of the move scorings met an (S0, N0) pair scored before, 47% a list of
// arc features scored before, and 50% of the relation choices a list of
// relation features met before. Scores are sums of integer weights, so a
// remembered sum is the sum the scorer would give again:
// TestMemoMatchesScorer parses with and without the memo and compares.
//
// Only the shipped parser uses it: its tables do not change during a
// parse, while training updates its weights between two scorings. It
// takes about 360 KiB a Parser, most of it the stored key lists.
type parseMemo struct {
	gen   uint32 // the current parse; entries of other parses are stale
	words []wordEntry
	arcs  keyMemo[[numMoves]int32]
	rels  keyMemo[uint8]
}

// wordEntry is the score sum of wordMoveFeats for the states whose S0 and
// N0 are s0 and b.
type wordEntry struct {
	gen   uint32
	s0, b int32
	sum   [numMoves]int32
}

// Slots of the three memo tables, each direct-mapped (a new entry replaces
// the one in its slot) and a power of two (a slot is the top bits of a
// hash): a 25-word parse with a beam of 8 meets about 150 (S0, N0) pairs. Long sentences overwrite entries and lose some hits,
// never a correct score.
const (
	wordSlots = 1024
	arcSlots  = 512
	relSlots  = 512
)

// start begins a parse: every entry of an earlier one becomes stale.
func (m *parseMemo) start() {
	if m.words == nil {
		m.words = make([]wordEntry, wordSlots)
		m.arcs.init(numArcMoveFeats, arcSlots)
		m.rels.init(numLabelFeats, relSlots)
	}
	m.gen++
	if m.gen == 0 { // wrapped: clear the stamps once every 2^32 parses
		clear(m.words)
		m.arcs.clear()
		m.rels.clear()
		m.gen = 1
	}
}

// word returns the entry of the pair (s0, b) and whether it holds their sum.
func (m *parseMemo) word(s0, b int32) (*wordEntry, bool) {
	h := (uint64(uint32(s0))<<32 | uint64(uint32(b))) * 0x9E3779B97F4A7C15
	e := &m.words[h>>(64-bits.TrailingZeros(wordSlots))]
	return e, e.gen == m.gen && e.s0 == s0 && e.b == b
}

// keyMemo maps a list of feature keys of a fixed width to a value, one
// entry a slot, by an exact comparison of the keys.
type keyMemo[V any] struct {
	width int
	shift uint
	gen   []uint32
	keys  []uint64 // width keys a slot
	val   []V
}

func (k *keyMemo[V]) init(width, slots int) {
	k.width = width
	k.shift = uint(64 - bits.TrailingZeros(uint(slots)))
	k.gen = make([]uint32, slots)
	k.keys = make([]uint64, width*slots)
	k.val = make([]V, slots)
}

func (k *keyMemo[V]) clear() { clear(k.gen) }

// find returns the slot of keys and whether it holds their value in parse
// gen. keys must have k.width entries.
func (k *keyMemo[V]) find(keys []uint64, gen uint32) (int, bool) {
	h := uint64(0)
	for _, x := range keys {
		h = bits.RotateLeft64(h, 23) ^ x
	}
	i := int(h * 0x9E3779B97F4A7C15 >> k.shift)
	if k.gen[i] != gen {
		return i, false
	}
	stored := k.keys[i*k.width : (i+1)*k.width]
	for j, x := range keys {
		if stored[j] != x {
			return i, false
		}
	}
	return i, true
}

// put stores v for keys in slot i (from find) for parse gen.
func (k *keyMemo[V]) put(i int, keys []uint64, gen uint32, v V) {
	k.gen[i] = gen
	copy(k.keys[i*k.width:(i+1)*k.width], keys)
	k.val[i] = v
}
