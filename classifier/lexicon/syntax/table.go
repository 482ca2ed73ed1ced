package syntax

// fkey combines a feature template number and up to two values into a
// feature key. The mix is a 64-bit finaliser (the murmur3 one), so that keys
// spread over an open-addressing table; 0 is never returned (it marks an
// empty slot). Only the top keyBits bits are kept (see keyDrop).
func fkey(tmpl uint64, a, b uint64) uint64 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a*0xC2B2AE3D27D4EB4F ^ (b+0x165667B19E3779F9)*0xFF51AFD7ED558CCD
	h ^= h >> 33
	h *= 0xC4CEB9FE1A85EC53
	h ^= h >> 33
	h &^= 1<<keyDrop - 1
	if h == 0 {
		h = 1 << keyDrop
	}
	return h
}

// keyDrop is the number of low bits fkey clears. A key keeps 40 bits: among
// the 1.5 million features of a model, about one pair is expected to share
// a key, which costs nothing measurable, and the model file stores each
// key's difference to the previous one in 3 bytes instead of 7 (keys are
// written shifted right by keyDrop), a quarter of the file.
const keyDrop = 24

// pair folds two values into one, for templates over three values.
func pair(a, b uint64) uint64 {
	h := a*0xD6E8FEB86659FD93 + b
	return h ^ h>>32
}

// scorer adds the weights of features to class scores. Training uses an
// updatable table, the shipped parser the quantised one.
type scorer interface {
	// score adds, for every key, its weights to scores (len = classes).
	score(keys []uint64, scores []int32)
}

// table is a quantised weight table, immutable after load, laid out so
// that a lookup reads one or two cache lines: an array of 16-byte slots,
// each a feature key and a 64-bit payload that holds the row.
//
// A row of at most packedClasses classes (the move table's) is packed in
// the payload, one int16 per class. A wider row (tagger, relations) is
// stored in one of three ways, by its number of non-zero weights (most
// trained rows have about three in 17 or 51, but the rows read most often,
// bias, common words and affixes, have weights for most classes):
//   - at most two: packed in the payload (inlineBit set, class and weight
//     twice);
//   - more than denseMin: dense, the payload (denseBit set) holding the
//     offset of its lane words in dense, four biased int16 lanes a word,
//     which score adds four classes at a time, as scorePacked does;
//   - otherwise sparse: the payload holds the offset and count of its
//     entries in sparse, each class<<16 | weight.
//
// A key's home slot is its top bits scaled to the slot count (a multiply
// and a shift, so that any count, and so the load factor maxLoad, is
// allowed). Because the home is monotonic in the key, the table is a Robin
// Hood table in its simplest form: keys lie in increasing order, each at
// or after its home with no empty slot between, and a lookup scans from
// the home until it meets its key, a greater one or an empty slot (key 0).
// Slots past the last home take the overflow of the last keys, and the
// last slot is always empty, so a scan needs no wrap-around.
//
// For the WIP model (979k move rows, 161k tagger, 153k relations) this
// takes 42 MiB, against 106 MiB for the first layout (keys and dense rows
// in two arrays at a load factor of 1/2).
type table struct {
	nclass int
	nhome  uint64 // slots that are a home of some key
	slots  []slot
	sparse []uint32 // entries of sparse wide rows
	dense  []uint64 // lane words of dense wide rows, lanes(nclass) a row
	rows   int      // number of features held
	last   uint64   // slot of the greatest key, once rows > 0 (putSorted)
}

// slot is one key and its payload; key 0 marks an empty slot.
type slot struct{ key, val uint64 }

// packedClasses is the widest row packed densely in a slot's payload.
const packedClasses = 4

// inlineBit marks a wide row's payload that holds its weights, denseBit
// one that points into dense.
const (
	inlineBit = 1 << 63
	denseBit  = 1 << 62
)

// Lane arithmetic of packed and dense rows: a weight is stored plus 32768
// (xor laneBias), so that lanes add as unsigned numbers; laneMask picks the
// even lanes of a word into 32-bit halves, which hold up to laneChunk sums
// without carrying into each other.
const (
	laneBias  = 0x8000_8000_8000_8000
	laneMask  = 0x0000_ffff_0000_ffff
	laneChunk = 1 << 16
)

// lanes returns the lane words of a dense row of nclass classes.
func lanes(nclass int) int { return (nclass + packedClasses - 1) / packedClasses }

// denseMin returns the number of non-zero weights above which a wide row is
// stored dense. A sparse entry costs about 4.5 instructions to add and a
// lane word (four classes) about 7, so dense is cheaper past 1.5 entries
// per lane word.
func denseMin(nclass int) int { return lanes(nclass) * 3 / 2 }

// maxLoad is the highest share of home slots in use, in percent. At 80 a
// parse read 5.4 slots per move lookup and ran 17% more instructions than
// at 50 (callgrind, BenchmarkParse25Words); at 50 most keys sit in their
// home slot.
const maxLoad = 50

