package actors

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// run is the state of one Match call.
type run struct {
	m      *Matcher
	s      *Scratch
	text   string
	caller []classifier.Actor
	useGaz bool
	dst    []Match
}

// walkCtx qualifies one walk of a trie. Walks take it by pointer, as it
// is larger than the registers left for arguments.
type walkCtx struct {
	units   []unit   // the text's units, or the parts of a hyphenated word
	caller  bool     // the caller's trie: no capital letter needed
	titled  bool     // after a title: persons only, title-only surnames allowed
	partial bool     // inside a hyphenated token: no neighbour guards
	gender  candFlag // after a gendered title: male or female
	prevEnd int      // units before prevEnd belong to an earlier mention
}

// hit is the best match of one walk. It starts at the unit that bestAt
// was asked about, and its trie is a flag bit, so that its four fields
// travel in registers rather than through memory.
type hit struct {
	c       int32 // candidate in the trie's cands; -1 for none
	end     int32 // units [start, end), start being bestAt's
	byteEnd int32
	flags   hitFlag
}

type hitFlag uint8

const (
	hitPossessive hitFlag = 1 << iota
	hitPlural
	hitTitled
	hitCaller // in the caller's trie, else the gazetteer's
)

// trieOf returns the trie of h.
func (r *run) trieOf(h *hit) *trie {
	if h.flags&hitCaller != 0 {
		return &r.s.caller
	}
	return &r.m.trie
}

var noHit = hit{c: -1}

// better reports whether h beats cur: longer first, then the caller's trie,
// then a match without a title.
func (h *hit) better(cur *hit) bool {
	switch {
	case h.c < 0:
		return false
	case cur.c < 0:
		return true
	case h.end != cur.end:
		return h.end > cur.end
	case (h.flags^cur.flags)&hitCaller != 0:
		return h.flags&hitCaller != 0
	}
	return h.flags&hitTitled == 0 && cur.flags&hitTitled != 0
}

// Bits of unit.roots: the unit's key (or its singular, or its key with a
// possessive suffix) labels an edge from the root of a trie.
const (
	rootGaz uint8 = 1 << iota
	rootCaller
	rootTitle
)

// Indexes of unit.root: the gazetteer trie and the caller's.
const (
	trieGaz = iota
	trieCaller
)

// setRoots sets u.roots and u.root, on a unit fresh from initUnit or
// initWord, by probing the tries.
func (r *run) setRoots(u *unit) {
	if r.useGaz && r.m.trie.mayStartUnit(u) && r.m.trie.startsWith(u, &u.root[trieGaz]) {
		u.roots |= rootGaz
	}
	if !u.possessive() && r.m.titles.mayStart(u.h) && r.m.titles.lookup(0, u.key, u.h) != 0 {
		u.roots |= rootTitle
	}
	if r.s.caller.mayStartUnit(u) {
		r.setCallerRoot(u)
	}
}

// setCallerRoot sets the rootCaller bit and root of u, which mayStartUnit
// the caller's trie.
func (r *run) setCallerRoot(u *unit) {
	if r.s.caller.startsWith(u, &u.root[trieCaller]) {
		u.roots |= rootCaller
	}
}

// mayStartUnit reports whether some path of t may start with unit u (its
// key, singular or key with possessive suffix); false is certain.
func (t *trie) mayStartUnit(u *unit) bool {
	return t.mayStart(u.h) || u.sing && t.mayStart(u.sh) || u.possessive() && t.mayStart(u.fh)
}

// startsWith reports whether some path of t starts with unit u, and sets
// *keyNode to the root's child along u's key (0 when none) for walk.
func (t *trie) startsWith(u *unit, keyNode *int32) bool {
	if t.used == 0 {
		return false
	}
	key := u.key
	if *keyNode = t.lookup(0, key, u.h); *keyNode != 0 {
		return true
	}
	if u.sing && t.lookup(0, key[:len(key)-1], u.sh) != 0 {
		return true
	}
	return u.possessive() && t.lookup(0, u.fkey, u.fh) != 0
}

