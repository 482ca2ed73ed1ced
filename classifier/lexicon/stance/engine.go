package stance

import (
	"slices"
	"sort"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Scratch holds the buffers of one analysis. Reuse one per goroutine (for
// example through a sync.Pool) to avoid allocations; the zero value is ready.
type Scratch struct {
	folded   tokenize.Folded // when the Input has none
	info     []tokInfo
	entries  []int32 // Lexicon.Lookup of each token, when the Input has none
	starts   []int32 // tokens that start a path in the cue trie, in order
	port     []int32 // tokens with a portrayal weight, in order
	occs     []occ
	evid     []Hit  // sentiment and portrayal evidence per token
	heldFrom []span // token ranges that describe a cue's target, by holder mention
	heldCue  []span // token ranges of target-less cues, by holder mention
	// acts are the actors that hold a verb cue with no actor target
	// ("Norway condemned an attack on aid workers"), with the cue's byte
	// range; indexActs adds the holders of the other cues and sorts them,
	// for holdsCueIn.
	acts     []act
	contribs []Contribution
	partsA   []part
	partsB   []part
	partsC   []part // holders from the parse (parseHolders)
	partsD   []part // the other side of a supportive act (againstSide)
	targets  []TargetScore
	rels     []RelationScore
	sums     []float32
	feats    []Features // per target: Aggregate's parts of sums
	relOf    []int32    // per contribution: relation index, or -1
	renum    []int32    // relation index before dropping neutral ones -> after
	pairs    pairTable
	quotes   []quoteRegion // a document's quote regions, in order
	ctx      contextCache  // Aggregate's context logits by sentence
}

// tokInfo is what the engine knows about one token. prepare sets every
// field: keep newTokInfo in step with new fields.
type tokInfo struct {
	entry         // what the lexicon knows of the word; noEntry for other tokens
	sent    int32 // sentence index
	clause  int32 // clause number within the sentence
	mention int32 // mention covering the token, or -1
	quote   int32 // quote region index, or -1
	occ     int32 // cue occurrence starting here, or -1
	inOcc   int32 // the cue occurrence covering the token, or -1
	holder  int32 // default holder (attribution or speaker), or -1
	attrib  Rule  // RuleQuote or RuleAttribution when holder came from one
}

// newTokInfo is a token's info before any stage has looked at it.
func newTokInfo(speaker int32) tokInfo {
	return tokInfo{entry: noEntry, mention: -1, quote: -1, occ: -1, inOcc: -1, holder: speaker}
}

// occ is one occurrence of a cue in the text.
type occ struct {
	start, end int32 // token range
	cue        int32
	form       Form
	factor     float32
	rule       Rule // modifier rule (negated, modal, ...) or 0
	used       bool // contributed to some target
	held       bool // found explicit holders but no target (holdCue)
	tentative  bool // under a modal of possibility ("could back"): no relation
}

// part is one participant found for a cue: an actor and the factor and rule
// of how it was found.
type part struct {
	actor   int32
	mention int32 // mention index, or -1 for a speaker stand-in
	w       float32
	rule    Rule
}

// span is a token range tied to a mention.
type span struct{ mention, from, to int32 }

// speakerPart stands for "I"/"we": the default holder of the cue's token.
const speakerActor = -2

// engine is one analysis in progress.
type engine struct {
	l    *Lexicon
	p    *Params
	in   *Input
	s    *Scratch
	info []tokInfo
	toks []tokenize.Token
	low  *tokenize.Folded
	ents []int32 // Lexicon.Lookup of each word: Input.Entries or s.entries
	// anyQuote says whether the text has a quote mark and classes holds
	// the classes of all its words, so that stages looking for what the
	// text lacks can be skipped.
	anyQuote bool
	classes  Class
}

// Analyze finds the stance contributions of a statement. The returned slice
// lives in s and is valid until s is reused.
func (l *Lexicon) Analyze(in *Input, s *Scratch) []Contribution {
	low := in.Folded
	if low == nil {
		s.folded.Reset(in.Text, in.Toks)
		low = &s.folded
	}
	e := engine{l: l, p: &l.params, in: in, s: s, toks: in.Toks, low: low}
	if in.Parser != nil {
		in.Parser.sent = -1 // a parse of the last statement is stale
	}
	e.prepare()
	e.findQuotes()
	e.findAttribution()
	e.matchCues()
	e.scope()
	s.contribs = s.contribs[:0]
	s.heldFrom = s.heldFrom[:0]
	s.heldCue = s.heldCue[:0]
	s.acts = s.acts[:0]
	for i := range s.occs {
		e.apply(int32(i))
	}
	e.prefixes()
	e.suffixes()
	e.tagSlogans()
	e.sentiment()
	return s.contribs
}

// lowerAt is the case-folded text of token i: empty for tokens that are
// neither Word nor Emoji.
func (e *engine) lowerAt(i int32) []byte { return e.low.At(int(i)) }

// prepare fills in e.info. Its one pass over all tokens also notes the
// tokens that later stages start from (cue starts, portrayal words, quote
// marks, reporting verbs), so that those stages need not walk every token.
func (e *engine) prepare() {
	s := e.s
	n := len(e.toks)
	if cap(s.info) < n {
		s.info = make([]tokInfo, n)
	}
	e.info = s.info[:n]
	e.lookupTokens()
	e.numberClauses()
	info, ms := e.info, e.in.Mentions
	for mi := range ms {
		for i := ms[mi].Start; i < ms[mi].End && int(i) < n; i++ {
			info[i].mention = int32(mi)
		}
	}
	if e.classes&ClassDescNoun != 0 {
		e.definiteDescriptions()
	}
}

// definiteDescriptions makes "the party", "the bloc" (a ClassDescNoun word
// right after an article, outside any mention) a pronoun of things, so
// that it resolves to the organisation or country named before it.
func (e *engine) definiteDescriptions() {
	info := e.info
	for i := 1; i < len(info); i++ {
		inf := &info[i]
		if inf.class&ClassDescNoun == 0 || inf.mention >= 0 || info[i-1].mention >= 0 {
			continue
		}
		if info[i-1].class&ClassDefinite != 0 && e.toks[i-1].Kind == tokenize.Word {
			inf.class |= ClassPronThing
			e.classes |= ClassPronThing
			if e.toks[i].Has(tokenize.Possessive) {
				// "the union's leader" is "its leader": a possessive,
				// never the subject itself.
				inf.class |= ClassPossPron
			}
		}
	}
}

// numberClauses sets the sentence and clause of each token. A clause
// boundary is a quote mark, punctuation, a subordinator or a relative
// pronoun: boundary without the mention test, as no mention is marked yet.
func (e *engine) numberClauses() {
	toks, info := e.toks, e.info
	for si, st := range e.in.Sentences {
		clause := int32(0)
		for i := st.Start; i < st.End; i++ {
			inf := &info[i]
			if k := toks[i].Kind; i > st.Start && (k == tokenize.Quote || k == tokenize.Punct || inf.class&(ClassSub|ClassRel) != 0) {
				clause++
			}
			inf.sent, inf.clause = int32(si), clause
		}
	}
}

// lookupTokens resets every token's info, copies in the lexicon's entry of
// each word, and collects the start lists and flags of prepare.
func (e *engine) lookupTokens() {
	s := e.s
	toks := e.toks
	info := e.info[:len(toks)]
	entries := e.in.Entries
	if entries == nil {
		entries = e.lookupWords()
	}
	e.ents = entries
	list := e.l.entryList
	// Locals rather than fields of s and e, and room for every token in the
	// lists, so that the loop keeps its state in registers.
	starts := slices.Grow(s.starts[:0], len(toks))[:len(toks)]
	port := slices.Grow(s.port[:0], len(toks))[:len(toks)]
	nStarts, nPort := 0, 0
	anyQuote, classes := false, Class(0)
	base := newTokInfo(e.in.Speaker)
	for i := range toks {
		inf := &info[i]
		*inf = base
		if k := toks[i].Kind; k != tokenize.Word {
			anyQuote = anyQuote || k == tokenize.Quote
			continue
		}
		x := entries[i]
		if x < 0 {
			continue
		}
		en := &list[x]
		inf.entry = *en
		classes |= en.class
		if en.root != 0 {
			starts[nStarts] = int32(i)
			nStarts++
		}
		if en.pv != 0 {
			port[nPort] = int32(i)
			nPort++
		}
	}
	s.starts, s.port = starts[:nStarts], port[:nPort]
	e.anyQuote, e.classes = anyQuote, classes
}

// lookupWords looks up each word when the Input comes without Entries.
func (e *engine) lookupWords() []int32 {
	s := e.s
	s.entries = s.entries[:0]
	for i, t := range e.toks {
		x := int32(-1)
		if t.Kind == tokenize.Word {
			x = e.l.Lookup(e.lowerAt(int32(i)))
		}
		s.entries = append(s.entries, x)
	}
	return s.entries
}

// isPunct reports whether token i is punctuation or a quote mark.
func (e *engine) isPunct(i int32) bool {
	k := e.toks[i].Kind
	return k == tokenize.Punct || k == tokenize.Quote
}

// punctIs reports whether token i is the punctuation mark c.
func (e *engine) punctIs(i int32, c byte) bool {
	t := e.toks[i]
	return t.Kind == tokenize.Punct && t.End-t.Start == 1 && e.in.Text[t.Start] == c
}

// sentBounds returns the token range of the sentence of token i.
func (e *engine) sentBounds(i int32) (int32, int32) {
	st := e.in.Sentences[e.info[i].sent]
	return st.Start, st.End
}

// findQuotes marks quote regions: the tokens between an opening and the next
// closing quote mark. In a document (Input.Paragraphs) a quote never runs
// past the end of its paragraph, and a quote that finds no speaker of its
// own takes that of its paragraph's other quotes (continueQuotes).
func (e *engine) findQuotes() {
	if !e.anyQuote {
		return
	}
	doc := e.in.Paragraphs != nil
	e.s.quotes = e.s.quotes[:0]
	open, region := int32(-1), int32(0)
	closeAt := func(end int32) {
		for j := open + 1; j < end; j++ {
			e.info[j].quote = region
		}
		h := e.quoteHolder(open, end, region)
		if doc {
			e.s.quotes = append(e.s.quotes, quoteRegion{open: open, close: end, holder: h})
		}
		region++
		open = -1
	}
	for i, t := range e.toks {
		if t.Kind != tokenize.Quote {
			continue
		}
		if doc && open >= 0 && e.paragraphOf(int32(i)) != e.paragraphOf(open) {
			closeAt(e.paragraphEnd(open))
		}
		opening, closing := t.Has(tokenize.Opening), t.Has(tokenize.Closing)
		switch {
		case open < 0 && (opening || !closing):
			open = int32(i)
		case open >= 0 && (closing || !opening):
			closeAt(int32(i))
		}
	}
	if open >= 0 {
		end := int32(len(e.toks))
		if doc {
			end = e.paragraphEnd(open)
		}
		closeAt(end)
	}
	if doc {
		e.continueQuotes()
	}
}

// quoteHolder finds who said the quote [open+1, end) — `"…," X said`,
// `"…," said X`, `X said: "…"` — and makes it the quote's default holder,
// which it returns (-1 when none).
func (e *engine) quoteHolder(open, end, region int32) int32 {
	n := int32(len(e.toks))
	holder := int32(-1)
	// After the closing quote.
	for j := end + 1; j < n && j <= end+quoteSpeakerReach && holder < 0; j++ {
		if e.toks[j].Kind == tokenize.Quote || (e.isPunct(j) && !e.punctIs(j, ',')) || !e.sameParagraph(j, open) {
			break
		}
		if e.info[j].class&ClassAttrib == 0 {
			continue
		}
		for k := j - 1; k > end; k-- {
			if a := e.actorAt(k); a >= 0 {
				holder = a
				break
			}
		}
		for k := j + 1; holder < 0 && k < n && k <= j+agentReach; k++ {
			if e.isPunct(k) {
				break
			}
			if a := e.actorAt(k); a >= 0 {
				holder = a
				// `said Israel's foreign minister, Gideon Saar`: the
				// person the possessive's phrase names.
				if mi := e.info[k].mention; mi >= 0 && e.in.Mentions[mi].Possessive {
					if p := e.appositiveAfter(e.in.Mentions[mi].End); p >= 0 {
						holder = p
					}
				}
			}
		}
		break
	}
	// Before the opening quote: `X said: "…"`, `X said, "…"`, `…, stating, "…"`.
	if holder < 0 {
		j := open - 1
		for j >= 0 && j >= open-2 && e.isPunct(j) {
			j--
		}
		if j >= 0 && e.info[j].class&ClassAttrib != 0 && e.sameParagraph(j, open) {
			if j >= 2 && e.info[j-1].class&ClassAs != 0 && e.info[j-2].mention >= 0 {
				// "Meloni quoted Macron as saying: "…"", "X was quoted
				// as saying": the one before "as" speaks.
				holder = e.in.Mentions[e.info[j-2].mention].Actor
			} else if st, _ := e.sentBounds(j); j > st && e.punctIs(j-1, ',') && looksIng(e.lowerAt(j)) {
				// "Zelenskyy addressed Trump, saying, "…"": the participle's
				// subject is the clause's first, not the object before the
				// comma.
				if first := e.firstSubject(st, j-1); first >= 0 {
					holder = e.in.Mentions[first].Actor
				}
			} else {
				holder = e.firstActor(e.subject(j, true, e.s.partsA[:0]))
			}
		}
	}
	if holder < 0 {
		return -1
	}
	e.holdQuote(open, end, holder)
	return holder
}

// holdQuote makes holder the default holder of the quote [open+1, end).
func (e *engine) holdQuote(open, end, holder int32) {
	for j := open + 1; j < end; j++ {
		e.info[j].holder = holder
		e.info[j].attrib = RuleQuote
	}
}

// appositiveAfter returns the actor of a mention in apposition to the noun
// phrase starting at token from ("foreign minister, Gideon Saar"): the first
// mention after the phrase's comma, ending at a comma, a stop or the
// text's end; or -1.
func (e *engine) appositiveAfter(from int32) int32 {
	n := int32(len(e.toks))
	j := from
	for j < n && j < from+appositiveReach && !e.isPunct(j) && e.info[j].mention < 0 {
		j++
	}
	if j >= n || !e.punctIs(j, ',') || j+1 >= n {
		return -1
	}
	mi := e.info[j+1].mention
	if mi < 0 {
		return -1
	}
	if end := e.in.Mentions[mi].End; end < n && !e.isPunct(end) {
		return -1
	}
	return e.in.Mentions[mi].Actor
}

// actorAt is the actor mentioned at token k (a mention or a resolvable
// third-person pronoun), or -1.
func (e *engine) actorAt(k int32) int32 {
	if m := e.info[k].mention; m >= 0 {
		return e.in.Mentions[m].Actor
	}
	if e.info[k].class&classPron != 0 {
		if m := e.resolve(k); m >= 0 {
			return e.in.Mentions[m].Actor
		}
	}
	return -1
}

func (e *engine) firstActor(ps []part) int32 {
	for _, p := range ps {
		if p.actor >= 0 {
			return p.actor
		}
	}
	return -1
}

// findAttribution gives the tokens of a sentence with a reporting verb
// outside quotes ("X said …", "…, X told reporters", "according to X") that
// verb's subject as their default holder.
func (e *engine) findAttribution() {
	if e.classes&ClassAttrib == 0 {
		return
	}
	for _, st := range e.in.Sentences {
		for j := st.Start; j < st.End; j++ {
			inf := &e.info[j]
			if inf.class&ClassAttrib == 0 || inf.quote >= 0 {
				continue
			}
			holder := int32(-1)
			if inf.class&ClassAccording != 0 {
				if j+1 < st.End && e.info[j+1].class&ClassInf != 0 {
					holder = e.firstActor(e.npAfter(j+2, e.s.partsA[:0]))
				}
			} else {
				holder = e.firstActor(e.subject(j, false, e.s.partsA[:0]))
				if holder < 0 && j > st.Start && e.isPunct(j-1) {
					// "…, said X."
					holder = e.firstActor(e.npAfter(j+1, e.s.partsA[:0]))
				}
			}
			if holder < 0 || holder == speakerActor {
				continue
			}
			for k := max(st.Start, j-maxReach); k < min(st.End, j+maxReach); k++ {
				if e.info[k].quote < 0 {
					e.info[k].holder = holder
					e.info[k].attrib = RuleAttribution
				}
			}
		}
	}
}

// resolve finds the mention a third-person pronoun at token k refers to: the
// nearest earlier mention of a compatible kind. It returns -1 when none.
func (e *engine) resolve(k int32) int32 { return e.resolveAs(k, false) }

// resolveAs is resolve; possObject says that a possessive pronoun at k
// opens a cue's object, where, like an object pronoun, it does not stand
// for the subject of its own clause: "Reyes had insulted its members" (not
// his own), and "Germany criticised its allies" is no stance toward
// Germany. A possessor that holds a cue ("asked Russia to stop its
// attacks") is resolved with possObject false.
func (e *engine) resolveAs(k int32, possObject bool) int32 {
	c := e.info[k].class
	ms := e.in.Mentions
	// An object pronoun does not refer to the subject of its own clause
	// ("Austria refused to endorse it": it is not Austria).
	// A description ("the party") is placed by the word before its
	// article.
	p := k - 1
	if c&ClassDescNoun != 0 {
		p--
	}
	object := (c&ClassPossPron == 0 || possObject) && p >= 0 && e.toks[p].Kind == tokenize.Word && e.info[p].class&(ClassSub|ClassRel|ClassCoord|ClassAttrib) == 0
	// The last mention ending at or before k, then back at most maxReach
	// tokens.
	if c&ClassPronFirst == 0 && e.info[k].quote >= 0 {
		// `"She has betrayed this city," Patel said of Ortiz`: the quote
		// speaks of Ortiz.
		if mi := e.saidOfMention(k); mi >= 0 && e.fits(c, &ms[mi]) {
			return mi
		}
	}
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].End > k })
	var mi int32 = -1
	if e.in.Paragraphs != nil {
		mi = e.resolveInDocument(k, c, object, hi)
	} else {
		for i := hi - 1; i >= 0 && ms[i].End >= k-maxReach; i-- {
			if !e.fits(c, &ms[i]) {
				continue
			}
			if skip, still := e.objectSkips(k, c, object, int32(i)); skip {
				object = still
				continue
			}
			if e.quotedSpeaker(k, ms[i].Actor) {
				continue
			}
			mi = int32(i)
			break
		}
	}
	if mi >= 0 && !object && c&ClassPossPron == 0 {
		mi = e.preferSubject(k, c, mi)
	}
	return mi
}

