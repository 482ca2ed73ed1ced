package sentiment

import (
	"math"
	"strings"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Rule constants from VADER (Hutto & Gilbert 2014) unless noted.
const (
	// window is how many tokens before a cue negators and boosters reach.
	window = 3
	// capsIncr is added to the magnitude of a cue written in capitals in
	// mixed-case text.
	capsIncr = 0.733
	// butBefore and butAfter weigh cues before and after "but".
	butBefore, butAfter = 0.5, 1.5
	// concessiveWeight weighs cues in an "although"/"despite" clause (ours).
	concessiveWeight = 0.5
	// exclaimIncr is added per "!" (at most maxExclaim) to the sentence sum.
	exclaimIncr, maxExclaim = 0.292, 4
	// questionIncr is added per "?" when there are several, at most
	// maxQuestionIncr in all.
	questionIncr, maxQuestionIncr = 0.18, 0.96
	// questionWeight damps a plain question: it asks, it does not assert
	// (ours; VADER leaves a single "?" alone).
	questionWeight = 0.5
	// normAlpha normalises the sentence sum into (-1, 1):
	// sum / sqrt(sum² + normAlpha).
	normAlpha = 15
)

// boosterDecay weighs a booster at distance 1, 2, 3 from its cue.
var boosterDecay = [window]float32{1, 0.95, 0.9}

// Rule is a set of rules that changed a cue's valence (Hit.Rules) or a
// sentence's sum (Result.Rules).
type Rule uint16

// Rules. String gives their names, as used in evidence.
const (
	// RuleNegated: a negator up to three tokens before the cue ("not",
	// "never", "n't", "lack of") scaled it, usually flipping its sign.
	RuleNegated Rule = 1 << iota
	// RuleBoosted: an intensifier before the cue ("very") raised its
	// magnitude.
	RuleBoosted
	// RuleDampened: a dampener before the cue ("slightly") lowered it.
	RuleDampened
	// RuleCaps: the cue is in capitals in text that is not all capitals.
	RuleCaps
	// RuleBeforeBut: the cue comes before "but" or "however" (x0.5).
	RuleBeforeBut
	// RuleAfterBut: the cue comes after "but" or "however" (x1.5).
	RuleAfterBut
	// RuleConcessive: the cue is in an "although" or "despite" clause
	// (x0.5).
	RuleConcessive
	// RuleIdiom: the cue is an idiom from idioms.tsv ("no problem").
	RuleIdiom
	// RuleEmphasis: "!" or "??" raised the sentence's magnitude.
	RuleEmphasis
	// RuleQuestion: the sentence is a question; its sum was halved.
	RuleQuestion
)

var ruleNames = [...]string{"negated", "boosted", "dampened", "caps", "before-but", "after-but",
	"concessive", "idiom", "emphasis", "question"}

// String returns the rule's name ("negated"), names joined by "+" for
// several ("negated+boosted"), or "lexicon" for none. It allocates only for
// several rules.
func (r Rule) String() string {
	if r == 0 {
		return "lexicon"
	}
	if r&(r-1) == 0 {
		for i, n := range ruleNames {
			if r == 1<<i {
				return n
			}
		}
	}
	var b strings.Builder
	for i, n := range ruleNames {
		if r&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(n)
		}
	}
	if rest := r &^ (1<<len(ruleNames) - 1); rest != 0 || b.Len() == 0 {
		return "Rule(?)"
	}
	return b.String()
}

// Has reports whether all of f's rules are in r.
func (r Rule) Has(f Rule) bool { return r&f == f }

// Hit is one sentiment cue found by Score.
type Hit struct {
	// Token is the index, in the token slice given to Score, of the cue's
	// first token; Len is how many tokens it covers (> 1 for phrases).
	// The cue's text is text[toks[Token].Start:toks[Token+Len-1].End].
	Token, Len int32
	// Base is the cue's valence in the lexicon, in [-MaxValence,
	// MaxValence].
	Base float32
	// Valence is the cue's contribution after negation, boosters, caps
	// and contrast (about [-6, 6]); sentence rules (Result.Rules) are not
	// in it.
	Valence float32
	// Rules are the rules that changed Base into Valence.
	Rules Rule
}

