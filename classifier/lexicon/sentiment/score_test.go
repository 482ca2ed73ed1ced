package sentiment_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// polarity of a score: VADER's ±0.05 bands.
func polarity(score float32) int {
	switch {
	case score >= 0.05:
		return +1
	case score <= -0.05:
		return -1
	}
	return 0
}

func TestScorePolarity(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	tests := []struct {
		name, text string
		want       int
	}{
		{"plain negative", "Russian troops launched a brutal invasion of the region.", -1},
		{"plain positive", "Negotiators hailed the ceasefire as a breakthrough.", +1},
		{"neutral report", "The committee will meet in Geneva on Thursday to review the budget.", 0},

		// Known VADER failures.
		{"not the worst", "It was not the worst outcome ever.", +1},
		{"no problem", "No problem, the spokesman said of the delay.", +1},
		{"never liked", "The governor never liked the plan.", -1},
		{"kindly", "Kindly leave the room.", 0},

		// News senses VADER gets wrong.
		{"like as preposition", "Countries like France and Germany attended the summit.", 0},
		{"like as verb", "Voters don't like the new tax.", -1},
		{"party and united", "The party said the United Nations would care for refugees.", 0},
		{"great britain", "Great Britain and Ireland signed the treaty.", 0},
		{"shook hands", "The two leaders shook hands after the debate.", 0},
		{"shook alone", "The blast shook the building.", -1},
		{"name with cue word", "The Freedom Caucus met on Tuesday.", 0},
		{"at least is not negation", "At least 20 people were killed in the airstrikes.", -1},
		{"not only is not negation", "Not only the Europeans but also the Americans welcomed the plan.", +1},

		// Negation.
		{"negated positive", "The deal is not good for farmers.", -1},
		{"negation over two words", "The talks were not at all productive.", -1},
		{"no one hurt", "No one was hurt in the blast.", +1},
		{"comma stops negation", "No, the talks were productive.", +1},
		{"lack of alone", "Officials cited a lack of funding.", -1},
		{"lack of negates", "Officials cited a lack of progress.", -1},
		// A failure to stop something bad is still bad.
		{"failed to stop", "The army failed to stop the violence.", -1},
		{"failed to win", "The incumbent failed to win a majority.", -1},
		{"curly apostrophe", "The minister didn’t welcome the proposal.", -1},

		// Contrast.
		{"but: after wins", "The talks were tense, but they ended in a breakthrough.", +1},
		{"but: after wins (reversed)", "The talks were productive, but the outcome was a disaster.", -1},
		{"despite", "Despite the ceasefire, fighting continued.", -1},
		{"although", "Although the talks were tense, they ended in a breakthrough.", +1},

		// Headlines.
		{"title case", "Senate Hails Historic Breakthrough In Talks", +1},
		{"all caps", "REBELS MASSACRE VILLAGERS", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, _ := scoreAll(t, l, tt.text)
			assert.Equal(t, tt.want, polarity(r.Score), "score %v for %q", r.Score, tt.text)
		})
	}
}

