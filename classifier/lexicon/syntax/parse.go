package syntax

// Tree is the parse of one sentence: per word its tag, its head (a word
// index, or -1 for the root of the sentence) and its relation (an index
// into Model.Relations).
type Tree struct {
	Tags  []UPOS
	Heads []int32
	Rels  []uint8
}

// reset sizes t for n words.
func (t *Tree) reset(n int) {
	t.Tags = resizeZero(t.Tags, n)
	t.Heads = resizeZero(t.Heads, n)
	t.Rels = resizeZero(t.Rels, n)
}

// decoder runs the greedy parse with a move and a relation scorer; the
// training loop and the shipped parser share it.
type decoder struct {
	moves, rels scorer
	nrel        int
	beam        int   // items kept by beamParse; 1: greedy
	root        uint8 // index of "root"
	fallback    uint8 // relation for extra roots: "parataxis"
	memo        bool  // keep shared scores in parseMemo (fixed tables only)
}

// bestMove returns the highest-scoring valid move.
func bestMove(s *state, scores []int32) move {
	best, bestScore := numMoves, int32(0)
	for m := range numMoves {
		if !s.valid(m) {
			continue
		}
		if best == numMoves || scores[m] > bestScore {
			best, bestScore = m, scores[m]
		}
	}
	return best
}

// bestRel returns the highest-scoring relation for an arc of direction m:
// the root relation for an arc from the virtual root, any other otherwise.
func (d *decoder) bestRel(s *state, m move, scores []int32) uint8 {
	if m == left && s.b == s.n {
		return d.root
	}
	best, bestScore := -1, int32(0)
	for r := 0; r < d.nrel; r++ {
		if uint8(r) == d.root {
			continue
		}
		if best < 0 || scores[r] > bestScore {
			best, bestScore = r, scores[r]
		}
	}
	return uint8(best)
}

// parseScratch is the reusable memory of one parse.
type parseScratch struct {
	st     state
	keys   []uint64
	scores []int32
	beam   beamScratch
	memo   parseMemo
}

// run parses with the beam when d has one (beamParse of one item gives the
// greedy parse's tree, with a copy of the state per move: parse is the
// greedy path without the copies, and TestBeamOfOneIsGreedy checks that
// the two agree).
func (d *decoder) run(ctx *parseCtx, sc *parseScratch, t *Tree) {
	if d.beam > 1 {
		d.beamParse(ctx, sc, t)
		return
	}
	d.parse(ctx, sc, t)
}

// begin readies sc for a parse: the score buffer for nrel relations and,
// when d keeps a memo, a memo with no entries.
func (d *decoder) begin(sc *parseScratch) {
	sc.ready(d.nrel)
	if d.memo {
		sc.memo.start()
	}
}

// ready sizes the score buffer for nrel relations.
func (sc *parseScratch) ready(nrel int) {
	if cap(sc.scores) < max(nrel, int(numMoves)) {
		sc.scores = make([]int32, max(nrel, int(numMoves)))
	}
}

// parse fills t's heads and relations for the tagged words of ctx.
func (d *decoder) parse(ctx *parseCtx, sc *parseScratch, t *Tree) {
	n := len(ctx.lx)
	s := &sc.st
	s.reset(n)
	d.begin(sc)
	for !s.terminal() {
		scores := sc.scores[:numMoves]
		d.scoreMoves(ctx, sc, s, scores)
		m := bestMove(s, scores)
		var lab uint8
		if m == left || m == right {
			lab = d.relFor(ctx, sc, s, m)
		}
		s.apply(m, lab)
	}
	d.finish(s, t)
}

// scoreMoves sets scores (numMoves long) to the move scores of s. With
// the memo, the sum of wordMoveFeats comes from the (S0, N0) pair's entry
// and that of arcMoveFeats from the entry of its keys, each scored on a
// miss only.
func (d *decoder) scoreMoves(ctx *parseCtx, sc *parseScratch, s *state, scores []int32) {
	clear(scores)
	if !d.memo {
		sc.keys = ctx.moveFeats(sc.keys[:0], s)
		d.moves.score(sc.keys, scores)
		return
	}
	mm := &sc.memo
	w, ok := mm.word(s.s0(), s.b)
	if !ok {
		sc.keys = ctx.wordMoveFeats(sc.keys[:0], s)
		*w = wordEntry{gen: mm.gen, s0: s.s0(), b: s.b}
		d.moves.score(sc.keys, w.sum[:])
	}
	sc.keys = ctx.arcMoveFeats(sc.keys[:0], s)
	i, ok := mm.arcs.find(sc.keys, mm.gen)
	a := &mm.arcs.val[i]
	if !ok {
		// Scored in place: a local array would escape to the heap through
		// the scorer interface.
		mm.arcs.put(i, sc.keys, mm.gen, [numMoves]int32{})
		d.moves.score(sc.keys, a[:])
	}
	for m := range scores {
		scores[m] = w.sum[m] + a[m]
	}
}

// relFor chooses the relation of an arc of direction m. The choice
// depends on the arc's features alone, so with the memo a list of features
// met before gives the relation chosen then.
func (d *decoder) relFor(ctx *parseCtx, sc *parseScratch, s *state, m move) uint8 {
	if m == left && s.b == s.n {
		return d.root
	}
	sc.keys = ctx.labelFeats(sc.keys[:0], s, m)
	var slot int
	if d.memo {
		var hit bool
		if slot, hit = sc.memo.rels.find(sc.keys, sc.memo.gen); hit {
			return sc.memo.rels.val[slot]
		}
	}
	scores := sc.scores[:d.nrel]
	clear(scores)
	d.rels.score(sc.keys, scores)
	lab := d.bestRel(s, m, scores)
	if d.memo {
		sc.memo.rels.put(slot, sc.keys, sc.memo.gen, lab)
	}
	return lab
}

// finish copies the arcs of a terminal state into t. The transition system
// lets the root take more than one word; the leftmost keeps the root
// relation and the others attach to it, so that every tree has one root.
func (d *decoder) finish(s *state, t *Tree) {
	n := int(s.n)
	root := int32(none)
	for i := 0; i < n; i++ {
		h := s.head[i]
		if h == s.n {
			if root == none {
				root = int32(i)
				t.Heads[i], t.Rels[i] = -1, d.root
				continue
			}
			t.Heads[i], t.Rels[i] = root, d.fallback
			continue
		}
		t.Heads[i], t.Rels[i] = h, s.label[i]
	}
}
