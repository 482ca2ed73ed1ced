package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// TrainConfig sets the training run. The zero value of a field means its
// default (DefaultTrainConfig).
type TrainConfig struct {
	TagEpochs   int     // tagger passes over the data
	ParseEpochs int     // parser passes over the data
	Folds       int     // jackknife folds for the parser's training tags (1: gold tags)
	ExploreFrom int     // first parser epoch (0-based) that follows its own predictions
	ExploreP    float64 // probability of following the prediction once exploring
	Seed        uint64  // shuffling and exploration
	MinWeight   int16   // rows whose largest quantised weight is below this are pruned
	Beam        int     // parser beam width in training; 1: greedy with the dynamic oracle
	ParseBeam   int     // beam width the model parses with (0: twice Beam, 1 for a greedy parser)
	Log         io.Writer
}

// DefaultTrainConfig is the configuration of the shipped model.
var DefaultTrainConfig = TrainConfig{
	TagEpochs:   8,
	ParseEpochs: 12,
	Folds:       4,
	ExploreFrom: 1,
	ExploreP:    0.9,
	Seed:        1,
	MinWeight:   256,
	Beam:        4,
}

func (c TrainConfig) withDefaults() TrainConfig {
	d := DefaultTrainConfig
	if c.TagEpochs > 0 {
		d.TagEpochs = c.TagEpochs
	}
	if c.ParseEpochs > 0 {
		d.ParseEpochs = c.ParseEpochs
	}
	if c.Folds > 0 {
		d.Folds = c.Folds
	}
	if c.ExploreFrom > 0 {
		d.ExploreFrom = c.ExploreFrom
	}
	if c.ExploreP > 0 {
		d.ExploreP = c.ExploreP
	}
	if c.Seed != 0 {
		d.Seed = c.Seed
	}
	if c.Beam > 0 {
		d.Beam = c.Beam
	}
	d.ParseBeam = c.ParseBeam
	if d.ParseBeam <= 0 {
		// A model trained with a beam of 4 parsed UD EWT dev best with 8:
		// UAS 0.8623, 0.8594, 0.8607 at shuffle seeds 1-3, against 0.8611,
		// 0.8577, 0.8573 with 4 and 0.8591, 0.8597 with 6 (seeds 2, 3).
		d.ParseBeam = 1
		if d.Beam > 1 {
			d.ParseBeam = min(2*d.Beam, MaxBeam)
		}
	}
	if c.MinWeight > 0 {
		d.MinWeight = c.MinWeight
	}
	d.Log = c.Log
	if d.Log == nil {
		d.Log = io.Discard
	}
	return d
}

// example is a training sentence in the form the trainers read.
type example struct {
	lx    []lex
	tags  []UPOS  // gold tags
	heads []int32 // gold heads, projectivised, n for the root
	rels  []uint8
}

