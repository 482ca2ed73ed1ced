package lexicon

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// worstCase is an adversarial input: a text of at most a given size, with
// the caller actors that make it hard.
type worstCase struct {
	name   string
	text   func(size int) string
	actors func() []classifier.Actor
}

// repeat returns a text builder that repeats unit as often as it fits.
func repeat(unit string) func(int) string {
	return func(size int) string { return strings.Repeat(unit, max(1, size/len(unit))) }
}

// worstCases are the inputs that must stay linear in the text length
// (issue "Reliability", item 5): each is built at 4, 16 and 64 KiB.
var worstCases = []worstCase{
	// One word over and over: every token a sentiment cue, a stance cue
	// and one long sentence without punctuation.
	{name: "RepeatedWord", text: repeat("sanctions ")},
	// One actor name over and over: every token a mention.
	{name: "RepeatedActor", text: repeat("Russia ")},
	// Mentions, cues and sentiment words in one sentence without a stop:
	// without a bound on the reach of sentiment words, every mention would
	// see every sentiment word of its sentence (quadratic).
	{name: "MentionsAndCues", text: repeat("Russia condemned brutal sanctions against Ukraine and praised France ")},
	// Concessive markers open clauses that reach to the next punctuation:
	// each marker must not re-mark the clause of the ones after it.
	{name: "Concessives", text: repeat("although despite though ")},
	// Many distinct caller actors holding stances toward each other: many
	// relations, each with evidence.
	{name: "ManyRelations", text: manyRelationsText, actors: manyActors},
	// 256 caller actors with 64 aliases each, all sharing prefixes ("New",
	// "New York", "New York City" ...): long trie walks at every token.
	{name: "OverlappingAliases", text: repeat("New York City Council Hall North East Side Tower Park Bridge Square Street "), actors: overlappingAliases},
	// Emoji floods: skin tones, ZWJ families, flags, tag sequences,
	// keycaps, with and without spaces.
	{name: "Emoji", text: repeat("😀👍🏽👩\u200d👩\u200d👧\u200d👦🇺🇦🇷🇺🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F1\ufe0f\u20e3 🔥 ❤\ufe0f ")},
	// Quote marks nested deeper and deeper, never closed.
	{name: "NestedQuotes", text: repeat("“‘\"'«‹„")},
	// Nested quotes with words and reporting verbs between them.
	{name: "NestedQuotesWords", text: repeat("“Russia said ‘France backed “the plan ")},
	// Punctuation runs: terminal marks, ellipses, dashes, brackets.
	{name: "Punctuation", text: repeat("!?!?‼⁉......……---;:,([{«")},
	// One word of 64 KiB without a space.
	{name: "OneWord", text: repeat("a")},
	// One hyphenated word of 64 KiB: every part is an actor.
	{name: "OneHyphenatedWord", text: repeat("Russia-Ukraine-")},
	// Dotted abbreviations and initials back to back.
	{name: "Abbreviations", text: repeat("U.S. J. Dr. etc. e.g. ")},
}

// manyActors returns 256 caller actors named "Actor0" to "Actor255".
func manyActors() []classifier.Actor {
	as := make([]classifier.Actor, 256)
	for i := range as {
		as[i] = classifier.Actor{ID: fmt.Sprintf("a%d", i), Name: fmt.Sprintf("Actor%d", i), Kind: classifier.KindOrganization}
	}
	return as
}

// manyRelationsText is "Actor0 condemned Actor1. Actor1 praised Actor2. …"
// over many pairs of the 256 actors, at most size bytes.
func manyRelationsText(size int) string {
	var b strings.Builder
	for i := 0; ; i++ {
		h, t := i%256, (i/256+i+1)%256
		verb := "condemned"
		if i%2 == 1 {
			verb = "praised"
		}
		s := fmt.Sprintf("Actor%d %s Actor%d. ", h, verb, t)
		if b.Len()+len(s) > size {
			return b.String()
		}
		b.WriteString(s)
	}
}

