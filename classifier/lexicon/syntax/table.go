package syntax

// fkey combines a feature template number and up to two values into a
// feature key. The mix is a 64-bit finaliser (the murmur3 one), so that keys
// spread over an open-addressing table; 0 is never returned (it marks an
// empty slot).
func fkey(tmpl uint64, a, b uint64) uint64 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a*0xC2B2AE3D27D4EB4F ^ (b+0x165667B19E3779F9)*0xFF51AFD7ED558CCD
	h ^= h >> 33
	h *= 0xC4CEB9FE1A85EC53
	h ^= h >> 33
	if h == 0 {
		h = 1
	}
	return h
}

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

// table is a quantised weight table: an open-addressing hash of feature
// keys, each with one int16 weight per class. It is immutable after load.
type table struct {
	nclass int
	mask   uint64
	keys   []uint64 // 0 = empty slot
	w      []int16  // row of slot s at w[s*nclass:]
	rows   int      // number of features held
}

// newTable sizes a table for n features at a load factor of at most 1/2.
func newTable(nclass, n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{nclass: nclass, mask: uint64(size - 1), keys: make([]uint64, size), w: make([]int16, size*nclass)}
}

// put stores the row of key (a key put twice keeps the last row).
func (t *table) put(key uint64, row []int16) {
	s := key & t.mask
	for t.keys[s] != 0 && t.keys[s] != key {
		s = (s + 1) & t.mask
	}
	if t.keys[s] == 0 {
		t.rows++
	}
	t.keys[s] = key
	copy(t.w[int(s)*t.nclass:], row)
}

// row returns the weights of key, or nil.
func (t *table) row(key uint64) []int16 {
	s := key & t.mask
	for {
		k := t.keys[s]
		if k == key {
			return t.w[int(s)*t.nclass : int(s+1)*t.nclass]
		}
		if k == 0 {
			return nil
		}
		s = (s + 1) & t.mask
	}
}

func (t *table) score(keys []uint64, scores []int32) {
	scores = scores[:t.nclass]
	for _, k := range keys {
		r := t.row(k)
		if r == nil {
			continue
		}
		r = r[:len(scores)]
		for c, v := range r {
			scores[c] += int32(v)
		}
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
