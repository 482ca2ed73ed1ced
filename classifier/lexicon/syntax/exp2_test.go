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
		ctx := parseCtx{lx: p.lx, tags: t.Tags}
		p.dec.parse(&ctx, &p.sc, &t)
		sc.Add(s.Words, &t, m)
	}
	return sc
}
