package syntax

import (
	"bytes"
	"sync"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// evalGoldTags parses dev with gold tags (an upper bound on what a better
// tagger gives).
func evalGoldTags(m *Model, sents []Sentence) Score {
	p := m.NewParser()
	var sc Score
	var t Tree
	for _, s := range sents {
		n := len(s.Words)
		t.reset(n)
		p.lx = resizeZero(p.lx, n)
		for i, w := range s.Words {
			p.lx[i] = lexOf(w.Form, i == 0)
			t.Tags[i], _ = ParseUPOS(w.UPOS)
		}
		p.amb = m.amb.classes(p.amb, p.lx)
		ctx := parseCtx{lx: p.lx, tags: t.Tags, amb: p.amb}
		p.dec.parse(&ctx, &p.sc, &t)
		sc.Add(s.Words, &t, m)
	}
	return sc
}

// evalTagger trains only the tagger on train and scores it on dev.
func evalTagger(train, dev []Sentence, cfg TrainConfig) float64 {
	conv := func(ss []Sentence) []example {
		out := make([]example, len(ss))
		for i, s := range ss {
			e := example{lx: make([]lex, len(s.Words)), tags: make([]UPOS, len(s.Words))}
			for j, w := range s.Words {
				e.lx[j] = lexOf(w.Form, j == 0)
				e.tags[j], _ = ParseUPOS(w.UPOS)
			}
			out[i] = e
		}
		return out
	}
	tr, dv := conv(train), conv(dev)
	dict := buildAmbig(tr)
	tt, step := trainTagger(tr, nil, dict, nil, cfg)
	tab := quantise(tt, step, NumUPOS, cfg.MinWeight)
	var keys []uint64
	var amb []uint32
	right, all := 0, 0
	for _, e := range dv {
		tags := make([]UPOS, len(e.lx))
		amb = dict.classes(amb, e.lx)
		keys = tagWith(tab, e.lx, amb, nil, tags, keys)
		for i := range tags {
			all++
			if tags[i] == e.tags[i] {
				right++
			}
		}
	}
	return float64(right) / float64(all)
}

// evalTagger2 scores the two-pass tagger on dev.
func evalTagger2(train, dev []Sentence, cfg TrainConfig, t interface{ Logf(string, ...any) }) {
	conv := func(ss []Sentence) []example {
		out := make([]example, len(ss))
		for i, s := range ss {
			e := example{lx: make([]lex, len(s.Words)), tags: make([]UPOS, len(s.Words))}
			for j, w := range s.Words {
				e.lx[j] = lexOf(w.Form, j == 0)
				e.tags[j], _ = ParseUPOS(w.UPOS)
			}
			out[i] = e
		}
		return out
	}
	tr, dv := conv(train), conv(dev)
	dict := buildAmbig(tr)
	r := make([][]UPOS, len(tr))
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := func(i int) bool { return i%4 == k }
			var rest []example
			for i := range tr {
				if !in(i) {
					rest = append(rest, tr[i])
				}
			}
			fd := buildAmbig(rest)
			tt, step := trainTagger(tr, in, fd, nil, cfg)
			tab := quantise(tt, step, NumUPOS, 0)
			var keys []uint64
			var amb []uint32
			for i := range tr {
				if in(i) {
					r[i] = make([]UPOS, len(tr[i].lx))
					amb = fd.classes(amb, tr[i].lx)
					keys = tagWith(tab, tr[i].lx, amb, nil, r[i], keys)
				}
			}
		}()
	}
	var t1 *table
	wg.Add(1)
	go func() {
		defer wg.Done()
		tt, step := trainTagger(tr, nil, dict, nil, cfg)
		t1 = quantise(tt, step, NumUPOS, cfg.MinWeight)
	}()
	wg.Wait()
	tt2, step2 := trainTagger(tr, nil, dict, r, cfg)
	t2 := quantise(tt2, step2, NumUPOS, cfg.MinWeight)
	var keys []uint64
	var amb []uint32
	r1, r2, all := 0, 0, 0
	for _, e := range dv {
		p1 := make([]UPOS, len(e.lx))
		p2 := make([]UPOS, len(e.lx))
		amb = dict.classes(amb, e.lx)
		keys = tagWith(t1, e.lx, amb, nil, p1, keys)
		keys = tagWith(t2, e.lx, amb, p1, p2, keys)
		for i := range p1 {
			all++
			if p1[i] == e.tags[i] {
				r1++
			}
			if p2[i] == e.tags[i] {
				r2++
			}
		}
	}
	t.Logf("pass 1 %.4f pass 2 %.4f", float64(r1)/float64(all), float64(r2)/float64(all))
}

// errorsByRel counts head errors by gold universal relation.
func errorsByRel(m *Model, sents []Sentence) map[string][2]int {
	p := m.NewParser()
	out := map[string][2]int{}
	var t Tree
	for _, s := range sents {
		forms := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = w.Form
		}
		p.Parse(forms, &t)
		for i, w := range s.Words {
			r := Universal(w.Deprel)
			c := out[r]
			c[0]++
			if int(t.Heads[i])+1 != w.Head {
				c[1]++
			}
			out[r] = c
		}
	}
	return out
}
