package syntax

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refTable is the straightforward scorer the optimised table must agree
// with: a map from key to row, read from the model file's body by its own
// decoder.
type refTable struct {
	nclass int
	rows   map[uint64][]int16
}

func (t *refTable) score(keys []uint64, scores []int32) {
	for _, k := range keys {
		for c, v := range t.rows[k] {
			scores[c] += int32(v)
		}
	}
}

// readRefTables decodes the tables of a model file into refTables.
func readRefTables(tb testing.TB, data []byte) []*refTable {
	tb.Helper()
	var tabs []*refTable
	var specs [][2]int
	for {
		i := bytes.IndexByte(data, '\n')
		line := string(data[:i])
		data = data[i+1:]
		f := strings.Fields(line)
		if len(f) == 4 && f[0] == "table" {
			nc, _ := strconv.Atoi(f[2])
			n, _ := strconv.Atoi(f[3])
			specs = append(specs, [2]int{nc, n})
		}
		if len(f) > 0 && f[0] == "body" {
			break
		}
	}
	r := bytes.NewReader(data)
	for _, sp := range specs {
		t := &refTable{nclass: sp[0], rows: make(map[uint64][]int16, sp[1])}
		key := uint64(0)
		for range sp[1] {
			d, _ := binary.ReadUvarint(r)
			key += d << keyDrop
			nz, _ := binary.ReadUvarint(r)
			row := make([]int16, sp[0])
			c := 0
			for range nz {
				dc, _ := binary.ReadUvarint(r)
				c += int(dc)
				v, _ := binary.ReadVarint(r)
				row[c] = int16(v)
			}
			t.rows[key] = row
		}
		tabs = append(tabs, t)
	}
	// The tag dictionary follows the tables; the reference reads only
	// weights.
	return tabs
}

// TestTableMatchesReference checks that the optimised tables give exactly
// the reference scores, and the Parser exactly the reference trees (tags,
// heads, relations) on UD EWT dev.
func TestTableMatchesReference(t *testing.T) {
	m := loadBenchModel(t)
	data, err := os.ReadFile(benchModelPath())
	if err != nil {
		t.Fatal(err)
	}
	refs := readRefTables(t, data)
	tabs := []*table{m.tagger, m.tagger2, m.moves, m.rels}
	rng := rand.New(rand.NewPCG(1, 2))
	for i, ref := range refs {
		tab := tabs[i]
		if tab.rows != len(ref.rows) {
			t.Fatalf("table %s: %d rows, reference %d", tableNames[i], tab.rows, len(ref.rows))
		}
		// Every key, alone and in batches with absent keys.
		var keys []uint64
		for k := range ref.rows {
			keys = append(keys, k, rng.Uint64()|1, k+1, k-1)
		}
		for start := 0; start < len(keys); start += 97 {
			batch := keys[start:min(start+97, len(keys))]
			got, want := make([]int32, ref.nclass), make([]int32, ref.nclass)
			tab.score(batch, got)
			ref.score(batch, want)
			if !slices.Equal(got, want) {
				t.Fatalf("table %s: scores %v, reference %v", tableNames[i], got, want)
			}
		}
	}

	// The tables were compared on every key above; the parses check the
	// path from tables to trees. A third of dev is enough for that, and
	// keeps the test under race detection (two beam parses a sentence)
	// to seconds.
	dev := devSentences(t)
	dev = dev[:min(len(dev), 700)]
	if testing.Short() {
		dev = dev[:min(len(dev), 200)]
	}
	p := m.NewParser()
	ref := m.NewParser()
	ref.dec.moves, ref.dec.rels = refs[2], refs[3]
	var got, want Tree
	for si, words := range dev {
		p.Parse(words, &got)
		refParse(ref, refs[0], refs[1], words, &want)
		if !slices.Equal(got.Tags, want.Tags) || !slices.Equal(got.Heads, want.Heads) || !slices.Equal(got.Rels, want.Rels) {
			t.Fatalf("dev sentence %d %q:\ngot  %v\nwant %v", si, words, got, want)
		}
	}
}

// refParse tags and parses with the reference tables through the scorer
// interface, as the trainer does.
func refParse(p *Parser, tagger, tagger2 scorer, words []string, t *Tree) {
	n := len(words)
	t.reset(n)
	p.lx = resizeZero(p.lx, n)
	for i, w := range words {
		p.lx[i] = lexOf(w, i == 0)
	}
	amb := p.m.amb.classes(nil, p.lx)
	first := make([]UPOS, n)
	refTag(tagger, p.lx, amb, nil, first)
	refTag(tagger2, p.lx, amb, first, t.Tags)
	ctx := parseCtx{lx: p.lx, tags: t.Tags, amb: amb}
	p.dec.run(&ctx, &p.sc, t)
}

// refTag is tagWith's loop over any scorer.
func refTag(sc scorer, lx []lex, amb []uint32, r, tags []UPOS) {
	var keys []uint64
	for i := range lx {
		if r != nil {
			keys = tagFeats2(keys[:0], lx, amb, tags, r, i)
		} else {
			keys = tagFeats(keys[:0], lx, amb, tags, i)
		}
		scores := make([]int32, NumUPOS)
		sc.score(keys, scores)
		tags[i] = UPOS(argmax(scores))
	}
}

// TestSaveRoundTrip checks that a loaded model saves to the same bytes.
func TestSaveRoundTrip(t *testing.T) {
	m := loadBenchModel(t)
	data, err := os.ReadFile(benchModelPath())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("saved %d bytes differ from the %d read", buf.Len(), len(data))
	}
}

// TestTablePutAnyOrder checks put and row with keys in random order,
// repeated keys and long runs, for packed and wide rows.
func TestTablePutAnyOrder(t *testing.T) {
	t.Parallel()
	for _, nc := range []int{1, 4, 5, 17} {
		rng := rand.New(rand.NewPCG(uint64(nc), 7))
		want := map[uint64][]int16{}
		tab := newTable(nc, 300)
		for i := range 400 {
			k := rng.Uint64() | 1
			if i%5 == 0 {
				k = uint64(i + 1) // small keys: all share home 0
			}
			if i%7 == 0 && len(want) > 0 {
				for kk := range want {
					k = kk
					break
				}
			}
			row := make([]int16, nc)
			for c := range row {
				row[c] = int16(rng.IntN(65536) - 32768)
			}
			tab.put(k, row)
			want[k] = row
		}
		if tab.rows != len(want) {
			t.Fatalf("%d classes: %d rows, want %d", nc, tab.rows, len(want))
		}
		for k, row := range want {
			if got := tab.row(k); !slices.Equal(got, row) {
				t.Fatalf("%d classes: row(%x) = %v, want %v", nc, k, got, row)
			}
			if tab.row(k+1) != nil && want[k+1] == nil {
				t.Fatalf("%d classes: absent key %x found", nc, k+1)
			}
		}
		var prev uint64
		tab.each(func(k uint64, _ []int16) {
			if k <= prev {
				t.Fatalf("%d classes: keys out of order", nc)
			}
			prev = k
		})
	}
}