// saidOfMention is the mention a quote is said of (`"…," X said of Y`: Y)
// for token k inside the quote, or -1.
func (e *engine) saidOfMention(k int32) int32 {
	q, n := e.info[k].quote, int32(len(e.toks))
	end := k
	for end < n && end < k+maxReach && e.info[end].quote == q {
		end++
	}
	if end < n && e.info[end].quote == q {
		return -1 // the quote runs on past the reach
	}
	for j := end; j+2 < n && j < end+quoteSpeakerReach; j++ {
		if e.info[j].class&ClassAttrib == 0 || e.info[j+1].class&ClassChain == 0 {
			continue
		}
		m := j + 2
		if e.info[m].class&ClassDet != 0 && e.info[m].mention < 0 && m+1 < n {
			m++
		}
		if mi := e.info[m].mention; mi >= 0 {
			if from, _ := e.saidOf(e.in.Mentions[mi]); from >= 0 && from <= k {
				return mi
			}
		}
		return -1
	}
	return -1
}

// objectSkips reports whether an object pronoun (object) at token k of
// classes c skips candidate antecedent mi, and whether the pronoun still
// counts as an object for the candidates before it. An object pronoun
// skips the subjects of its own clause ("Austria refused to endorse it");
// a possessive skips only the nearest, and only that of a reported clause
// (in "the Federation said Reyes had insulted its members" they are the
// Federation's, while in "Hagel's testimony undercut his cause" and "she
// defended her record" the subject's own); an object "it" skips a name
// inside another noun's phrase ("accept European peacekeepers in Ukraine.
// … he will accept it").
func (e *engine) objectSkips(k int32, c Class, object bool, mi int32) (skip, still bool) {
	if !object {
		return false, false
	}
	m := &e.in.Mentions[mi]
	if e.info[m.Start].clause == e.info[k].clause && e.info[m.Start].sent == e.info[k].sent && e.subjectLike(mi) &&
		(c&ClassPossPron == 0 || e.reportedSubject(m.Start)) {
		return true, c&ClassPossPron == 0
	}
	if c&ClassPronThing != 0 && c&ClassPossPron == 0 && e.nounAdjunct(mi) {
		return true, true
	}
	return false, true
}

