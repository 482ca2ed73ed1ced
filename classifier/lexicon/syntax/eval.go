package syntax

// Score counts agreement of predicted with gold trees in the way of the
// CoNLL 2018 shared task with gold tokens: every word counts, punctuation
// included; LAS compares universal relations (subtypes dropped).
type Score struct {
	Words, UPOS, UAS, LAS, LASFull int
}

// Add counts one sentence: gold words against the predicted tree.
func (s *Score) Add(gold []ConllWord, t *Tree, m *Model) {
	for i, g := range gold {
		s.Words++
		if t.Tags[i].String() == g.UPOS {
			s.UPOS++
		}
		head := int(t.Heads[i]) + 1 // -1 → 0
		if head != g.Head {
			continue
		}
		s.UAS++
		r := m.Rel(t.Rels[i])
		if Universal(r) == Universal(g.Deprel) {
			s.LAS++
			if r == g.Deprel {
				s.LASFull++
			}
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// UPOSAcc is the share of words with the right tag, 0..1.
func (s Score) UPOSAcc() float64 { return ratio(s.UPOS, s.Words) }

// UASAcc is the share of words with the right head, 0..1.
func (s Score) UASAcc() float64 { return ratio(s.UAS, s.Words) }

// LASAcc is the share of words with the right head and universal relation
// (subtype dropped), 0..1.
func (s Score) LASAcc() float64 { return ratio(s.LAS, s.Words) }

// LASFullAcc is the share of words with the right head and full relation,
// subtype included, 0..1.
func (s Score) LASFullAcc() float64 { return ratio(s.LASFull, s.Words) }

// Evaluate parses each sentence's forms and scores the result.
func Evaluate(m *Model, sents []Sentence) Score {
	p := m.NewParser()
	var (
		sc    Score
		t     Tree
		forms []string
	)
	for _, s := range sents {
		forms = forms[:0]
		for _, w := range s.Words {
			forms = append(forms, w.Form)
		}
		p.Parse(forms, &t)
		sc.Add(s.Words, &t, m)
	}
	return sc
}