// Result is the sentiment of one sentence or clause.
type Result struct {
	// Score is in [-1, 1]: the sum of hit valences, with sentence rules
	// applied, normalised like VADER's compound.
	Score float32
	// Pos and Neg are the sums of the positive and of the (absolute)
	// negative hit valences, >= 0, on the lexicon's scale.
	Pos, Neg float32
	// Magnitude is (Pos+Neg)/MaxValence, >= 0: the strength of all evidence,
	// in units of the strongest lexicon entry.
	Magnitude float32
	// Words is the number of Word tokens scored, and of Emoji tokens the
	// lexicon rates; Aggregate skips results without words.
	Words int32
	// Rules are the sentence rules applied: RuleEmphasis, RuleQuestion.
	Rules Rule
	// Hits are the cues in text order. They live in the Scratch passed to
	// Score and are overwritten by its next use.
	Hits []Hit
}

// Scratch holds Score's working memory. Reuse one per goroutine to score
// without allocating; the zero value is ready to use. It must not be used
// concurrently.
type Scratch struct {
	// folded and heads are Score's lookup forms and Head results of its
	// range (ScoreText takes them from its Text).
	folded tokenize.Folded
	heads  []int32
	units  []unit
	hits   []Hit
}

// unit is one matched lexicon entry, covering tokens [start, start+n).
type unit struct {
	start, n int32
	e        *entry // in the Lexicon
	// mods are the boosters and negators within window tokens before the
	// unit, nearest first; found for units that may be cues only.
	mods  [window]prior
	nmods uint8
	caps  bool // every token is AllCaps
	used  bool // a negator that negated a cue
	// conceded: the unit lies in a clause opened by a concessive marker.
	conceded bool
	// listPrev is the cue unit before this one in a coordinated list
	// ("not smart, handsome, nor funny"), or -1; negBy is the negator
	// unit that negated this cue, or -1 (see listLink).
	listPrev, negBy int32
}

// prior is a unit within a cue's window, at distance d (1..window).
type prior struct {
	unit, d int32
}

// mayBeCue reports whether an entry contributes a valence of its own unless
// it is a negator that negates a cue.
func (e *entry) mayBeCue() bool {
	switch e.role {
	case roleValence, roleIdiom, roleNegator:
		return e.hasValence
	}
	return false
}

// isCue reports whether u contributes a valence of its own.
func (u *unit) isCue() bool {
	return u.e.mayBeCue() && !(u.e.role == roleNegator && u.used)
}

// Score scores tokens [from, to) of toks, the tokens of text (one sentence
// or clause; a range of several sentences is scored as one). Out-of-range
// bounds are clamped. buf may be nil, at the cost of allocating one; with a
// reused buf Score allocates nothing once buf has grown. Result.Hits is
// valid until buf's next use.
func (l *Lexicon) Score(text string, toks []tokenize.Token, from, to int, buf *Scratch) Result {
	from, to = max(from, 0), min(to, len(toks))
	if l == nil || from >= to {
		return Result{}
	}
	if buf == nil {
		buf = new(Scratch)
	}
	// Fold and look up the range's words as a Text would hold them.
	buf.folded.Clear()
	buf.heads = buf.heads[:0]
	for _, t := range toks[from:to] {
		w, _ := buf.folded.Append(text, t)
		h := int32(-1)
		if t.Kind == tokenize.Word || t.Kind == tokenize.Emoji {
			h = l.Head(w)
		}
		buf.heads = append(buf.heads, h)
	}
	return l.score(text, toks, &buf.folded, buf.heads, from, from, to, buf)
}

// Text is a tokenized text prepared once for scoring several ranges of it
// (the sentences of a statement): every token's lookup form, shared with the
// other stages, and its lexicon entry, looked up once.
type Text struct {
	Text string
	Toks []tokenize.Token
	// Folded holds the lookup forms of Toks (tokenize.Folded.Reset).
	Folded *tokenize.Folded
	// Heads[i] is Head of token i's folded form: -1 for none, and for
	// tokens that are neither Word nor Emoji.
	Heads []int32
}

// ScoreText is Score over a prepared text: it folds and looks up nothing
// itself. The result is the same as Score's on t.Text and t.Toks.
func (l *Lexicon) ScoreText(t *Text, from, to int, buf *Scratch) Result {
	from, to = max(from, 0), min(to, len(t.Toks))
	if l == nil || from >= to {
		return Result{}
	}
	if buf == nil {
		buf = new(Scratch)
	}
	return l.score(t.Text, t.Toks, t.Folded, t.Heads, 0, from, to, buf)
}