// nounAdjunct reports whether mention mi sits in a prepositional phrase
// right after a content word ("peacekeepers in Ukraine", "the war in
// Syria"), not one of chain ("of") or source ("from") class, whose phrase
// says whose the noun is.
func (e *engine) nounAdjunct(mi int32) bool {
	j := e.in.Mentions[mi].Start
	if j > 0 && e.info[j-1].class&ClassDet != 0 {
		j--
	}
	if j < 2 {
		return false
	}
	p := e.info[j-1].class
	return p&ClassPrep != 0 && p&(ClassChain|ClassSource) == 0 &&
		e.toks[j-2].Kind == tokenize.Word && e.info[j-2].class == 0 && e.info[j-2].mention < 0
}

// reportedSubject reports whether a mention starting at token j opens the
// clause reported by an attribution verb right before it ("said Reyes",
// "said that Reyes"), with at most an article between.
func (e *engine) reportedSubject(j int32) bool {
	k := j - 1
	if k >= 0 && e.info[k].class&ClassDet != 0 {
		k--
	}
	if k > 0 && e.info[k].class&ClassRel != 0 {
		k--
	}
	return k >= 0 && e.info[k].class&ClassAttrib != 0
}

// quotedSpeaker reports whether token k is inside a quote whose speaker is
// actor a: a speaker says "I", so "he" in `"Yeah, he will accept it,"
// Trump said` is not Trump.
func (e *engine) quotedSpeaker(k, a int32) bool {
	return e.info[k].attrib == RuleQuote && e.info[k].holder == a
}

