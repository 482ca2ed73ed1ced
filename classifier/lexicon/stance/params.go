package stance

// Params are the numeric knobs of the rules and of aggregation. The defaults
// were tuned on the development sets (README.md in data/stance) and are part
// of the lexicon version: changing them changes results.
type Params struct {
	// Factors applied to a cue in the scope of a modifier.
	NegatePositive float32 // "did not support": weak opposition
	NegateNegative float32 // "did not oppose": close to neutral
	RefusePositive float32 // "refused to endorse"
	RefuseNegative float32 // "declined to condemn"
	Modal          float32 // "would back", "if ... criticised", questions
	Past           float32 // "a former critic", "once opposed"
	// Factors for how the target was reached.
	Possessive float32 // "condemned Russia's invasion" counts toward Russia
	OfChain    float32 // "criticised the policies of X"
	Adjunct    float32 // an actor after another preposition ("in Paris")
	// OpposedAct weighs, with its sign flipped, a cue's stance toward the
	// target of a negative act that is the cue's object: to condemn "the
	// bombing of X" is weak support of X, not opposition.
	OpposedAct float32
	// Causer weighs the stance of whoever gets the holder to act
	// ("Britain persuaded Canada to sanction Belarus": Britain -> Belarus).
	Causer float32
	// Anaphor weighs a cue toward the doer and target of an act taken up
	// by "the move", "the criticism" (ClassEventNoun).
	Anaphor float32
	// Sentiment words near a mention.
	SentimentWeight float32 // weight of sentiment lexicon hits
	PortrayalWeight float32 // weight of portrayal words (portrayal.tsv)
	SentimentDecay  float32 // per token of distance
	OtherClause     float32 // factor for words outside the mention's clause
	OtherQuote      float32 // factor for words across a quote boundary
	SelfAttributed  float32 // factor for words the mentioned actor is reported to have said
	Predicate       float32 // factor for words predicated of the actor ("X is corrupt")
	HolderObject    float32 // factor for words in the object of a cue the actor holds
	Speaker         float32 // factor for words near the subject of a reporting verb
	// Aggregation.
	Saturation        float32 // score = raw / sqrt(raw² + Saturation)
	TargetThreshold   float32 // |score| below this is neutral
	RelationThreshold float32 // |score| below this reports no relation
}

// DefaultParams returns the tuned defaults.
func DefaultParams() Params {
	return Params{
		NegatePositive: -0.5, NegateNegative: -0.1,
		RefusePositive: -0.6, RefuseNegative: -0.3,
		Modal: 0.6, Past: 0.3,
		Possessive: 0.7, OfChain: 0.8, Adjunct: 0.4, OpposedAct: 0.3, Causer: 0.7, Anaphor: 0.6,
		SentimentWeight: 2, PortrayalWeight: 1.5, SentimentDecay: 0.1, OtherClause: 0.4, OtherQuote: 0.5, SelfAttributed: 0.2, Predicate: 1.5, HolderObject: 0.1, Speaker: 0.5,
		Saturation: 0.3, TargetThreshold: 0.2, RelationThreshold: 0.2,
	}
}

// WithParams returns a copy of l that uses p.
func (l *Lexicon) WithParams(p Params) *Lexicon {
	c := *l
	c.params = p
	return &c
}

// Params returns the lexicon's parameters.
func (l *Lexicon) Params() Params { return l.params }
