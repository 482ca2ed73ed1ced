package syntax

import (
	"fmt"
	"time"
)

// Beam search over the arc-eager moves (Zhang and Clark 2008; Zhang and
// Nivre 2011): the parser keeps the beam best partial parses by the sum of
// their move scores, instead of the single greedy one. Every parse of n
// words takes exactly 2n moves (each word is pushed once, by shift or
// right, and popped once, by reduce or left), so all items of a beam end
// together. A relation is chosen greedily for each arc an item keeps; it
// is not part of the item's score.

// cand is one expansion of a beam item: the move, and the item's score
// with it.
type cand struct {
	item  int32
	m     move
	score int64
}

// beamScratch is the reusable memory of beam parses.
type beamScratch struct {
	cur, next []*state
	curScore  []int64
	nextScore []int64
	cands     []cand
}

// grow makes room for k items.
func (b *beamScratch) grow(k int) {
	for len(b.cur) < k {
		b.cur = append(b.cur, &state{})
		b.next = append(b.next, &state{})
	}
	b.curScore = resizeZero(b.curScore, k)
	b.nextScore = resizeZero(b.nextScore, k)
}

// better orders candidates: higher score first, then the earlier item and
// the lower move, so that a tie is broken the same way on every run.
func (c cand) better(o cand) bool {
	if c.score != o.score {
		return c.score > o.score
	}
	if c.item != o.item {
		return c.item < o.item
	}
	return c.m < o.m
}

// topK keeps the k best of cs at its front, in order, and returns them.
// Insertion into the kept prefix: cs holds at most 4k candidates and k is
// small.
func topK(cs []cand, k int) []cand {
	kept := 0
	for _, c := range cs {
		if kept == k && !c.better(cs[kept-1]) {
			continue
		}
		j := min(kept, k-1)
		for j > 0 && c.better(cs[j-1]) {
			cs[j] = cs[j-1]
			j--
		}
		cs[j] = c
		if kept < k {
			kept++
		}
	}
	return cs[:kept]
}

// expand appends the valid moves of item i (state s, score base) to cs.
func (d *decoder) expand(cs []cand, ctx *parseCtx, sc *parseScratch, s *state, i int, base int64) []cand {
	scores := sc.scores[:numMoves]
	d.scoreMoves(ctx, sc, s, scores)
	for m := range numMoves {
		if s.valid(m) {
			cs = append(cs, cand{item: int32(i), m: m, score: base + int64(scores[m])})
		}
	}
	return cs
}

// step advances the live items of b by one move each: it scores their
// valid moves, keeps the best d.beam with the relation chosen for each
// kept arc, and makes them the current items. keep, when not nil, sees
// each kept candidate and its relation before the swap, while b.cur still
// holds the items they extend (training records their history there). It
// returns the number of items kept.
func (d *decoder) step(ctx *parseCtx, sc *parseScratch, b *beamScratch, live int, keep func(j int, c cand, lab uint8)) int {
	b.cands = b.cands[:0]
	for i := range live {
		b.cands = d.expand(b.cands, ctx, sc, b.cur[i], i, b.curScore[i])
	}
	kept := topK(b.cands, d.beam)
	for j, c := range kept {
		from := b.cur[c.item]
		var lab uint8
		if c.m == left || c.m == right {
			lab = d.relFor(ctx, sc, from, c.m)
		}
		if keep != nil {
			keep(j, c, lab)
		}
		b.next[j].copyFrom(from)
		b.next[j].apply(c.m, lab)
		b.nextScore[j] = c.score
	}
	b.cur, b.next = b.next, b.cur
	b.curScore, b.nextScore = b.nextScore, b.curScore
	return len(kept)
}

// beamParse fills t's heads and relations for the tagged words of ctx with
// a beam of d.beam items.
func (d *decoder) beamParse(ctx *parseCtx, sc *parseScratch, t *Tree) {
	k := d.beam
	d.begin(sc)
	b := &sc.beam
	b.grow(k)
	n := len(ctx.lx)
	b.cur[0].reset(n)
	b.curScore[0] = 0
	live := 1
	for !b.cur[0].terminal() {
		live = d.step(ctx, sc, b, live, nil)
	}
	d.finish(b.cur[0], t)
}

// hnode is one move of a beam item's history during training: the move,
// its relation and the node before it (-1 at the start).
type hnode struct {
	parent int32
	m      move
	lab    uint8
}

// trainBeam is the memory of beam training.
type trainBeam struct {
	beamScratch
	gold      []bool // item's moves all had zero cost
	nextGold  []bool
	node      []int32 // item's last history node
	nextNode  []int32
	hist      []hnode
	bestNode  []int32 // per step: the best item's node, score, zero cost
	bestScore []int64
	bestGold  []bool
	goldNode  []int32 // per step: the gold item's node and score
	goldScore []int64
	path      [2][]hnode
	rs        state
}