// Train fits a tagger and parser on sentences with gold UPOS, HEAD and
// DEPREL. It is deterministic: the same sentences and config give the same
// model, byte for byte once written.
func Train(sents []Sentence, cfg TrainConfig) (*Model, error) {
	cfg = cfg.withDefaults()
	if cfg.Beam > MaxBeam || cfg.ParseBeam > MaxBeam {
		// A model file may not ask for more (ReadModel would refuse it).
		return nil, fmt.Errorf("syntax: beam %d, parse beam %d: at most %d", cfg.Beam, cfg.ParseBeam, MaxBeam)
	}
	start := time.Now()
	relIdx := map[string]uint8{}
	var relNames []string
	for si, s := range sents {
		for wi, w := range s.Words {
			if w.Head < 0 || w.Deprel == "" || w.Deprel == "_" {
				return nil, fmt.Errorf("syntax: train sentence %d word %d: no gold HEAD or DEPREL", si+1, wi+1)
			}
			if _, ok := ParseUPOS(w.UPOS); !ok {
				return nil, fmt.Errorf("syntax: train sentence %d word %d: UPOS %q is not a universal tag", si+1, wi+1, w.UPOS)
			}
			if _, ok := relIdx[w.Deprel]; !ok {
				relIdx[w.Deprel] = 0
				relNames = append(relNames, w.Deprel)
			}
		}
	}
	sort.Strings(relNames)
	if len(relNames) > 255 {
		return nil, fmt.Errorf("syntax: %d relations, at most 255", len(relNames))
	}
	for i, r := range relNames {
		relIdx[r] = uint8(i)
	}
	root, ok := relIdx["root"]
	if !ok {
		return nil, fmt.Errorf("syntax: no word has the relation root")
	}
	fallback, ok := relIdx["parataxis"]
	if !ok {
		fallback = relIdx[relNames[0]]
	}
	exs := make([]example, len(sents))
	nonProj := 0
	for i, s := range sents {
		n := len(s.Words)
		e := example{lx: make([]lex, n), tags: make([]UPOS, n), heads: make([]int32, n), rels: make([]uint8, n)}
		for j, w := range s.Words {
			e.lx[j] = lexOf(w.Form, j == 0)
			e.tags[j], _ = ParseUPOS(w.UPOS)
			e.heads[j] = int32(w.Head - 1)
			if w.Head == 0 {
				e.heads[j] = int32(n)
			}
			e.rels[j] = relIdx[w.Deprel]
		}
		if projectivize(e.heads) {
			nonProj++
		}
		exs[i] = e
	}
	fmt.Fprintf(cfg.Log, "syntax: %d sentences, %d relations, %d lifted to projective\n", len(exs), len(relNames), nonProj)

	dict := buildAmbig(exs)
	tag1, tag2, predTags := trainTaggers(exs, dict, cfg)
	fmt.Fprintf(cfg.Log, "syntax: taggers done in %s, %d + %d features\n", time.Since(start).Round(time.Millisecond), tag1.rows, tag2.rows)

	train := trainParser
	if cfg.Beam > 1 {
		train = trainParserBeam
	}
	mv, lb, step := train(exs, predTags, dict, len(relNames), root, fallback, cfg)
	m := &Model{
		Relations: relNames,
		root:      root,
		fallback:  fallback,
		beam:      cfg.ParseBeam,
		tagger:    tag1,
		tagger2:   tag2,
		amb:       dict,
		moves:     quantise(mv, step, int(numMoves), cfg.MinWeight),
		rels:      quantise(lb, step, len(relNames), cfg.MinWeight),
	}
	fmt.Fprintf(cfg.Log, "syntax: trained in %s: %d tagger, %d move, %d relation features\n", time.Since(start).Round(time.Millisecond), m.tagger.rows+m.tagger2.rows, m.moves.rows, m.rels.rows)
	return m, nil
}

// trainTaggers trains the two tagger passes on all of exs, and returns
// with them the tags the parser trains on: jackknifed (each fold tagged by
// taggers that did not see it), so that the parser learns from tags as
// wrong as those it will see. The second pass trains on the first pass's
// jackknifed tags for the same reason. Two trainings run at a time, for
// two cores.
func trainTaggers(exs []example, dict *ambig, cfg TrainConfig) (t1, t2 *table, pred [][]UPOS) {
	var (
		wg  sync.WaitGroup
		sem = make(chan struct{}, 2)
	)
	run := func(f func()) {
		wg.Add(1)
		sem <- struct{}{}
		go func() { defer wg.Done(); defer func() { <-sem }(); f() }()
	}
	folds := cfg.Folds
	inFold := func(k int) func(int) bool { return func(i int) bool { return i%folds == k } }
	dicts := make([]*ambig, folds)
	if folds > 1 {
		for k := range folds {
			var rest []example
			for i := range exs {
				if !inFold(k)(i) {
					rest = append(rest, exs[i])
				}
			}
			dicts[k] = buildAmbig(rest)
		}
	}
	// tagFolds trains a tagger per fold (pass 2 when r is not nil) and
	// tags each fold with the one that did not see it.
	tagFolds := func(r [][]UPOS) [][]UPOS {
		out := make([][]UPOS, len(exs))
		if folds <= 1 {
			for i := range exs {
				out[i] = exs[i].tags
			}
			return out
		}
		for k := range folds {
			run(func() {
				in := inFold(k)
				tt, step := trainTagger(exs, in, dicts[k], r, cfg)
				tab := quantise(tt, step, NumUPOS, 0)
				var (
					keys []uint64
					amb  []uint32
				)
				for i := range exs {
					if !in(i) {
						continue
					}
					tags := make([]UPOS, len(exs[i].lx))
					amb = dicts[k].classes(amb, exs[i].lx)
					var ri []UPOS
					if r != nil {
						ri = r[i]
					}
					keys = tagWith(tab, exs[i].lx, amb, ri, tags, keys)
					out[i] = tags
				}
			})
		}
		return out
	}
	var f1, f2 *trainTable
	var s1, s2 int64
	run(func() { f1, s1 = trainTagger(exs, nil, dict, nil, cfg) })
	r1 := tagFolds(nil)
	wg.Wait()
	run(func() { f2, s2 = trainTagger(exs, nil, dict, r1, cfg) })
	pred = tagFolds(r1)
	wg.Wait()
	return quantise(f1, s1, NumUPOS, cfg.MinWeight), quantise(f2, s2, NumUPOS, cfg.MinWeight), pred
}

