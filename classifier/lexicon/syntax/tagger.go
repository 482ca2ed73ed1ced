package syntax

// Sentinel values for positions outside the sentence in features.
const (
	noneWord  uint64 = 0x5ca1ab1e // no word at that position (before the start, past the end, no dependent)
	rootWord  uint64 = 0x0badcafe // the parser's virtual root
	tagOffset uint64 = 1          // tags are stored as tag+1 so that 0 stays free
)

// Tagger feature templates. Each number names one template in fkey; the
// numbers are part of the model file, so a template keeps its number.
const (
	tBias uint64 = iota + 1
	tW
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tFlags
	tT1
	tT2
	tT12
	tT1W
	tWm1
	tSuf3m1
	tWm2
	tWp1
	tSuf3p1
	tWp2
	tShapem1
	tShapep1
	tWm1W
	tWWp1
	tT1Suf3
	tSuf2p1
	tWp1Wp2
	tShapeFlags
	tAmb
	tAmbP1
	tAmbP2
	tAmbM1
	tT1Amb
	tAmbAmbP1
	tWAmbP1
	tT1AmbP1
	tRaw
	tR1
	tR2
	tR1R2
	tWR1
	tT1R1
	tSuf3R1
)

// tagFeats2 appends the second pass's features: those of the first pass
// and the first pass's tags of the next two words (r), which a left-to-right
// tagger has not chosen yet when it tags word i.
func tagFeats2(dst []uint64, lx []lex, amb []uint32, tags, r []UPOS, i int) []uint64 {
	dst = tagFeats(dst, lx, amb, tags, i)
	r1, r2 := uint64(0), uint64(0)
	if i+1 < len(lx) {
		r1 = uint64(r[i+1]) + tagOffset
	}
	if i+2 < len(lx) {
		r2 = uint64(r[i+2]) + tagOffset
	}
	t1 := uint64(0)
	if i >= 1 {
		t1 = uint64(tags[i-1]) + tagOffset
	}
	w := &lx[i]
	return append(dst,
		fkey(tR1, r1, 0),
		fkey(tR2, r2, 0),
		fkey(tR1R2, r1, r2),
		fkey(tWR1, w.form, r1),
		fkey(tT1R1, t1, r1),
		fkey(tSuf3R1, w.suf3, r1),
	)
}

// tagFeats appends the tagger's features for word i to dst. tags holds the
// tags already chosen for words before i.
func tagFeats(dst []uint64, lx []lex, amb []uint32, tags []UPOS, i int) []uint64 {
	w := &lx[i]
	a0, am1, ap1, ap2 := uint64(amb[i]), uint64(1<<31), uint64(1<<31), uint64(1<<31)
	if i >= 1 {
		am1 = uint64(amb[i-1])
	}
	if i+1 < len(lx) {
		ap1 = uint64(amb[i+1])
	}
	if i+2 < len(lx) {
		ap2 = uint64(amb[i+2])
	}
	wm1, wm2, wp1, wp2 := noneWord, noneWord, noneWord, noneWord
	sm1, sp1, s3m1, s3p1, s2p1 := noneWord, noneWord, noneWord, noneWord, noneWord
	t1, t2 := uint64(0), uint64(0)
	if i >= 1 {
		wm1, sm1, s3m1 = lx[i-1].form, lx[i-1].shape, lx[i-1].suf3
		t1 = uint64(tags[i-1]) + tagOffset
	}
	if i >= 2 {
		wm2 = lx[i-2].form
		t2 = uint64(tags[i-2]) + tagOffset
	}
	if i+1 < len(lx) {
		wp1, sp1, s3p1, s2p1 = lx[i+1].form, lx[i+1].shape, lx[i+1].suf3, lx[i+1].suf2
	}
	if i+2 < len(lx) {
		wp2 = lx[i+2].form
	}
	return append(dst,
		fkey(tBias, 0, 0),
		fkey(tW, w.form, 0),
		fkey(tSuf1, w.suf1, 0),
		fkey(tSuf2, w.suf2, 0),
		fkey(tSuf3, w.suf3, 0),
		fkey(tSuf4, w.suf4, 0),
		fkey(tPre1, w.pre1, 0),
		fkey(tPre2, w.pre2, 0),
		fkey(tPre3, w.pre3, 0),
		fkey(tShape, w.shape, 0),
		fkey(tFlags, w.flags, 0),
		fkey(tT1, t1, 0),
		fkey(tT2, t2, 0),
		fkey(tT12, t1, t2),
		fkey(tT1W, t1, w.form),
		fkey(tWm1, wm1, 0),
		fkey(tSuf3m1, s3m1, 0),
		fkey(tWm2, wm2, 0),
		fkey(tWp1, wp1, 0),
		fkey(tSuf3p1, s3p1, 0),
		fkey(tWp2, wp2, 0),
		fkey(tShapem1, sm1, 0),
		fkey(tShapep1, sp1, 0),
		fkey(tWm1W, wm1, w.form),
		fkey(tWWp1, w.form, wp1),
		fkey(tT1Suf3, t1, w.suf3),
		fkey(tSuf2p1, s2p1, 0),
		fkey(tWp1Wp2, wp1, wp2),
		fkey(tShapeFlags, w.shape, w.flags),
		fkey(tAmb, a0, 0),
		fkey(tAmbP1, ap1, 0),
		fkey(tAmbP2, ap2, 0),
		fkey(tAmbM1, am1, 0),
		fkey(tT1Amb, t1, a0),
		fkey(tAmbAmbP1, a0, ap1),
		fkey(tWAmbP1, w.form, ap1),
		fkey(tT1AmbP1, t1, ap1),
		fkey(tRaw, w.raw, 0),
	)
}

// argmax returns the index of the highest score, the first one on ties.
func argmax(scores []int32) int {
	best := 0
	for c := 1; c < len(scores); c++ {
		if scores[c] > scores[best] {
			best = c
		}
	}
	return best
}

// tagWith tags every word of lx left to right with sc, into tags. r, when
// not nil, holds the first pass's tags, and sc is a second-pass tagger.
//
// It takes the concrete table: through the scorer interface its scores
// array escapes, one allocation per sentence.
func tagWith(sc *table, lx []lex, amb []uint32, r, tags []UPOS, keys []uint64) []uint64 {
	var scores [NumUPOS]int32
	for i := range lx {
		if r != nil {
			keys = tagFeats2(keys[:0], lx, amb, tags, r, i)
		} else {
			keys = tagFeats(keys[:0], lx, amb, tags, i)
		}
		scores = [NumUPOS]int32{}
		sc.score(keys, scores[:])
		tags[i] = UPOS(argmax(scores[:]))
	}
	return keys
}