// scan walks the units left to right, emitting the best match at each.
func (r *run) scan() {
	units := r.s.units
	// One context for every walk: bestAt leaves it as it found it, and
	// only prevEnd moves.
	w := walkCtx{units: units}
	for i := 0; i < len(units); {
		u := &units[i]
		if u.roots != 0 {
			if h := r.bestAt(&w, i); h.c >= 0 {
				if c := &r.trieOf(&h).cands[h.c]; c.actor != blocked && (c.via != ViaDemonym || !r.private(units, int(h.end))) {
					r.emit(units, i, &h, false)
				}
				i, w.prevEnd = int(h.end), int(h.end)
				continue
			}
		}
		if u.kind == tokenize.Word && hyphenated(u.key) {
			r.scanParts(u)
		}
		i++
	}
}

// bestAt returns the best match starting at unit i.
func (r *run) bestAt(w *walkCtx, i int) hit {
	best := noHit
	roots := w.units[i].roots
	if roots&rootGaz != 0 {
		best = r.walk(&r.m.trie, trieGaz, w, i)
	}
	if roots&rootCaller != 0 {
		w.caller = true
		if h := r.walk(&r.s.caller, trieCaller, w, i); h.better(&best) {
			best = h
		}
		w.caller = false
	}
	if roots&rootTitle != 0 && !w.partial {
		if h := r.titled(w, i); h.better(&best) {
			best = h
		}
	}
	return best
}

// titled returns the best person match after one or two titles starting at
// unit i ("President Putin", "Prime Minister Sir Keir Starmer").
func (r *run) titled(tw *walkCtx, i int) hit {
	w := *tw // qualified below for each title
	units := w.units
	var buf [8]titleEnd
	n := r.titleEnds(units, i, 0, buf[:0])
	for k, first := 0, len(n); k < first; k++ {
		n = r.titleEnds(units, n[k].end, n[k].gender, n) // a second title
	}
	best := noHit
	w.titled = true
	for _, te := range n {
		e := te.end
		if e >= len(units) {
			continue
		}
		w.gender = te.gender
		for ti, t := range [2]*trie{&r.m.trie, &r.s.caller} {
			bit := rootGaz
			if ti == trieCaller {
				bit = rootCaller
			}
			if units[e].roots&bit == 0 {
				continue
			}
			w.caller = ti == trieCaller
			h := r.walk(t, ti, &w, e)
			if h.c < 0 {
				continue
			}
			h.flags |= hitTitled
			if h.better(&best) {
				best = h
			}
		}
	}
	return best
}

// titleEnd is where a title ends, and the gender it implies.
type titleEnd struct {
	end    int
	gender candFlag
}

// titleEnds appends to ends the unit indexes just past each title starting
// at unit i, with the title's gender or else gender.
func (r *run) titleEnds(units []unit, i int, gender candFlag, ends []titleEnd) []titleEnd {
	t := &r.m.titles
	n := int32(0)
	for j := i; j < len(units) && len(ends) < cap(ends); j++ {
		u := &units[j]
		if u.possessive() {
			break
		}
		if n = t.lookup(n, u.key, u.h); n == 0 {
			break
		}
		if c := t.nodes[n].first; c >= 0 {
			g := t.cands[c].flags & genders
			if g == 0 {
				g = gender
			}
			ends = append(ends, titleEnd{end: j + 1, gender: g})
		}
	}
	return ends
}