// Lookup returns the index of the entries that start with the folded word
// w (folded by tokenize.AppendLower), for Text.Heads, or -1 when none does.
// Words that match only a suffix pattern ("*n't") have none.
func (l *Lexicon) Lookup(w []byte) int32 {
	if i, ok := l.heads[string(w)]; ok {
		return i
	}
	return -1
}

// Head is the entry index a Text holds for the folded word w: Lookup's,
// or for a word Lookup does not know, LookupLoose's ("goood" is "good").
func (l *Lexicon) Head(w []byte) int32 {
	if h := l.Lookup(w); h >= 0 {
		return h
	}
	return l.LookupLoose(w)
}

// Terms returns every word Lookup knows, in no particular order.
func (l *Lexicon) Terms() []string {
	out := make([]string, 0, len(l.heads))
	for w := range l.heads {
		out = append(out, w)
	}
	return out
}

// score scores the non-empty range [from, to) of toks; forms and heads hold
// the lookup forms and Head results of token i at index i-off.
func (l *Lexicon) score(text string, toks []tokenize.Token, forms *tokenize.Folded, heads []int32, off, from, to int, buf *Scratch) Result {
	buf.units = buf.units[:0]
	buf.hits = buf.hits[:0]
	sc := scorer{l: l, text: text, toks: toks, forms: forms, heads: heads, off: off, from: from, to: to, s: buf}
	sc.match()
	if sc.valuedNegators {
		sc.markNegators()
	}
	return sc.score()
}

// scorer holds the state of one Score call.
type scorer struct {
	l        *Lexicon
	text     string
	toks     []tokenize.Token
	forms    *tokenize.Folded // lookup forms of token i at i-off
	heads    []int32          // Head of token i at i-off
	off      int
	from, to int
	s        *Scratch

	words    int32
	exclaim  int // "!" marks
	question int // "?" marks
	lastBut  int // token index of the last "but" marker, or -1

	// seg is the first token a window may reach: windows stop at
	// punctuation and at contrast markers.
	seg int
	// lastMod is the index of the last booster or negator unit, or -1.
	lastMod int
	// valuedNegators: some negator unit has a valence of its own, which
	// counts only if it negates nothing (markNegators).
	valuedNegators bool

	// Case facts of the range, found on first use (caseFacts): most
	// sentences never need them.
	cased   bool
	capDiff bool // some words in capitals, some not: capitals emphasise
	names   bool // capitalised words mid-sentence are names (not title case)
}

// word returns the folded text of absolute token i (empty for non-words).
func (sc *scorer) word(i int) []byte { return sc.forms.At(i - sc.off) }

// match finds the lexicon entries of the range, left to right, longest
// phrase first (a token belongs to at most one unit), and collects the
// sentence facts on the way.
func (sc *scorer) match() {
	sc.lastBut, sc.lastMod, sc.seg = -1, -1, sc.from
	toks, heads := sc.toks[:sc.to], sc.heads[:sc.to-sc.off]
	// clauseOpen: no token but quote marks since the range's start or the
	// last punctuation.
	clauseOpen, conceding := true, false
	for i := sc.from; i < len(toks); {
		t := &toks[i]
		switch t.Kind {
		case tokenize.Word:
			sc.words++
		case tokenize.Emoji:
			if heads[i-sc.off] >= 0 {
				sc.words++ // an emoji the lexicon rates reads as a word
			}
		case tokenize.Punct:
			sc.countMarks(sc.text[t.Start:t.End])
			clauseOpen, conceding, sc.seg = true, false, i+1
			i++
			continue
		case tokenize.Quote:
			i++
			continue
		default:
			clauseOpen = false
			if c := sc.text[t.Start]; c == '#' || c == '@' {
				// A hashtag or handle is a unit of its own: the
				// "Never" of "#NeverTrump #DumpTrump" does not negate
				// the next tag's "Dump".
				sc.seg = i + 1
			}
			i++
			continue
		}
		afterStop := clauseOpen
		clauseOpen = false
		n := 1
		var e *entry
		if h := heads[i-sc.off]; h >= 0 {
			n, e = sc.headEntry(i, &sc.l.list[h])
		} else {
			// Most words: no entry, unless a suffix pattern matches.
			e = sc.l.suffix(sc.word(i))
		}
		if e == nil || !sc.applies(i, n, e, afterStop) {
			i++
			continue
		}
		sc.addUnit(i, n, e, conceding)
		if e.contrast == contrastConcessive {
			// Its clause runs to the next punctuation.
			conceding = true
		}
		i += n
	}
}