// newTable sizes a table for n features.
func newTable(nclass, n int) *table {
	nhome := max(16, n*100/maxLoad)
	return &table{nclass: nclass, nhome: uint64(nhome), slots: make([]slot, nhome+1)}
}

// home returns the first slot key may be in: the top 32 bits of key
// scaled to nhome (< 2^32). A 64-bit multiply-high would take the full key
// but pins two registers, and the scoring loops then spill on every key.
func home(key, nhome uint64) uint64 { return (key >> 32) * nhome >> 32 }

func (t *table) home(key uint64) uint64 { return home(key, t.nhome) }

// find returns the slot of key, or -1.
func (t *table) find(key uint64) int {
	p := t.home(key)
	for t.slots[p].key-1 < key-1 { // 0 < slot key < key
		p++
	}
	if t.slots[p].key != key {
		return -1
	}
	return int(p)
}

// put stores the row of key (a key put twice keeps the last row). Keys put
// in increasing order, as the loader and the trainer do, append at the end
// of their run; any other key shifts the run after it by one slot.
func (t *table) put(key uint64, row []int16) {
	row = row[:t.nclass]
	p := t.home(key)
	for t.slots[p].key-1 < key-1 {
		p++
	}
	if t.slots[p].key != key {
		e := p
		for t.slots[e].key != 0 {
			e++
		}
		if int(e) == len(t.slots)-1 {
			t.slots = append(t.slots, slot{}) // keep an empty last slot
		}
		copy(t.slots[p+1:e+1], t.slots[p:e])
		t.rows++
	}
	t.slots[p] = slot{key: key, val: t.payload(row)}
}

// putSorted is put for a key greater than every key in t, as the loader's
// are: it goes to its home or just after the last key put, whichever is
// later (the slots between are all taken, see table), so that it costs no
// scan of a run.
func (t *table) putSorted(key uint64, row []int16) {
	p := t.home(key)
	if t.rows > 0 && p <= t.last {
		p = t.last + 1
	}
	if int(p) == len(t.slots)-1 {
		t.slots = append(t.slots, slot{}) // keep an empty last slot
	}
	t.slots[p] = slot{key: key, val: t.payload(row[:t.nclass])}
	t.last = p
	t.rows++
}

// payload encodes row for a slot, appending to t.sparse if need be.
func (t *table) payload(row []int16) uint64 {
	var v uint64
	if t.nclass <= packedClasses {
		for c, x := range row {
			v |= uint64(uint16(x)) << (16 * c)
		}
		return v
	}
	nz := 0
	for _, x := range row {
		if x != 0 {
			nz++
		}
	}
	if nz > denseMin(t.nclass) {
		v = denseBit | uint64(len(t.dense))
		for c := 0; c < len(row); c += packedClasses {
			var w uint64
			for j, x := range row[c:min(c+packedClasses, len(row))] {
				w |= uint64(uint16(x)) << (16 * j)
			}
			t.dense = append(t.dense, w^laneBias)
		}
		return v
	}
	if nz > 2 {
		v = uint64(len(t.sparse)) | uint64(nz)<<32
		for c, x := range row {
			if x != 0 {
				t.sparse = append(t.sparse, uint32(c)<<16|uint32(uint16(x)))
			}
		}
		return v
	}
	v = inlineBit
	sh := 0
	for c, x := range row {
		if x != 0 {
			v |= (uint64(c)<<16 | uint64(uint16(x))) << sh
			sh += 24
		}
	}
	return v
}

// row returns the weights of key, or nil.
func (t *table) row(key uint64) []int16 {
	p := t.find(key)
	if p < 0 {
		return nil
	}
	return t.rowAt(p)
}

// rowAt returns a copy of the weights of slot p.
func (t *table) rowAt(p int) []int16 {
	row := make([]int16, t.nclass)
	v := t.slots[p].val
	switch {
	case t.nclass <= packedClasses:
		for c := range row {
			row[c] = int16(v >> (16 * c))
		}
	case v&inlineBit != 0:
		row[uint8(v>>16)] += int16(v)
		row[uint8(v>>40)] += int16(v >> 24)
	case v&denseBit != 0:
		ws := t.dense[uint32(v):][:lanes(t.nclass)]
		for c := range row {
			row[c] = int16((ws[c/packedClasses] ^ laneBias) >> (16 * (c % packedClasses)))
		}
	default:
		for _, e := range t.sparse[uint32(v) : uint32(v)+uint32(uint8(v>>32))] {
			row[e>>16] = int16(e)
		}
	}
	return row
}

// each calls f with every key and its row, in increasing key order.
func (t *table) each(f func(key uint64, row []int16)) {
	for p, s := range t.slots {
		if s.key != 0 {
			f(s.key, t.rowAt(p))
		}
	}
}