// walk follows trie t (trieGaz or trieCaller: ti) from unit i and returns
// its longest acceptable match.
func (r *run) walk(t *trie, ti int, w *walkCtx, i int) hit {
	best := noHit
	if len(t.slots) == 0 {
		return best
	}
	var inCaller hitFlag
	if ti == trieCaller {
		inCaller = hitCaller
	}
	units := w.units
	n := int32(0)
	for j := i; j < len(units); j++ {
		u := &units[j]
		if j > i && !t.mayLeave(n, u) {
			break // every step from n below would find no child
		}
		key := u.key
		if u.sing && t.mayHave(n, u.sh) {
			if p := t.lookup(n, key[:len(key)-1], u.sh); p != 0 {
				if c := r.accept(t, p, w, i, j+1, true); c >= 0 {
					best = hit{c: c, end: int32(j + 1), byteEnd: u.end, flags: inCaller | hitPlural | possessiveFlag(u)}
				}
			}
		}
		if u.possessive() {
			if p := t.lookup(n, key, u.h); p != 0 {
				if c := r.accept(t, p, w, i, j+1, false); c >= 0 {
					best = hit{c: c, end: int32(j + 1), byteEnd: u.end, flags: inCaller | hitPossessive}
				}
			}
			// A possessive inside a name ("People's Republic of China")
			// continues along the key with its suffix.
			if n = t.lookup(n, u.fkey, u.fh); n == 0 {
				break
			}
			if c := r.accept(t, n, w, i, j+1, false); c >= 0 {
				best = hit{c: c, end: int32(j + 1), byteEnd: u.suffixEnd, flags: inCaller}
			}
			continue
		}
		if j == i {
			n = u.root[ti] // setRoots looked it up
		} else {
			n = t.lookup(n, key, u.h)
		}
		if n == 0 {
			break
		}
		if t.nodes[n].first < 0 {
			continue // on the way to a longer name: no candidate to accept
		}
		if c := r.accept(t, n, w, i, j+1, false); c >= 0 {
			best = hit{c: c, end: int32(j + 1), byteEnd: u.end, flags: inCaller}
		}
	}
	return best
}

// mayLeave reports whether an edge along unit u (its key, singular or key
// with possessive suffix) may leave node n, which is not the root; false is
// certain. It inlines, so that a walk stops at a leaf, or before a plain
// word that leaves n for sure not, without a call to lookup.
func (t *trie) mayLeave(n int32, u *unit) bool {
	kids := t.nodes[n].kids
	return kids&(1<<(u.h&63)) != 0 || kids != 0 && (u.sing || u.possessive())
}

// mayHave reports whether a key with hash h may label an edge from node n;
// false is certain. It inlines: lookup's own first test, without its call.
func (t *trie) mayHave(n int32, h uint64) bool {
	if n == 0 {
		return t.mayStart(h)
	}
	return t.nodes[n].kids&(1<<(h&63)) != 0
}

// accept returns the first candidate at node n that may match units [i,
// end), or -1.
func (r *run) accept(t *trie, n int32, w *walkCtx, i, end int, plural bool) int32 {
	units := w.units
	for ci := t.nodes[n].first; ci >= 0; ci = t.cands[ci].next {
		c := &t.cands[ci]
		switch {
		case c.actor == blocked:
			if w.titled {
				continue
			}
			return ci
		case plural && c.flags&pluralOK == 0,
			w.titled && c.flags&person == 0,
			!w.titled && c.flags&needsTitle != 0,
			w.gender != 0 && c.flags&genders != 0 && c.flags&w.gender == 0:
			continue
		case c.flags&caseSensitive != 0 && !r.exact(t, c, units, i, end):
			continue
		case !w.caller && !r.anyUpper(units, i, end):
			continue
		case c.via == ViaSurname && !w.titled && !properCase(&units[i]):
			continue
		case c.flags&guarded != 0 && !w.partial && !w.titled && r.guardRejects(units, i, end, w.prevEnd):
			continue
		case c.via == ViaSurname && w.titled && r.nameGoesOn(units, end):
			// "Sir Kim Darroch" is not Kim Jong Un.
			continue
		case c.via == ViaCapital && end-i == 1 && units[i].flags&tokenize.AllCaps != 0:
			// "WASHINGTON —" is a dateline, a place.
			continue
		case c.flags&caseSensitive != 0 && end-i == 1 && !w.partial && shouting(units, i, end):
			continue
		}
		return ci
	}
	return -1
}