// headEntry returns the entry starting at word i, whose head is hd, and how
// many tokens it covers: the longest phrase that matches, else the word's
// own entry (nil for none).
func (sc *scorer) headEntry(i int, hd *head) (int, *entry) {
	for k := range hd.phrases {
		if p := &hd.phrases[k]; sc.matchRest(i, p.rest) {
			return 1 + len(p.rest), &p.e
		}
	}
	if hd.e.role == roleNone {
		return 1, nil
	}
	return 1, &hd.e
}

// matchRest reports whether the words after token i are rest.
func (sc *scorer) matchRest(i int, rest []string) bool {
	if i+len(rest) >= sc.to {
		return false
	}
	for k, w := range rest {
		j := i + 1 + k
		if kind := sc.toks[j].Kind; (kind != tokenize.Word && kind != tokenize.Emoji) || string(sc.word(j)) != w {
			return false
		}
	}
	return true
}

// applies reports whether entry e, matched at tokens [i, i+n), takes its role
// here; afterStop says whether only quote marks come between the range's
// start or the last punctuation and token i.
func (sc *scorer) applies(i, n int, e *entry, afterStop bool) bool {
	switch e.role {
	case roleNone:
		return false
	case roleContrast:
		// Only at a clause start.
		return e.contrast != contrastButInitial || afterStop || sc.toks[i].Flags&tokenize.SentenceStart != 0
	case roleValence:
		return n > 1 || !sc.inName(i)
	}
	return true
}

// addUnit records entry e matched at tokens [i, i+n).
func (sc *scorer) addUnit(i, n int, e *entry, conceded bool) {
	sc.s.units = append(sc.s.units, unit{})
	u := &sc.s.units[len(sc.s.units)-1]
	u.start, u.n, u.e, u.caps, u.conceded = int32(i), int32(n), e, true, conceded
	u.listPrev, u.negBy = -1, -1
	if e.mayBeCue() {
		u.listPrev = sc.listLink(i, n)
	}
	for k := i; k < i+n; k++ {
		t := &sc.toks[k]
		u.caps = u.caps && t.Has(tokenize.AllCaps)
		if k > i && t.Kind == tokenize.Word {
			sc.words++ // match skips the phrase's other words
		}
	}
	// Only boosters and negators act on a cue; none can reach it across
	// the window's barrier.
	if e.mayBeCue() && sc.lastMod >= 0 && int(sc.s.units[sc.lastMod].start) >= sc.seg {
		u.nmods = sc.window(i, &u.mods)
	}
	switch e.role {
	case roleBooster:
		sc.lastMod = len(sc.s.units) - 1
	case roleNegator:
		sc.lastMod = len(sc.s.units) - 1
		sc.valuedNegators = sc.valuedNegators || e.hasValence
	case roleContrast:
		sc.seg = i + n
		if e.contrast == contrastBut || e.contrast == contrastButInitial {
			sc.lastBut = i
		}
	}
}

// listLink returns the index of the cue unit that the cue at tokens
// [i, i+n), about to be added as the last unit, follows in a coordinated
// list of cues, or -1: the cues are separated by a comma, a comma and a
// coordinator, or "or"/"nor" ("smart, handsome, nor funny"), with at most
// one booster before this cue. A link made by a comma alone counts only when
// the list goes on after this cue (a comma or coordinator follows), so that
// "did not win, lost badly" is two clauses. Bare "and" makes no link: "not
// rich and happy" is ambiguous.
func (sc *scorer) listLink(i, n int) int32 {
	units := sc.s.units
	p := len(units) - 2 // units[len-1] is the cue's own
	j := i - 1
	if p >= 0 && units[p].e.role == roleBooster && int(units[p].start+units[p].n) == i {
		j = int(units[p].start) - 1
		p--
	}
	coord := ""
	if j >= sc.from && sc.toks[j].Kind == tokenize.Word {
		switch w := string(sc.word(j)); w {
		case "or", "nor", "and":
			coord = w
			if p >= 0 && int(units[p].start) == j {
				p-- // "nor" is a negator unit
			}
			j--
		}
	}
	comma := j >= sc.from && sc.isComma(j)
	if comma {
		j--
	}
	switch {
	case comma && coord == "":
		if k := i + n; k >= sc.to || !(sc.isComma(k) || sc.isCoord(k)) {
			return -1
		}
	case !comma && coord != "or" && coord != "nor":
		return -1
	}
	if p < 0 || int(units[p].start+units[p].n)-1 != j || !units[p].e.mayBeCue() || units[p].e.role == roleNegator {
		return -1
	}
	return int32(p)
}