// trainParserBeam trains the move perceptron globally with a beam of
// cfg.Beam items and max-violation updates (Huang, Fayong and Guo 2012):
// the gold item follows, move by move, the best-scoring move of zero cost
// (the dynamic oracle's, so any derivation of the gold tree is gold); when
// the beam's best item is not gold, the step where it leads the gold item
// by the most gets a perceptron update of the two move sequences up to
// there. The relation perceptron is trained locally along the gold item.
func trainParserBeam(exs []example, tags [][]UPOS, dict *ambig, nrel int, root, fallback uint8, cfg TrainConfig) (*trainTable, *trainTable, int64) {
	mv, lb, dec, order, rng := newParserTraining(len(exs), nrel, root, fallback, cfg.Beam, cfg.Seed)
	var (
		sc   parseScratch
		tb   trainBeam
		gs   state
		step int64
		amb  []uint32
	)
	sc.ready(nrel)
	start := time.Now()
	k := cfg.Beam
	tb.grow(k)
	for ep := 0; ep < cfg.ParseEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var sents, updates int
		for _, i := range order {
			e := &exs[i]
			amb = dict.classes(amb, e.lx)
			ctx := parseCtx{lx: e.lx, tags: tags[i], amb: amb}
			n := len(e.lx)
			sents++
			tb.hist = tb.hist[:0]
			tb.bestNode, tb.bestScore, tb.bestGold = tb.bestNode[:0], tb.bestScore[:0], tb.bestGold[:0]
			tb.goldNode, tb.goldScore = tb.goldNode[:0], tb.goldScore[:0]
			tb.cur[0].reset(n)
			tb.curScore[0] = 0
			tb.gold = append(tb.gold[:0], true)
			tb.node = append(tb.node[:0], -1)
			gs.reset(n)
			var gScore int64
			gNode := int32(-1)
			live := 1
			for !gs.terminal() {
				step++
				// The gold item's move and relation.
				sc.keys = ctx.moveFeats(sc.keys[:0], &gs)
				scores := sc.scores[:numMoves]
				clear(scores)
				mv.score(sc.keys, scores)
				gm := numMoves
				for m := range numMoves {
					if gs.valid(m) && gs.cost(m, e.heads) == 0 && (gm == numMoves || scores[m] > scores[gm]) {
						gm = m
					}
				}
				if gm == numMoves {
					gm = bestMove(&gs, scores) // not for a projective tree
				}
				gScore += int64(scores[gm])
				var glab uint8
				if gm == left || gm == right {
					h, d := gs.b, gs.s0()
					if gm == right {
						h, d = gs.s0(), gs.b
					}
					guess := dec.relFor(&ctx, &sc, &gs, gm)
					glab = guess
					if e.heads[d] == h {
						glab = e.rels[d]
						if guess != glab {
							lb.update(sc.keys, int(glab), 1, step)
							lb.update(sc.keys, int(guess), -1, step)
						}
					}
				}
				tb.hist = append(tb.hist, hnode{parent: gNode, m: gm, lab: glab})
				gNode = int32(len(tb.hist) - 1)
				gs.apply(gm, glab)
				tb.goldNode = append(tb.goldNode, gNode)
				tb.goldScore = append(tb.goldScore, gScore)

				// The beam.
				tb.nextGold = tb.nextGold[:0]
				tb.nextNode = tb.nextNode[:0]
				live = dec.step(&ctx, &sc, &tb.beamScratch, live, func(_ int, c cand, lab uint8) {
					from := tb.cur[c.item]
					tb.hist = append(tb.hist, hnode{parent: tb.node[c.item], m: c.m, lab: lab})
					tb.nextNode = append(tb.nextNode, int32(len(tb.hist)-1))
					tb.nextGold = append(tb.nextGold, tb.gold[c.item] && from.cost(c.m, e.heads) == 0)
				})
				tb.gold, tb.nextGold = tb.nextGold, tb.gold
				tb.node, tb.nextNode = tb.nextNode, tb.node
				tb.bestNode = append(tb.bestNode, tb.node[0])
				tb.bestScore = append(tb.bestScore, tb.curScore[0])
				tb.bestGold = append(tb.bestGold, tb.gold[0])
			}
			// The step of maximum violation.
			at, worst := -1, int64(-1)
			for t := range tb.bestNode {
				if tb.bestGold[t] {
					continue
				}
				if v := tb.bestScore[t] - tb.goldScore[t]; v > worst {
					at, worst = t, v
				}
			}
			if at < 0 {
				continue
			}
			updates++
			tb.update(&ctx, mv, n, tb.goldNode[at], tb.bestNode[at], step)
		}
		fmt.Fprintf(cfg.Log, "syntax: parser epoch %d: %d of %d sentences updated (beam %d, %s)\n", ep+1, updates, sents, k, time.Since(start).Round(time.Millisecond))
	}
	return mv, lb, step + 1
}

// update makes the perceptron update of the gold and predicted histories
// ending at nodes g and p: +1 for the gold moves' features, -1 for the
// predicted ones', from the first move where the two differ (before it,
// the updates cancel).
func (tb *trainBeam) update(ctx *parseCtx, mv *trainTable, n int, g, p int32, step int64) {
	for i, nd := range [2]int32{g, p} {
		path := tb.path[i][:0]
		for ; nd >= 0; nd = tb.hist[nd].parent {
			path = append(path, tb.hist[nd])
		}
		for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
			path[a], path[b] = path[b], path[a]
		}
		tb.path[i] = path
	}
	gp, pp := tb.path[0], tb.path[1]
	same := 0
	for same < len(gp) && same < len(pp) && gp[same] == pp[same] {
		same++
	}
	var keys []uint64
	for i, path := range [2][]hnode{gp, pp} {
		delta := int32(1 - 2*i)
		s := &tb.rs
		s.reset(n)
		for t, h := range path {
			if t >= same {
				keys = ctx.moveFeats(keys[:0], s)
				mv.update(keys, int(h.m), delta, step)
			}
			s.apply(h.m, h.lab)
		}
	}
}