func TestScoreRules(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	tests := []struct {
		name, text, cue string
		rules           sentiment.Rule
	}{
		{"negated", "The deal is not good.", "good", sentiment.RuleNegated},
		{"n't", "The deal isn't good.", "good", sentiment.RuleNegated},
		{"negated and boosted", "The deal is not very good.", "good", sentiment.RuleNegated | sentiment.RuleBoosted},
		{"dampened", "The senators were kind of disappointed.", "disappointed", sentiment.RuleDampened},
		{"caps in mixed case", "The deal is GOOD.", "GOOD", sentiment.RuleCaps},
		// Shouting needs normal text to stand out from.
		{"caps in all-caps text", "THE DEAL IS GOOD.", "GOOD", 0},
		{"before but", "The talks were tense, but productive.", "tense", sentiment.RuleBeforeBut},
		{"after but", "The talks were tense, but productive.", "productive", sentiment.RuleAfterBut},
		{"yet at clause start", "The talks were tense; yet the ceasefire held.", "ceasefire", sentiment.RuleAfterBut},
		// "has yet to" is not a contrast.
		{"yet inside a clause", "The ceasefire has yet to hold.", "ceasefire", 0},
		{"concessive", "Despite the ceasefire, fighting continued.", "ceasefire", sentiment.RuleConcessive},
		{"outside concession", "Despite the ceasefire, fighting continued.", "fighting", 0},
		{"idiom", "It was not bad at all.", "not bad", sentiment.RuleIdiom},
		{"at least", "At least 20 people were killed.", "killed", 0},
		// Quote marks do not count towards the window.
		{"quotes skipped", `The result was not "good" for anyone.`, "good", sentiment.RuleNegated},
		// Negation does not reach across "but".
		{"but stops negation", "He did not hesitate but praised the reform.", "praised", sentiment.RuleAfterBut},
		// Four tokens away is outside the three-token window.
		{"window", "The deal is not in any way good.", "good", 0},
		// How negators and boosters reach a cue: through quote marks and
		// multi-word units, never across punctuation or a contrast marker,
		// and only within the window.
		{"negator at distance three", "The deal is not a very good one.", "good", sentiment.RuleNegated | sentiment.RuleBoosted},
		// "kind of" is one unit of two tokens: "not" is three away.
		{"phrase counts its tokens", "The plan was not kind of good.", "good", sentiment.RuleNegated | sentiment.RuleDampened},
		{"quotes do not count", `The plan was not “very” 'good'.`, "good", sentiment.RuleNegated | sentiment.RuleBoosted},
		{"punctuation stops", "The deal is not, very good.", "good", sentiment.RuleBoosted},
		{"contrast stops", "The deal is not very but good.", "good", sentiment.RuleAfterBut},
		// "don't" starts the idiom "don't like" but is a negator here,
		// by its "n't" ending.
		{"suffix negator starting a phrase", "The talks don't look good.", "good", sentiment.RuleNegated},
		{"idiom on the same word", "Voters don't like the tax.", "don't like", sentiment.RuleIdiom},
		{"booster in capitals", "The deal is VERY good.", "good", sentiment.RuleBoosted},
		// The window passes over the cue "good"; the concession runs to
		// the comma.
		{"concession spans the clause", "Although the deal was very good and fair, talks failed.", "fair",
			sentiment.RuleBoosted | sentiment.RuleConcessive},
		{"concession ends at punctuation", "Despite the deal, talks failed; good.", "good", 0},
		// A hashtag is a unit of its own: a negator in one tag does not
		// reach the next tag's cue, but reaches into its own tag.
		// An idiom of eagerness holds its negator.
		{"can't wait", "We can't wait to welcome them.", "welcome", 0},
		{"hashtag stops negation", "#NeverTrump #DumpTrump", "Dump", 0},
		{"negation inside a hashtag", "#NotGood", "Good", sentiment.RuleNegated},
		// A tag's capitals mark its cuts, not a name ("Dump Trump" mid-
		// sentence would read as one).
		{"tag pieces are no name", "He lied to voters again. #DumpTrump", "Dump", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, toks := scoreAll(t, l, tt.text)
			h := hitFor(t, tt.text, toks, r, tt.cue)
			assert.Equal(t, tt.rules, h.Rules, "got %v, want %v", h.Rules, tt.rules)
		})
	}
}

func TestScoreOrdering(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	score := func(text string) float32 {
		r, _ := scoreAll(t, l, text)
		return r.Score
	}
	tests := []struct {
		name           string
		weaker, strong string
	}{
		{"booster", "The deal is good.", "The deal is very good."},
		{"dampener", "The deal is slightly good.", "The deal is good."},
		{"caps", "The deal is good.", "The deal is GOOD."},
		{"exclamation", "The deal is good.", "The deal is good!"},
		{"more exclamation", "The deal is good!", "The deal is good!!!"},
		// A question asks; it does not assert.
		{"question", "Is the deal good?", "The deal is good."},
		// A booster's effect decays with distance.
		{"booster distance", "The deal is very much a good one.", "The deal is very good."},
		// "never" negates more strongly than "not".
		{"never vs not", "The governor did not like the plan, aides said.", "The governor never liked the plan."},
		// Negated negatives are milder than the positives they resemble.
		{"not guilty vs innocent", "The jury found him not guilty.", "The jury found him innocent."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, s := score(tt.weaker), score(tt.strong)
			if s < 0 {
				w, s = -w, -s
			}
			assert.Less(t, w, s, "%q (%v) should be weaker than %q (%v)", tt.weaker, w, tt.strong, s)
		})
	}
}

func TestScoreHits(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	text := "Russia’s invasion drew war crimes charges and sanctions, but no problem for the talks."
	r, toks := scoreAll(t, l, text)
	var got []string
	for _, h := range r.Hits {
		got = append(got, cue(text, toks, h))
	}
	// Multi-word entries are one hit; "but" reweights, "no problem" is an
	// idiom rather than a negated "problem".
	assert.Equal(t, []string{"invasion", "war crimes", "charges", "sanctions", "no problem"}, got)
	wc := hitFor(t, text, toks, r, "war crimes")
	assert.Equal(t, int32(2), wc.Len)
	assert.InDelta(t, -3.2, wc.Base, 1e-6)
	assert.InDelta(t, -3.2*0.5, wc.Valence, 1e-6, "before but: x0.5")

	var pos, neg float32
	for _, h := range r.Hits {
		if h.Valence > 0 {
			pos += h.Valence
		} else {
			neg -= h.Valence
		}
	}
	assert.InDelta(t, pos, r.Pos, 1e-5)
	assert.InDelta(t, neg, r.Neg, 1e-5)
	assert.InDelta(t, (pos+neg)/sentiment.MaxValence, r.Magnitude, 1e-5)
	assert.Equal(t, int32(14), r.Words)
}

