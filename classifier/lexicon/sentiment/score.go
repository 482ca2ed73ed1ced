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
	// Words is the number of Word tokens scored; Aggregate skips results
	// without words.
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
	lower []byte
	toks  []tokState
	units []unit
	hits  []Hit
}

// tokState is Score's view of one token of the range.
type tokState struct {
	lo, hi int32 // Score: folded text in Scratch.lower (ScoreText: unused); lo == hi for non-words
	unit   int32 // index into Scratch.units, or -1
	class  tokClass
	// conceded: the token lies in a clause opened by a concessive marker.
	conceded bool
}

// tokClass says how a token takes part in windows.
type tokClass uint8

const (
	classOther tokClass = iota // counts towards windows
	classWord                  // a word or emoji: looked up, counts
	classStop                  // punctuation: ends windows and clauses
	classSkip                  // quote marks: ignored
)

// unit is one matched lexicon entry, covering tokens [start, start+n).
type unit struct {
	start, n int32
	e        entry
	caps     bool // every token is AllCaps
	used     bool // a negator that negated a cue
}

// isCue reports whether u contributes a valence of its own.
func (u *unit) isCue() bool {
	switch u.e.role {
	case roleValence, roleIdiom:
		return u.e.hasValence
	case roleNegator:
		return u.e.hasValence && !u.used
	}
	return false
}

// reset prepares s for a range of n tokens.
func (s *Scratch) reset(n int) {
	s.lower = s.lower[:0]
	s.units = s.units[:0]
	s.hits = s.hits[:0]
	if cap(s.toks) < n {
		s.toks = make([]tokState, n)
	}
	s.toks = s.toks[:n]
}

// Score scores tokens [from, to) of toks, the tokens of text (one sentence
// or clause; a range of several sentences is scored as one). Out-of-range
// bounds are clamped. buf may be nil, at the cost of allocating one; with a
// reused buf Score allocates nothing once buf has grown. Result.Hits is
// valid until buf's next use.
func (l *Lexicon) Score(text string, toks []tokenize.Token, from, to int, buf *Scratch) Result {
	return l.score(text, toks, nil, from, to, buf)
}

// Text is a tokenized text prepared once for scoring several ranges of it
// (the sentences of a statement): every token's lookup form, shared with the
// other stages, and its lexicon entry, looked up once.
type Text struct {
	Text string
	Toks []tokenize.Token
	// Folded holds the lookup forms of Toks (tokenize.Folded.Reset).
	Folded *tokenize.Folded
	// Heads[i] is Lookup of token i's folded form: -1 for none, and for
	// tokens that are neither Word nor Emoji.
	Heads []int32
}