func possessiveFlag(u *unit) hitFlag {
	if u.possessive() {
		return hitPossessive
	}
	return 0
}

// exact reports whether units [i, end) have the exact spelling of
// case-sensitive candidate c.
func (r *run) exact(t *trie, c *cand, units []unit, i, end int) bool {
	for k := i; k < end; k++ {
		u := &units[k]
		e := u.end
		if k < end-1 && u.possessive() {
			e = u.suffixEnd
		}
		if exactText(r.text[u.start:e]) != t.exact[int(c.exact)+k-i] {
			return false
		}
	}
	return true
}

// anyUpper reports whether units [i, end) hold a capital letter: a
// gazetteer name written all in lower case is a common word ("turkey",
// "china", "chad").
func (r *run) anyUpper(units []unit, i, end int) bool {
	for k := i; k < end; k++ {
		u := &units[k]
		if u.flags&(tokenize.Capitalized|tokenize.AllCaps) != 0 || hasUpper(r.text[u.start:u.end]) {
			return true
		}
	}
	return false
}

// properCase: a surname alone must be capitalised and not all capitals
// ("Trump", not "trump" or "XI").
func properCase(u *unit) bool {
	return u.flags&tokenize.Capitalized != 0 && u.flags&tokenize.AllCaps == 0
}

// guardRejects reports whether units [i, end) sit inside a longer
// capitalised name that is not theirs: a capitalised word before ("Jim
// Jordan", "Melania Trump") or after ("Trump Tower", "Washington Post").
// Words that start a sentence, belong to an earlier mention, are
// possessive, or that start a title, a weekday or month, or another actor's
// name do not count.
func (r *run) guardRejects(units []unit, i, end, prevEnd int) bool {
	if i > 0 && i-1 >= prevEnd {
		p := &units[i-1]
		if r.capitalWord(p) && !p.possessive() || r.isTitle(p) {
			return true // "Jim Jordan"; "Mrs. Trump" is not Donald Trump
		}
	}
	return r.nameGoesOn(units, end)
}

// nameGoesOn reports whether the name that ends before unit end goes on with
// a capitalised word ("Trump Tower").
func (r *run) nameGoesOn(units []unit, end int) bool {
	if end >= len(units) || units[end-1].possessive() {
		return false
	}
	nx := &units[end]
	return r.capitalWord(nx) && !r.startsSomething(nx)
}

// private reports whether the units from end on start a phrase of
// private.tsv ("student", "aid worker"): the demonym before them names a
// private person of that nationality, not its state ("a Chinese student",
// "a Venezuelan opposition leader"), while "Chinese officials" stays China.
func (r *run) private(units []unit, end int) bool {
	t := &r.m.private
	n := int32(0)
	for i := end; i < len(units) && i < end+maxPrivateWords; i++ {
		u := &units[i]
		if u.kind != tokenize.Word {
			return false
		}
		if n = t.lookup(n, u.key, u.h); n == 0 {
			return false
		}
		if t.nodes[n].first >= 0 {
			return true
		}
	}
	return false
}

// isTitle reports whether u alone is a title ("Mrs.", "Minister"). A
// title match would have taken the surname after it; if it did not, the
// title did not fit the person.
func (r *run) isTitle(u *unit) bool {
	if u.roots&rootTitle == 0 {
		return false
	}
	n := r.m.titles.lookup(0, u.key, u.h)
	return n != 0 && r.m.titles.nodes[n].first >= 0
}

// capitalWord: a capitalised word that does not start a sentence.
func (r *run) capitalWord(u *unit) bool {
	return u.kind == tokenize.Word && u.flags&tokenize.Capitalized != 0 && u.flags&tokenize.SentenceStart == 0
}