func TestScoreRange(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	text := "The talks were a success. Then the ceasefire collapsed."
	toks := tokenize.Tokenize(text, nil)
	sents := tokenize.Sentences(text, toks, nil)
	require.Len(t, sents, 2)
	var buf sentiment.Scratch

	first := l.Score(text, toks, int(sents[0].Start), int(sents[0].End), &buf)
	assert.Positive(t, first.Score)
	require.Len(t, first.Hits, 1)
	assert.Equal(t, "success", cue(text, toks, first.Hits[0]))

	second := l.Score(text, toks, int(sents[1].Start), int(sents[1].End), &buf)
	assert.Negative(t, second.Score)
	require.NotEmpty(t, second.Hits)
	assert.GreaterOrEqual(t, second.Hits[0].Token, sents[1].Start, "hit indexes are into toks, not the range")

	// Bounds are clamped; empty ranges score nothing.
	assert.Equal(t, sentiment.Result{}, l.Score(text, toks, 5, 5, &buf))
	assert.Equal(t, sentiment.Result{}, l.Score(text, toks, 9, 3, &buf))
	all := l.Score(text, toks, -4, len(toks)+10, &buf)
	assert.Len(t, all.Hits, 3)
	assert.Equal(t, sentiment.Result{}, l.Score("", nil, 0, 0, nil))
}

// TestLongTextDrift is VADER's long-text failure: summed over a whole report
// one negative word dominates, and many mild words saturate the score.
func TestLongTextDrift(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	text := strings.Join([]string{
		"The finance ministers of the group met in Brussels on Monday.",
		"They discussed the budget for the coming year and the timetable for the next round of talks.",
		"The meeting lasted four hours, according to a statement released afterwards.",
		"Delegates reviewed a report on regional trade and a draft on shipping rules.",
		"One delegate said a single item had been a problem.",
		"The ministers will meet again in March in Lisbon.",
		"A summary of the meeting will be published on the council's website.",
	}, " ")
	toks := tokenize.Tokenize(text, nil)
	sents := tokenize.Sentences(text, toks, nil)
	require.Len(t, sents, 7)
	s := l.Statement(text, toks, sents, nil)
	assert.Equal(t, classifier.SentimentNeutral, s.Label)
	assert.Less(t, s.Score, float32(0), "the problem still counts")
	assert.Greater(t, s.Score, float32(-sentiment.LabelThreshold))

	// Scored as one range (what a per-text VADER does), the same text is
	// as negative as its worst sentence.
	whole := l.Score(text, toks, 0, len(toks), nil)
	assert.Less(t, whole.Score, s.Score)
}

func TestScoreDoesNotAllocate(t *testing.T) {
	l := lexicon(t)
	text := "Despite repeated warnings, the government's brutal crackdown on peaceful protesters " +
		"did not stop, and critics said the sanctions were “very weak”, but no problem for the talks!"
	toks := tokenize.Tokenize(text, nil)
	var buf sentiment.Scratch
	l.Score(text, toks, 0, len(toks), &buf) // grow the scratch
	allocs := testing.AllocsPerRun(100, func() {
		l.Score(text, toks, 0, len(toks), &buf)
	})
	assert.Zero(t, allocs)
}

func TestRuleString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule sentiment.Rule
		want string
	}{
		{0, "lexicon"},
		{sentiment.RuleNegated, "negated"},
		{sentiment.RuleQuestion, "question"},
		{sentiment.RuleNegated | sentiment.RuleBoosted, "negated+boosted"},
		{sentiment.RuleCaps | sentiment.RuleAfterBut | sentiment.RuleIdiom, "caps+after-but+idiom"},
		{1 << 15, "Rule(?)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.rule.String())
	}
	assert.True(t, (sentiment.RuleNegated | sentiment.RuleCaps).Has(sentiment.RuleCaps))
	assert.False(t, sentiment.RuleNegated.Has(sentiment.RuleNegated|sentiment.RuleCaps))
}

// A booster in capitals in mixed-case text pushes harder.
func TestScoreCapsBooster(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	caps, _ := scoreAll(t, l, "The deal is VERY good.")
	plain, _ := scoreAll(t, l, "The deal is very good.")
	assert.Greater(t, caps.Hits[0].Valence, plain.Hits[0].Valence)
}

// TestScoreTextMatchesScore checks that a prepared Text scores like Score,
// range by range, with one Scratch reused across both.
func TestScoreTextMatchesScore(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	text := "Despite the ceasefire, fighting continued. The talks don't look GOOD! " +
		"Is it not “very” bad?? The Freedom Caucus hailed a breakthrough, but critics slammed it."
	toks := tokenize.Tokenize(text, nil)
	pre := prepared(l, text, toks)
	var buf sentiment.Scratch
	sents := tokenize.Sentences(text, toks, nil)
	require.Len(t, sents, 4)
	ranges := [][2]int{{0, len(toks)}, {-3, 5}, {7, len(toks) + 2}}
	for _, s := range sents {
		ranges = append(ranges, [2]int{int(s.Start), int(s.End)})
	}
	for _, rg := range ranges {
		want := l.Score(text, toks, rg[0], rg[1], &buf)
		want.Hits = append([]sentiment.Hit(nil), want.Hits...)
		got := l.ScoreText(&pre, rg[0], rg[1], &buf)
		assert.Equal(t, want, got, "range %v", rg)
	}
	assert.Equal(t, sentiment.Result{}, l.ScoreText(&pre, 4, 4, &buf))
}