// isComma reports whether token k is a comma.
func (sc *scorer) isComma(k int) bool {
	t := &sc.toks[k]
	return t.Kind == tokenize.Punct && sc.text[t.Start:t.End] == ","
}

// isCoord reports whether token k is "or", "nor" or "and".
func (sc *scorer) isCoord(k int) bool {
	if sc.toks[k].Kind != tokenize.Word {
		return false
	}
	switch string(sc.word(k)) {
	case "or", "nor", "and":
		return true
	}
	return false
}

// window finds the booster and negator units up to window tokens before
// token start, nearest first, among the units found before the last one
// (the cue's own), and returns how many it put in out. It stops at sc.seg (punctuation, contrast markers);
// quote marks do not count.
func (sc *scorer) window(start int, out *[window]prior) uint8 {
	units := sc.s.units
	p := len(units) - 2 // the nearest unit not yet passed; it ends at or before j
	k, d := 0, 0
	for j := start - 1; j >= sc.seg && d < window; {
		if sc.toks[j].Kind == tokenize.Quote {
			j--
			continue
		}
		d++
		if p < 0 || int(units[p].start+units[p].n)-1 != j {
			j--
			continue
		}
		u := &units[p]
		if u.e.role == roleBooster || u.e.role == roleNegator {
			out[k] = prior{unit: int32(p), d: int32(d)}
			k++
		}
		// The unit's other tokens count towards the window too.
		d += j - int(u.start)
		j = int(u.start) - 1
		p--
	}
	return uint8(k)
}

// inName reports whether word i is capitalised inside a sentence next to
// another such word, i.e. part of a name ("Freedom Caucus", "Hope Hicks").
func (sc *scorer) inName(i int) bool {
	if !sc.midCap(i) || !((i > sc.from && sc.midCap(i-1)) || (i+1 < sc.to && sc.midCap(i+1))) {
		return false
	}
	sc.caseFacts()
	return sc.names
}

// midCap reports whether token i is a capitalised (not all-caps) word that
// does not start its sentence, nor a hashtag's piece ("#DumpTrump").
func (sc *scorer) midCap(i int) bool {
	t := sc.toks[i]
	return t.Kind == tokenize.Word && t.Flags&(tokenize.Capitalized|tokenize.AllCaps|tokenize.SentenceStart|tokenize.InTag) == tokenize.Capitalized
}

// capsEmphasise reports whether words in capitals stand out from the range's
// other words.
func (sc *scorer) capsEmphasise() bool {
	sc.caseFacts()
	return sc.capDiff
}

// caseFacts sets capDiff and names from the case of the range's words, once.
func (sc *scorer) caseFacts() {
	if sc.cased {
		return
	}
	sc.cased = true
	anyCaps, anyLower := false, false
	capWords, lowerContent := 0, 0
	for i := sc.from; i < sc.to; i++ {
		t := &sc.toks[i]
		if t.Kind != tokenize.Word {
			continue
		}
		switch {
		case t.Has(tokenize.AllCaps):
			anyCaps = true
		case t.Has(tokenize.Capitalized):
			capWords++
			anyLower = anyLower || hasLower(sc.text[t.Start:t.End])
		case hasLower(sc.text[t.Start:t.End]):
			anyLower = true
			// Only whether some content word is lower case matters.
			if lowerContent == 0 && !isMinorWord(sc.word(i)) {
				lowerContent++
			}
		}
	}
	sc.capDiff = anyCaps && anyLower
	// In Title Case headlines only minor words are in lower case; elsewhere
	// a capitalised word inside a sentence next to another is part of a
	// name ("the Freedom Caucus").
	sc.names = anyLower && !(lowerContent == 0 && capWords >= 2)
}

// isMinorWord reports whether w is an article, conjunction or short
// preposition, which Title Case leaves in lower case.
func isMinorWord(w []byte) bool {
	switch string(w) {
	case "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "on", "at", "to",
		"by", "of", "in", "up", "as", "via", "vs", "vs.", "from", "with", "into", "over", "off", "out":
		return true
	}
	return false
}