// preferSubject returns, for a subject pronoun at token k whose nearest
// antecedent mi is in an earlier sentence, the subject of that sentence
// when it fits: a pronoun that opens a sentence continues its predecessor's
// subject ("NATO held talks with Finland. It praised Helsinki's budget":
// it is NATO; "Lutz met Reyes. She accused him": she is Lutz). A pronoun
// whose antecedent is in its own sentence keeps it.
func (e *engine) preferSubject(k int32, c Class, mi int32) int32 {
	ms := e.in.Mentions
	si := e.info[ms[mi].Start].sent
	if si == e.info[k].sent {
		return mi
	}
	// The sentence's mentions from its start, but no further back than
	// maxReach tokens before the antecedent, so that a pronoun costs the
	// same in a sentence of any length.
	from := max(e.in.Sentences[si].Start, ms[mi].Start-maxReach)
	lo := sort.Search(int(mi), func(i int) bool { return ms[i].Start >= from })
	for i := lo; i < int(mi); i++ {
		m := &ms[i]
		if e.fits(c, m) && e.subjectLike(int32(i)) && e.opensClause(m.Start) && !e.quotedSpeaker(k, m.Actor) {
			return int32(i)
		}
	}
	return mi
}

// fits reports whether mention m can be the antecedent of a pronoun of
// classes c: its kind (compatible) and, for a gazetteer person, gender.
func (e *engine) fits(c Class, m *Mention) bool {
	if !compatible(c, m.Kind) && !(c&ClassPronPlural != 0 && m.Kind == classifier.KindPerson && e.coordinated(m)) {
		// "Macron and Scholz reaffirmed their support": a plural pronoun
		// takes up people only when they are named together.
		return false
	}
	if c&ClassPronPlural == 0 && e.conjunct(m) {
		// "accused Lithuania and Poland of violating its airspace": a
		// singular pronoun takes up neither side of "X and Y".
		return false
	}
	if g := e.in.Gender; g != nil && c&(ClassMasc|ClassFem) != 0 {
		switch g[m.Actor] {
		case 'm':
			return c&ClassFem == 0
		case 'f':
			return c&ClassMasc == 0
		}
	}
	return true
}

