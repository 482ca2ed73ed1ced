package stance

import (
	"sort"

	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Syntax in the engine: the token windows of roles.go propose a cue's
// holders and targets; where a dependency parse is at hand (Input.Parser),
// it vetoes the targets that the parse attaches elsewhere (rule "attach")
// and the holders it makes another clause's (rule "subject", see
// parseHolders below). Only the
// sentences that need it are parsed: one where a cue has a candidate target
// mention, once per sentence (again when a pronoun's antecedent sits in
// another sentence, see embedded).
//
// Rule "attach" (keepAttached, attachedElsewhere, embedded). A candidate target mention whose preposition is one of the
// cue's own words ("voting against X") is kept whatever the tree says.
// Another is dropped when
//   - the path from its head word up to the cue (or to the lowest common
//     ancestor of the two) leaves a noun that is not the cue through a
//     prepositional nmod (attachBlocks): "welcomed the talks in Turkey"
//     (Turkey -nmod-> talks -obj-> welcomed), "accept European
//     peacekeepers in Ukraine" (Ukraine -nmod-> peacekeepers);
//   - it hangs off an svo verb cue itself through a preposition that is not
//     among the cue's words ("voted against X") nor of class owner: an
//     adjunct, "accept peacekeepers in Ukraine" read as Ukraine -obl->
//     accept. Other cues keep their target and holder prepositions
//     ("support for X");
//   - it is a pronoun whose antecedent is so embedded in another noun's
//     phrase: "... the talks in Turkey. Britain later praised it.", or is
//     an adjunct of a verb that has an object: "accept European
//     peacekeepers in Ukraine. ... he will accept it" (the parse may hang
//     "in Ukraine" on either; "it" takes up the object).
//
// A phrase with an owner preposition (function.tsv class "owner": "the
// policies of X", "the ultimatum from X", "the attack by X") still reaches
// through its noun, as do possessors (nmod:poss), coordination, compounds,
// flat names and appositions. A dropped target leaves no contribution and
// so no evidence; the targets kept have the evidence of the window rule
// that found them. Holders are replaced only where the parse says
// positively that the window's holder is no subject of the cue
// (parseHolders): a full replacement lost two seed-article holders, as the
// greedy parse attaches the phrases before a subject less reliably than
// the subject search finds subjects.

// relClass is what the rules make of a dependency relation.
type relClass uint8

const (
	relOther  relClass = iota
	relNmod            // nmod without subtype: a prepositional modifier of a nominal
	relACL             // acl, acl:relcl: a clause modifying a nominal
	relObl             // obl: a nominal adjunct or oblique argument of a verb, adjective or adverb
	relCase            // case: the preposition of a nominal
	relPassOn          // relations that keep a mention in its phrase (conj, compound, flat, appos, nmod:poss)
	relObj             // obj: the object of a verb
)

// argRel is what the holder rule (subjectOf) makes of a relation: the
// relations between a verb and its subject, and those through which a verb
// takes its subject from another.
type argRel uint8

const (
	argOther    argRel = iota
	argSubj            // nsubj: the subject
	argSubjPass        // nsubj:pass: a passive subject (the patient)
	argConj            // conj: a coordinated verb shares its subject
	argXcomp           // xcomp: a controlled clause takes its subject from the verb above
	argRelcl           // acl:relcl: a relative clause on its antecedent
)

// attachBlocks says which relations, taken from a nominal that is not the
// cue, detach a mention from the cue. acl is not blocking: "condemned the
// attack launched by Russia" keeps Russia (through a weak adjunct).
var attachBlocks = [...]bool{relNmod: true}

// Grammar is a parser model prepared for the engine. It is immutable and
// safe for concurrent use.
type Grammar struct {
	m     *syntax.Model
	class []relClass // by relation index of m
	arg   []argRel   // by relation index of m
}

// NewGrammar prepares m for the engine.
func NewGrammar(m *syntax.Model) *Grammar {
	g := &Grammar{m: m, class: make([]relClass, len(m.Relations)), arg: make([]argRel, len(m.Relations))}
	for i, r := range m.Relations {
		switch r {
		case "nsubj":
			g.arg[i] = argSubj
		case "nsubj:pass":
			g.arg[i] = argSubjPass
		case "conj":
			g.arg[i] = argConj
		case "xcomp":
			g.arg[i] = argXcomp
		case "acl:relcl":
			g.arg[i] = argRelcl
		}
		switch {
		case r == "nmod:poss" || syntax.Universal(r) == "conj" || syntax.Universal(r) == "compound" ||
			syntax.Universal(r) == "flat" || r == "appos":
			g.class[i] = relPassOn
		case r == "nmod":
			g.class[i] = relNmod
		case r == "obl":
			g.class[i] = relObl
		case syntax.Universal(r) == "acl":
			g.class[i] = relACL
		case r == "case":
			g.class[i] = relCase
		case r == "obj":
			g.class[i] = relObj
		}
	}
	return g
}

// Model returns the parser model.
func (g *Grammar) Model() *syntax.Model { return g.m }

// Parser parses the sentences of statements for the engine and keeps the
// last parse. It is not safe for concurrent use: keep one per goroutine
// (with the Scratch); it allocates only while its buffers grow.
type Parser struct {
	g       *Grammar
	p       *syntax.Parser
	words   []syntax.Word
	forms   []string
	tree    syntax.Tree
	first   []int32 // per token of the sentence: its first word, or -1
	mark    []uint32
	epoch   uint32
	sent    int32 // the sentence of the current statement last tried, or -1
	ok      bool  // whether sent was parsed (it was not too long)
	tokBase int32 // token index of the sentence's first token
	parses  int
}

// NewParser returns a Parser of g.
func (g *Grammar) NewParser() *Parser { return &Parser{g: g, p: g.m.NewParser(), sent: -1} }

// Parses is how many sentences p has parsed since it was made.
func (p *Parser) Parses() int { return p.parses }

// Tree returns the words and the parse of the last sentence parsed.
func (p *Parser) Tree() ([]syntax.Word, *syntax.Tree) { return p.words, &p.tree }

// ParseSentence parses the tokens toks of one sentence of text, whose first
// token has index base in the statement, and reports whether it did (a
// sentence longer than maxParseWords words is not parsed).
func (p *Parser) ParseSentence(text string, toks []tokenize.Token, base int32) bool {
	if len(toks) > maxParseWords {
		return false // every token gives at least one word
	}
	p.words = syntax.AppendWords(p.words[:0], text, toks)
	if len(p.words) > maxParseWords {
		return false
	}
	p.forms = p.forms[:0]
	for _, w := range p.words {
		p.forms = append(p.forms, w.FormOf(text))
	}
	p.p.Parse(p.forms, &p.tree)
	p.parses++
	p.first = resizeInt32(p.first, len(toks))
	for i := range p.first {
		p.first[i] = -1
	}
	for wi := len(p.words) - 1; wi >= 0; wi-- {
		p.first[p.words[wi].Token] = int32(wi)
	}
	if cap(p.mark) < len(p.words) {
		p.mark = make([]uint32, len(p.words))
		p.epoch = 0
	}
	p.mark = p.mark[:len(p.words)]
	p.tokBase = base
	return true
}

func resizeInt32(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

// wordsOf returns the word range [from, to) of the statement's tokens
// [start, end) in the parsed sentence.
func (p *Parser) wordsOf(start, end int32) (int32, int32) {
	from := p.first[start-p.tokBase]
	to := int32(len(p.words))
	if k := end - p.tokBase; int(k) < len(p.first) {
		to = p.first[k]
	}
	return from, to
}

// headOf is the word of [from, to) whose head lies outside it, the head of
// the phrase; the first such word when several are.
func (p *Parser) headOf(from, to int32) int32 {
	for w := from; w < to; w++ {
		if h := p.tree.Heads[w]; h < from || h >= to {
			return w
		}
	}
	return from
}

// parsed makes sure the sentence of token i is parsed, and reports whether
// it is.
func (e *engine) parsed(i int32) bool {
	p := e.in.Parser
	if p == nil {
		return false
	}
	si := e.info[i].sent
	if p.sent == si {
		return p.ok // a sentence too long is tried once
	}
	st := e.in.Sentences[si]
	p.sent = si
	p.ok = p.ParseSentence(e.in.Text, e.toks[st.Start:st.End], st.Start)
	return p.ok
}

// attachedElsewhere reports whether the parse attaches mention mi to
// something other than the cue occurrence o (rule "attach"). Without a
// parse, or for a mention outside the cue's sentence or overlapping the
// cue, it reports false.
func (e *engine) attachedElsewhere(o *occ, mi int32) bool {
	m := &e.in.Mentions[mi]
	if e.info[m.Start].sent != e.info[o.start].sent || m.End > o.start && m.Start < o.end {
		return false
	}
	if !e.parsed(o.start) {
		return false
	}
	p := e.in.Parser
	heads, rels, tags := p.tree.Heads, p.tree.Rels, p.tree.Tags
	cf, ct := p.wordsOf(o.start, o.end)
	mf, mt := p.wordsOf(m.Start, m.End)
	if cf < 0 || mf < 0 || cf >= ct || mf >= mt {
		return false
	}
	// Mark the cue's words and its ancestors.
	p.epoch++
	if p.epoch == 0 {
		clear(p.mark)
		p.epoch = 1
	}
	for w := cf; w < ct; w++ {
		p.mark[w] = p.epoch
	}
	for w, k := heads[p.headOf(cf, ct)], 0; w >= 0 && k < maxAttachDepth; w, k = heads[w], k+1 {
		p.mark[w] = p.epoch
	}
	// A mention whose preposition is one of the cue's own words ("voting
	// against a resolution") is the cue's argument whatever the tree makes
	// of the rest: the cue phrase says so. (The parser read "voting" as a
	// noun there and hung the resolution on another noun.)
	x := p.headOf(mf, mt)
	for w := max(cf, x-maxCaseDistance); w < ct && w < x; w++ {
		if heads[w] == x && p.g.class[rels[w]] == relCase {
			return false
		}
	}
	// Walk up from the mention's head to the first marked word.
	for k := 0; k < maxAttachDepth && x >= 0 && p.mark[x] != p.epoch; k++ {
		h := heads[x]
		if h < 0 {
			return false
		}
		c := p.g.class[rels[x]]
		if h >= cf && h < ct {
			// A prepositional phrase on the cue itself is its argument
			// only with one of the cue's role prepositions ("support for
			// X", "voted against X", "backed by X"); with another it is an
			// adjunct ("accept peacekeepers in Ukraine" read with "in
			// Ukraine" on the verb).
			if c == relObl || c == relNmod {
				found, ok := e.caseOf(x, o, cf, ct, true)
				return found && !ok
			}
			return false
		}
		if int(c) < len(attachBlocks) && attachBlocks[c] && nominal(tags[h]) {
			if found, ok := e.caseOf(x, o, cf, ct, false); found && !ok {
				return true
			}
		}
		x = h
	}
	return false
}

// nominal reports whether tag t heads a nominal phrase.
func nominal(t syntax.UPOS) bool {
	return t == syntax.NOUN || t == syntax.PROPN || t == syntax.PRON
}

// caseOf finds the case marker (preposition) of word x of the parsed
// sentence and reports whether it lets x's phrase reach cue occurrence o,
// whose words are [cf, ct): it is of class "owner" (function.tsv: "of",
// "from", "by"), or, when onCue (x hangs off the cue itself), one of the
// cue's own words ("vote against") or, unless the cue is an svo verb (by
// the parse: its target is the object), one of its target or holder
// prepositions ("US sanctions against Russia" read as a noun). found is
// false when x has no case marker; ok is then false too. o is read only
// when onCue.
func (e *engine) caseOf(x int32, o *occ, cf, ct int32, onCue bool) (found, ok bool) {
	p := e.in.Parser
	for w := max(0, x-maxCaseDistance); w < x; w++ {
		if p.tree.Heads[w] != x || p.g.class[p.tree.Rels[w]] != relCase {
			continue
		}
		inf := &e.info[p.tokBase+p.words[w].Token]
		if inf.class&ClassOwner != 0 || onCue && w >= cf && w < ct {
			return true, true
		}
		if onCue {
			c := &e.l.cues[o.cue]
			if !(c.Frame == FrameSVO && p.tree.Tags[p.headOf(cf, ct)] == syntax.VERB) && inf.prep >= 0 && (c.TargetPreps|c.HolderPreps)&(1<<uint(inf.prep)) != 0 {
				return true, true
			}
		}
		found = true
	}
	return found, false
}

// keepAttached drops from ps, in place, the mentions the parse attaches
// elsewhere than to cue occurrence o (attachedElsewhere), and the pronouns
// whose antecedent is embedded in another noun's phrase (embedded).
// Speaker stand-ins are kept.
func (e *engine) keepAttached(o *occ, ps []part) []part {
	if e.in.Parser == nil || len(ps) == 0 {
		return ps
	}
	out := ps[:0]
	for _, p := range ps {
		switch {
		case p.mention < 0:
		case p.rule == RulePronoun:
			// The part's mention is the antecedent, not a word of the
			// cue's sentence.
			if e.embedded(o, p.mention) {
				continue
			}
		case e.attachedElsewhere(o, p.mention):
			continue
		}
		out = append(out, p)
	}
	return out
}

// embedded reports whether the parse attaches mention mi, as the
// antecedent of a pronoun, inside the phrase of another noun through a
// preposition that is not of class owner: in "accept European peacekeepers
// in Ukraine. … he will accept it", "it" is the peacekeepers, the head of
// the phrase, not Ukraine. It parses mi's sentence when that is not the
// one parsed; o is the cue occurrence the pronoun is an argument of.
func (e *engine) embedded(o *occ, mi int32) bool {
	m := &e.in.Mentions[mi]
	if !e.parsed(m.Start) {
		return false
	}
	p := e.in.Parser
	mf, mt := p.wordsOf(m.Start, m.End)
	if mf < 0 || mf >= mt {
		return false
	}
	x := p.headOf(mf, mt)
	h := p.tree.Heads[x]
	if h < 0 {
		return false
	}
	switch c := p.g.class[p.tree.Rels[x]]; {
	case c == relNmod && nominal(p.tree.Tags[h]):
	case c == relObl && p.hasObject(h):
		// An adjunct of a verb that has an object ("accept peacekeepers
		// in Ukraine", however the parse attaches "in Ukraine"): the
		// object, not the adjunct, is what a later "it" takes up.
	default:
		return false
	}
	found, ok := e.caseOf(x, o, -1, -1, false)
	return found && !ok
}

// hasObject reports whether word h of the parsed sentence has a nominal
// object (relation obj).
func (p *Parser) hasObject(h int32) bool {
	for w, hw := range p.tree.Heads {
		if hw == h && p.g.class[p.tree.Rels[w]] == relObj && nominal(p.tree.Tags[w]) {
			return true
		}
	}
	return false
}

// Holders from the parse (rule "subject", parseHolders). The token windows
// find a verb cue's subject by walking left from the cue; the parse knows
// when the actor found so belongs to another clause: the object of a first
// verb ("France condemned Germany and praised Italy": Germany is no
// subject of "praised"), the inside of a relative clause ("Germany, which
// criticised France, praised Italy"), or a relative clause's antecedent
// that is no actor ("voting against a resolution that condemned Russia":
// the resolution condemns). subjectOf follows the tree from the cue verb
// to its subject: its own nsubj, else through conj and xcomp to the verb
// that has one; a relative pronoun subject stands for the antecedent.

// subjectOf returns the word the parse gives as the subject of verb v, the
// word whose subtree is excluded from the subject's phrase (the clause of
// v or of the relative clause that holds it), and the rule that names the
// path. It returns s = -1 when the parse gives none, or a passive one.
func (e *engine) subjectOf(v int32) (s, clause int32, rule Rule) {
	p := e.in.Parser
	heads, rels, tags := p.tree.Heads, p.tree.Rels, p.tree.Tags
	rule, clause = RuleActive, v
	for k := 0; k < maxAttachDepth; k++ {
		subj, pass := int32(-1), false
		for w, h := range heads {
			if h != v {
				continue
			}
			switch p.g.arg[rels[w]] {
			case argSubj:
				if subj < 0 {
					subj = int32(w)
				}
			case argSubjPass:
				pass = true
			}
		}
		switch {
		case pass:
			return -1, v, 0
		case subj >= 0:
			if p.g.arg[rels[v]] == argRelcl && e.info[p.tokBase+p.words[subj].Token].class&ClassRel != 0 {
				// "a resolution that condemned": the antecedent.
				return heads[v], v, RuleRelcl
			}
			return subj, clause, rule
		}
		h := heads[v]
		if h < 0 || tags[h] != syntax.VERB {
			return -1, v, 0
		}
		switch p.g.arg[rels[v]] {
		case argConj:
			if rule == RuleActive {
				rule = RuleConjSubj
			}
		case argXcomp:
			rule = RuleControl
		default:
			return -1, v, 0
		}
		clause = v
		v = h
	}
	return -1, v, 0
}

// within reports whether word w lies in the subtree of word x.
func (p *Parser) within(w, x int32) bool {
	for k := 0; k < maxAttachDepth && w >= 0; k++ {
		if w == x {
			return true
		}
		w = p.tree.Heads[w]
	}
	return false
}

// parseHolders checks the holders the token windows found for verb cue
// occurrence o against the parse's subject (subjectOf) and returns the
// holders to use in dst, with ok set, when they differ from the window's:
// the mentions of the parse's subject phrase (none when that phrase names
// no actor: the resolution, not the voter, condemns). ok is false when the
// parse agrees or gives no subject.
// Pronoun and speaker holders are left to the window rules.
func (e *engine) parseHolders(o *occ, holders, dst []part) (_ []part, ok bool) {
	p := e.in.Parser
	if p == nil || !e.parsed(o.start) {
		return nil, false
	}
	for _, h := range holders {
		if h.mention < 0 || h.rule == RulePronoun {
			return nil, false
		}
	}
	cf, ct := p.wordsOf(o.start, o.end)
	if cf < 0 || cf >= ct {
		return nil, false
	}
	v := p.headOf(cf, ct)
	if p.tree.Tags[v] != syntax.VERB {
		return nil, false
	}
	s, clause, rule := e.subjectOf(v)
	if s < 0 {
		// No subject in the parse ("Japan, which had criticised China,
		// now praises Korea" read with "praises" as an adverbial clause):
		// a window holder that the parse makes another verb's object or
		// puts in a relative clause is still no holder.
		for _, h := range holders {
			if e.argElsewhere(h.mention, v) {
				return dst[:0], true
			}
		}
		return nil, false
	}
	if p.tree.Tags[s] == syntax.PRON && e.info[p.tokBase+p.words[s].Token].class&ClassRel == 0 {
		return nil, false
	}
	st := e.in.Sentences[e.info[o.start].sent]
	subj := dst[:0]
	// The parse overrules the windows only where it says positively that
	// their holder is no subject of the cue: an object, or inside a
	// relative clause the cue is not in; or where the cue's subject is a
	// relative pronoun. Elsewhere a greedy parse errs more often than the
	// subject search ("as Trump has questioned", with Trump read as a
	// modifier of the noun before it).
	agree := len(holders) > 0
	for _, h := range holders {
		if e.inPhraseOf(h.mention, s, clause) {
			continue
		}
		if rule != RuleRelcl && !e.argElsewhere(h.mention, v) {
			return nil, false
		}
		agree = false
	}
	// The mentions of the sentence before the cue in the subject's phrase
	// (mentions are in text order: a binary search finds the first).
	ms := e.in.Mentions
	for mi := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= st.Start }); mi < len(ms) && ms[mi].Start < o.start; mi++ {
		if m := &ms[mi]; m.End <= st.End && e.inPhraseOf(int32(mi), s, clause) {
			subj = append(subj, part{actor: m.Actor, mention: int32(mi), w: 1, rule: rule})
		}
	}
	// Where the windows found part of the phrase ("France, Britain and
	// Spain condemned Germany but praised Italy": France for "praised"),
	// the phrase's mentions are the holders.
	if agree && len(subj) <= len(holders) {
		return nil, false
	}
	return subj, true
}

