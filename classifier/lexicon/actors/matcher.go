package actors

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Via says which kind of surface form a mention matched.
type Via uint8

// Ways a mention can match.
const (
	// ViaName: the actor's name ("Russia", "Vladimir Putin").
	ViaName Via = iota + 1
	// ViaAlias: another name, a formal name or an abbreviation ("Russian
	// Federation", "U.S.").
	ViaAlias
	// ViaDemonym: a demonym or national adjective ("Russian troops",
	// "Russians").
	ViaDemonym
	// ViaCapital: a capital or seat of government standing for its
	// government ("Moscow", "the Kremlin", "Brussels" for the EU).
	ViaCapital
	// ViaSurname: a person's surname alone ("Putin").
	ViaSurname
	// ViaTitle: a title followed by a person's name or surname; the span
	// includes the title ("President Putin", "Mr. Lavrov").
	ViaTitle
	// ViaPronoun: a pronoun standing for a caller's person the statement
	// never names (classifier/lexicon/referent.go).
	ViaPronoun
)

// String returns "name", "alias", "demonym", "capital", "surname",
// "title" or "pronoun".
func (v Via) String() string {
	switch v {
	case ViaName:
		return "name"
	case ViaAlias:
		return "alias"
	case ViaDemonym:
		return "demonym"
	case ViaCapital:
		return "capital"
	case ViaSurname:
		return "surname"
	case ViaTitle:
		return "title"
	case ViaPronoun:
		return "pronoun"
	}
	return "unknown"
}

// Options select what Match looks for. The zero value looks for the
// gazetteer's actors and the caller's.
type Options struct {
	// DisableGazetteer looks only for the caller's actors.
	DisableGazetteer bool
}

// Match is one mention of an actor.
type Match struct {
	// ID is the actor's id: the caller's id when Caller is set, else a
	// gazetteer id.
	ID string
	// Actor indexes the caller's actors when Caller is set, else
	// Gazetteer.Actors().
	Actor int
	// Gazetteer is the index in Gazetteer.Actors() of the gazetteer actor
	// behind the mention, -1 when there is none. With Caller set it is the
	// gazetteer actor merged into the caller's.
	Gazetteer int
	// Caller: the mention is reported under one of the caller's actors,
	// matched directly or through a gazetteer actor that shares a surface
	// form with it.
	Caller bool
	// Kind is the actor's kind; for a caller's actor of unspecified kind,
	// the kind of the gazetteer actor merged into it.
	Kind classifier.ActorKind
	// TokStart and TokEnd are the token range [TokStart, TokEnd).
	TokStart, TokEnd int
	// Start and End are UTF-8 byte offsets [Start, End) into the text. A
	// possessive "'s" is outside the span.
	Start, End int
	// Possessive: the mention ends in a possessive ("Russia's").
	Possessive bool
	// Plural: the mention is a plural of the surface form ("Russians",
	// "Democrats").
	Plural bool
	// Partial: the mention is part of a hyphenated token ("Russia" in
	// "Russia-Ukraine", "Trump" in "pro-Trump"); then TokEnd == TokStart+1
	// and Start, End lie inside that token.
	Partial bool
	// Via says which kind of surface form matched.
	Via Via
}

// Matcher finds actor mentions in tokenized text with one token trie over
// the whole gazetteer. It is immutable and safe for concurrent use.
type Matcher struct {
	g      *Gazetteer
	trie   trie // gazetteer actors and blocked phrases
	titles trie
	// private holds the phrases of private.tsv: after a demonym they name
	// a private person, and the demonym is no mention ("a Chinese student").
	private trie
	// calendar holds the keys of weekdays and months, which may follow a
	// guarded name ("Putin Tuesday", "Washington in May").
	calendar map[string]struct{}
	pool     sync.Pool
}