// startsSomething reports whether u is a weekday or month, or may start a
// title or an actor's name.
func (r *run) startsSomething(u *unit) bool {
	if u.roots != 0 {
		return true
	}
	_, ok := r.m.calendar[string(u.key)]
	return ok
}

// shouting reports whether the single unit i sits in a run of three
// all-capital words ("THIS IS BAD", "WHO ARE YOU"), where a case-sensitive
// acronym is just a shouted word.
func shouting(units []unit, i, end int) bool {
	caps := func(k int) bool {
		return k >= 0 && k < len(units) && units[k].kind == tokenize.Word && units[k].flags&tokenize.AllCaps != 0
	}
	word := func(k int) bool { return k >= 0 && k < len(units) && units[k].kind == tokenize.Word }
	switch {
	case caps(i-1) && caps(end):
		return true
	case !word(i-1) && caps(end) && caps(end+1):
		return true
	case !word(end) && caps(i-1) && caps(i-2):
		return true
	}
	return false
}

// emit appends the Match for hit h, which starts at unit start.
func (r *run) emit(units []unit, start int, h *hit, partial bool) {
	inCaller := h.flags&hitCaller != 0
	c := &r.trieOf(h).cands[h.c]
	// Grow dst and fill the new Match in place rather than append a
	// composite literal, which is built on the stack and copied. Every
	// field is set below, so the spare capacity of dst, which may hold
	// old matches, is not cleared first.
	n := len(r.dst)
	if n < cap(r.dst) {
		r.dst = r.dst[:n+1]
	} else {
		r.dst = append(r.dst, Match{})
	}
	mt := &r.dst[n]
	mt.TokStart, mt.TokEnd = int(units[start].tok), int(units[h.end-1].tok)+1
	mt.Start, mt.End = int(units[start].start), int(h.byteEnd)
	mt.Possessive, mt.Plural, mt.Partial = h.flags&hitPossessive != 0, h.flags&hitPlural != 0, partial
	mt.Via, mt.Gazetteer, mt.Caller = c.via, -1, false
	if h.flags&hitTitled != 0 {
		mt.Via = ViaTitle
	}
	ci := -1
	if inCaller {
		ci = int(c.actor)
		mt.Gazetteer = int(r.s.callerGaz[ci]) - 1
	} else {
		g := int(c.actor)
		mt.Gazetteer = g
		if m := r.s.merged[g]; m > 0 {
			ci = int(m) - 1
		} else {
			mt.Actor, mt.ID, mt.Kind = g, r.m.g.actors[g].ID, r.m.g.actors[g].Kind
		}
	}
	if ci >= 0 {
		a := &r.caller[ci]
		mt.Actor, mt.ID, mt.Kind, mt.Caller = ci, a.ID, a.Kind, true
		switch {
		case mt.Kind != classifier.KindUnspecified:
		case mt.Gazetteer >= 0:
			mt.Kind = r.m.g.actors[mt.Gazetteer].Kind
		case pluralNoun(a.Name):
			mt.Kind = classifier.KindGroup
		}
	}
}

// hyphenated reports whether the key of a Word has inner hyphens. It has
// them as '-' (keys fold ‐ and ‑ to '-'), and a word never starts with one.
// Most words are tested, and most have none, so it tests eight or four
// bytes at a time (the words of a key of four bytes or more are read with
// overlap at its end) rather than byte by byte.
func hyphenated(key []byte) bool {
	n := len(key)
	switch {
	case n >= 8:
		for i := 0; i+8 < n; i += 8 {
			if hasHyphen8(binary.LittleEndian.Uint64(key[i:])) {
				return true
			}
		}
		return hasHyphen8(binary.LittleEndian.Uint64(key[n-8:]))
	case n >= 4:
		return hasHyphen8(uint64(binary.LittleEndian.Uint32(key)) | uint64(binary.LittleEndian.Uint32(key[n-4:]))<<32)
	case n > 0:
		// The first, middle and last bytes are all of them.
		return key[0] == '-' || key[n/2] == '-' || key[n-1] == '-'
	}
	return false
}