// argElsewhere reports whether the parse makes mention mi the object of a
// verb, or puts it inside a relative clause that does not hold word v.
func (e *engine) argElsewhere(mi, v int32) bool {
	p := e.in.Parser
	m := &e.in.Mentions[mi]
	mf, mt := p.wordsOf(m.Start, m.End)
	if mf < 0 || mf >= mt {
		return false
	}
	x := p.headOf(mf, mt)
	if p.g.class[p.tree.Rels[x]] == relObj {
		return true
	}
	for k := 0; k < maxAttachDepth && x >= 0; k++ {
		if p.g.arg[p.tree.Rels[x]] == argRelcl {
			return !p.within(v, x)
		}
		x = p.tree.Heads[x]
	}
	return false
}

// inPhraseOf reports whether mention mi names the phrase of word s: its
// head word is s, or reaches s through relations that keep a mention in
// its phrase (relPassOn: "France, Britain and Spain", "Russia's
// government") or a prepositional nmod of class owner ("the government of
// France"), and not through the subtree of word clause when clause is part
// of s's (a relative clause on s). "The ambassador to France" does not
// name France.
func (e *engine) inPhraseOf(mi, s, clause int32) bool {
	p := e.in.Parser
	m := &e.in.Mentions[mi]
	mf, mt := p.wordsOf(m.Start, m.End)
	if mf < 0 || mf >= mt {
		return false
	}
	inClause := p.within(clause, s)
	x := p.headOf(mf, mt)
	for k := 0; k < maxAttachDepth && x >= 0; k++ {
		if x == s {
			return true
		}
		if inClause && x == clause {
			return false
		}
		switch p.g.class[p.tree.Rels[x]] {
		case relPassOn:
		case relNmod:
			if found, ok := e.caseOf(x, nil, -1, -1, false); !found || !ok {
				return false
			}
		default:
			return false
		}
		x = p.tree.Heads[x]
	}
	return false
}
