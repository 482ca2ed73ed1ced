package syntax

// Parser feature templates (after Zhang and Nivre 2011, "Transition-based
// dependency parsing with rich non-local features"), numbered from 100 so
// that they never share a number with a tagger template. Positions: S0 and
// S1 the stack top and the word below it, N0..N2 the buffer, S0h/S0h2 the
// head and grandparent of S0, S0l/S0l2 and S0r/S0r2 its leftmost and
// rightmost dependents, N0l/N0l2 the leftmost dependents of N0. w is the
// word, p its tag, l the relation of its arc, d the S0–N0 distance, vl/vr
// valencies, sl/sr relation sets.
const (
	fS0w uint64 = iota + 100
	fS0p
	fS0wp
	fN0w
	fN0p
	fN0wp
	fN1w
	fN1p
	fN1wp
	fN2w
	fN2p
	fN2wp
	fS0wpN0wp
	fS0wpN0w
	fS0wN0wp
	fS0wpN0p
	fS0pN0wp
	fS0wN0w
	fS0pN0p
	fN0pN1p
	fN0pN1pN2p
	fS0pN0pN1p
	fS0hpS0pN0p
	fS0pS0lpN0p
	fS0pS0rpN0p
	fS0pN0pN0lp
	fS0wd
	fS0pd
	fN0wd
	fN0pd
	fS0wN0wd
	fS0pN0pd
	fS0wvr
	fS0pvr
	fS0wvl
	fS0pvl
	fN0wvl
	fN0pvl
	fS0hw
	fS0hp
	fS0l
	fS0lw
	fS0lp
	fS0ll
	fS0rw
	fS0rp
	fS0rl
	fN0lw
	fN0lp
	fN0ll
	fS0h2w
	fS0h2p
	fS0hl
	fS0l2w
	fS0l2p
	fS0l2l
	fS0r2w
	fS0r2p
	fS0r2l
	fN0l2w
	fN0l2p
	fN0l2l
	fS0pS0lpS0l2p
	fS0pS0rpS0r2p
	fS0pS0hpS0h2p
	fN0pN0lpN0l2p
	fS0wsr
	fS0psr
	fS0wsl
	fS0psl
	fN0wsl
	fN0psl
	fS1w
	fS1p
	fS1pS0pN0p
	fN0suf3
	fS0suf3
	fN1suf3
	fN0shape
	fS0lpN0lp
	fS0rlN0p
	fS0pN1w
	fS0wN1p
	fBiasMove
	fBm1pN0p
	fS0pS0p1p
	fS0m1pS0p
	fS0pN0pPunct
	fS0wN0pPunct
	fN0wN1w
	fS0lwN0p
	fS0amb
	fN0amb
	fN1amb
	fS0ambN0amb
	fS0pN0amb
	fS0ambN0p
)

// Relation-label features: a subset, each keyed with the arc's direction
// so that a left and a right arc learn their labels apart.
const (
	lBias uint64 = iota + 300
	lHw
	lHp
	lDw
	lDp
	lHpDp
	lHwDp
	lHpDw
	lHwDw
	lDist
	lHpDpDist
	lDsuf3
	lHsuf3
	lDshape
	lHhp
	lDlp
	lDll
	lHsl
	lHsr
	lDflags
	lN1p
	lHpDpN1p
	lS0lpDp
	lDrp
	lDlw
	lDl2w
	lDl2p
	lHwDsuf3
	lHlpDp
	lDpDlpDl2p
	lHpDist
)

// Sentinel tags for feature positions: no word, and the root.
const (
	tagNone uint64 = 0
	tagRoot uint64 = 250
)

// view is what a feature reads of one position.
type view struct {
	w, p, l, suf3, shape, flags uint64
}

// parseCtx holds the words a configuration's features read.
type parseCtx struct {
	lx   []lex
	tags []UPOS
	amb  []uint32
}

// ambAt returns the ambiguity class feature of word i (a sentinel for the
// root and for no word).
func (c *parseCtx) ambAt(s *state, i int32) uint64 {
	switch i {
	case none:
		return 1 << 40
	case s.n:
		return 1 << 41
	}
	return uint64(c.amb[i])
}

func (c *parseCtx) at(s *state, i int32) view {
	switch i {
	case none:
		return view{w: noneWord, p: tagNone, suf3: noneWord, shape: noneWord}
	case s.n:
		return view{w: rootWord, p: tagRoot, suf3: rootWord, shape: rootWord}
	}
	l := &c.lx[i]
	return view{w: l.form, p: uint64(c.tags[i]) + tagOffset, l: uint64(s.label[i]) + 1, suf3: l.suf3, shape: l.shape, flags: l.flags}
}

