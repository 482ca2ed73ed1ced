package stance

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Data files read by Load, relative to the data root.
const (
	CuesFile      = "stance/cues.tsv"
	FunctionFile  = "stance/function.tsv"
	IrregularFile = "stance/irregular.tsv"
	PortrayalFile = "stance/portrayal.tsv"
)

// ParseError reports a malformed line of a stance data file. Its text reads
// "stance/cues.tsv:12: unknown frame \"xyz\"".
type ParseError struct {
	Path string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// POS is a cue's part of speech, which decides how it is inflected.
type POS uint8

// Parts of speech of cues.
const (
	POSVerb      POS = iota + 1 // inflected: -s, -ed, -ing, irregular forms
	POSNoun                     // singular and plural
	POSAdj                      // as written
	POSPhrase                   // several words, as written
	POSVPhrase                  // several words, the first one inflected as a verb
	POSPrefix                   // a word prefix ending in "-" ("anti-"), matched on mentions
	POSSuffix                   // a word suffix starting with "-" ("-backed"), after a mention inside the word
	POSTagPrefix                // words of a hashtag right before a mention in it ("#NeverTrump")
	POSTagSuffix                // words of a hashtag right after a mention in it ("#Trump2016")
)

var posNames = map[string]POS{"verb": POSVerb, "noun": POSNoun, "adj": POSAdj, "phrase": POSPhrase, "vphrase": POSVPhrase, "prefix": POSPrefix, "suffix": POSSuffix, "tagprefix": POSTagPrefix, "tagsuffix": POSTagSuffix}

// Frame says which words around a cue are its holder and its target.
type Frame uint8

// Argument frames of cues.
const (
	// FrameSVO: the subject holds the stance toward the object ("X condemned
	// Y"); in the passive the by-phrase holds it toward the subject.
	FrameSVO Frame = iota + 1
	// FramePrep: a noun or adjective whose target follows one of its target
	// prepositions ("X's support for Y", "X is angry at Y"); the holder is
	// the possessor, a holder-preposition phrase or the clause subject.
	FramePrep
	// FrameInverse: the subject is the target and the object (or the phrase
	// after the cue) the holder ("the plan angered X", "Y came under fire
	// from X").
	FrameInverse
	// FrameSubject: the cue portrays its own subject ("X lied").
	FrameSubject
	// FrameDescriptor: a word describing an adjacent actor ("the corrupt X",
	// "X, a war criminal", "name X as the aggressor").
	FrameDescriptor
	// FramePossessed: a noun whose possessor or of-object is the target ("X's
	// resignation", "the ouster of X"); the clause subject is the holder.
	FramePossessed
	// FrameFlip modifies the cue after it: "refused to endorse" reverses and
	// weakens it.
	FrameFlip
	// FrameNeutral modifies the cue after it: "stopped short of criticising"
	// cancels it.
	FrameNeutral
	// FrameKeep is an idiom holding a negator that negates nothing ("can't
	// wait to vote for"): as an occurrence of its own it takes the negator
	// out of the scope search, so the cue after it is not negated.
	FrameKeep
)

var frameNames = map[string]Frame{
	"svo": FrameSVO, "prep": FramePrep, "inv": FrameInverse, "subj": FrameSubject,
	"desc": FrameDescriptor, "poss": FramePossessed, "flip": FrameFlip, "neutral": FrameNeutral,
	"keep": FrameKeep,
}

// modifier reports whether the frame's cue modifies the cue after it
// instead of carrying a stance of its own.
func (f Frame) modifier() bool { return f == FrameFlip || f == FrameNeutral || f == FrameKeep }

// String returns the frame's name as written in cues.tsv.
func (f Frame) String() string {
	for k, v := range frameNames {
		if v == f {
			return k
		}
	}
	return "unknown"
}

// Class is a set of function-word classes (function.tsv).
type Class uint64

// Function-word classes.
const (
	ClassBe Class = 1 << iota
	ClassGet
	ClassAux
	ClassModal
	ClassNeg
	ClassNeg0
	ClassCond
	ClassDet
	ClassPossPron
	ClassPronPerson
	ClassPronThing
	ClassPronPlural
	ClassPronFirst
	ClassPrep
	ClassCoord
	ClassSub
	ClassContrast
	ClassRel
	ClassAttrib
	ClassPast
	ClassMod
	ClassRefl
	// ClassOwner marks the prepositions whose phrase belongs to the noun
	// before it as its possessor, source or agent ("the policies of X",
	// "the ultimatum from X", "the attack by X"): the parse rules let a
	// mention reach a cue through them.
	ClassOwner
	// ClassSubj marks the pronouns that are only ever subjects ("we",
	// "they"): the base form of an ambiguous verb after one is a verb
	// ("we back Ukraine"), unlike after "them" ("brought them back").
	ClassSubj
	// ClassInf marks the infinitive marker ("to"), after which the base
	// form of an ambiguous verb is a verb ("to back the plan").
	ClassInf
	// ClassPair marks the prepositions whose phrase names the parties of
	// the noun before it ("a deal between Kyiv and Chisinau", "fighting
	// among the factions"): those actors are no object of a cue before
	// the noun ("Poland welcomed the deal between X and Y" is no stance
	// of Poland's toward X or Y).
	ClassPair
	// ClassDeny marks the verbs of denial ("deny"): a cue they scope over
	// ("denied that it had criticised Malta", "denied attacking X") is
	// cancelled, unless a coordinator stands between ("denied the claims
	// and praised Malta").
	ClassDeny
	// ClassChain marks the preposition of a chain of nouns ("of": "the
	// policies of X"): a target reached through it is weakened less than
	// through another preposition, and a possessed noun takes its object
	// ("the resignation of X").
	ClassChain
	// ClassAgent marks the preposition of a passive's agent ("by").
	ClassAgent
	// ClassSource marks the preposition of an object's source ("from":
	// "rejected the ultimatum from X"), counted like its possessor.
	ClassSource
	// ClassAs marks the word that introduces a role or description ("as":
	// "name Russia as the aggressor").
	ClassAs
	// ClassPlace marks the preposition whose phrase after a passive cue
	// names the place whose people hold it ("was welcomed in Kyiv").
	ClassPlace
	// ClassWho marks the relative pronouns of persons ("who"), which never
	// open an object relative clause ("the plan that Berlin backed").
	ClassWho
	// ClassAccording marks the first word of "according to X", whose
	// object is the source of what the sentence reports.
	ClassAccording
	// ClassLead marks the participles that, with the agent preposition,
	// name who leads a group ("European nations, led by France,
	// amended"), and the words that with "with" name a co-holder
	// ("France, along with Germany, condemned"): that actor holds the
	// group's stances with it.
	ClassLead
	// ClassAsk marks the verbs of asking ("ask", "wonder"): a cue after
	// one and a conditional word is an indirect question ("asked Putin
	// if he would accept X", "wondered whether Y backs Z") and states no
	// stance.
	ClassAsk
	// ClassDescNoun marks the nouns that, right after a definite article,
	// take up an organisation or country named before, like "it": "the
	// party", "the bloc", "the company". Resolved like a pronoun of things
	// (never a person); inside a mention ("the Green Party") they are part
	// of the name.
	ClassDescNoun
	// ClassDefinite marks the definite articles and demonstratives before
	// a ClassDescNoun ("the party", "this bloc"); "a party" takes up
	// nobody.
	ClassDefinite
	// ClassPerfect marks the auxiliaries of the perfect ("has", "had"):
	// one right before a participle makes it active ("has criticised"),
	// where an adverb-like auxiliary does not ("was repeatedly
	// criticised", "has been also criticised").
	ClassPerfect
	// ClassMasc and ClassFem mark the gendered personal pronouns ("he",
	// "she"): with Input.Gender they skip a person of the other gender.
	ClassMasc
	ClassFem
	// ClassCause marks the verbs by which one actor gets another to act
	// ("persuaded Canada to sanction Belarus", "urged X to back Y"): the
	// causer holds the act's stance too, weaker (Params.Causer).
	ClassCause
	// ClassEventNoun marks the nouns that, after a definite article, take
	// up an act reported before ("The United States welcomed the move",
	// "agreed with the criticism"): a cue toward it holds toward that
	// act's doer and, by its sign, toward its target (RuleAnaphor).
	ClassEventNoun
	// ClassNum marks the numerals and quantifiers that, like a number, may
	// stand inside a phrase cue besides an article ("fired two ballistic
	// missiles at", "signed several agreements with").
	ClassNum
	// ClassQuant marks the nouns of quantity that, with the "of" after
	// them, stand inside a phrase cue like a numeral ("signed a series of
	// deals with", "fired a barrage of rockets at"); a numeral takes the
	// "of" too ("fired dozens of drones at").
	ClassQuant
	// ClassCausePrep marks the verbs that get another actor to act through
	// a preposition ("called on Russia to stop", "appealed to Iran to
	// release"): of class cause only with that preposition.
	ClassCausePrep
	// ClassReaction marks the subordinators after which a cue of option
	// reaction finds the doer it reacts to ("protested after", "when").
	ClassReaction
	// ClassNear marks the prepositions of nearness ("near", "beside"):
	// a place by a cue's object, never its target ("lifted its ban on
	// fishing near Peru").
	ClassNear
	// ClassGrievance marks the reporting verbs that voice a grievance
	// ("complained", "lamented"): the doer of a harmful act they
	// report is opposed by the one who reports it ("Lebanon complained that
	// Israel had violated its airspace"), where "said" reports it neutrally.
	ClassGrievance
	// ClassPossible marks the modals of possibility ("could", "may",
	// "might"): a cue under one is no commitment ("Austria could back
	// Hungary's position"), so it colours its target but gives no
	// relation, where "will back" does.
	ClassPossible
	// ClassJoin marks the verbs by which one actor joins another's act
	// ("Canada joined Britain in imposing sanctions on Iran"): the joiner
	// holds the act's stance as fully as the one it joined.
	ClassJoin
	// ClassDespite marks the concessive words ("despite"): an objection
	// after one ("despite objections from Pakistan") is its holder's
	// stance toward the subject of the clause it concedes.
	ClassDespite
	// ClassFollower marks the nouns for the people around an actor
	// ("allies", "critics", "supporters"): after a possessive mention they
	// are the subject, and the possessor holds nothing ("Hale's allies
	// rallied behind Becker").
	ClassFollower
	// ClassEach and ClassOther mark the reciprocal pronoun ("each other",
	// "one another"): as the object of any verb cue with coordinated
	// subjects it makes the act reciprocal ("India and Canada expelled
	// each other's diplomats").
	ClassEach
	ClassOther
	// ClassName marks the verbs of naming ("call", "brand", "label"):
	// the actor right after one is their object, so a descriptor after it
	// is the namer's stance toward it ("Trump called Macron a liar"), as
	// after "as" ("described Putin as a war criminal").
	ClassName
	// ClassOblige marks the modals of obligation ("must", "should"): in a
	// quote, what its subject must do about a bad thing portrays the
	// subject as the speaker sees it (`"Russia must pay for its crimes,"
	// Zelensky said`: Zelensky opposes Russia).
	ClassOblige
	// ClassAgainst marks the preposition of the other side of a supportive
	// act ("sided with Cyprus against Turkey": againstSide).
	ClassAgainst
)

var classNames = map[string]Class{
	"be": ClassBe, "get": ClassGet, "aux": ClassAux, "modal": ClassModal, "neg": ClassNeg,
	"neg0": ClassNeg0, "cond": ClassCond, "det": ClassDet, "posspron": ClassPossPron,
	"pron_person": ClassPronPerson, "pron_thing": ClassPronThing, "pron_plural": ClassPronPlural,
	"pron_first": ClassPronFirst, "prep": ClassPrep, "coord": ClassCoord, "sub": ClassSub,
	"contrast": ClassContrast, "rel": ClassRel, "attrib": ClassAttrib, "past": ClassPast,
	"mod": ClassMod, "refl": ClassRefl, "owner": ClassOwner, "subj": ClassSubj, "inf": ClassInf,
	"pair": ClassPair, "deny": ClassDeny, "chain": ClassChain, "agent": ClassAgent,
	"source": ClassSource, "as": ClassAs, "place": ClassPlace, "who": ClassWho,
	"according": ClassAccording, "lead": ClassLead, "ask": ClassAsk, "descnoun": ClassDescNoun, "definite": ClassDefinite, "perfect": ClassPerfect, "masc": ClassMasc, "fem": ClassFem, "cause": ClassCause, "eventnoun": ClassEventNoun, "num": ClassNum, "quant": ClassQuant, "causeprep": ClassCausePrep, "reaction": ClassReaction, "near": ClassNear, "grievance": ClassGrievance, "possible": ClassPossible, "join": ClassJoin, "despite": ClassDespite, "follower": ClassFollower, "each": ClassEach, "other": ClassOther, "name": ClassName, "oblige": ClassOblige, "against": ClassAgainst,
}

const classPron = ClassPronPerson | ClassPronThing | ClassPronPlural

// maxPreps is the most prepositions function.tsv may declare (they index a
// 64-bit set).
const maxPreps = 64

// Cue is one stance cue of the lexicon.
type Cue struct {
	// Text is the cue as written in cues.tsv ("criticise", "vote against").
	Text string
	POS  POS
	// Weight is the signed strength toward the target, in [-1, 1].
	Weight float32
	Frame  Frame
	// Agent is the signed portrayal of a verb's own subject, in [-1, 1]
	// ("X invaded Y" portrays X negatively).
	Agent float32
	// TargetPreps and HolderPreps are sets of preposition ids.
	TargetPreps, HolderPreps uint64
	// Reciprocal marks an act of two sides together ("X and Y signed an
	// agreement", "X and Y traded accusations"): with coordinated holders
	// and no target, each holder takes the others as its targets.
	Reciprocal bool
	// Negated, when not 0, is the weight of the cue under a negator (option
	// neg=): to fail to desert someone is to stand by them ("will not
	// abandon Ukraine" supports Ukraine), where most cues negated state
	// little ("did not criticise X").
	Negated float32
	// Patient multiplies the cue's weight toward its target's stance (option
	// patient=; 1 without it), while relations keep the whole weight: "X
	// shot Y" is X -> Y oppose, but news reports Y as a victim, not as
	// opposed (NewsMTSC labels such targets neutral).
	Patient float32
	// Recipient is the weight toward a target named in a "to" phrase after
	// the cue (option to=), when RecipientPreps is set: the side that
	// receives what is handed over is cooperated with, whatever the act does
	// to its object ("extradited a suspect to Argentina"), or, with 0, is
	// no target at all ("deported migrants to Guatemala").
	Recipient float32
	// RecipientPreps is the set of the preposition "to" for Recipient, 0
	// without the option.
	RecipientPreps uint64
	// Urged marks a subj cue that is a stance only when someone calls for
	// it (option urged): to resign is nothing, to be urged to resign is
	// to be opposed ("Germany urged Maduro to step down", "Maduro must
	// resign"; frames.go, urger).
	Urged bool
	// Reaction marks an svo cue that may react to an act told in a clause
	// after it (option reaction): with no object of its own, the subject
	// of a clause opened by a word of class reaction ("after", "when") is
	// its target ("Vietnam protested after a Chinese vessel rammed its
	// boat": Vietnam -> China).
	Reaction bool
	// Guest marks an svo cue whose person object is a visitor received,
	// no stance (option guest): "Starmer welcomed Carney to Downing
	// Street" is a host's welcome, "welcomed Carney's decision" support.
	Guest bool
}

// word is what the lexicon knows about one lower-case token.
type word struct {
	class Class
	prep  int8 // preposition id, -1 when not a preposition
}

// entry is everything known about one lower-case token, found with one map
// lookup per token: its function-word classes, its portrayal weight and its
// edge from the root of the cue trie.
type entry struct {
	class Class
	pv    float32 // portrayal weight
	fm    float32 // fitted multiplier of the word's target-stance valence, minus 1
	root  int32   // child of the trie root, 0 when none
	prep  int8    // preposition id, -1 when not a preposition
	pset  bool    // in portrayal.tsv
}

// noEntry is the entry of a word the lexicon does not know.
var noEntry = entry{prep: -1}

// cueRef is one cue reachable through a surface form.
type cueRef struct {
	cue  int32
	form Form
	// guarded: the base form of a verb marked nobase, a cue only where
	// the context makes it a verb (engine.verbContext).
	guarded bool
}

// node is a state of the phrase trie over lower-case tokens.
type node struct {
	// next holds the children by word. index copies it into edges, keyed
	// by the words' Lookup indexes, which the engine has at hand for every
	// token; no node but the root has more than a few children.
	next  map[string]int32
	edges []edge
	// poss and refl are the edges for the <poss> and <refl> placeholders.
	poss, refl int32
	refs       []cueRef
}

// edge is one child of a trie node: the node after the word with Lookup
// index word.
type edge struct{ word, child int32 }

// child returns the node after the word with Lookup index x (-1 for an
// unknown word, which no edge has).
func (n *node) child(x int32) (int32, bool) {
	for _, ed := range n.edges {
		if ed.word == x {
			return ed.child, true
		}
	}
	return 0, false
}

// hasChild reports whether the node has an edge for the word with Lookup
// index x.
func (n *node) hasChild(x int32) bool {
	_, ok := n.child(x)
	return ok
}

// Lexicon is the stance cue lexicon with its function words. It is immutable
// after Load and safe for concurrent use.
type Lexicon struct {
	cues      []Cue
	nodes     []node
	words     map[string]word
	prepNames []string
	portrayal map[string]float32
	prefixes  []int32          // cues with POSPrefix
	prefixBy  [256]bool        // first bytes of the prefix cues
	suffixes  []int32          // cues with POSSuffix
	tagCues   []tagCue         // cues with POSTagPrefix or POSTagSuffix
	entries   map[string]int32 // index into entryList: union of words, portrayal and trie roots
	entryList []entry
	params    Params
	fit       *Fit               // nil without FittedFile
	fitWords  map[string]float32 // fitted multipliers of words' target-stance valence
}

// Cues returns the cues in file order. The slice is shared and must not be
// modified.
func (l *Lexicon) Cues() []Cue { return l.cues }

// Load reads the stance lexicon (cues.tsv, function.tsv, irregular.tsv under
// "stance/") from fsys. Errors name the file and line.
func Load(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{words: map[string]word{}, nodes: []node{{}}, params: DefaultParams()}
	irr, err := loadIrregular(fsys)
	if err != nil {
		return nil, err
	}
	if err := l.loadFunction(fsys, irr); err != nil {
		return nil, err
	}
	if err := l.loadCues(fsys, irr); err != nil {
		return nil, err
	}
	if err := l.loadPortrayal(fsys); err != nil {
		return nil, err
	}
	if err := l.loadFitted(fsys); err != nil {
		return nil, err
	}
	l.index()
	return l, nil
}

// index builds the one-lookup entries map, and the trie edges keyed by it.
func (l *Lexicon) index() {
	l.entries = make(map[string]int32, len(l.words)+len(l.portrayal)+len(l.fitWords)+len(l.nodes[0].next))
	get := func(w string) int32 {
		i, ok := l.entries[w]
		if !ok {
			i = int32(len(l.entryList))
			l.entries[w] = i
			l.entryList = append(l.entryList, noEntry)
		}
		return i
	}
	// get may grow entryList: call it before indexing the list.
	for w, x := range l.words {
		i := get(w)
		l.entryList[i].class, l.entryList[i].prep = x.class, x.prep
	}
	for w, v := range l.portrayal {
		i := get(w)
		l.entryList[i].pv, l.entryList[i].pset = v, true
	}
	for w, m := range l.fitWords {
		i := get(w)
		l.entryList[i].fm = m - 1
	}
	for w, n := range l.nodes[0].next {
		i := get(w)
		l.entryList[i].root = n
	}
	// The words inside phrases get entries too (noEntry when nothing else),
	// so that every trie edge has a Lookup index.
	for i := 1; i < len(l.nodes); i++ {
		nd := &l.nodes[i]
		for w, c := range nd.next {
			nd.edges = append(nd.edges, edge{word: get(w), child: c})
		}
		slices.SortFunc(nd.edges, func(a, b edge) int { return cmp.Compare(a.word, b.word) })
	}
}

// Lookup returns the index of what the lexicon knows about the folded word
// w (folded by tokenize.AppendLower), for Input.Entries, or -1 when it
// knows nothing.
func (l *Lexicon) Lookup(w []byte) int32 {
	if i, ok := l.entries[string(w)]; ok {
		return i
	}
	return -1
}

// ClassOf returns the function-word classes (function.tsv) of the word
// whose Lookup index is x; 0 for x < 0.
func (l *Lexicon) ClassOf(x int32) Class {
	if x < 0 || int(x) >= len(l.entryList) {
		return 0
	}
	return l.entryList[x].class
}

// Terms returns every word Lookup knows, in no particular order.
func (l *Lexicon) Terms() []string {
	out := make([]string, 0, len(l.entries))
	for w := range l.entries {
		out = append(out, w)
	}
	return out
}

// eachLine calls fn with the tab-separated fields of every non-empty,
// non-comment line of path, and wraps fn's error with path:line.
func eachLine(fsys fs.FS, path string, fn func(fields []string) error) error {
	return eachLineN(fsys, path, func(_ int, fields []string) error { return fn(fields) })
}

// eachLineN is eachLine that also passes the 1-based line number.
func eachLineN(fsys fs.FS, path string, fn func(line int, fields []string) error) error {
	f, err := fsys.Open(path)
	if err != nil {
		return fmt.Errorf("stance: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return &ParseError{Path: path, Line: n, Msg: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("stance: reading %s: %w", path, err)
	}
	return nil
}

func loadIrregular(fsys fs.FS) (map[string]irregular, error) {
	irr := map[string]irregular{}
	err := eachLine(fsys, IrregularFile, func(f []string) error {
		if len(f) < 3 || len(f) > 5 {
			return fmt.Errorf("want 3 to 5 tab-separated fields (base, past, participle, [ing], [s]), got %d", len(f))
		}
		for i, s := range f {
			if s != strings.ToLower(strings.TrimSpace(s)) || (i < 3 && s == "") {
				return fmt.Errorf("field %d %q must be a lower-case word", i+1, s)
			}
		}
		base := f[0]
		if _, dup := irr[base]; dup {
			return fmt.Errorf("duplicate verb %q", base)
		}
		ir := irregular{past: f[1], part: f[2]}
		if len(f) > 3 {
			ir.ing = f[3]
		}
		if len(f) > 4 {
			ir.s = f[4]
		}
		irr[base] = ir
		return nil
	})
	return irr, err
}

func (l *Lexicon) loadFunction(fsys fs.FS, irr map[string]irregular) error {
	return eachLine(fsys, FunctionFile, func(f []string) error {
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("want 2 or 3 tab-separated fields (word, classes, [verb]), got %d", len(f))
		}
		w := f[0]
		if w == "" || w != strings.ToLower(w) || strings.ContainsRune(w, ' ') {
			return fmt.Errorf("word %q must be one lower-case word", w)
		}
		var c Class
		for name := range strings.SplitSeq(f[1], ",") {
			bit, ok := classNames[name]
			if !ok {
				return fmt.Errorf("unknown class %q", name)
			}
			c |= bit
		}
		forms := []inflection{{w, FormBase}}
		if len(f) == 3 {
			if f[2] != "verb" {
				return fmt.Errorf("third field must be \"verb\", got %q", f[2])
			}
			forms = inflectVerb(forms[:0], w, irr)
		}
		for _, in := range forms {
			cur := l.words[in.text]
			if cur.class == 0 {
				cur.prep = -1
			}
			cur.class |= c
			if c&ClassPrep != 0 && cur.prep < 0 {
				if len(l.prepNames) == maxPreps {
					return fmt.Errorf("more than %d prepositions", maxPreps)
				}
				cur.prep = int8(len(l.prepNames))
				l.prepNames = append(l.prepNames, in.text)
			}
			l.words[in.text] = cur
		}
		return nil
	})
}

func (l *Lexicon) loadCues(fsys fs.FS, irr map[string]irregular) error {
	var forms []inflection
	// A cue read twice with one part of speech and frame would count its
	// words twice, or silently lose one line's weight.
	seen := map[[3]string]bool{}
	return eachLine(fsys, CuesFile, func(f []string) error {
		if len(f) < 4 || len(f) > 5 {
			return fmt.Errorf("want 4 or 5 tab-separated fields (cue, pos, weight, frame, [options]), got %d", len(f))
		}
		k := [3]string{f[0], f[1], f[3]}
		if seen[k] {
			return fmt.Errorf("duplicate cue %q (%s, %s)", f[0], f[1], f[3])
		}
		seen[k] = true
		c := Cue{Text: f[0], Patient: 1}
		if c.Text == "" || c.Text != strings.ToLower(c.Text) || strings.TrimSpace(c.Text) != c.Text || strings.Contains(c.Text, "  ") {
			return fmt.Errorf("cue %q must be lower-case words separated by single spaces", c.Text)
		}
		var ok bool
		if c.POS, ok = posNames[f[1]]; !ok {
			return fmt.Errorf("unknown part of speech %q (want verb, noun, adj, phrase, vphrase, prefix, suffix, tagprefix or tagsuffix)", f[1])
		}
		wt, err := parseWeight(f[2])
		if err != nil {
			return fmt.Errorf("weight: %w", err)
		}
		c.Weight = wt
		if c.Frame, ok = frameNames[f[3]]; !ok {
			return fmt.Errorf("unknown frame %q", f[3])
		}
		words := strings.Fields(c.Text)
		if c.POS == POSPrefix {
			if len(words) != 1 || !strings.HasSuffix(c.Text, "-") || len(c.Text) < 2 {
				return fmt.Errorf("prefix %q must be one word ending in \"-\"", c.Text)
			}
			if c.Frame != FrameDescriptor {
				return fmt.Errorf("prefix %q: frame must be desc", c.Text)
			}
			l.prefixes = append(l.prefixes, int32(len(l.cues)))
			l.prefixBy[c.Text[0]] = true
			l.cues = append(l.cues, c)
			return nil
		}
		if c.POS == POSSuffix {
			if len(words) != 1 || !strings.HasPrefix(c.Text, "-") || len(c.Text) < 2 {
				return fmt.Errorf("suffix %q must be one word starting with \"-\"", c.Text)
			}
			if c.Frame != FrameSVO {
				return fmt.Errorf("suffix %q: frame must be svo", c.Text)
			}
			l.suffixes = append(l.suffixes, int32(len(l.cues)))
			l.cues = append(l.cues, c)
			return nil
		}
		if c.POS == POSTagPrefix || c.POS == POSTagSuffix {
			if c.Frame != FrameDescriptor {
				return fmt.Errorf("%s %q: frame must be desc", f[1], c.Text)
			}
			if len(f) == 5 {
				return fmt.Errorf("%s %q: takes no options", f[1], c.Text)
			}
			tc := tagCue{cue: int32(len(l.cues)), words: words, after: c.POS == POSTagSuffix}
			if !tc.after && slices.Contains(words, yearWord) {
				return fmt.Errorf("tagprefix %q: %s only follows a mention", c.Text, yearWord)
			}
			l.tagCues = append(l.tagCues, tc)
			l.cues = append(l.cues, c)
			return nil
		}
		multi := c.POS == POSPhrase || c.POS == POSVPhrase
		if multi != (len(words) > 1) {
			return fmt.Errorf("cue %q: pos %s needs %s", c.Text, f[1], map[bool]string{true: "several words", false: "one word"}[multi])
		}
		noBase := false
		if len(f) == 5 {
			for opt := range strings.FieldsSeq(f[4]) {
				if err := l.option(&c, opt, &noBase); err != nil {
					return err
				}
			}
		}
		if c.TargetPreps == 0 && c.Frame == FrameInverse {
			c.TargetPreps = l.prepSet("by", "with", "at", "over", "about")
		}
		if c.TargetPreps == 0 {
			c.TargetPreps = l.prepSet("for", "of", "to", "against", "toward", "towards", "on", "over", "at", "with", "about", "in", "behind")
		}
		if c.HolderPreps == 0 {
			c.HolderPreps = l.prepSet("from", "by", "among")
		}
		id := int32(len(l.cues))
		l.cues = append(l.cues, c)
		forms = forms[:0]
		switch c.POS {
		case POSVerb, POSVPhrase:
			forms = inflectVerb(forms, words[0], irr)
		case POSNoun:
			forms = inflectNoun(forms, words[0])
		default:
			forms = append(forms, inflection{words[0], FormBase})
		}
		for _, in := range forms {
			n := l.edge(0, in.text)
			for _, w := range words[1:] {
				n = l.edge(n, w)
			}
			l.nodes[n].refs = append(l.nodes[n].refs, cueRef{cue: id, form: in.form, guarded: noBase && in.form == FormBase})
		}
		return nil
	})
}

func (l *Lexicon) loadPortrayal(fsys fs.FS) error {
	l.portrayal = map[string]float32{}
	return eachLine(fsys, PortrayalFile, func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 tab-separated fields (word, weight), got %d", len(f))
		}
		w := f[0]
		if w == "" || w != strings.ToLower(w) || strings.ContainsRune(w, ' ') {
			return fmt.Errorf("word %q must be one lower-case word", w)
		}
		if _, dup := l.portrayal[w]; dup {
			return fmt.Errorf("duplicate word %q", w)
		}
		v, err := parseWeight(f[1])
		if err != nil {
			return fmt.Errorf("weight: %w", err)
		}
		l.portrayal[w] = v
		return nil
	})
}