// overlappingAliases returns 256 caller actors with 64 aliases each: the
// prefixes of one word sequence, shared by every actor, and the same
// prefixes followed by the actor's own tag.
func overlappingAliases() []classifier.Actor {
	words := strings.Fields(strings.Repeat("New York City Council Hall North East Side Tower Park Bridge Square Street ", 3))
	as := make([]classifier.Actor, 256)
	for i := range as {
		a := classifier.Actor{ID: fmt.Sprintf("o%d", i), Name: fmt.Sprintf("%s Tag%d", words[0], i)}
		for k := range 64 {
			alias := strings.Join(words[:k%32+1], " ")
			if k >= 32 {
				alias += fmt.Sprintf(" Tag%d", i)
			}
			a.Aliases = append(a.Aliases, alias)
		}
		as[i] = a
	}
	return as
}

var worstSizes = []struct {
	name string
	size int
}{{"4KiB", 4 << 10}, {"16KiB", 16 << 10}, {"64KiB", 64 << 10}}

// TestWorstCasesValid runs every worst-case input at the largest size and
// checks that the analysis is well formed: spans inside the text on rune
// boundaries, mention texts equal to their spans, one target per mentioned
// actor, scores and confidences in range. It asserts nothing about time.
func TestWorstCasesValid(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	for _, wc := range worstCases {
		t.Run(wc.name, func(t *testing.T) {
			t.Parallel()
			text := wc.text(64 << 10)
			require.NotEmpty(t, text)
			require.LessOrEqual(t, len(text), 64<<10)
			st := classifier.Statement{ID: wc.name, Text: text}
			if wc.actors != nil {
				st.Actors = wc.actors()
			}
			a, err := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
			require.NoError(t, err)
			requireValidAnalysis(t, text, a)
		})
	}
}

// TestWorstCasesFindMentions checks that the worst-case inputs are
// worst cases at all: the actor-heavy ones do produce mentions (a case
// that silently matched nothing would measure nothing).
func TestWorstCasesFindMentions(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	for _, name := range []string{"RepeatedActor", "MentionsAndCues", "ManyRelations", "OverlappingAliases", "NestedQuotesWords", "OneHyphenatedWord"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var wc worstCase
			for _, w := range worstCases {
				if w.name == name {
					wc = w
				}
			}
			require.Equal(t, name, wc.name)
			st := classifier.Statement{ID: name, Text: wc.text(4 << 10)}
			if wc.actors != nil {
				st.Actors = wc.actors()
			}
			a, err := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
			require.NoError(t, err)
			require.Greater(t, len(a.Mentions), 10)
			if name == "ManyRelations" {
				require.Greater(t, len(a.Relations), 100)
			}
		})
	}
}

// requireValidAnalysis checks that a is a well-formed analysis of text. It
// tests with plain conditions and fails with Fatalf, so that analyses with
// a hundred thousand pieces of evidence are checked quickly.
func requireValidAnalysis(t *testing.T, text string, a classifier.Analysis) {
	t.Helper()
	valid := utf8.ValidString(text)
	span := func(what string, sp classifier.Span) {
		t.Helper()
		if sp.Begin < 0 || sp.Begin >= sp.End || sp.End > len(text) {
			t.Fatalf("%s: span %v outside %d bytes", what, sp, len(text))
		}
		if valid && (!utf8.RuneStart(text[sp.Begin]) || sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			t.Fatalf("%s: span %v not on rune boundaries", what, sp)
		}
	}
	inRange := func(what string, v, lo, hi float32) {
		t.Helper()
		if !(v >= lo && v <= hi) {
			t.Fatalf("%s %v not in [%v, %v]", what, v, lo, hi)
		}
	}
	inRange("sentiment score", a.Sentiment.Score, -1, 1)
	inRange("sentiment magnitude", a.Sentiment.Magnitude, 0, float32(math.Inf(1)))
	mentioned := map[string]bool{}
	for i, m := range a.Mentions {
		span("mention", m.Span)
		if m.Text != text[m.Span.Begin:m.Span.End] {
			t.Fatalf("mention %d: text %q is not its span", i, m.Text)
		}
		if i > 0 && m.Span.Begin < a.Mentions[i-1].Span.End {
			t.Fatalf("mention %d overlaps or precedes the one before", i)
		}
		mentioned[m.ActorID] = true
	}
	require.Len(t, a.Targets, len(mentioned), "one target per mentioned actor")
	seen := map[string]bool{}
	for _, ts := range a.Targets {
		if !mentioned[ts.ActorID] || seen[ts.ActorID] {
			t.Fatalf("target %s: not mentioned, or twice", ts.ActorID)
		}
		seen[ts.ActorID] = true
		inRange("target score", ts.Score, -1, 1)
		inRange("target confidence", ts.Confidence, 0, 1)
		for _, ev := range ts.Evidence {
			span("target evidence", ev.Span)
			inRange("evidence weight", ev.Weight, -1, 1)
		}
	}
	for _, r := range a.Relations {
		inRange("relation score", r.Score, -1, 1)
		inRange("relation confidence", r.Confidence, 0, 1)
		if r.HolderID == r.TargetID {
			t.Fatalf("relation %s -> %s: holder is target", r.HolderID, r.TargetID)
		}
		for _, ev := range r.Evidence {
			span("relation evidence", ev.Span)
		}
	}
}

