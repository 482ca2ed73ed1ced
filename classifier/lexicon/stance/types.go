package stance

import (
	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Mention is one actor mention handed to the engine, in text order, not
// overlapping.
type Mention struct {
	// Actor is the caller's dense index of the actor, >= 0.
	Actor int32
	// Kind helps pronoun resolution.
	Kind classifier.ActorKind
	// Start and End are the token range [Start, End) of the mention.
	Start, End int32
	// Possessive marks "Russia's": the last token had the possessive suffix.
	Possessive bool
}

// Hit is one sentiment-bearing token with its valence after the sentiment
// rules (negation, boosters), scaled to [-1, 1].
type Hit struct {
	Tok     int32
	Valence float32
}

// Input is one statement to analyse: its tokens, sentences, mentions and
// sentiment hits, all computed by the caller from the same text.
type Input struct {
	Text      string
	Toks      []tokenize.Token
	Sentences []tokenize.Sentence
	Mentions  []Mention
	// Hits are in token order.
	Hits []Hit
	// Speaker is the actor index of the statement's speaker, or -1. It holds
	// the stances that have no explicit holder and no attribution.
	Speaker int32
	// NumActors is one more than the largest actor index in use.
	NumActors int
	// Folded optionally holds the lookup forms of Toks
	// (tokenize.Folded.Reset), shared with other stages; when nil, Analyze
	// folds the tokens itself.
	Folded *tokenize.Folded
	// Entries optionally holds Lexicon.Lookup of each token's folded form
	// (any value for tokens that are not Words); when nil, Analyze looks
	// the words up itself.
	Entries []int32
	// Paragraphs, when not nil, makes the Input a whole document
	// (document.go): it holds the paragraph number of each sentence,
	// parallel to Sentences, from 0 and non-decreasing by at most 1. Quotes
	// then end at their paragraph's end and share a speaker within it,
	// and pronouns resolve across sentences by paragraph rather than
	// within a token window.
	Paragraphs []int32
	// Affiliation, when not nil, holds for each actor index the index of
	// the actor it belongs to (a leader's country), or -1: a quoted
	// leader then also holds the stances the quote gives its own country
	// (`"Germany will not abandon Ukraine," Merz said`: Merz -> Ukraine).
	Affiliation []int32
	// Gender, when not nil, holds for each actor index a person's gender,
	// 'm' or 'f', or 0 when unknown: "he" (class masc) then skips a woman
	// and "she" (class fem) a man.
	Gender []byte
	// Parser optionally parses the sentences that need it (those where a
	// cue has a candidate target mention); its parse vetoes the targets it
	// attaches elsewhere (rule "attach", syntax.go). When nil, the token
	// window rules decide alone.
	Parser *Parser
}

// Rule names the rule behind a contribution; its String is the API's
// Evidence.rule.
type Rule uint8

// Rules, from the frame that found holder and target to the modifiers that
// changed the weight. A contribution reports the most specific one.
const (
	RuleActive Rule = iota + 1
	RulePassive
	RuleInverse
	RulePrep
	RuleDescriptor
	RuleSubject
	RuleAgent
	RuleSentiment
	RulePossessive
	RuleCoordination
	RulePronoun
	RuleAttribution
	RuleQuote
	RulePast
	RuleModal
	RuleNeutralised
	RuleRefused
	RuleNegated
	RuleConjSubj
	RuleRelcl
	RuleControl
	RuleReciprocal
	RuleLedBy
	RuleAnaphor
	RuleAgainst
)

var ruleNames = [...]string{
	RuleActive: "active", RulePassive: "passive", RuleInverse: "inverse", RulePrep: "prep",
	RuleDescriptor: "descriptor", RuleSubject: "subject", RuleAgent: "agent",
	RuleSentiment: "sentiment", RulePossessive: "possessive", RuleCoordination: "coordination",
	RulePronoun: "pronoun", RuleAttribution: "attribution", RuleQuote: "quote", RulePast: "past",
	RuleModal: "modal", RuleNeutralised: "neutralised", RuleRefused: "refused", RuleNegated: "negated",
	RuleConjSubj: "conj-subj", RuleRelcl: "relcl", RuleControl: "xcomp", RuleReciprocal: "reciprocal",
	RuleLedBy: "led-by", RuleAnaphor: "anaphor", RuleAgainst: "against",
}

// rulePrecedence is the one table of which rule a contribution reports
// (reportedRule). A contribution has up to four candidates: the frame's
// rule (active, passive, prep, …), the modifier of the cue (o.rule:
// negated, modal, …), the rule that reached its target and the one that
// reached its holder (possessive, pronoun, coordination, conj-subj, …).
// The candidate of highest rank wins, in that column's rank; on a tie the
// modifier goes before the target's rule, which goes before the holder's;
// with none ranked, the frame's rule stands. modifier also orders the
// modifiers of one cue among themselves (maxRule): "did not once
// criticise" reports negated, not past.
var rulePrecedence = [NumRules]struct{ modifier, target, holder uint8 }{
	RulePast:         {modifier: 11},
	RuleModal:        {modifier: 12},
	RuleNeutralised:  {modifier: 13},
	RuleRefused:      {modifier: 14},
	RuleNegated:      {modifier: 15},
	RulePossessive:   {target: 2},
	RulePronoun:      {target: 2, holder: 2},
	RuleCoordination: {target: 2, holder: 2},
	RuleConjSubj:     {holder: 1},
	RuleRelcl:        {holder: 1},
	RuleControl:      {holder: 1},
	RuleLedBy:        {holder: 1},
	RuleAnaphor:      {target: 2},
}

// reportedRule picks the rule a contribution reports (rulePrecedence).
func reportedRule(frame, modifier, target, holder Rule) Rule {
	best, rank := frame, uint8(0)
	if r := rulePrecedence[modifier].modifier; r > rank {
		best, rank = modifier, r
	}
	if r := rulePrecedence[target].target; r > rank {
		best, rank = target, r
	}
	if r := rulePrecedence[holder].holder; r > rank {
		best = holder
	}
	return best
}

// maxRule returns the modifier of higher precedence (rulePrecedence).
func maxRule(a, b Rule) Rule {
	if rulePrecedence[b].modifier > rulePrecedence[a].modifier {
		return b
	}
	return a
}

// NumRules is one more than the largest Rule.
const NumRules = len(ruleNames)

// String returns the rule's name, e.g. "passive" or "negated".
func (r Rule) String() string {
	if int(r) < len(ruleNames) && ruleNames[r] != "" {
		return ruleNames[r]
	}
	return "unknown"
}

// Contribution is one cue's (or sentiment word's) signed contribution to a
// target's stance, and to the holder's relation when Holder >= 0.
type Contribution struct {
	// Holder is the actor holding the stance, or -1 when nobody is known.
	Holder int32
	// Target is the actor the stance is about.
	Target int32
	// Weight is the signed contribution, in [-1, 1].
	Weight float32
	// Cue indexes Lexicon.Cues, or -1 for a sentiment word.
	Cue int32
	// Begin and End are the byte span of the cue in the text.
	Begin, End int32
	Rule       Rule
	// Via is how a sentiment or portrayal word reached the target (0 for
	// cues).
	Via Via
	// Doer marks the portrayal of an act's own doer (cue option agent=),
	// to which the cue's patient= multiplier does not apply.
	Doer bool
	// RelationOnly marks a second holder of a contribution already counted
	// for its target (a quoted leader holding his country's stance): it
	// counts toward the relation only.
	RelationOnly bool
	// TargetOnly marks a cue negated, refused or tentative ("did not back
	// X", "refused to endorse X", "could back X"): it counts toward its
	// target's stance, as news that withholds support colours the target,
	// but gives no relation, since withheld support is no opposition
	// stated (a cue with neg= is the exception: "will not abandon X" is
	// support).
	TargetOnly bool
}

// CountsForTarget reports whether c counts toward its target's stance.
func (c *Contribution) CountsForTarget() bool { return !c.RelationOnly }

// Sentiment reports whether the contribution comes from sentence sentiment
// rather than a stance cue; relations count those only when they have a
// holder (a speaker's quoted predicate of the target).
func (c Contribution) Sentiment() bool { return c.Cue < 0 }