// countMarks counts "!" and "?" in a punctuation token.
func (sc *scorer) countMarks(p string) {
	if len(p) == 1 && p[0] != '!' && p[0] != '?' {
		return // the common "," and "."
	}
	for _, r := range p {
		switch r {
		case '!', '\uFF01':
			sc.exclaim++
		case '?', '\uFF1F':
			sc.question++
		case '\u203C': // ‼
			sc.exclaim += 2
		case '\u2049': // ⁉
			sc.exclaim++
			sc.question++
		case '\u2048': // ⁈
			sc.question++
			sc.exclaim++
		case '\u2047': // ⁇
			sc.question += 2
		}
	}
}

// markNegators marks, right to left, the negators that negate a cue; a
// negator that negates nothing may be a cue itself ("lack of").
func (sc *scorer) markNegators() {
	units := sc.s.units
	for i := len(units) - 1; i >= 0; i-- {
		u := &units[i]
		if !u.isCue() {
			continue
		}
		for _, p := range u.mods[:u.nmods] {
			if m := &units[p.unit]; m.e.role == roleNegator {
				m.used = true
			}
		}
	}
}

// score computes the hits and the sentence result.
func (sc *scorer) score() Result {
	var sum, pos, neg float32
	units := sc.s.units
	for i := range units {
		u := &units[i]
		if !u.isCue() {
			continue
		}
		v, rules := u.e.valence, Rule(0)
		if u.e.role == roleIdiom {
			rules |= RuleIdiom
		}
		if u.caps && sc.capsEmphasise() {
			v += sign(v) * capsIncr
			rules |= RuleCaps
		}
		for _, p := range u.mods[:u.nmods] {
			v, rules = sc.modify(&units[p.unit], p.d, v, rules)
			if units[p.unit].e.role == roleNegator {
				u.negBy = p.unit
			}
		}
		if u.negBy < 0 && u.listPrev >= 0 {
			// A negation covers the whole coordinated list it opens.
			if nb := units[u.listPrev].negBy; nb >= 0 {
				v, rules = sc.modify(&units[nb], 1, v, rules)
				u.negBy = nb
			}
		}
		v, rules = sc.contrast(u, v, rules)
		sc.s.hits = append(sc.s.hits, Hit{Token: u.start, Len: u.n, Base: u.e.valence, Valence: v, Rules: rules})
		sum += v
		if v > 0 {
			pos += v
		} else {
			neg -= v
		}
	}
	r := Result{Pos: pos, Neg: neg, Magnitude: (pos + neg) / MaxValence, Words: sc.words, Hits: sc.s.hits}
	if sum != 0 {
		emph := float32(min(sc.exclaim, maxExclaim)) * exclaimIncr
		if sc.question > 1 {
			emph += min(float32(sc.question)*questionIncr, maxQuestionIncr)
		}
		if emph > 0 {
			sum += sign(sum) * emph
			r.Rules |= RuleEmphasis
		}
		if sc.question == 1 && sc.exclaim == 0 {
			sum *= questionWeight
			r.Rules |= RuleQuestion
		}
	}
	r.Score = normalize(sum)
	return r
}

// modify applies booster or negator m, at distance d before a cue, to the
// cue's valence v.
func (sc *scorer) modify(m *unit, d int32, v float32, rules Rule) (float32, Rule) {
	switch m.e.role {
	case roleBooster:
		s := m.e.factor
		if v < 0 {
			s = -s
		}
		if m.caps && sc.capsEmphasise() {
			s += sign(v) * capsIncr
		}
		v += s * boosterDecay[d-1]
		if m.e.factor > 0 {
			rules |= RuleBoosted
		} else {
			rules |= RuleDampened
		}
	case roleNegator:
		if v > 0 {
			v *= m.e.factor
		} else {
			v *= m.e.negFactor
		}
		rules |= RuleNegated
	}
	return v, rules
}

// contrast weighs cue u by the contrast markers around it.
func (sc *scorer) contrast(u *unit, v float32, rules Rule) (float32, Rule) {
	if sc.lastBut >= 0 {
		if int(u.start) < sc.lastBut {
			v *= butBefore
			rules |= RuleBeforeBut
		} else {
			v *= butAfter
			rules |= RuleAfterBut
		}
	}
	if u.conceded {
		v *= concessiveWeight
		rules |= RuleConcessive
	}
	return v, rules
}

// sign returns -1 for negative v and 1 otherwise.
func sign(v float32) float32 {
	if v < 0 {
		return -1
	}
	return 1
}

// normalize maps a sentence sum into [-1, 1] like VADER's compound.
func normalize(sum float32) float32 {
	s := float64(sum)
	n := s / math.Sqrt(s*s+normAlpha)
	return float32(max(-1, min(1, n)))
}