// trainTagger trains an averaged perceptron tagger on the examples for which
// skip is false (all when skip is nil): the first pass, or the second when
// r holds the first pass's tags.
func trainTagger(exs []example, skip func(int) bool, dict *ambig, r [][]UPOS, cfg TrainConfig) (*trainTable, int64) {
	t := newTrainTable(NumUPOS)
	order := make([]int, 0, len(exs))
	for i := range exs {
		if skip == nil || !skip(i) {
			order = append(order, i)
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7a99e7))
	var (
		keys   []uint64
		step   int64
		scores [NumUPOS]int32
		tags   []UPOS
		amb    []uint32
	)
	for ep := 0; ep < cfg.TagEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := &exs[i]
			tags = resizeZero(tags, len(e.lx))
			amb = dict.classes(amb, e.lx)
			for j := range e.lx {
				step++
				if r != nil {
					keys = tagFeats2(keys[:0], e.lx, amb, tags, r[i], j)
				} else {
					keys = tagFeats(keys[:0], e.lx, amb, tags, j)
				}
				scores = [NumUPOS]int32{}
				t.score(keys, scores[:])
				guess := UPOS(argmax(scores[:]))
				if guess != e.tags[j] {
					t.update(keys, int(e.tags[j]), 1, step)
					t.update(keys, int(guess), -1, step)
				}
				tags[j] = guess
			}
		}
	}
	return t, step + 1
}

// newParserTraining returns what both parser trainers start from: empty
// move and relation tables, a decoder over them with the given beam (0 for
// the greedy trainer), the order of n sentences and the seeded generator
// that shuffles it each epoch.
func newParserTraining(n, nrel int, root, fallback uint8, beam int, seed uint64) (mv, lb *trainTable, dec decoder, order []int, rng *rand.Rand) {
	mv = newTrainTable(int(numMoves))
	lb = newTrainTable(nrel)
	dec = decoder{moves: mv, rels: lb, nrel: nrel, beam: beam, root: root, fallback: fallback}
	order = make([]int, n)
	for i := range order {
		order[i] = i
	}
	return mv, lb, dec, order, rand.New(rand.NewPCG(seed, 0x9a45e))
}

