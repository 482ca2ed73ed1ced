package stance

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// evidenceByToken is the definition evidence implements: walk every token,
// take the first hit at or after it when it is on the token, add the
// (negated) portrayal weight, drop the words of used cues. evidence visits
// only the hit and portrayal tokens instead.
func evidenceByToken(e *engine) []Hit {
	p := e.p
	var ev []Hit
	hits := e.in.Hits
	k := 0
	for i := range e.info {
		inf := &e.info[i]
		var v float32
		for k < len(hits) && hits[k].Tok < int32(i) {
			k++
		}
		if k < len(hits) && hits[k].Tok == int32(i) {
			v = hits[k].Valence * p.SentimentWeight
		}
		if inf.pset && inf.pv == 0 {
			v = 0
		}
		if inf.pv != 0 {
			v += e.portrayal(int32(i))
		}
		if v == 0 || (inf.inOcc >= 0 && e.s.occs[inf.inOcc].used) {
			continue
		}
		ev = append(ev, Hit{Tok: int32(i), Valence: v})
	}
	return ev
}

// randomStatement builds a statement from words that exercise the engine:
// actors, cues, portrayal words (some weighing 0), negations, punctuation.
func randomStatement(r *rand.Rand) string {
	words := []string{
		"France", "Poland", "Moscow", "the", "plan", "criticised", "backed", "support", "for",
		"liar", "heroic", "respected", "war", "crisis", "not", "never", "no", "without",
		"said", "if", "would", "which", ",", ".", "?", "\"", "sharply", "a", "was", "by",
	}
	var b strings.Builder
	for range 5 + r.IntN(40) {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(' ')
	}
	return b.String()
}

// randomHits returns hits on random tokens, sometimes out of order, doubled
// or outside the text: evidence must treat them as walking all tokens does.
func randomHits(r *rand.Rand, n int) []Hit {
	var hits []Hit
	for range r.IntN(8) {
		hits = append(hits, Hit{Tok: int32(r.IntN(n+4) - 2), Valence: float32(r.IntN(9)-4) / 4})
	}
	if r.IntN(2) == 0 {
		// Mostly in order, as the classifier makes them.
		for i := 1; i < len(hits); i++ {
			for j := i; j > 0 && hits[j-1].Tok > hits[j].Tok; j-- {
				hits[j-1], hits[j] = hits[j], hits[j-1]
			}
		}
	}
	return hits
}

func TestEvidenceMatchesWalkingAllTokens(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	r := rand.New(rand.NewPCG(1, 2))
	actors := []actor{country("France"), country("Poland"), country("Russia", "Moscow"), other("the plan")}
	var s Scratch
	for range 2000 {
		text := randomStatement(r)
		toks := tokenize.Tokenize(text, nil)
		in := &Input{
			Text: text, Toks: toks, Sentences: tokenize.Sentences(text, toks, nil),
			Mentions: findMentions(text, toks, actors), Hits: randomHits(r, len(toks)),
			Speaker: -1, NumActors: len(actors),
		}
		l.Analyze(in, &s)
		var fd tokenize.Folded
		fd.Reset(text, toks)
		e := engine{l: l, p: &l.params, in: in, s: &s, info: s.info[:len(toks)], toks: toks, low: &fd}
		want := evidenceByToken(&e)
		got := e.evidence()
		if len(want) == 0 {
			require.Empty(t, got, "%q hits %v", text, in.Hits)
			continue
		}
		require.Equal(t, want, got, "%q hits %v", text, in.Hits)
	}
}

// TestSentimentReach checks that a mention with no evidence in its reach
// gets no sentiment contributions while one nearby does, and that hits are
// attributed the same whether mentions before them are skipped or not.
func TestSentimentReach(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	filler := strings.Repeat("and then the talks went on ", 30) // no sentence stop: one long sentence
	text := "France met officials " + filler + "while Poland was heroic ."
	toks := tokenize.Tokenize(text, nil)
	actors := []actor{country("France"), country("Poland")}
	mentions := findMentions(text, toks, actors)
	require.Len(t, mentions, 2)
	heroic := int32(-1)
	for i, tk := range toks {
		if tk.Text(text) == "heroic" {
			heroic = int32(i)
		}
	}
	require.Greater(t, heroic-mentions[0].Start, int32(sentimentReach), "France is out of reach")
	in := &Input{Text: text, Toks: toks, Sentences: tokenize.Sentences(text, toks, nil),
		Mentions: mentions, Hits: []Hit{{Tok: heroic, Valence: 0.5}}, Speaker: -1, NumActors: len(actors)}
	var s Scratch
	var targets []int32
	for _, c := range l.Analyze(in, &s) {
		if c.Sentiment() {
			targets = append(targets, c.Target)
			assert.Positive(t, c.Weight)
		}
	}
	assert.Equal(t, []int32{1}, targets, "only Poland is portrayed")
}

// TestAggregateFewRelations checks relations around the switch from
// scanning to the pair table: every pair is found again after the switch.
func TestAggregateFewRelations(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	for _, pairs := range []int{1, fewRelations - 1, fewRelations, fewRelations + 1, 3 * fewRelations} {
		var contribs []Contribution
		for round := range 2 {
			for k := range int32(pairs) {
				contribs = append(contribs, Contribution{Holder: k, Target: k + 1, Weight: 0.3, Cue: int32(round)})
			}
		}
		var s Scratch
		_, rels := l.Aggregate(contribs, pairs+1, nil, &s)
		require.Len(t, rels, pairs, "%d pairs", pairs)
		for k, r := range rels {
			assert.Equal(t, int32(k), r.Holder)
			assert.Equal(t, int32(k+1), r.Target)
			assert.Equal(t, int32(k), r.First)
			assert.Equal(t, classifier.StanceSupport, r.Stance)
		}
		relOf := s.RelationOf()
		for i := range contribs {
			assert.Equal(t, int32(i%pairs), relOf[i], "%d pairs, contribution %d", pairs, i)
		}
	}
}

// TestAggregateNoEvidence checks that actors without contributions get the
// score decide gives 0, with the fitted layer's confidence for them.
func TestAggregateNoEvidence(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	var s Scratch
	targets, _ := l.Aggregate([]Contribution{{Holder: -1, Target: 1, Weight: 0.9, Cue: 0}}, 3, nil, &s)
	require.Len(t, targets, 3)
	st, sc, conf := l.decide(0, l.params.TargetThreshold)
	if l.fit != nil {
		conf = float32(l.fit.Decision.None)
	}
	for _, a := range []int{0, 2} {
		assert.Equal(t, TargetScore{Stance: st, Score: sc, Confidence: conf}, targets[a])
	}
	assert.Equal(t, classifier.StanceSupport, targets[1].Stance)
}

// TestTrieEdgesHaveEntries checks that every word inside a phrase cue has a
// Lookup index and that the node's edge for it leads where the word does.
func TestTrieEdgesHaveEntries(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	terms := map[string]bool{}
	for _, w := range l.Terms() {
		terms[w] = true
	}
	for i, nd := range l.nodes {
		if i == 0 {
			continue
		}
		require.Len(t, nd.edges, len(nd.next), "node %d", i)
		for w, c := range nd.next {
			x := l.Lookup([]byte(w))
			require.GreaterOrEqual(t, x, int32(0), "%q has no entry", w)
			assert.True(t, terms[w], "%q not in Terms", w)
			got, ok := nd.child(x)
			assert.True(t, ok, "%q", w)
			assert.Equal(t, c, got, "%q", w)
		}
		_, ok := nd.child(-1)
		assert.False(t, ok, "an unknown word has no edge")
	}
}