// TestEvidenceSumsToScores checks that evidence, grouped by target and by
// relation in one pass, is complete: the weights of a relation's evidence,
// and of a target's with a stance, squash to its score. Targets are checked
// with the hand-set rule's labels for all (the fitted file with threshold
// 0.2), where the score is the squashed sum; with the shipped decision,
// whose context words also move a target's score, the score has its
// label's sign.
func TestEvidenceSumsToScores(t *testing.T) {
	t.Parallel()
	shipped := defaultClassifier(t)
	data := copyData(t)
	f := data[stance.FittedFile]
	fitted := regexp.MustCompile(`(?m)^decide\tthreshold\t.*$`).ReplaceAll(f.Data, []byte("decide\tthreshold\t0.2"))
	require.NotEqual(t, f.Data, fitted)
	f.Data = fitted
	c, err := New(data)
	require.NoError(t, err)
	sat := float64(c.Params().Saturation)
	squash := func(ev []classifier.Evidence) float32 {
		var raw float32
		for _, e := range ev {
			raw += e.Weight
		}
		return float32(float64(raw) / math.Sqrt(float64(raw*raw)+sat))
	}
	cases := []classifier.Statement{
		{ID: "bench", Text: bench25, Actors: benchActors},
		{ID: "relations", Text: manyRelationsText(4 << 10), Actors: manyActors()},
		{ID: "mentions", Text: strings.Repeat("Russia condemned brutal sanctions against Ukraine and praised France ", 50)},
	}
	for _, st := range cases {
		a, err := c.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
		require.NoError(t, err)
		require.NotEmpty(t, a.Relations, st.ID)
		for _, r := range a.Relations {
			require.NotEmpty(t, r.Evidence)
			assert.InDelta(t, r.Score, squash(r.Evidence), 1e-4, "%s: %s -> %s", st.ID, r.HolderID, r.TargetID)
			for _, e := range r.Evidence {
				assert.NotEqual(t, "sentiment", e.Rule, "relations count cues only")
			}
		}
		for _, ts := range a.Targets {
			if ts.Stance != classifier.StanceNeutral {
				assert.InDelta(t, ts.Score, squash(ts.Evidence), 1e-4, "%s: %s", st.ID, ts.ActorID)
			}
		}
		a, err = shipped.Analyze(context.Background(), st, classifier.Options{})
		require.NoError(t, err)
		for _, ts := range a.Targets {
			switch ts.Stance {
			case classifier.StanceSupport:
				assert.Positive(t, ts.Score, "%s: %s", st.ID, ts.ActorID)
			case classifier.StanceOppose:
				assert.Negative(t, ts.Score, "%s: %s", st.ID, ts.ActorID)
			default:
				assert.Zero(t, ts.Score, "%s: %s", st.ID, ts.ActorID)
			}
		}
	}
}
