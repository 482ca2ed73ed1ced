package syntax

import "bytes"

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
	tt, step := trainTagger(tr, nil, dict, cfg)
	tab := quantise(tt, step, NumUPOS, cfg.MinWeight)
	var keys []uint64
	var amb []uint32
	right, all := 0, 0
	for _, e := range dv {
		tags := make([]UPOS, len(e.lx))
		amb = dict.classes(amb, e.lx)
		keys = tagWith(tab, e.lx, amb, tags, keys)
		for i := range tags {
			all++
			if tags[i] == e.tags[i] {
				right++
			}
		}
	}
	return float64(right) / float64(all)
}
