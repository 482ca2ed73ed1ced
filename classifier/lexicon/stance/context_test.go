package stance

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// contextOf tokenizes text, marks as mentions of actors 0, 1, … the first
// token of each word named (in order of names), and returns the context
// words of actor a as "word/share" strings.
func contextOf(t *testing.T, text string, names []string, a int32) []string {
	t.Helper()
	var folded tokenize.Folded
	toks, sents := tokenize.Split(text, nil, nil, &folded)
	var ms []Mention
	for i := range toks {
		for k, n := range names {
			if strings.EqualFold(text[toks[i].Start:toks[i].End], n) {
				ms = append(ms, Mention{Actor: int32(k), Start: int32(i), End: int32(i + 1)})
			}
		}
	}
	c := &Context{Toks: toks, Folded: &folded, Sentences: sents, Mentions: ms}
	var out []string
	EachContextWord(c, a, func(tok int, w []byte, share float64) {
		require.Equal(t, string(folded.At(tok)), string(w))
		out = append(out, fmt.Sprintf("%s/%.3g", w, share))
	})
	return out
}

func TestEachContextWord(t *testing.T) {
	t.Parallel()
	long := "Paris " + strings.Repeat("spoke ", 59) + "today."
	tests := []struct {
		name  string
		text  string
		names []string
		actor int32
		want  []string
	}{
		{"words of the mentioning sentence, names left out", "Critics slammed Paris over Berlin's plan. Rome stayed quiet.",
			[]string{"Paris", "Berlin", "Rome"}, 0, []string{"critics/1", "slammed/1", "over/1", "plan/1"}},
		{"each of two sentences counts half", "Paris won. Critics praised Paris.",
			[]string{"Paris"}, 0, []string{"won/0.5", "critics/0.5", "praised/0.5"}},
		{"names inside a sentence are left out, a sentence's first word is kept", "Critics slammed Paris, said Comey of the FBI. Slowly NATO moved.",
			[]string{"Paris"}, 0, []string{"critics/1", "slammed/1", "said/1", "of/1", "the/1"}},
		{"a sentence named twice counts once", "Paris said Paris would win.",
			[]string{"Paris"}, 0, []string{"said/1", "would/1", "win/1"}},
		{"a long sentence counts as contextWords words", long,
			[]string{"Paris"}, 0, append(slices.Repeat([]string{"spoke/0.5"}, 59), "today/0.5")},
		// Near misses: an actor nobody mentions has no context, nor does
		// a sentence that does not mention it.
		{"not mentioned", "Critics slammed Paris.", []string{"Paris", "Rome"}, 1, nil},
		{"other sentence only", "Rome stayed quiet. Critics slammed Paris.", []string{"Paris", "Rome"}, 1, []string{"stayed/1", "quiet/1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, contextOf(t, tt.text, tt.names, tt.actor))
		})
	}
}

// fittedLexicon loads the real data with the given fitted.tsv.
func fittedLexicon(t *testing.T, fitted string) (*Lexicon, error) {
	t.Helper()
	return Load(dataFS(t, map[string]string{FittedFile: fitted}))
}

func TestFittedContextRows(t *testing.T) {
	t.Parallel()
	l, err := fittedLexicon(t, "decide\tscale\t1\ncontext-support\tslammed\t-0.5\ncontext-oppose\tslammed\t1.25\ncontext-oppose\tsaid\t-0.1\tpin\n")
	require.NoError(t, err)
	z, ok := l.Fit().ContextWord([]byte("slammed"))
	require.True(t, ok)
	assert.Equal(t, ContextLogits{Support: -0.5, Oppose: 1.25}, z)
	z, ok = l.Fit().ContextWord([]byte("said"))
	require.True(t, ok)
	assert.Equal(t, ContextLogits{Oppose: -0.1}, z)
	_, ok = l.Fit().ContextWord([]byte("praised"))
	assert.False(t, ok, "a word without rows is no context word")

	for _, tt := range []struct{ rows, want string }{
		{"context-oppose\tSlammed\t1\n", `stance/fitted.tsv:1: context word must be one lower-case word: "Slammed"`},
		{"\ncontext-support\tlashed out\t1\n", `stance/fitted.tsv:2: context word must be one lower-case word: "lashed out"`},
		{"context\tslammed\t1\n", `stance/fitted.tsv:1: unknown kind "context" (want decide, via, rule, cue, word, portray, context-support or context-oppose)`},
	} {
		_, err := fittedLexicon(t, tt.rows)
		assert.EqualError(t, err, tt.want)
	}
}

