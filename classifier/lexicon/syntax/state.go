package syntax

// The arc-eager transition system (Nivre 2003) with the root at the end of
// the buffer (Ballesteros and Nivre 2013): the stack starts empty and the
// buffer holds the words then a virtual root, index n, which can only be a
// head. A sentence is parsed when the stack is empty and the root is all
// that is left of the buffer.

// move is a transition without its label.
type move uint8

const (
	shift  move = iota // push the buffer front
	reduce             // pop the stack top, which has a head
	left               // arc buffer front → stack top, pop
	right              // arc stack top → buffer front, push
	numMoves
)

// none marks no word: no head, no dependent, an empty stack.
const none = -1

// state is a parser configuration. Arrays have n+1 entries, the last for
// the root.
type state struct {
	n     int32
	stack []int32
	b     int32 // buffer front; n when only the root is left

	head  []int32 // none until the word's arc is made
	label []uint8 // relation index of the word's arc
	onStk []bool

	// Two leftmost and two rightmost dependents, counts of left and right
	// dependents, and the sets of their relations (bit per relation index,
	// relations past 63 share bit 63).
	ld1, ld2, rd1, rd2 []int32
	nl, nr             []uint8
	lset, rset         []uint64
}

// reset prepares s for a sentence of n words, reusing its arrays.
func (s *state) reset(n int) {
	s.n = int32(n)
	s.b = 0
	s.stack = s.stack[:0]
	m := n + 1
	s.head = resizeFill(s.head, m, none)
	s.ld1 = resizeFill(s.ld1, m, none)
	s.ld2 = resizeFill(s.ld2, m, none)
	s.rd1 = resizeFill(s.rd1, m, none)
	s.rd2 = resizeFill(s.rd2, m, none)
	s.label = resizeZero(s.label, m)
	s.nl = resizeZero(s.nl, m)
	s.nr = resizeZero(s.nr, m)
	s.lset = resizeZero(s.lset, m)
	s.rset = resizeZero(s.rset, m)
	s.onStk = resizeZero(s.onStk, m)
}

// copyFrom makes s a copy of o, reusing its arrays. A move writes only
// the entries of the words it touches, which are the buffer front and
// words before it, so every entry past a state's b still holds its value
// from reset: copyFrom copies o's entries up to o.b and resets s's own
// past that up to s.b, instead of whole arrays. On 300 words with a beam
// of 8, whole copies took 13% of the parse (pprof).
func (s *state) copyFrom(o *state) {
	if len(s.head) != len(o.head) {
		s.reset(int(o.n))
	}
	s.n = o.n
	s.stack = append(s.stack[:0], o.stack...)
	hi := int(o.b) + 1 // entries [0, hi) are copied; o.b is n at most
	copy(s.head[:hi], o.head)
	copy(s.label[:hi], o.label)
	copy(s.onStk[:hi], o.onStk)
	copy(s.ld1[:hi], o.ld1)
	copy(s.ld2[:hi], o.ld2)
	copy(s.rd1[:hi], o.rd1)
	copy(s.rd2[:hi], o.rd2)
	copy(s.nl[:hi], o.nl)
	copy(s.nr[:hi], o.nr)
	copy(s.lset[:hi], o.lset)
	copy(s.rset[:hi], o.rset)
	if old := int(s.b) + 1; old > hi {
		fillNone(s.head[hi:old], s.ld1[hi:old], s.ld2[hi:old], s.rd1[hi:old], s.rd2[hi:old])
		clear(s.label[hi:old])
		clear(s.onStk[hi:old])
		clear(s.nl[hi:old])
		clear(s.nr[hi:old])
		clear(s.lset[hi:old])
		clear(s.rset[hi:old])
	}
	s.b = o.b
}

// fillNone sets every entry of the arrays to none.
func fillNone(as ...[]int32) {
	for _, a := range as {
		for i := range a {
			a[i] = none
		}
	}
}

