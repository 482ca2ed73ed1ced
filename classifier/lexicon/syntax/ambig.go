package syntax

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
)

// ambig is the tag dictionary: for each word form frequent enough in the
// training data, the set of tags it took there (its ambiguity class, a bit
// per UPOS). Tagger features read the classes of the word and its right
// neighbours, whose tags are not chosen yet; a word not in the dictionary
// has class 0.
type ambig struct {
	mask  uint64
	keys  []uint64 // form hash; 0 = empty
	class []uint32
	n     int
}

// minAmbigCount is how often a form must occur in training to get a class:
// a class read off one or two occurrences is right by construction on the
// training data and would be trusted more than it deserves.
const minAmbigCount = 3

// minAmbigShare is the share of a form's occurrences a tag needs to enter its
// class, so that annotation noise does not widen it.
const minAmbigShare = 0.01

func newAmbig(n int) *ambig {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &ambig{mask: uint64(size - 1), keys: make([]uint64, size), class: make([]uint32, size)}
}

func (a *ambig) put(key uint64, c uint32) {
	if key == 0 {
		key = 1
	}
	s := key & a.mask
	for a.keys[s] != 0 && a.keys[s] != key {
		s = (s + 1) & a.mask
	}
	if a.keys[s] == 0 {
		a.n++
	}
	a.keys[s], a.class[s] = key, c
}

func (a *ambig) get(key uint64) uint32 {
	if key == 0 {
		key = 1
	}
	s := key & a.mask
	for {
		switch a.keys[s] {
		case key:
			return a.class[s]
		case 0:
			return 0
		}
		s = (s + 1) & a.mask
	}
}

// buildAmbig counts the tags of each form in exs.
func buildAmbig(exs []example) *ambig {
	counts := map[uint64]*[NumUPOS]int32{}
	for _, e := range exs {
		for i := range e.lx {
			c := counts[e.lx[i].form]
			if c == nil {
				c = new([NumUPOS]int32)
				counts[e.lx[i].form] = c
			}
			c[e.tags[i]]++
		}
	}
	keys := make([]uint64, 0, len(counts))
	for k, c := range counts {
		total := int32(0)
		for _, v := range c {
			total += v
		}
		if total >= minAmbigCount {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	a := newAmbig(len(keys))
	for _, k := range keys {
		c := counts[k]
		total := int32(0)
		for _, v := range c {
			total += v
		}
		var cl uint32
		for t, v := range c {
			if float64(v) >= minAmbigShare*float64(total) {
				cl |= 1 << t
			}
		}
		a.put(k, cl)
	}
	return a
}

// classes fills dst with the class of each word of lx.
func (a *ambig) classes(dst []uint32, lx []lex) []uint32 {
	dst = resizeZero(dst, len(lx))
	for i := range lx {
		dst[i] = a.get(lx[i].form)
	}
	return dst
}

// write appends the dictionary in key order: key difference (uvarint) and
// class (uvarint).
func (a *ambig) write(w *bytes.Buffer) {
	type kc struct {
		k uint64
		c uint32
	}
	rows := make([]kc, 0, a.n)
	for s, k := range a.keys {
		if k != 0 {
			rows = append(rows, kc{k, a.class[s]})
		}
	}
	slices.SortFunc(rows, func(x, y kc) int {
		if x.k < y.k {
			return -1
		}
		if x.k > y.k {
			return 1
		}
		return 0
	})
	var buf [binary.MaxVarintLen64]byte
	prev := uint64(0)
	for _, r := range rows {
		w.Write(buf[:binary.PutUvarint(buf[:], r.k-prev)])
		prev = r.k
		w.Write(buf[:binary.PutUvarint(buf[:], uint64(r.c))])
	}
}

func readAmbig(r *varints, n int) (*ambig, error) {
	if n > r.Len()/2 {
		return nil, fmt.Errorf("%d entries cannot fit in %d bytes", n, r.Len())
	}
	a := newAmbig(n)
	var key uint64
	for i := 0; i < n; i++ {
		d, err := r.uvarint()
		if err != nil || (i > 0 && d == 0) || key+d < key || key+d == 0 {
			return nil, fmt.Errorf("entry %d: key missing or out of order", i)
		}
		key += d
		c, err := r.uvarint()
		if err != nil || c == 0 || bits.Len64(c) > NumUPOS {
			return nil, fmt.Errorf("entry %d: tag set %d out of range", i, c)
		}
		a.put(key, uint32(c))
	}
	return a, nil
}