func TestDecisionLogitsParts(t *testing.T) {
	t.Parallel()
	d := Decision{
		Scale: 2, Support: -1, Oppose: -0.5,
		PosSupport: 1, PosOppose: 0.25, NegSupport: -0.5, NegOppose: 1.5,
		CuePosSupport: 3, CuePosOppose: -1, CueNegSupport: -2, CueNegOppose: 4,
	}
	q := func(x float64) float64 { return x / math.Sqrt(x*x+DecisionSaturation) }
	f := Features{Raw: 0.3, Pos: 0.5, Neg: 0.4, CuePos: 0.6, CueNeg: 0.4, Context: ContextLogits{Support: 0.2, Oppose: -0.3}}
	zs, zo := d.Logits(f)
	assert.InDelta(t, 2*q(0.3)-1+1*q(0.5)-0.5*q(0.4)+3*q(0.6)-2*q(0.4)+0.2, zs, 1e-12)
	assert.InDelta(t, -2*q(0.3)-0.5+0.25*q(0.5)+1.5*q(0.4)-1*q(0.6)+4*q(0.4)-0.3, zo, 1e-12)
	// Without parts or context, the logits are the first stage's.
	zs, zo = d.Logits(Features{Raw: 0.3})
	assert.InDelta(t, 2*q(0.3)-1, zs, 1e-12)
	assert.InDelta(t, -2*q(0.3)-0.5, zo, 1e-12)
}

// TestDecideScoreHasLabelSign checks that a label chosen by its shift gets
// a score of its sign, though its unshifted probability is the smaller.
func TestDecideScoreHasLabelSign(t *testing.T) {
	t.Parallel()
	d := Decision{Support: 1, Oppose: 1.2, SupportShift: 0.5, CalA: 1}
	f := Features{Raw: 0.01}
	p := Softmax3(d.Logits(f))
	require.Less(t, p[0], p[1], "the unshifted probabilities favour oppose")
	st, score, _ := d.Decide(f)
	assert.Equal(t, classifier.StanceSupport, st)
	assert.Positive(t, score)
	d.SupportShift, d.OpposeShift = 0, 0.5
	st, score, _ = d.Decide(Features{Raw: 0.01, Context: ContextLogits{Support: 0.4}})
	assert.Equal(t, classifier.StanceOppose, st)
	assert.Negative(t, score)
}