// option applies one key=value option of a cue line.
func (l *Lexicon) option(c *Cue, opt string, noBase *bool) error {
	key, val, _ := strings.Cut(opt, "=")
	switch key {
	case "nobase":
		*noBase = true
	case "recip":
		c.Reciprocal = true
	case "guest":
		if c.Frame != FrameSVO {
			return fmt.Errorf("guest: only for frame svo, not %s", c.Frame)
		}
		c.Guest = true
	case "reaction":
		if c.Frame != FrameSVO {
			return fmt.Errorf("reaction: only for frame svo, not %s", c.Frame)
		}
		c.Reaction = true
	case "urged":
		if c.Frame != FrameSubject {
			return fmt.Errorf("urged: only for frame subj, not %s", c.Frame)
		}
		c.Urged = true
	case "neg":
		w, err := parseWeight(val)
		if err != nil || w == 0 {
			return fmt.Errorf("neg: want a non-zero weight, got %q", val)
		}
		c.Negated = w
	case "patient":
		w, err := parseWeight(val)
		if err != nil {
			return fmt.Errorf("patient: %w", err)
		}
		c.Patient = w
	case "to":
		w, err := parseWeight(val)
		if err != nil {
			return fmt.Errorf("to: %w", err)
		}
		c.Recipient, c.RecipientPreps = w, l.prepSet("to")
	case "src":
		// Provenance only (README.md).
	case "agent":
		w, err := parseWeight(val)
		if err != nil {
			return fmt.Errorf("agent: %w", err)
		}
		c.Agent = w
	case "tp", "hp":
		var set uint64
		for p := range strings.SplitSeq(val, ",") {
			w, ok := l.words[p]
			if !ok || w.prep < 0 {
				return fmt.Errorf("%s: %q is not a preposition of %s", key, p, FunctionFile)
			}
			set |= 1 << uint(w.prep)
		}
		if key == "tp" {
			c.TargetPreps = set
		} else {
			c.HolderPreps = set
		}
	default:
		return fmt.Errorf("unknown option %q", opt)
	}
	return nil
}

