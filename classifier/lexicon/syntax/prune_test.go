package syntax

import (
	"os"
	"strconv"
	"testing"
)

// pruned returns a copy of t with only the rows whose largest weight has
// an absolute value of at least minW.
func pruned(t *table, minW int) *table {
	type kept struct {
		key uint64
		row []int16
	}
	var rows []kept
	t.each(func(k uint64, row []int16) {
		for _, v := range row {
			if int(v) >= minW || -int(v) >= minW {
				rows = append(rows, kept{k, row})
				return
			}
		}
	})
	p := newTable(t.nclass, len(rows))
	for _, r := range rows {
		p.put(r.key, r.row)
	}
	return p
}

// TestWritePruned writes the benchmark model pruned at $PRUNE_MINW to
// $PRUNE_OUT, to measure how speed depends on the number of rows.
func TestWritePruned(t *testing.T) {
	out := os.Getenv("PRUNE_OUT")
	minW, err := strconv.Atoi(os.Getenv("PRUNE_MINW"))
	if out == "" || err != nil {
		t.Skip("set PRUNE_OUT and PRUNE_MINW")
	}
	m := *loadBenchModel(t)
	m.tagger, m.tagger2, m.moves, m.rels = pruned(m.tagger, minW), pruned(m.tagger2, minW), pruned(m.moves, minW), pruned(m.rels, minW)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Save(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tg, mv, rl := m.Size()
	t.Logf("min |w| %d: rows tagger %d moves %d relations %d", minW, tg, mv, rl)
}