// TestCueThreshold checks that a target a cue reaches gets the hand-set
// rule's label and score over the cues' sum alone, and one reached by
// words alone the fitted label.
func TestCueThreshold(t *testing.T) {
	t.Parallel()
	// Fitted logits that say oppose whatever the sums.
	d := Decision{Oppose: 3, NegOppose: 2, CalA: 1, CueThreshold: 0.2}
	tests := []struct {
		name  string
		f     Features
		want  classifier.Stance
		score float64 // of the hand-set rule; 0: only the sign is checked
	}{
		{"a cue, against the words", Features{Raw: -0.2, CuePos: 0.6, Neg: 0.8}, classifier.StanceSupport, 0.6},
		{"two cues that cancel", Features{Raw: 0.3, CuePos: 0.6, CueNeg: 0.55, Pos: 0.25}, classifier.StanceNeutral, 0},
		{"a weak cue", Features{Raw: 0.05, CuePos: 0.05}, classifier.StanceNeutral, 0},
		{"an opposing cue", Features{Raw: -0.3, CueNeg: 0.5, Pos: 0.2}, classifier.StanceOppose, -0.5},
		{"words alone: fitted", Features{Raw: 0.5, Pos: 0.6, Neg: 0.1}, classifier.StanceOppose, 0},
	}
	for _, tt := range tests {
		st, score, _ := d.Decide(tt.f)
		assert.Equal(t, tt.want, st, tt.name)
		switch {
		case tt.score != 0:
			s, _ := Squash(tt.score)
			assert.InDelta(t, s, score, 1e-6, tt.name)
		case tt.want == classifier.StanceNeutral:
			assert.Zero(t, score, tt.name)
		default:
			assert.Negative(t, score, tt.name)
		}
	}
}

// TestContextCacheMatchesWords checks the decision's sentence cache
// (contextOf) against the sum, word by word, of EachContextWord's words
// with their fitted logits, for every actor of texts with one, two and
// many sentences and a long one, asked in either order.
func TestContextCacheMatchesWords(t *testing.T) {
	t.Parallel()
	l, err := fittedLexicon(t, "decide\tscale\t1\ncontext-oppose\tslammed\t1.5\ncontext-support\tslammed\t-0.5\ncontext-support\tpraised\t0.75\ncontext-oppose\tsaid\t-0.25\ncontext-support\tthe\t0.125\n")
	require.NoError(t, err)
	names := []string{"Paris", "Berlin", "Rome"}
	texts := []string{
		"Critics slammed Paris and praised Berlin, the minister said.",
		"Paris praised Rome. Berlin slammed the plan. Rome said nothing of Paris.",
		"Paris " + strings.Repeat("slammed the plan and ", 40) + "Rome said.",
		"Nobody here.",
	}
	for _, text := range texts {
		var folded tokenize.Folded
		toks, sents := tokenize.Split(text, nil, nil, &folded)
		var ms []Mention
		for i := range toks {
			for k, n := range names {
				if text[toks[i].Start:toks[i].End] == n {
					ms = append(ms, Mention{Actor: int32(k), Start: int32(i), End: int32(i + 1)})
				}
			}
		}
		c := &Context{Toks: toks, Folded: &folded, Sentences: sents, Mentions: ms}
		want := make([]ContextLogits, len(names))
		for a := range names {
			EachContextWord(c, int32(a), func(_ int, w []byte, share float64) {
				if z, ok := l.Fit().ContextWord(w); ok {
					want[a].Support += share * z.Support
					want[a].Oppose += share * z.Oppose
				}
			})
		}
		if len(ms) > 0 {
			assert.NotEqual(t, ContextLogits{}, want[0], "%q: Paris has context words", text)
		}
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}} {
			var cc contextCache
			for _, a := range order {
				got := l.contextOf(c, int32(a), &cc)
				assert.InDelta(t, want[a].Support, got.Support, 1e-12, "%q: %s", text, names[a])
				assert.InDelta(t, want[a].Oppose, got.Oppose, 1e-12, "%q: %s", text, names[a])
			}
		}
	}
	assert.Equal(t, ContextLogits{}, l.contextOf(&Context{}, 0, &contextCache{}), "no sentences, no context")
}

func TestFeaturesAddPart(t *testing.T) {
	t.Parallel()
	var f Features
	for _, c := range []struct {
		cue bool
		w   float64
	}{{false, 0.5}, {false, -0.25}, {true, 0.75}, {true, -0.125}, {false, 0.25}, {true, -0.5}} {
		f.AddPart(c.cue, c.w)
	}
	assert.Equal(t, Features{Pos: 0.75, Neg: 0.25, CuePos: 0.75, CueNeg: 0.625}, f, "Raw is summed apart")
}
