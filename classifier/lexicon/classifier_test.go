package lexicon

import (
	"context"
	"errors"
	"io/fs"
	"regexp"
	"sort"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

func defaultClassifier(t testing.TB) *Classifier {
	t.Helper()
	c, err := Default()
	require.NoError(t, err)
	return c
}

func TestDefaultIsCached(t *testing.T) {
	t.Parallel()
	a := defaultClassifier(t)
	b := defaultClassifier(t)
	assert.Same(t, a, b)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	assert.Regexp(t, regexp.MustCompile(`^lexicon/\d+\.\d+\.\d+\+[0-9a-f]{8}$`), c.Version())

	// Changing any data file changes the hash; README files do not count.
	base := copyData(t)
	h0, err := dataHash(base)
	require.NoError(t, err)
	withDoc := copyData(t)
	withDoc["stance/README.md"] = &fstest.MapFile{Data: []byte("edited")}
	h1, err := dataHash(withDoc)
	require.NoError(t, err)
	assert.Equal(t, h0, h1)
	changed := copyData(t)
	changed["stance/portrayal.tsv"].Data = append(append([]byte{}, changed["stance/portrayal.tsv"].Data...), "hooray\t0.2\n"...)
	h2, err := dataHash(changed)
	require.NoError(t, err)
	assert.NotEqual(t, h0, h2)
}

func TestGazetteer(t *testing.T) {
	t.Parallel()
	g := defaultClassifier(t).Gazetteer()
	require.NotEmpty(t, g)
	assert.True(t, sort.SliceIsSorted(g, func(i, j int) bool { return g[i].ID < g[j].ID }))
}

// copyData returns the embedded data as a writable MapFS, without the
// parser model (syntax.ModelPath): it is large and slow to load, and the
// tests that copy the data exercise the other files.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(Data(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == syntax.ModelPath {
			return err
		}
		b, err := fs.ReadFile(Data(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	require.NoError(t, err)
	return m
}

func TestNewErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, data, want string
	}{
		{"stance cue", "stance/cues.tsv", "# header\ncondemn\tverb\tx\tsvo\n", "stance/cues.tsv:2:"},
		{"sentiment valence", "sentiment/valence.tsv", "good\tvery\n", "sentiment/valence.tsv:1:"},
		{"gazetteer titles", "gazetteer/titles.tsv", "", "gazetteer/titles.tsv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := copyData(t)
			m[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := New(m)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestAnalyzeContextDone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := defaultClassifier(t).Analyze(ctx, classifier.Statement{Text: "Paris praised Berlin."}, classifier.Options{})
	assert.True(t, errors.Is(err, context.Canceled))
}

// checkInvariants asserts the contract every Analysis must keep.
func checkInvariants(t testing.TB, st classifier.Statement, an classifier.Analysis, opts classifier.Options) {
	t.Helper()
	assert.Equal(t, st.ID, an.StatementID)
	// Mentions in text order, inside the text, with their text.
	prev := -1
	firstSeen := []string{}
	seen := map[string]bool{}
	for _, m := range an.Mentions {
		require.True(t, m.Span.Begin >= 0 && m.Span.Begin < m.Span.End && m.Span.End <= len(st.Text), "span %v", m.Span)
		assert.Equal(t, st.Text[m.Span.Begin:m.Span.End], m.Text)
		assert.GreaterOrEqual(t, m.Span.Begin, prev)
		prev = m.Span.Begin
		if !seen[m.ActorID] {
			seen[m.ActorID] = true
			firstSeen = append(firstSeen, m.ActorID)
		}
	}
	// Exactly one target per mentioned actor, in order of first mention.
	got := []string{}
	for _, ts := range an.Targets {
		got = append(got, ts.ActorID)
		assert.NotEqual(t, classifier.StanceUnspecified, ts.Stance)
		assert.True(t, ts.Score >= -1 && ts.Score <= 1 && ts.Confidence >= 0 && ts.Confidence <= 1)
		if !opts.IncludeEvidence {
			assert.Empty(t, ts.Evidence)
		}
		for _, ev := range ts.Evidence {
			assert.True(t, ev.Span.Begin >= 0 && ev.Span.Begin < ev.Span.End && ev.Span.End <= len(st.Text))
			assert.True(t, ev.Weight >= -1 && ev.Weight <= 1)
		}
	}
	assert.Equal(t, firstSeen, got)
	for _, r := range an.Relations {
		assert.Contains(t, []classifier.Stance{classifier.StanceSupport, classifier.StanceOppose}, r.Stance)
		assert.NotEqual(t, r.HolderID, r.TargetID)
		assert.True(t, r.Score >= -1 && r.Score <= 1 && r.Confidence >= 0 && r.Confidence <= 1)
		if !opts.IncludeEvidence {
			assert.Empty(t, r.Evidence)
		}
	}
	assert.True(t, an.Sentiment.Score >= -1 && an.Sentiment.Score <= 1 && an.Sentiment.Magnitude >= 0)
	assert.NotEqual(t, classifier.SentimentUnspecified, an.Sentiment.Label)
}

// AnalyzeInto gives what Analyze gives, whatever the Analysis it reuses held
// before: more or fewer mentions, targets, relations and evidence.
func TestAnalyzeIntoReuses(t *testing.T) {
	t.Parallel()
	c := defaultClassifier(t)
	ctx := context.Background()
	plan := []classifier.Actor{{ID: "plan", Name: "the peace plan", Kind: classifier.KindOther}}
	statements := []classifier.Statement{
		{ID: "many", Text: "France and Germany backed the peace plan, while Russia rejected it and Poland condemned Moscow.", Actors: plan},
		{ID: "none", Text: "It rained all day."},
		{ID: "one", Text: "Japan praised India."},
		{ID: "speaker", Text: "We will never accept this plan.", SpeakerID: "country/RUS", Actors: plan},
		{ID: "many again", Text: "The EU and NATO welcomed Ukraine's offer, but China and Iran criticised Washington."},
		{ID: "empty", Text: "   "},
	}
	for _, opts := range []classifier.Options{{}, {IncludeEvidence: true}, {DisableGazetteer: true}} {
		var reused classifier.Analysis
		// Twice through, so that every statement follows a larger and a
		// smaller one.
		for round := range 2 {
			for _, st := range statements {
				want, err := c.Analyze(ctx, st, opts)
				require.NoError(t, err)
				require.NoError(t, c.AnalyzeInto(ctx, st, opts, &reused))
				assert.Equal(t, normalised(want), normalised(reused), "%s (round %d, %+v)", st.ID, round, opts)
			}
		}
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	before := classifier.Analysis{StatementID: "kept"}
	got := before
	require.ErrorIs(t, c.AnalyzeInto(canceled, statements[0], classifier.Options{}, &got), context.Canceled)
	assert.Equal(t, before, got, "left as it was")
}

// normalised makes empty slices nil: Analyze leaves empty fields nil, while
// AnalyzeInto keeps the reused (empty) slices.
func normalised(a classifier.Analysis) classifier.Analysis {
	if len(a.Targets) == 0 {
		a.Targets = nil
	}
	if len(a.Relations) == 0 {
		a.Relations = nil
	}
	if len(a.Mentions) == 0 {
		a.Mentions = nil
	}
	return a
}

// The components load concurrently; the error reported must not depend on
// which fails first in time.
func TestNewErrorOrder(t *testing.T) {
	t.Parallel()
	bad := map[string]string{
		"sentiment/valence.tsv": "good\tvery\n",
		"stance/cues.tsv":       "# header\ncondemn\tverb\tx\tsvo\n",
		"gazetteer/titles.tsv":  "",
		syntax.ModelPath:        "not a model\n",
	}
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"sentiment first", []string{"sentiment/valence.tsv", "stance/cues.tsv", "gazetteer/titles.tsv"}, "lexicon: sentiment: sentiment/valence.tsv:1:"},
		{"stance before gazetteer", []string{"stance/cues.tsv", "gazetteer/titles.tsv"}, "lexicon: stance: "},
		{"gazetteer before syntax", []string{"gazetteer/titles.tsv", syntax.ModelPath}, "lexicon: gazetteer: gazetteer/titles.tsv"},
		{"syntax", []string{syntax.ModelPath}, "lexicon: syntax: " + syntax.ModelPath},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for range 20 {
				m := copyData(t)
				for _, f := range tt.files {
					m[f] = &fstest.MapFile{Data: []byte(bad[f])}
				}
				_, err := New(m, WithSyntax())
				require.Error(t, err)
				assert.Regexp(t, "^"+regexp.QuoteMeta(tt.want), err.Error())
			}
		})
	}
}