// hasHyphen8 reports whether one of the eight bytes of x is '-': the
// classic test for a zero byte, on x with every byte xor '-'.
func hasHyphen8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x ^= '-' * ones
	return (x-ones)&^x&highs != 0
}

// scanParts matches the parts of hyphenated unit u ("Russia-Ukraine",
// "pro-Trump", "US-led") when u as a whole matched nothing.
func (r *run) scanParts(u *unit) {
	s := r.s
	s.parts = s.parts[:0]
	word := r.text[u.start:u.end]
	for off := 0; off < len(word); {
		n, sep := nextHyphen(word[off:])
		if n > 0 {
			s.parts = append(s.parts, s.partUnit(r.text, u, int32(off), int32(off+n)))
		}
		off += n + sep
	}
	if len(s.parts) < 2 {
		return
	}
	// The first part keeps the word's sentence start, the last its
	// possessive suffix.
	for k := range s.parts {
		p := &s.parts[k]
		if k > 0 {
			p.flags &^= tokenize.SentenceStart
		}
		if k < len(s.parts)-1 {
			p.flags &^= tokenize.Possessive
			p.suffixEnd = p.end
		}
	}
	parts := s.parts
	for k := range parts {
		r.setRoots(&parts[k])
	}
	w := walkCtx{units: parts, partial: true}
	for i := 0; i < len(parts); {
		if parts[i].roots != 0 {
			if h := r.bestAt(&w, i); h.c >= 0 {
				if r.trieOf(&h).cands[h.c].actor != blocked {
					r.emit(parts, i, &h, true)
				}
				i = int(h.end)
				continue
			}
		}
		i++
	}
}

// nextHyphen returns the length of s up to its first hyphen and the
// hyphen's length (0 at the end).
func nextHyphen(s string) (n, sep int) {
	for i := 0; i < len(s); {
		if s[i] == '-' {
			return i, 1
		}
		if strings.HasPrefix(s[i:], "\u2010") || strings.HasPrefix(s[i:], "\u2011") {
			return i, len("\u2010")
		}
		i++
	}
	return len(s), 0
}

// partUnit prepares the part [off, end) of hyphenated unit u.
func (s *Scratch) partUnit(text string, u *unit, off, end int32) unit {
	start := u.start + off
	t := tokenize.Token{Start: start, End: u.start + end, SuffixEnd: u.start + end, Kind: tokenize.Word}
	if u.start+end == u.end {
		t.SuffixEnd = u.suffixEnd
	}
	part := text[t.Start:t.End]
	t.Flags = u.flags & (tokenize.SentenceStart | tokenize.Possessive)
	if t.SuffixEnd == t.End {
		t.Flags &^= tokenize.Possessive
	}
	r, _ := utf8.DecodeRuneInString(part)
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		t.Flags |= tokenize.Capitalized
	}
	if allCaps(part) {
		t.Flags |= tokenize.AllCaps
	}
	var p unit
	s.initUnit(&p, text, &t, u.tok)
	return p
}

// allCaps: at least two upper-case letters and no lower-case letter.
func allCaps(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			upper++
		}
	}
	return upper >= 2
}

// pluralNoun reports whether name, a caller actor's name given without a
// kind, is a plural common noun phrase ("volunteers", "party members"): no
// capital letter and a last word in -s (not -ss, -us, -is: "press",
// "status", "crisis"). Such an actor is a group: "he" and "she" do not
// take it up ("Okoye thanked the volunteers who had campaigned for her").
// A capitalised name may be anyone's and stays of no kind.
func pluralNoun(name string) bool {
	for _, r := range name {
		if unicode.IsUpper(r) {
			return false
		}
	}
	last := name[strings.LastIndexByte(name, ' ')+1:]
	if len(last) < 4 || last[len(last)-1] != 's' {
		return false
	}
	switch last[len(last)-2] {
	case 's', 'u', 'i', '\'':
		return false
	}
	return true
}