// conjunct reports whether mention m is joined to another mention by a
// coordinator ("Lithuania and Poland", "the US or the UK"), with at most an
// article after it.
func (e *engine) conjunct(m *Mention) bool {
	n := int32(len(e.toks))
	if j := m.End; j+1 < n && e.info[j].class&ClassCoord != 0 && e.info[j].mention < 0 {
		j++
		if j+1 < n && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
			j++
		}
		if e.info[j].mention >= 0 {
			return true
		}
	}
	j := m.Start - 1
	if j > 0 && e.info[j].class&ClassDet != 0 && e.info[j].mention < 0 {
		j--
	}
	return j > 0 && e.info[j].class&ClassCoord != 0 && e.info[j].mention < 0 && e.info[j-1].mention >= 0
}

// coordinated reports whether mention m is one side of "X and Y": a
// conjunct, or joined by a coordinator to a capitalised word that is no
// mention ("Macron and Scholz", "Scholz and Macron": a name the gazetteer
// does not know).
func (e *engine) coordinated(m *Mention) bool {
	if e.conjunct(m) {
		return true
	}
	name := func(j int32) bool {
		return j >= 0 && int(j) < len(e.toks) && e.info[j].mention < 0 && e.info[j].class == 0 &&
			e.toks[j].Kind == tokenize.Word && e.toks[j].Has(tokenize.Capitalized)
	}
	coord := func(j int32) bool {
		return j >= 0 && int(j) < len(e.toks) && e.info[j].class&ClassCoord != 0 && e.info[j].mention < 0
	}
	return coord(m.End) && name(m.End+1) || coord(m.Start-1) && name(m.Start-2)
}

func compatible(c Class, k classifier.ActorKind) bool {
	switch {
	case c&ClassPronPerson != 0:
		return k == classifier.KindPerson || k == classifier.KindUnspecified
	case c&ClassPronThing != 0 && c&ClassDescNoun != 0:
		return k == classifier.KindCountry || k == classifier.KindOrganization || k == classifier.KindUnspecified
	case c&ClassPronThing != 0:
		return k == classifier.KindCountry || k == classifier.KindOrganization || k == classifier.KindOther || k == classifier.KindUnspecified
	case c&ClassPronPlural != 0:
		return k != classifier.KindPerson
	}
	return false
}