func (t *table) score(keys []uint64, scores []int32) {
	if t.nclass <= packedClasses {
		t.scorePacked(keys, scores)
		return
	}
	scores = scores[:t.nclass]
	nl := lanes(t.nclass)
	// even[w] and odd[w] sum the even and odd lanes of word w of the dense
	// rows found; n counts them, to take the bias off at the end.
	var buf [2 * maxLanes]uint64
	even, odd := buf[:nl], buf[maxLanes:maxLanes+nl]
	n := uint64(0)
	slots, sparse, dense, nhome := t.slots, t.sparse, t.dense, t.nhome
	for _, k := range keys {
		p := home(k, nhome)
		for slots[p].key-1 < k-1 {
			p++
		}
		if slots[p].key != k {
			continue
		}
		v := slots[p].val
		switch {
		case v&inlineBit != 0:
			// A row of one weight has a second of 0 for class 0.
			scores[uint8(v>>16)] += int32(int16(v))
			scores[uint8(v>>40)] += int32(int16(v >> 24))
		case v&denseBit != 0:
			ws := dense[uint32(v):][:nl]
			for w, x := range ws {
				even[w] += x & laneMask
				odd[w] += x >> 16 & laneMask
			}
			if n++; n == laneChunk-1 {
				flushLanes(even, odd, n, scores)
				n = 0
			}
		default:
			for _, e := range sparse[uint32(v) : uint32(v)+uint32(uint8(v>>32))] {
				scores[e>>16] += int32(int16(e))
			}
		}
	}
	if n > 0 {
		flushLanes(even, odd, n, scores)
	}
}

// maxLanes is the most lane words a dense row has: 255 classes, the most a
// model file allows.
const maxLanes = (255 + packedClasses - 1) / packedClasses

// flushLanes adds the lane sums of n dense rows to scores, taking off their
// bias, and clears them.
func flushLanes(even, odd []uint64, n uint64, scores []int32) {
	b := uint32(n << 15)
	for w := range even {
		lane := [packedClasses]uint32{uint32(even[w]), uint32(odd[w]), uint32(even[w] >> 32), uint32(odd[w] >> 32)}
		for j, x := range lane {
			if c := w*packedClasses + j; c < len(scores) {
				scores[c] += int32(x - b)
			}
		}
		even[w], odd[w] = 0, 0
	}
}

// scorePacked is score for a table of packed rows. It sums the four
// weights of a row at once, as unsigned lanes (see laneBias).
func (t *table) scorePacked(keys []uint64, scores []int32) {
	var sum [packedClasses]int32
	for len(keys) > 0 {
		ks := keys[:min(len(keys), laneChunk-1)]
		keys = keys[len(ks):]
		var even, odd, n uint64
		slots, nhome := t.slots, t.nhome
		for _, k := range ks {
			p := home(k, nhome)
			for slots[p].key-1 < k-1 { // 0 < slot key < k
				p++
			}
			if slots[p].key == k {
				v := slots[p].val ^ laneBias
				even += v & laneMask
				odd += v >> 16 & laneMask
				n++
			}
		}
		n <<= 15
		sum[0] += int32(uint32(even) - uint32(n))
		sum[1] += int32(uint32(odd) - uint32(n))
		sum[2] += int32(uint32(even>>32) - uint32(n))
		sum[3] += int32(uint32(odd>>32) - uint32(n))
	}
	for c := range scores[:t.nclass] {
		scores[c] += sum[c]
	}
}

// trainTable is a perceptron weight table during training: integer
// weights and, for averaging, the sum of each update times its step
// (Daumé's trick: the average at step c is w - u/c).
type trainTable struct {
	nclass int
	idx    map[uint64]int32
	w      []int32
	u      []int64
}

func newTrainTable(nclass int) *trainTable {
	return &trainTable{nclass: nclass, idx: make(map[uint64]int32)}
}

func (t *trainTable) score(keys []uint64, scores []int32) {
	scores = scores[:t.nclass]
	for _, k := range keys {
		r, ok := t.idx[k]
		if !ok {
			continue
		}
		row := t.w[int(r)*t.nclass : int(r+1)*t.nclass]
		for c, v := range row {
			scores[c] += v
		}
	}
}

// update adds delta to class's weight of every key at step c.
func (t *trainTable) update(keys []uint64, class int, delta int32, c int64) {
	for _, k := range keys {
		r, ok := t.idx[k]
		if !ok {
			r = int32(len(t.idx))
			t.idx[k] = r
			t.w = append(t.w, make([]int32, t.nclass)...)
			t.u = append(t.u, make([]int64, t.nclass)...)
		}
		i := int(r)*t.nclass + class
		t.w[i] += delta
		t.u[i] += c * int64(delta)
	}
}

// averaged returns the averaged weights at step c, keyed by feature.
func (t *trainTable) averaged(c int64) (keys []uint64, w []float32) {
	keys = make([]uint64, len(t.idx))
	for k, r := range t.idx {
		keys[r] = k
	}
	w = make([]float32, len(t.w))
	for i := range t.w {
		w[i] = float32(float64(t.w[i]) - float64(t.u[i])/float64(c))
	}
	return keys, w
}