// trainParser trains the move and relation perceptrons with the dynamic
// oracle, exploring from cfg.ExploreFrom on.
func trainParser(exs []example, tags [][]UPOS, dict *ambig, nrel int, root, fallback uint8, cfg TrainConfig) (*trainTable, *trainTable, int64) {
	mv, lb, dec, order, rng := newParserTraining(len(exs), nrel, root, fallback, 0, cfg.Seed)
	var (
		sc   parseScratch
		step int64
		amb  []uint32
	)
	sc.ready(nrel)
	start := time.Now()
	for ep := 0; ep < cfg.ParseEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var moves, wrong int
		for _, i := range order {
			e := &exs[i]
			amb = dict.classes(amb, e.lx)
			ctx := parseCtx{lx: e.lx, tags: tags[i], amb: amb}
			s := &sc.st
			s.reset(len(e.lx))
			for !s.terminal() {
				step++
				moves++
				sc.keys = ctx.moveFeats(sc.keys[:0], s)
				scores := sc.scores[:numMoves]
				clear(scores)
				mv.score(sc.keys, scores)
				pred := bestMove(s, scores)
				// The best-scoring move of zero cost.
				gold, goldScore := numMoves, int32(0)
				for m := range numMoves {
					if s.valid(m) && s.cost(m, e.heads) == 0 && (gold == numMoves || scores[m] > goldScore) {
						gold, goldScore = m, scores[m]
					}
				}
				if gold == numMoves {
					// Cannot happen for a projective tree; follow the
					// prediction rather than stop.
					gold = pred
				}
				if pred != gold && s.cost(pred, e.heads) > 0 {
					wrong++
					mv.update(sc.keys, int(gold), 1, step)
					mv.update(sc.keys, int(pred), -1, step)
				}
				next := gold
				if ep >= cfg.ExploreFrom && rng.Float64() < cfg.ExploreP {
					next = pred
				}
				var lab uint8
				if next == left || next == right {
					h, d := s.b, s.s0()
					if next == right {
						h, d = s.s0(), s.b
					}
					guess := dec.relFor(&ctx, &sc, s, next)
					lab = guess
					if e.heads[d] == h {
						want := e.rels[d]
						if guess != want {
							lb.update(sc.keys, int(want), 1, step)
							lb.update(sc.keys, int(guess), -1, step)
						}
						lab = want
					}
				}
				s.apply(next, lab)
			}
		}
		fmt.Fprintf(cfg.Log, "syntax: parser epoch %d: %.2f%% of %d moves wrong (%s)\n", ep+1, 100*float64(wrong)/float64(max(moves, 1)), moves, time.Since(start).Round(time.Millisecond))
	}
	return mv, lb, step + 1
}

// quantise averages a training table at step and rounds its weights to
// int16 with one scale for the table, dropping rows whose largest weight is
// below minW after rounding. Rows are put in key order, so the table's
// layout does not depend on map iteration.
func quantise(t *trainTable, step int64, nclass int, minW int16) *table {
	keys, w := t.averaged(step)
	var maxAbs float32
	for _, v := range w {
		if v > maxAbs {
			maxAbs = v
		} else if -v > maxAbs {
			maxAbs = -v
		}
	}
	scale := float32(0)
	if maxAbs > 0 {
		scale = 32767 / maxAbs
	}
	type kept struct {
		key uint64
		row int
	}
	var rows []kept
	q := make([]int16, len(w))
	for r, k := range keys {
		big := false
		for c := 0; c < nclass; c++ {
			v := w[r*nclass+c] * scale
			if v >= 0 {
				v += 0.5
			} else {
				v -= 0.5
			}
			qi := int16(v)
			q[r*nclass+c] = qi
			if qi >= minW || -qi >= minW {
				big = true
			}
		}
		if big && minW >= 0 {
			rows = append(rows, kept{k, r})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	tab := newTable(nclass, len(rows))
	for _, r := range rows {
		tab.put(r.key, q[r.row*nclass:(r.row+1)*nclass])
	}
	return tab
}

// projectivize lifts arcs until heads form a projective tree: a
// non-projective arc's dependent moves to its head's head (Kahane et al.
// 1998; Nivre and Nilsson 2005, without label encoding). It reports
// whether any arc moved. heads uses n for the root.
func projectivize(heads []int32) bool {
	n := int32(len(heads))
	moved := false
	for iter := 0; iter < len(heads)*len(heads); iter++ {
		d := nonProjective(heads, n)
		if d < 0 {
			return moved
		}
		heads[d] = heads[heads[d]]
		moved = true
	}
	return moved
}

// nonProjective returns a dependent whose arc crosses another (the one
// with the shortest arc, lifted first), or -1.
func nonProjective(heads []int32, n int32) int32 {
	best, bestLen := int32(-1), int32(1<<30)
	for d := int32(0); d < n; d++ {
		h := heads[d]
		if h == n {
			continue
		}
		lo, hi := min(h, d), max(h, d)
		for k := lo + 1; k < hi; k++ {
			if !dominates(heads, n, h, k) {
				if l := hi - lo; l < bestLen {
					best, bestLen = d, l
				}
				break
			}
		}
	}
	return best
}

// dominates reports whether h is an ancestor of k.
func dominates(heads []int32, n, h, k int32) bool {
	for steps := int32(0); k != n && steps <= n; steps++ {
		k = heads[k]
		if k == h {
			return true
		}
	}
	return false
}