func headOf(s *state, i int32) int32 {
	if i == none || i == s.n {
		return none
	}
	return s.head[i]
}

func dep(a []int32, i int32) int32 {
	if i == none {
		return none
	}
	return a[i]
}

// distBucket buckets the S0–N0 distance: 1, 2, 3, 4, 5–6, 7–9, 10+.
func distBucket(s0, n0 int32) uint64 {
	if s0 == none {
		return 0
	}
	d := n0 - s0
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

// moveFeats appends the move classifier's features of s to dst: those
// that read only the words at S0 and N0 and their neighbours, then those
// that read the arcs built so far.
func (c *parseCtx) moveFeats(dst []uint64, s *state) []uint64 {
	return c.arcMoveFeats(c.wordMoveFeats(dst, s), s)
}

// wordMoveFeats appends the numWordMoveFeats move features that depend
// only on the positions of S0 and N0 (their words, tags and neighbours,
// and the distance between them), not on any arc: within one parse they
// are the same for every state with the same S0 and N0, which is what lets
// the parser keep their score sum (parseMemo).
func (c *parseCtx) wordMoveFeats(dst []uint64, s *state) []uint64 {
	s0i, n0i := s.s0(), s.b
	s0, n0 := c.at(s, s0i), c.at(s, n0i)
	n1i, n2i := int32(none), int32(none)
	if n0i < s.n {
		n1i = n0i + 1
		if n1i < s.n {
			n2i = n1i + 1
		}
	}
	n1, n2 := c.at(s, n1i), c.at(s, n2i)
	d := distBucket(s0i, n0i)
	s0wp, n0wp := pair(s0.w, s0.p), pair(n0.w, n0.p)
	s0a, n0a := c.ambAt(s, s0i), c.ambAt(s, n0i)
	return append(dst,
		fkey(fBiasMove, 0, 0),
		fkey(fS0w, s0.w, 0),
		fkey(fS0p, s0.p, 0),
		fkey(fS0wp, s0wp, 0),
		fkey(fN0w, n0.w, 0),
		fkey(fN0p, n0.p, 0),
		fkey(fN0wp, n0wp, 0),
		fkey(fN1w, n1.w, 0),
		fkey(fN1p, n1.p, 0),
		fkey(fN1wp, n1.w, n1.p),
		fkey(fN2w, n2.w, 0),
		fkey(fN2p, n2.p, 0),
		fkey(fN2wp, n2.w, n2.p),
		fkey(fS0wpN0wp, s0wp, n0wp),
		fkey(fS0wpN0w, s0wp, n0.w),
		fkey(fS0wN0wp, s0.w, n0wp),
		fkey(fS0wpN0p, s0wp, n0.p),
		fkey(fS0pN0wp, s0.p, n0wp),
		fkey(fS0wN0w, s0.w, n0.w),
		fkey(fS0pN0p, s0.p, n0.p),
		fkey(fN0pN1p, n0.p, n1.p),
		fkey(fN0pN1pN2p, pair(n0.p, n1.p), n2.p),
		fkey(fS0pN0pN1p, pair(s0.p, n0.p), n1.p),
		fkey(fS0wd, s0.w, d),
		fkey(fS0pd, s0.p, d),
		fkey(fN0wd, n0.w, d),
		fkey(fN0pd, n0.p, d),
		fkey(fS0wN0wd, pair(s0.w, n0.w), d),
		fkey(fS0pN0pd, pair(s0.p, n0.p), d),
		fkey(fN0suf3, n0.suf3, 0),
		fkey(fS0suf3, s0.suf3, 0),
		fkey(fN1suf3, n1.suf3, 0),
		fkey(fN0shape, n0.shape, 0),
		fkey(fS0pN1w, s0.p, n1.w),
		fkey(fS0wN1p, s0.w, n1.p),
		fkey(fBm1pN0p, c.tagAt(s, n0i-1), n0.p),
		fkey(fS0pS0p1p, s0.p, c.tagAt(s, s0i+1)),
		fkey(fS0m1pS0p, c.tagAt(s, s0i-1), s0.p),
		fkey(fS0pN0pPunct, pair(s0.p, n0.p), c.punctBetween(s0i, n0i)),
		fkey(fS0wN0pPunct, pair(s0.w, n0.p), c.punctBetween(s0i, n0i)),
		fkey(fN0wN1w, n0.w, n1.w),
		fkey(fS0amb, s0a, 0),
		fkey(fN0amb, n0a, 0),
		fkey(fN1amb, c.ambAt(s, n1i), 0),
		fkey(fS0ambN0amb, s0a, n0a),
		fkey(fS0pN0amb, s0.p, n0a),
		fkey(fS0ambN0p, s0a, n0.p),
	)
}

// arcMoveFeats appends the numArcMoveFeats move features that read the
// arcs of s: heads, dependents, their relations and valencies, and the
// word below S0.
func (c *parseCtx) arcMoveFeats(dst []uint64, s *state) []uint64 {
	s0i, n0i := s.s0(), s.b
	s0, n0 := c.at(s, s0i), c.at(s, n0i)
	s0hi := headOf(s, s0i)
	s0h := c.at(s, s0hi)
	s0h2 := c.at(s, headOf(s, s0hi))
	s0l, s0l2 := c.at(s, dep(s.ld1, s0i)), c.at(s, dep(s.ld2, s0i))
	s0r, s0r2 := c.at(s, dep(s.rd1, s0i)), c.at(s, dep(s.rd2, s0i))
	n0l, n0l2 := c.at(s, s.ld1[n0i]), c.at(s, s.ld2[n0i])
	s1 := c.at(s, s.s1())
	var vl, vr, sl, sr uint64
	if s0i != none {
		vl, vr, sl, sr = uint64(s.nl[s0i]), uint64(s.nr[s0i]), s.lset[s0i], s.rset[s0i]
	}
	n0vl, n0sl := uint64(s.nl[n0i]), s.lset[n0i]
	return append(dst,
		fkey(fS0hpS0pN0p, pair(s0h.p, s0.p), n0.p),
		fkey(fS0pS0lpN0p, pair(s0.p, s0l.p), n0.p),
		fkey(fS0pS0rpN0p, pair(s0.p, s0r.p), n0.p),
		fkey(fS0pN0pN0lp, pair(s0.p, n0.p), n0l.p),
		fkey(fS0wvr, s0.w, vr),
		fkey(fS0pvr, s0.p, vr),
		fkey(fS0wvl, s0.w, vl),
		fkey(fS0pvl, s0.p, vl),
		fkey(fN0wvl, n0.w, n0vl),
		fkey(fN0pvl, n0.p, n0vl),
		fkey(fS0hw, s0h.w, 0),
		fkey(fS0hp, s0h.p, 0),
		fkey(fS0l, s0.l, 0),
		fkey(fS0lw, s0l.w, 0),
		fkey(fS0lp, s0l.p, 0),
		fkey(fS0ll, s0l.l, 0),
		fkey(fS0rw, s0r.w, 0),
		fkey(fS0rp, s0r.p, 0),
		fkey(fS0rl, s0r.l, 0),
		fkey(fN0lw, n0l.w, 0),
		fkey(fN0lp, n0l.p, 0),
		fkey(fN0ll, n0l.l, 0),
		fkey(fS0h2w, s0h2.w, 0),
		fkey(fS0h2p, s0h2.p, 0),
		fkey(fS0hl, s0h.l, 0),
		fkey(fS0l2w, s0l2.w, 0),
		fkey(fS0l2p, s0l2.p, 0),
		fkey(fS0l2l, s0l2.l, 0),
		fkey(fS0r2w, s0r2.w, 0),
		fkey(fS0r2p, s0r2.p, 0),
		fkey(fS0r2l, s0r2.l, 0),
		fkey(fN0l2w, n0l2.w, 0),
		fkey(fN0l2p, n0l2.p, 0),
		fkey(fN0l2l, n0l2.l, 0),
		fkey(fS0pS0lpS0l2p, pair(s0.p, s0l.p), s0l2.p),
		fkey(fS0pS0rpS0r2p, pair(s0.p, s0r.p), s0r2.p),
		fkey(fS0pS0hpS0h2p, pair(s0.p, s0h.p), s0h2.p),
		fkey(fN0pN0lpN0l2p, pair(n0.p, n0l.p), n0l2.p),
		fkey(fS0wsr, s0.w, sr),
		fkey(fS0psr, s0.p, sr),
		fkey(fS0wsl, s0.w, sl),
		fkey(fS0psl, s0.p, sl),
		fkey(fN0wsl, n0.w, n0sl),
		fkey(fN0psl, n0.p, n0sl),
		fkey(fS1w, s1.w, 0),
		fkey(fS1p, s1.p, 0),
		fkey(fS1pS0pN0p, pair(s1.p, s0.p), n0.p),
		fkey(fS0lpN0lp, s0l.p, n0l.p),
		fkey(fS0rlN0p, s0r.l, n0.p),
		fkey(fS0lwN0p, s0l.w, n0.p),
	)
}

// Feature counts of the two halves of moveFeats.
const (
	numWordMoveFeats = 47
	numArcMoveFeats  = 50
)

// tagAt returns the tag feature of word i, which may be outside the
// sentence or the root; for none (s0 missing) it gives the none tag.
func (c *parseCtx) tagAt(s *state, i int32) uint64 {
	if i < 0 || i > s.n || (i == s.n) {
		if i == s.n {
			return tagRoot
		}
		return tagNone
	}
	return uint64(c.tags[i]) + tagOffset
}

// punctBetween buckets the punctuation words strictly between s0 and n0:
// 0, 1, 2 or more; 3 when there is no s0. The scan is bounded by
// maxPunctScan words, past which it reports what it has seen.
func (c *parseCtx) punctBetween(s0, n0 int32) uint64 {
	if s0 == none {
		return 3
	}
	k := uint64(0)
	for i := s0 + 1; i < n0 && i < s0+maxPunctScan && k < 2; i++ {
		if c.tags[i] == PUNCT {
			k++
		}
	}
	return k
}

// maxPunctScan bounds the words punctBetween reads, so that a feature costs
// constant time on a sentence of any length.
const maxPunctScan = 16

// numLabelFeats is the number of features labelFeats appends.
const numLabelFeats = 31

// labelFeats appends the relation classifier's features for an arc of
// direction m (left or right) in s to dst.
func (c *parseCtx) labelFeats(dst []uint64, s *state, m move) []uint64 {
	s0i, n0i := s.s0(), s.b
	hi, di := n0i, s0i
	if m == right {
		hi, di = s0i, n0i
	}
	h, d := c.at(s, hi), c.at(s, di)
	hh := c.at(s, headOf(s, hi))
	dl := c.at(s, dep(s.ld1, di))
	dl2 := c.at(s, dep(s.ld2, di))
	hl := c.at(s, dep(s.ld1, hi))
	dr := c.at(s, dep(s.rd1, di))
	s0l := c.at(s, dep(s.ld1, s0i))
	n1i := int32(none)
	if n0i+1 < s.n {
		n1i = n0i + 1
	}
	n1 := c.at(s, n1i)
	dist := distBucket(s0i, n0i)
	var hsl, hsr uint64
	if hi != none {
		hsl, hsr = s.lset[hi], s.rset[hi]
	}
	dir := uint64(m) << 56
	return append(dst,
		fkey(lBias|dir, 0, 0),
		fkey(lHw|dir, h.w, 0),
		fkey(lHp|dir, h.p, 0),
		fkey(lDw|dir, d.w, 0),
		fkey(lDp|dir, d.p, 0),
		fkey(lHpDp|dir, h.p, d.p),
		fkey(lHwDp|dir, h.w, d.p),
		fkey(lHpDw|dir, h.p, d.w),
		fkey(lHwDw|dir, h.w, d.w),
		fkey(lDist|dir, dist, 0),
		fkey(lHpDpDist|dir, pair(h.p, d.p), dist),
		fkey(lDsuf3|dir, d.suf3, 0),
		fkey(lHsuf3|dir, h.suf3, 0),
		fkey(lDshape|dir, d.shape, 0),
		fkey(lHhp|dir, hh.p, 0),
		fkey(lDlp|dir, dl.p, 0),
		fkey(lDll|dir, dl.l, 0),
		fkey(lHsl|dir, hsl, 0),
		fkey(lHsr|dir, hsr, 0),
		fkey(lDflags|dir, d.flags, d.p),
		fkey(lN1p|dir, n1.p, 0),
		fkey(lHpDpN1p|dir, pair(h.p, d.p), n1.p),
		fkey(lS0lpDp|dir, s0l.p, d.p),
		fkey(lDrp|dir, dr.p, d.w),
		fkey(lDlw|dir, dl.w, d.p),
		fkey(lDl2w|dir, dl2.w, d.p),
		fkey(lDl2p|dir, dl2.p, 0),
		fkey(lHwDsuf3|dir, h.w, d.suf3),
		fkey(lHlpDp|dir, hl.p, d.p),
		fkey(lDpDlpDl2p|dir, pair(d.p, dl.p), dl2.p),
		fkey(lHpDist|dir, h.p, dist),
	)
}