func (l *Lexicon) prepSet(names ...string) uint64 {
	var set uint64
	for _, p := range names {
		if w, ok := l.words[p]; ok && w.prep >= 0 {
			set |= 1 << uint(w.prep)
		}
	}
	return set
}

// edge returns the child of node n for token w, adding it when missing.
func (l *Lexicon) edge(n int32, w string) int32 {
	switch w {
	case "<poss>":
		if l.nodes[n].poss == 0 {
			l.nodes = append(l.nodes, node{})
			l.nodes[n].poss = int32(len(l.nodes) - 1)
		}
		return l.nodes[n].poss
	case "<refl>":
		if l.nodes[n].refl == 0 {
			l.nodes = append(l.nodes, node{})
			l.nodes[n].refl = int32(len(l.nodes) - 1)
		}
		return l.nodes[n].refl
	}
	if c, ok := l.nodes[n].next[w]; ok {
		return c
	}
	l.nodes = append(l.nodes, node{})
	c := int32(len(l.nodes) - 1)
	if l.nodes[n].next == nil {
		l.nodes[n].next = map[string]int32{}
	}
	l.nodes[n].next[w] = c
	return c
}

var errWeight = errors.New("must be a number in [-1, 1]")

func parseWeight(s string) (float32, error) {
	v, err := strconv.ParseFloat(s, 32)
	// Written so that NaN, for which every comparison is false, fails too.
	if err != nil || !(v >= -1 && v <= 1) {
		return 0, fmt.Errorf("%q %w", s, errWeight)
	}
	return float32(v), nil
}