func resizeFill(a []int32, n int, v int32) []int32 {
	if cap(a) < n {
		a = make([]int32, n)
	}
	a = a[:n]
	for i := range a {
		a[i] = v
	}
	return a
}

func resizeZero[T any](a []T, n int) []T {
	if cap(a) < n {
		return make([]T, n)
	}
	a = a[:n]
	clear(a)
	return a
}

func (s *state) terminal() bool { return s.b == s.n && len(s.stack) == 0 }

func (s *state) s0() int32 {
	if len(s.stack) == 0 {
		return none
	}
	return s.stack[len(s.stack)-1]
}

func (s *state) s1() int32 {
	if len(s.stack) < 2 {
		return none
	}
	return s.stack[len(s.stack)-2]
}

// valid reports whether m can be applied.
func (s *state) valid(m move) bool {
	s0 := s.s0()
	switch m {
	case shift:
		return s.b < s.n
	case reduce:
		return s0 != none && s.head[s0] != none
	case left:
		return s0 != none && s.head[s0] == none
	case right:
		return s0 != none && s.b < s.n
	}
	return false
}

// apply makes move m with relation lab (for left and right).
func (s *state) apply(m move, lab uint8) {
	switch m {
	case shift:
		s.push(s.b)
		s.b++
	case reduce:
		s.pop()
	case left:
		s.arc(s.b, s.s0(), lab)
		s.pop()
	case right:
		s.arc(s.s0(), s.b, lab)
		s.push(s.b)
		s.b++
	}
}

func (s *state) push(w int32) {
	s.stack = append(s.stack, w)
	s.onStk[w] = true
}

func (s *state) pop() {
	w := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.onStk[w] = false
}

func (s *state) arc(h, d int32, lab uint8) {
	s.head[d] = h
	s.label[d] = lab
	bit := uint64(1) << min(lab, 63)
	if d < h {
		// A head on the buffer takes its left dependents from the stack
		// top down, so each new one is further left; the comparisons keep
		// the order right whatever the order of arrival.
		if s.ld1[h] == none || d < s.ld1[h] {
			s.ld2[h] = s.ld1[h]
			s.ld1[h] = d
		} else if s.ld2[h] == none || d < s.ld2[h] {
			s.ld2[h] = d
		}
		s.nl[h] = min(s.nl[h]+1, 255)
		s.lset[h] |= bit
	} else {
		if s.rd1[h] == none || d > s.rd1[h] {
			s.rd2[h] = s.rd1[h]
			s.rd1[h] = d
		} else if s.rd2[h] == none || d > s.rd2[h] {
			s.rd2[h] = d
		}
		s.nr[h] = min(s.nr[h]+1, 255)
		s.rset[h] |= bit
	}
}

// cost is the number of gold arcs that applying m makes unreachable: the
// dynamic oracle of Goldberg and Nivre (2012) for arc-eager, exact for
// projective gold trees. gold[i] is the gold head of word i (n for the
// root).
func (s *state) cost(m move, gold []int32) int {
	s0, b := s.s0(), s.b
	c := 0
	switch m {
	case left:
		// s0 loses a head further in the buffer and its dependents there.
		if g := gold[s0]; g != b && g > b {
			c++
		}
		for k := b; k < s.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	case right:
		// b takes s0 as head: it loses any other reachable head, and its
		// headless dependents on the stack.
		if g := gold[b]; g != s0 && (g > b || (g >= 0 && g < s.n && s.onStk[g])) {
			c++
		}
		for _, k := range s.stack {
			if gold[k] == b && s.head[k] == none {
				c++
			}
		}
	case reduce:
		for k := b; k < s.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	case shift:
		if g := gold[b]; g >= 0 && g < s.n && s.onStk[g] {
			c++
		}
		for _, k := range s.stack {
			if gold[k] == b && s.head[k] == none {
				c++
			}
		}
	}
	return c
}
