package stance

// The search distances of the rules, in one place: every window, reach and
// bound the engine uses, in tokens unless said otherwise. Each bounds work
// as well as meaning: a text without sentence stops costs linear time.

// Windows of the token rules (roles.go, frames.go, match.go).
const (
	// objectWindow is how many tokens after a cue its object may start.
	objectWindow = 10
	// maxReach bounds every backward search (subjects, clauses, attribution,
	// pronoun antecedents) so that a text without sentence punctuation costs
	// linear time, not quadratic.
	maxReach = 48
	// sentimentReach is how many tokens away from a mention's first token a
	// sentiment word may be and still count for it. It bounds the work per
	// mention, so that a long text without sentence stops costs linear time, not
	// time quadratic in its length (every mention times every word).
	sentimentReach = 128
	// maxGap is how many modifiers ("sharp", "widely") may sit inside a phrase
	// cue: "drew sharp criticism from".
	maxGap = 2
	// maxVerbSkip is how many adverbs and adverb-like auxiliaries ("also",
	// "strongly") verbContext looks past before a guarded base form.
	maxVerbSkip = 2
	// scopeReach is how many tokens before a cue, in its clause, a
	// negation, modal or denial scopes over it ("did not publicly
	// support", "denied that it had criticised").
	scopeReach = 5
	// listReach is how many tokens after its comma a list of objects
	// after a first object that is no mention must close in ("blamed the
	// committee, Facebook, and conspiracy site Infowars for").
	listReach = 12
	// modifierReach is how many modifiers, adverbs or auxiliaries a rule
	// looks past next to a word: before a noun cue ("Germany's strong
	// support"), after a possessive pronoun ("its European allies"), after
	// a subject before "is" ("X has long been"), a negation before a
	// portrayal word ("not very corrupt").
	modifierReach = 3
	// maxSubjectCommas is how many commas the subject search crosses
	// (appositions, lists) before it gives up.
	maxSubjectCommas = 3
	// maxCoordinated is how many coordinated mentions a list joins ("X, Y,
	// Z and W"), and how deep a coordination chain governed follows.
	maxCoordinated = 4
	// agentReach is how many tokens after a passive cue its by-phrase, and
	// after a reporting verb its speaker, may start.
	agentReach = 6
	// descriptorReach is how many tokens before a descriptor its actor may
	// stand ("X, a war criminal", "X has been a reliable partner").
	descriptorReach = 5
	// predicateReach is how many tokens after "is" a predicate of an actor
	// runs ("X would be a phenomenal president").
	predicateReach = 6
)

// Quotes and pronouns (engine.go, document.go).
const (
	// quoteSpeakerReach is how many tokens after a closing quote the
	// reporting verb may come: `"…," the Israeli prime minister, Benjamin
	// Netanyahu, said` has it ninth.
	quoteSpeakerReach = 12
	// appositiveReach bounds the noun phrase before an apposition
	// ("foreign minister" in "Israel's foreign minister, Gideon Saar").
	appositiveReach = 5
	// maxAntecedents bounds the mentions a pronoun of a document looks back
	// at, so that a paragraph of thousands of mentions costs no more per
	// pronoun than a long sentence.
	maxAntecedents = 64
)

// Distances of the syntax rules (syntax.go), in UD words.
const (
	// maxParseWords is the longest sentence, in UD words, that is parsed;
	// longer "sentences" (lists, run-on text without stops) keep the token
	// window rules alone, so that parsing stays linear in the text.
	maxParseWords = 160
	// maxAttachDepth bounds the walk up the tree from a mention, so that
	// a bad tree (a cycle) cannot loop.
	maxAttachDepth = 24
	// maxCaseDistance is how many words before its nominal a case marker
	// may stand ("of the new Russian government": 4).
	maxCaseDistance = 6
)