// NewMatcher compiles g. With a nil g the Matcher finds only the caller's
// actors, and no titles.
func NewMatcher(g *Gazetteer) *Matcher {
	m := &Matcher{g: g, calendar: map[string]struct{}{}}
	m.trie.reset()
	m.titles.reset()
	m.private.reset()
	for _, w := range calendarWords {
		m.calendar[w] = struct{}{}
	}
	if g == nil {
		return m
	}
	for i := range g.entries {
		for _, fm := range g.entries[i].forms {
			m.trie.insert(fm, int32(i))
		}
	}
	for _, fm := range g.blocked {
		m.trie.insert(fm, blocked)
	}
	for _, fm := range g.titles {
		m.titles.insert(fm, 0)
	}
	for _, fm := range g.private {
		m.private.insert(fm, 0)
	}
	return m
}

var calendarWords = []string{
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

// insert adds the path of fm's keys, ending in a candidate for actor.
func (t *trie) insert(fm form, actor int32) {
	n := int32(0)
	for _, k := range fm.keys {
		kb := []byte(k)
		n = t.child(n, kb, keyHash(kb))
	}
	c := cand{actor: actor, via: fm.via, flags: fm.flags, exact: -1}
	if fm.flags&caseSensitive != 0 {
		c.exact = int32(len(t.exact))
		t.exact = append(t.exact, fm.exact...)
	}
	t.addCand(n, c)
}

// Scratch holds the buffers of Match calls, reused from one call to the
// next so that a warm call allocates nothing. The zero value is ready to
// use. A Scratch must not be used by two calls at once.
type Scratch struct {
	units  []unit
	parts  []unit
	buf    []byte // unit keys
	caller trie
	ftoks  []tokenize.Token
	fbuf   []byte
	// merged[g] is 1 + the caller actor that gazetteer actor g merges
	// into, or 0; touched lists the g set in this call.
	merged  []int32
	touched []int32
	// callerGaz[c] is 1 + the first gazetteer actor merged into caller
	// actor c, or 0.
	callerGaz []int32
	// The caller actors s.caller was compiled from, to reuse it while
	// they stay the same (the request-level actors of a batch): their
	// kinds and forms, copied so that a caller who edits its slices in
	// place is not misled. lastForms holds the aliases of every last.
	last        []lastActor
	lastForms   []string
	lastMatcher *Matcher
	lastUseGaz  bool
}

// lastActor is a copy of the fields of a caller actor that s.caller was
// compiled from.
type lastActor struct {
	name    string
	aliases []string // in Scratch.lastForms
	kind    classifier.ActorKind
}

// sameCaller reports whether caller and useGaz are those s.caller was last
// compiled from by m.
func (s *Scratch) sameCaller(m *Matcher, caller []classifier.Actor, useGaz bool) bool {
	if s.lastMatcher != m || s.lastUseGaz != useGaz || len(caller) != len(s.last) {
		return false
	}
	last := s.last[:len(caller)] // one bounds check for the loop
	for i := range caller {
		a, l := &caller[i], &last[i]
		if a.Kind != l.kind || a.Name != l.name || !slices.Equal(a.Aliases, l.aliases) {
			return false
		}
	}
	return true
}

// rememberCaller records what s.caller was compiled from.
func (s *Scratch) rememberCaller(m *Matcher, caller []classifier.Actor, useGaz bool) {
	s.lastMatcher, s.lastUseGaz = m, useGaz
	s.last, s.lastForms = s.last[:0], s.lastForms[:0]
	for i := range caller {
		s.lastForms = append(s.lastForms, caller[i].Aliases...)
	}
	// Sliced once lastForms is complete, as its appends may move it.
	k := 0
	for i := range caller {
		a := &caller[i]
		n := len(a.Aliases)
		s.last = append(s.last, lastActor{name: a.Name, aliases: s.lastForms[k : k+n : k+n], kind: a.Kind})
		k += n
	}
}

// unit is one token (or one part of a hyphenated token) prepared for
// matching: its key and the key's hashes.
type unit struct {
	// key is the unit's key, in Scratch.buf or in the caller's
	// tokenize.Folded; fkey, for a possessive only, the key of its text
	// with the suffix. Neither is modified once set. fkey and fh are set,
	// and read, for a possessive only.
	key, fkey             []byte
	h, fh, sh             uint64
	start, end, suffixEnd int32
	tok                   int32
	// root[trieGaz] and root[trieCaller]: the child of the trie's root
	// along the key, or 0; set by setRoots when the bit is in roots.
	root  [2]int32
	kind  tokenize.Kind
	flags tokenize.Flag
	sing  bool  // sh is the hash of the key without its plural "s"
	roots uint8 // rootGaz, rootCaller, rootTitle
}

func (u *unit) possessive() bool { return u.flags&tokenize.Possessive != 0 }

// Match appends to dst the actor mentions in text, in text order, and
// returns the extended slice. toks are the tokens of text from
// tokenize.Tokenize; caller are the statement's own actors, which win over
// gazetteer actors (see the package comment). At each token the longest
// match wins; at equal length a caller's actor wins, then the earlier caller
// actor. Mentions never overlap.
//
// s holds reusable buffers; with a nil s, Match takes one from an internal
// pool.
func (m *Matcher) Match(dst []Match, text string, toks []tokenize.Token, caller []classifier.Actor, opts Options, s *Scratch) []Match {
	return m.MatchFolded(dst, text, toks, nil, nil, caller, opts, s)
}

// MatchFolded is Match with the lookup forms of toks already computed
// (tokenize.Folded.Reset), shared with other stages, so that their Word and
// Emoji tokens are not folded again, and optionally with the Roots of each
// Word and Emoji token's form, looked up with the other lexicons' words, so
// that the gazetteer is not probed for them. A nil folded folds the tokens
// here, and nil roots probes; the result is the same. roots[i] must be
// m.Roots(folded.At(i)) for every Word and Emoji token i, or the zero Roots
// when its form is not one of m.RootForms().
func (m *Matcher) MatchFolded(dst []Match, text string, toks []tokenize.Token, folded *tokenize.Folded, roots []Roots, caller []classifier.Actor, opts Options, s *Scratch) []Match {
	if s == nil {
		s, _ = m.pool.Get().(*Scratch)
		if s == nil {
			s = new(Scratch)
		}
		defer m.pool.Put(s)
	}
	useGaz := m.g != nil && !opts.DisableGazetteer
	if !s.sameCaller(m, caller, useGaz) {
		m.prepareCaller(s, caller, useGaz)
	}
	s.buf = s.buf[:0]
	s.units = slices.Grow(s.units[:0], len(toks))[:len(toks)]
	if folded != nil && folded.Len() != len(toks) {
		folded = nil // not the forms of toks
	}
	if folded == nil || len(roots) != len(toks) {
		roots = nil
	}
	r := run{m: m, s: s, text: text, caller: caller, useGaz: useGaz, dst: dst}
	r.prepare(toks, folded, roots)
	r.scan()
	return r.dst
}

// prepare fills r.s.units from toks, with their roots: a Word or Emoji
// token from its form in folded (when not nil) and its Roots (when roots is
// not nil), any other token from text.
func (r *run) prepare(toks []tokenize.Token, folded *tokenize.Folded, roots []Roots) {
	if roots != nil {
		r.prepareWithRoots(toks, folded, roots)
		return
	}
	s, units, text := r.s, r.s.units[:len(toks)], r.text
	for k := range toks {
		u, t := &units[k], &toks[k]
		if folded == nil || !isWord(t, text) {
			s.initUnit(u, text, t, int32(k))
		} else {
			newUnit(u, t, int32(k))
			u.setWordKey(folded.At(k), folded.Hash(k))
			if u.possessive() {
				s.setFullKey(u, text)
			}
		}
		r.setRoots(u)
	}
}

// prepareWithRoots is prepare with the Roots of the Word and Emoji tokens
// (MatchFolded has roots only with folded, and as many as toks). Most tokens start nothing and are no possessive, so their case costs no
// call and no probe of a trie, and each field of their unit is written
// once.
func (r *run) prepareWithRoots(toks []tokenize.Token, folded *tokenize.Folded, roots []Roots) {
	s, units, text := r.s, r.s.units[:len(toks)], r.text
	caller := &s.caller
	roots = roots[:len(toks)]
	for k := range toks {
		u, t := &units[k], &toks[k]
		if !isWord(t, text) {
			s.initUnit(u, text, t, int32(k))
			r.setRoots(u)
			continue
		}
		key, foldHash := wordKey(folded.At(k), folded.Hash(k))
		h, sing, sh := mix64(foldHash), false, uint64(0)
		if t.Kind == tokenize.Word && isPlural(key) {
			sing, sh = true, mix64(foldHashUndo(foldHash, 's'))
		}
		pr := roots[k]
		bits, gazRoot := pr.bits, pr.gaz
		if !r.useGaz {
			bits, gazRoot = bits&^rootGaz, 0
		}
		u.key, u.h, u.sh = key, h, sh
		u.start, u.end, u.suffixEnd, u.tok = t.Start, t.End, t.SuffixEnd, int32(k)
		u.root = [2]int32{gazRoot, 0}
		u.kind, u.flags, u.sing, u.roots = t.Kind, t.Flags, sing, bits
		if t.Flags&tokenize.Possessive != 0 {
			r.setPossessive(u)
		}
		// caller.mayStartUnit(u), with its common case inlined.
		if caller.mayStart(h) || (sing || u.possessive()) && caller.mayStartUnit(u) {
			r.setCallerRoot(u)
		}
	}
}

// setPossessive completes a possessive Word unit whose roots come from the
// Roots of its key: its key with the suffix, which may also start a
// gazetteer name, and no title (a title is never possessive).
func (r *run) setPossessive(u *unit) {
	r.s.setFullKey(u, r.text)
	u.roots &^= rootTitle
	if r.useGaz && u.roots&rootGaz == 0 && r.m.trie.mayStart(u.fh) && r.m.trie.lookup(0, u.fkey, u.fh) != 0 {
		u.roots |= rootGaz
	}
}

// isWord reports whether t is a Word or Emoji token whose offsets fit text:
// its key is its lookup form.
func isWord(t *tokenize.Token, text string) bool {
	return (t.Kind == tokenize.Word || t.Kind == tokenize.Emoji) && fits(t, text)
}

// fits reports whether the offsets of t lie in order inside text: 0 <=
// Start <= End <= SuffixEnd <= len(text). Compared as unsigned, a negative
// offset is larger than any in the text, so three tests do.
func fits(t *tokenize.Token, text string) bool {
	return uint32(t.Start) <= uint32(t.End) && uint32(t.End) <= uint32(t.SuffixEnd) && uint(t.SuffixEnd) <= uint(len(text))
}

// newUnit resets u to token k, t, with no key yet.
func newUnit(u *unit, t *tokenize.Token, k int32) {
	*u = unit{}
	u.start, u.end, u.suffixEnd, u.tok = t.Start, t.End, t.SuffixEnd, k
	u.kind, u.flags = t.Kind, t.Flags
}

// initUnit prepares token k in u from text. A token whose offsets do not
// fit text gets an empty key, which no surface form has.
func (s *Scratch) initUnit(u *unit, text string, t *tokenize.Token, k int32) {
	newUnit(u, t, k)
	if !fits(t, text) {
		u.kind, u.flags = 0, 0
		u.end, u.suffixEnd = u.start, u.start
		return // empty key, which no surface form has
	}
	start := len(s.buf)
	if t.End == t.Start+1 && text[t.Start] < utf8.RuneSelf {
		// One ASCII byte, as most punctuation: appendKey only lowers
		// it, and its hash needs no loop.
		c := text[t.Start]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		s.buf = append(s.buf, c)
		u.key = s.buf[start:len(s.buf):len(s.buf)]
		u.h = mix64((tokenize.FoldBasis() ^ uint64(c)) * tokenize.FoldPrime)
	} else {
		s.buf = appendKey(s.buf, text[t.Start:t.End])
		u.key = s.buf[start:len(s.buf):len(s.buf)]
		var prefix uint64
		u.h, prefix = keyHashes(u.key)
		if t.Kind == tokenize.Word && isPlural(u.key) {
			u.sing, u.sh = true, mix64(prefix)
		}
	}
	if u.possessive() {
		s.setFullKey(u, text)
	}
}

// setWordKey sets the key of a Word or Emoji unit from its lookup form
// (see wordKey).
func (u *unit) setWordKey(form []byte, foldHash uint64) {
	form, foldHash = wordKey(form, foldHash)
	u.key, u.h = form, mix64(foldHash)
	if u.kind == tokenize.Word && isPlural(form) {
		u.sing, u.sh = true, mix64(foldHashUndo(foldHash, 's'))
	}
}

// wordKey returns the key of a Word or Emoji token and its
// tokenize.FoldHash from its lookup form (tokenize.AppendLower) and the
// form's hash, without going over its bytes again. The key is the form
// without a final dot: such tokens hold no ‘, the one rune appendKey folds
// differently.
func wordKey(form []byte, foldHash uint64) ([]byte, uint64) {
	if n := len(form); n > 1 && form[n-1] == '.' {
		return form[:n-1], foldHashUndo(foldHash, '.')
	}
	return form, foldHash
}

// isPlural reports whether key may be a plural in "s" whose singular is key
// without it ("russians", not "bus" or "congress").
func isPlural(key []byte) bool {
	n := len(key)
	return n >= 4 && key[n-1] == 's' && key[n-2] != 's'
}

// setFullKey sets the key with its suffix of a possessive unit u.
func (s *Scratch) setFullKey(u *unit, text string) {
	start := len(s.buf)
	s.buf = appendKey(s.buf, text[u.start:u.suffixEnd])
	u.fkey = s.buf[start:len(s.buf):len(s.buf)]
	u.fh = keyHash(u.fkey)
}

// Roots are where the lookup form of a Word or Emoji token leads from the
// roots of the gazetteer's tries. A caller that looks its words up in a
// vocabulary anyway keeps them there (see Matcher.Roots, Matcher.RootForms)
// and hands them to MatchFolded, which then probes no gazetteer trie for
// the first word of a mention.
type Roots struct {
	gaz int32 // child of the gazetteer trie's root along the key, or 0
	// bits has rootGaz when the key, or the key without its plural "s",
	// labels an edge from the gazetteer trie's root, and rootTitle when
	// the key labels one from the titles trie's: a unit's roots but for
	// the caller's trie and possessives.
	bits uint8
}

// IsZero reports whether r leads nowhere: the form starts no surface form,
// plural or title.
func (r Roots) IsZero() bool { return r == Roots{} }

// Roots returns the Roots of a lookup form (tokenize.AppendLower of a Word or
// Emoji token).
func (m *Matcher) Roots(form []byte) Roots {
	var u unit
	newUnit(&u, &tokenize.Token{End: int32(len(form)), SuffixEnd: int32(len(form)), Kind: tokenize.Word}, 0)
	u.setWordKey(form, tokenize.FoldHash(form))
	var r Roots
	r.gaz = m.trie.lookup(0, u.key, u.h)
	if r.gaz != 0 || u.sing && m.trie.lookup(0, u.key[:len(u.key)-1], u.sh) != 0 {
		r.bits |= rootGaz
	}
	if m.titles.lookup(0, u.key, u.h) != 0 {
		r.bits |= rootTitle
	}
	return r
}

// RootForms returns every lookup form without a final dot whose Roots are
// not zero, in no particular order: the root keys of the gazetteer and title
// tries, and for the gazetteer with a plural "s". A form X+"." (two bytes
// or more) has the Roots of X when X has no final dot, and zero Roots when
// it has one (no key of two bytes or more ends in a dot).
func (m *Matcher) RootForms() []string {
	var out []string
	for _, t := range [2]*trie{&m.trie, &m.titles} {
		for _, sl := range t.slots {
			if sl.gen != t.gen || sl.parent != 0 {
				continue
			}
			k := string(t.keys[sl.koff : sl.koff+sl.klen])
			out = append(out, k)
			if t == &m.trie && len(k) >= 3 && k[len(k)-1] != 's' {
				out = append(out, k+"s")
			}
		}
	}
	return out
}

// prepareCaller compiles the caller's actors into s.caller and finds the
// gazetteer actors that share a surface form with them. MatchFolded calls
// it only when sameCaller fails, which most calls (a batch's request-level
// actors) do not, so that they make one call fewer.
func (m *Matcher) prepareCaller(s *Scratch, caller []classifier.Actor, useGaz bool) {
	s.rememberCaller(m, caller, useGaz)
	for _, g := range s.touched {
		s.merged[g] = 0
	}
	s.touched = s.touched[:0]
	if useGaz && len(s.merged) != len(m.g.actors) {
		s.merged = make([]int32, len(m.g.actors))
	}
	if cap(s.callerGaz) < len(caller) {
		s.callerGaz = make([]int32, len(caller))
	}
	s.callerGaz = s.callerGaz[:len(caller)]
	clear(s.callerGaz)
	s.caller.reset()
	for ci := range caller {
		a := &caller[ci]
		flags := pluralOK
		switch a.Kind {
		case classifier.KindPerson:
			flags = person
		case classifier.KindUnspecified:
			flags |= person
		}
		m.addCallerForm(s, int32(ci), a.Name, ViaName, flags, useGaz)
		for _, al := range a.Aliases {
			m.addCallerForm(s, int32(ci), al, ViaAlias, flags, useGaz)
		}
	}
}

// addCallerForm adds one surface form of caller actor ci. A single
// all-capital token of at most three letters ("US", "WHO", "EU") is
// case-sensitive, as an acronym that is also a common word would otherwise
// match that word.
func (m *Matcher) addCallerForm(s *Scratch, ci int32, text string, via Via, flags candFlag, useGaz bool) {
	s.ftoks = tokenize.Tokenize(text, s.ftoks[:0])
	if len(s.ftoks) == 0 {
		return
	}
	if len(s.ftoks) == 1 && s.ftoks[0].Has(tokenize.AllCaps) && len(exactText(s.ftoks[0].Text(text))) <= 3 {
		flags |= caseSensitive
	}
	t := &s.caller
	c := cand{actor: ci, via: via, flags: flags, exact: -1}
	if flags&caseSensitive != 0 {
		c.exact = int32(len(t.exact))
	}
	n, gn := int32(0), int32(0)
	for _, tk := range s.ftoks {
		raw := tk.Text(text)
		if tk.Has(tokenize.Possessive) {
			raw = tk.FullText(text)
		}
		s.fbuf = appendKey(s.fbuf[:0], raw)
		h := keyHash(s.fbuf)
		n = t.child(n, s.fbuf, h)
		if useGaz && gn >= 0 {
			if gn = m.trie.lookup(gn, s.fbuf, h); gn == 0 {
				gn = -1
			}
		}
		if flags&caseSensitive != 0 {
			t.exact = append(t.exact, exactText(raw))
		}
	}
	t.addCand(n, c)
	if !useGaz || gn <= 0 {
		return
	}
	for gi := m.trie.nodes[gn].first; gi >= 0; gi = m.trie.cands[gi].next {
		gc := &m.trie.cands[gi]
		if gc.actor == blocked || (gc.flags&caseSensitive != 0 && !m.sameExact(gc, s, text)) {
			continue
		}
		if s.merged[gc.actor] == 0 {
			s.merged[gc.actor] = ci + 1
			s.touched = append(s.touched, gc.actor)
		}
		if s.callerGaz[ci] == 0 {
			s.callerGaz[ci] = gc.actor + 1
		}
	}
}

// sameExact reports whether the caller's form, text tokenized in s.ftoks,
// has the exact spelling of case-sensitive gazetteer candidate c, whose
// path has as many tokens.
func (m *Matcher) sameExact(c *cand, s *Scratch, text string) bool {
	for k, tk := range s.ftoks {
		raw := tk.Text(text)
		if tk.Has(tokenize.Possessive) {
			raw = tk.FullText(text)
		}
		if exactText(raw) != m.trie.exact[int(c.exact)+k] {
			return false
		}
	}
	return true
}
