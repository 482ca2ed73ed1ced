// Package classifier defines the contract between the stancetag server and the
// analysers behind it, in domain types that do not depend on the generated
// protobuf code.
//
// Offsets in this package are always UTF-8 byte offsets into Statement.Text;
// conversion to UTF-16 or code points happens once, at the API edge (server/).
package classifier

import "context"

// Classifier analyses statements. Implementations must be safe for concurrent
// use by multiple goroutines and deterministic: the same Statement and Options
// with the same Version always give the same Analysis.
type Classifier interface {
	// Analyze tags one statement. The statement has already been validated by
	// the caller (non-empty text within limits, unique actor ids, every actor
	// with a name and an id). It returns an error only when ctx is done.
	Analyze(ctx context.Context, st Statement, opts Options) (Analysis, error)
	// Gazetteer returns the built-in actors, sorted by ID. The slice is shared
	// and must not be modified.
	Gazetteer() []Actor
	// Version identifies the classifier and its lexicon content, e.g.
	// "lexicon/1.0.0+3f2a9c1b", so results can be reproduced.
	Version() string
}

// ActorKind says what sort of thing an Actor is.
type ActorKind int

// Actor kinds; values match the API's ActorKind enum.
const (
	KindUnspecified ActorKind = iota
	KindPerson
	KindCountry
	KindOrganization
	KindGroup
	KindOther
)

// Actor is a person, country, organisation, group or proposal to look for.
type Actor struct {
	// ID is the caller's key or a gazetteer id such as "country/RUS".
	ID string
	// Name is the canonical name; it is matched in the text too.
	Name string
	// Aliases are other surface forms matched in the text.
	Aliases []string
	// Kind is optional; it helps pronoun resolution.
	Kind ActorKind
}

// Statement is one text to analyse, with the caller's actors.
type Statement struct {
	// ID is echoed in Analysis.StatementID.
	ID string
	// Text is UTF-8.
	Text string
	// Actors are the caller's actors for this statement (request-level and
	// statement-level actors merged). Every actor has a non-empty ID and Name.
	Actors []Actor
	// SpeakerID optionally names the actor who said the statement.
	SpeakerID string
}

// Options select what is analysed and reported.
type Options struct {
	// IncludeEvidence fills TargetStance.Evidence and Relation.Evidence.
	IncludeEvidence bool
	// DisableGazetteer looks only for Statement.Actors.
	DisableGazetteer bool
	// IncludeSyntax fills Analysis.Syntax, with every sentence parsed, when
	// the classifier parses (SyntaxClassifier.HasSyntax); a classifier
	// without a parser leaves it nil. Without it nothing is parsed beyond
	// what the stance rules need, and nothing is allocated for it.
	IncludeSyntax bool
}

// SyntaxClassifier is a Classifier that may hold a dependency parser, and so
// fill Analysis.Syntax with Options.IncludeSyntax.
type SyntaxClassifier interface {
	Classifier
	// HasSyntax reports whether the classifier parses: whether
	// Options.IncludeSyntax fills Analysis.Syntax. It does not change over
	// the classifier's life.
	HasSyntax() bool
}

// Stance is the direction of an attitude; values match the API's Stance enum.
type Stance int

// Stances.
const (
	StanceUnspecified Stance = iota
	StanceSupport
	StanceOppose
	StanceNeutral
)

// String returns "support", "oppose", "neutral" or "unspecified".
func (s Stance) String() string {
	switch s {
	case StanceSupport:
		return "support"
	case StanceOppose:
		return "oppose"
	case StanceNeutral:
		return "neutral"
	default:
		return "unspecified"
	}
}

// SentimentLabel is the polarity class of a statement; values match the API's
// SentimentLabel enum.
type SentimentLabel int

// Sentiment labels.
const (
	SentimentUnspecified SentimentLabel = iota
	SentimentPositive
	SentimentNegative
	SentimentNeutral
	SentimentMixed
)

// String returns "positive", "negative", "neutral", "mixed" or "unspecified".
func (l SentimentLabel) String() string {
	switch l {
	case SentimentPositive:
		return "positive"
	case SentimentNegative:
		return "negative"
	case SentimentNeutral:
		return "neutral"
	case SentimentMixed:
		return "mixed"
	default:
		return "unspecified"
	}
}

// Span is a half-open byte range [Begin, End) of Statement.Text.
type Span struct {
	Begin, End int
}

// Sentiment is the overall polarity of a statement.
type Sentiment struct {
	Label SentimentLabel
	// Score is in [-1, 1].
	Score float32
	// Magnitude is the total strength of sentiment evidence, >= 0.
	Magnitude float32
}

// Evidence is one cue behind a stance.
type Evidence struct {
	Span Span
	// Cue is the lexicon entry, e.g. "praise" or "vote against".
	Cue string
	// Weight is the signed contribution, in [-1, 1].
	Weight float32
	// Rule names the rule that applied the cue: "active", "passive",
	// "negated", "quote", "possessive", ...
	Rule string
}

// TargetStance is the statement's stance toward one actor.
type TargetStance struct {
	ActorID string
	Stance  Stance
	// Score is in [-1, 1]: -1 oppose, +1 support, 0 neutral.
	Score float32
	// Confidence is in [0, 1].
	Confidence float32
	Evidence   []Evidence
}

// Relation is a holder's stance toward a target.
type Relation struct {
	HolderID, TargetID string
	Stance             Stance
	// Score is in [-1, 1].
	Score float32
	// Confidence is in [0, 1].
	Confidence float32
	Evidence   []Evidence
}

// Mention is one occurrence of an actor in the text.
type Mention struct {
	ActorID string
	Span    Span
	// Text is the mention as written: Statement.Text[Span.Begin:Span.End].
	Text string
}

// Analysis is the result for one statement.
type Analysis struct {
	StatementID string
	Sentiment   Sentiment
	// Targets has exactly one entry per mentioned actor, in order of first
	// mention.
	Targets []TargetStance
	// Relations are holder -> target stances, in text order.
	Relations []Relation
	// Mentions are in text order.
	Mentions []Mention
	// Syntax is the parse of every sentence of the text, in text order; nil
	// unless Options.IncludeSyntax was given to a classifier that parses.
	Syntax []SyntaxSentence
}

// SyntaxSentence is the dependency parse of one sentence.
type SyntaxSentence struct {
	// Span is the sentence's byte range: from its first token to the end of
	// its last.
	Span Span
	// Words are the sentence's UD words, in text order; empty when the
	// sentence is longer than the classifier parses (the lexicon
	// classifier: 160 words, the limit of its stance rules, which the API
	// documents at SyntaxSentence.words and a test pins).
	Words []SyntaxWord
}

// SyntaxWord is one UD word of a sentence ("don't" is the words "do" and
// "n't") with its tag and its arc to its head.
type SyntaxWord struct {
	// Span is the word's byte range in the text.
	Span Span
	// Form is the word as the parser read it: the text of Span, but for a
	// clitic written with a curly apostrophe, which reads as with a straight
	// one ("n't").
	Form string
	// UPOS is the word's Universal POS tag ("NOUN").
	UPOS string
	// Head is the word's head as in CoNLL-U and the API: its index in the
	// sentence's Words plus 1 (the head is Words[Head-1]), or 0 for the
	// sentence's root.
	Head int32
	// Relation is the UD relation to the head with its subtype
	// ("nsubj:pass"); "root" for the root.
	Relation string
}