// ScoreText is Score over a prepared text: it folds and looks up nothing
// itself. The result is the same as Score's on t.Text and t.Toks.
func (l *Lexicon) ScoreText(t *Text, from, to int, buf *Scratch) Result {
	return l.score(t.Text, t.Toks, t, from, to, buf)
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

// Terms returns every word Lookup knows, in no particular order.
func (l *Lexicon) Terms() []string {
	out := make([]string, 0, len(l.heads))
	for w := range l.heads {
		out = append(out, w)
	}
	return out
}

func (l *Lexicon) score(text string, toks []tokenize.Token, pre *Text, from, to int, buf *Scratch) Result {
	from, to = max(from, 0), min(to, len(toks))
	if l == nil || from >= to {
		return Result{}
	}
	if buf == nil {
		buf = new(Scratch)
	}
	buf.reset(to - from)
	sc := scorer{l: l, text: text, toks: toks, pre: pre, from: from, to: to, s: buf}
	sc.scan()
	sc.match()
	if sc.concessives > 0 {
		sc.markConceded()
	}
	sc.markNegators()
	return sc.score()
}

// scorer holds the state of one Score call.
type scorer struct {
	l        *Lexicon
	text     string
	toks     []tokenize.Token
	pre      *Text // folded forms and heads, or nil: fold and look up here
	from, to int
	s        *Scratch

	words       int32
	capDiff     bool // some words in capitals, some not: capitals emphasise
	names       bool // capitalised words mid-sentence are names (not title case)
	exclaim     int  // "!" marks
	question    int  // "?" marks
	lastBut     int  // token index of the last "but" marker, or -1
	concessives int  // number of concessive markers
}

// st returns the state of absolute token i.
func (sc *scorer) st(i int) *tokState { return &sc.s.toks[i-sc.from] }

// scan folds the words of the range and collects sentence facts.
func (sc *scorer) scan() {
	anyCaps, anyLower := false, false
	capWords, lowerContent := 0, 0
	toks, states := sc.toks[sc.from:sc.to], sc.s.toks[:sc.to-sc.from]
	for k := range toks {
		t, ts := &toks[k], &states[k]
		ts.lo, ts.hi, ts.unit, ts.class, ts.conceded = 0, 0, -1, classOther, false
		switch t.Kind {
		case tokenize.Word, tokenize.Emoji:
			ts.class = classWord
			if sc.pre == nil {
				ts.lo = int32(len(sc.s.lower))
				sc.s.lower = tokenize.AppendLower(sc.s.lower, sc.text[t.Start:t.End])
				ts.hi = int32(len(sc.s.lower))
			}
			if t.Kind != tokenize.Word {
				continue
			}
			sc.words++
			switch {
			case t.Has(tokenize.AllCaps):
				anyCaps = true
			case t.Has(tokenize.Capitalized):
				capWords++
				anyLower = anyLower || hasLower(sc.text[t.Start:t.End])
			case hasLower(sc.text[t.Start:t.End]):
				anyLower = true
				// Only whether some content word is lower case matters.
				if lowerContent == 0 && !isMinorWord(sc.word(sc.from+k)) {
					lowerContent++
				}
			}
		case tokenize.Punct:
			ts.class = classStop
			sc.countMarks(sc.text[t.Start:t.End])
		case tokenize.Quote:
			ts.class = classSkip
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

// word returns the folded text of absolute token i ("" bytes for non-words).
func (sc *scorer) word(i int) []byte {
	if sc.pre != nil {
		return sc.pre.Folded.At(i)
	}
	ts := sc.st(i)
	return sc.s.lower[ts.lo:ts.hi]
}

// head returns the entries starting with word i, whose folded form is w, or
// nil.
func (sc *scorer) head(i int, w []byte) *head {
	if sc.pre != nil {
		if h := sc.pre.Heads[i]; h >= 0 {
			return &sc.l.list[h]
		}
		return nil
	}
	return sc.l.lookup(w)
}

// match finds the lexicon entries of the range, left to right, longest
// phrase first; a token belongs to at most one unit.
func (sc *scorer) match() {
	sc.lastBut = -1
	for i := sc.from; i < sc.to; {
		if sc.st(i).class != classWord {
			i++
			continue
		}
		w := sc.word(i)
		h := sc.head(i, w)
		n, e := 0, entry{}
		if h != nil {
			for _, p := range h.phrases {
				if sc.matchRest(i, p.rest) {
					n, e = 1+len(p.rest), p.e
					break
				}
			}
		}
		if n == 0 {
			n, e = 1, sc.l.single(w, h)
		}
		if e.role == roleNone || !sc.applies(i, n, e) {
			i++
			continue
		}
		u := unit{start: int32(i), n: int32(n), e: e, caps: true}
		for k := i; k < i+n; k++ {
			sc.st(k).unit = int32(len(sc.s.units))
			u.caps = u.caps && sc.toks[k].Has(tokenize.AllCaps)
		}
		switch e.contrast {
		case contrastBut, contrastButInitial:
			sc.lastBut = i
		case contrastConcessive:
			sc.concessives++
		}
		sc.s.units = append(sc.s.units, u)
		i += n
	}
}

// matchRest reports whether the words after token i are rest.
func (sc *scorer) matchRest(i int, rest []string) bool {
	if i+len(rest) >= sc.to {
		return false
	}
	for k, w := range rest {
		j := i + 1 + k
		if sc.st(j).class != classWord || string(sc.word(j)) != w {
			return false
		}
	}
	return true
}

// applies reports whether entry e, matched at tokens [i, i+n), takes its role
// here.
func (sc *scorer) applies(i, n int, e entry) bool {
	switch e.role {
	case roleNone:
		return false
	case roleContrast:
		return e.contrast != contrastButInitial || sc.clauseStart(i)
	case roleValence:
		return n > 1 || !sc.inName(i)
	}
	return true
}

// clauseStart reports whether token i opens a clause: the range's first
// word, a sentence's first word, or a word after punctuation.
func (sc *scorer) clauseStart(i int) bool {
	if sc.toks[i].Has(tokenize.SentenceStart) {
		return true
	}
	for j := i - 1; j >= sc.from; j-- {
		switch sc.st(j).class {
		case classSkip:
			continue
		case classStop:
			return true
		}
		return false
	}
	return true
}

// inName reports whether word i is capitalised inside a sentence next to
// another such word, i.e. part of a name ("Freedom Caucus", "Hope Hicks").
func (sc *scorer) inName(i int) bool {
	if !sc.names || !sc.midCap(i) {
		return false
	}
	return (i > sc.from && sc.midCap(i-1)) || (i+1 < sc.to && sc.midCap(i+1))
}

// midCap reports whether token i is a capitalised (not all-caps) word that
// does not start its sentence.
func (sc *scorer) midCap(i int) bool {
	t := sc.toks[i]
	return t.Kind == tokenize.Word && t.Flags&(tokenize.Capitalized|tokenize.AllCaps|tokenize.SentenceStart) == tokenize.Capitalized
}

// prior is a unit within a cue's window, at distance d (1..window).
type prior struct {
	unit int32
	d    int
}

// window returns the booster, negator and cue units up to window tokens
// before token start, nearest first. It stops at punctuation and at
// contrast markers; quote marks do not count.
func (sc *scorer) window(start int, out *[window]prior) []prior {
	k, d := 0, 0
	for j := start - 1; j >= sc.from && d < window; {
		ts := sc.st(j)
		switch ts.class {
		case classSkip:
			j--
			continue
		case classStop:
			return out[:k]
		}
		d++
		if ts.unit < 0 {
			j--
			continue
		}
		u := &sc.s.units[ts.unit]
		if u.e.role == roleContrast {
			return out[:k]
		}
		out[k] = prior{unit: ts.unit, d: d}
		k++
		// The unit's other tokens count towards the window too.
		d += j - int(u.start)
		j = int(u.start) - 1
	}
	return out[:k]
}

// markNegators marks, right to left, the negators that negate a cue; a
// negator that negates nothing may be a cue itself ("lack of").
func (sc *scorer) markNegators() {
	var buf [window]prior
	units := sc.s.units
	for i := len(units) - 1; i >= 0; i-- {
		if !units[i].isCue() {
			continue
		}
		for _, p := range sc.window(int(units[i].start), &buf) {
			if u := &units[p.unit]; u.e.role == roleNegator {
				u.used = true
			}
		}
	}
}

// score computes the hits and the sentence result.
func (sc *scorer) score() Result {
	var buf [window]prior
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
		if u.caps && sc.capDiff {
			v += sign(v) * capsIncr
			rules |= RuleCaps
		}
		for _, p := range sc.window(int(u.start), &buf) {
			pu := &units[p.unit]
			switch pu.e.role {
			case roleBooster:
				s := pu.e.factor
				if v < 0 {
					s = -s
				}
				if pu.caps && sc.capDiff {
					s += sign(v) * capsIncr
				}
				v += s * boosterDecay[p.d-1]
				if pu.e.factor > 0 {
					rules |= RuleBoosted
				} else {
					rules |= RuleDampened
				}
			case roleNegator:
				if v > 0 {
					v *= pu.e.factor
				} else {
					v *= pu.e.negFactor
				}
				rules |= RuleNegated
			}
		}
		v, rules = sc.contrast(int(u.start), v, rules)
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

// contrast weighs a cue at token c by the contrast markers around it.
func (sc *scorer) contrast(c int, v float32, rules Rule) (float32, Rule) {
	if sc.lastBut >= 0 {
		if c < sc.lastBut {
			v *= butBefore
			rules |= RuleBeforeBut
		} else {
			v *= butAfter
			rules |= RuleAfterBut
		}
	}
	if sc.st(c).conceded {
		v *= concessiveWeight
		rules |= RuleConcessive
	}
	return v, rules
}

// markConceded marks the tokens of clauses opened by a concessive marker:
// after the marker, up to the next punctuation. It goes right to left and
// stops at a token already marked, whose clause is marked up to the same
// punctuation, so that a run of markers costs linear time.
func (sc *scorer) markConceded() {
	units := sc.s.units
	for i := len(units) - 1; i >= 0; i-- {
		u := &units[i]
		if u.e.contrast != contrastConcessive {
			continue
		}
		for j := int(u.start + u.n); j < sc.to && sc.st(j).class != classStop && !sc.st(j).conceded; j++ {
			sc.st(j).conceded = true
		}
	}
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
