package eval

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeClassifier answers from a table keyed by statement id and records the
// options it was called with. Evidence is returned only when asked for.
type fakeClassifier struct {
	analyses  map[string]classifier.Analysis
	gazetteer []classifier.Actor

	mu    sync.Mutex
	calls []classifier.Options
}

func (f *fakeClassifier) Analyze(ctx context.Context, st classifier.Statement, opts classifier.Options) (classifier.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return classifier.Analysis{}, err
	}
	f.mu.Lock()
	f.calls = append(f.calls, opts)
	f.mu.Unlock()
	an := f.analyses[st.ID]
	an.StatementID = st.ID
	if !opts.IncludeEvidence {
		targets := make([]classifier.TargetStance, len(an.Targets))
		for i, ts := range an.Targets {
			ts.Evidence = nil
			targets[i] = ts
		}
		an.Targets = targets
	}
	return an, nil
}

func (f *fakeClassifier) Gazetteer() []classifier.Actor { return f.gazetteer }
func (f *fakeClassifier) Version() string               { return "fake/1.0.0" }

func ts(id string, s classifier.Stance, score float32, ev ...classifier.Evidence) classifier.TargetStance {
	return classifier.TargetStance{ActorID: id, Stance: s, Score: score, Confidence: 0.5, Evidence: ev}
}

func rl(h, t string, s classifier.Stance) classifier.Relation {
	return classifier.Relation{HolderID: h, TargetID: t, Stance: s}
}

func mention(id, text string, begin int) classifier.Mention {
	return classifier.Mention{ActorID: id, Text: text, Span: classifier.Span{Begin: begin, End: begin + len(text)}}
}

func sent(score float32) classifier.Sentiment { return classifier.Sentiment{Score: score} }

// newFake answers for testdata/relations.jsonl (r01-r06) and
// testdata/targets.jsonl (t01-t04); the comments give what each item adds to
// the hand-computed expectations in TestEvaluate.
func newFake() *fakeClassifier {
	return &fakeClassifier{analyses: map[string]classifier.Analysis{
		// support -> support; baseline support. Relation TP.
		"r01": {
			Sentiment: sent(0.6),
			Targets:   []classifier.TargetStance{ts("germany", neu, 0), ts("france", neu, 0), ts("proposal", sup, 0.6)},
			Relations: []classifier.Relation{rl("germany", "proposal", sup)},
		},
		// oppose -> oppose; baseline oppose. One TP, one FP with the wrong
		// target, one FN, and a relation toward a gazetteer actor the item
		// does not list (skipped).
		"r02": {
			Sentiment: sent(-0.5),
			Targets:   []classifier.TargetStance{ts("poland", neu, 0), ts("belarus", opp, -0.7), ts("country/RUS", neu, 0)},
			Relations: []classifier.Relation{
				rl("poland", "belarus", opp), rl("lithuania", "belarus", opp), rl("lithuania", "country/RUS", opp),
			},
			Mentions: []classifier.Mention{mention("poland", "Poland", 0), mention("belarus", "Belarus", 15), mention("lithuania", "Lithuania", 66)},
		},
		// neutral target not reported at all -> neutral (right, not found);
		// a support relation where the gold pair is neutral -> FP.
		"r03": {
			Sentiment: sent(0),
			Targets:   []classifier.TargetStance{ts("mayor", neu, 0)},
			Relations: []classifier.Relation{rl("mayor", "unions", sup)},
		},
		// oppose -> neutral; baseline oppose (-0.05 is on the threshold).
		// Canada TP (reported twice, counted once), Mexico FN.
		"r04": {
			Sentiment: sent(-0.05),
			Targets:   []classifier.TargetStance{ts("canada", neu, 0), ts("mexico", neu, 0), ts("tariff-plan", neu, 0)},
			Relations: []classifier.Relation{rl("canada", "tariff-plan", opp), rl("canada", "tariff-plan", opp)},
			Mentions:  []classifier.Mention{mention("tariff-plan", "tariff plan", 31)},
		},
		// ruling: support -> oppose; government: oppose -> oppose; baseline
		// oppose for both. One TP, one FN.
		"r05": {
			Sentiment: sent(-0.3),
			Targets: []classifier.TargetStance{
				ts("opposition", neu, 0),
				ts("ruling", opp, -0.4, classifier.Evidence{Cue: "warn", Weight: -0.4, Rule: "active"}),
				ts("government", opp, -0.5),
			},
			Relations: []classifier.Relation{rl("opposition", "government", opp), rl("opposition", "ruling", neu)},
		},
		// neutral -> support; baseline support (0.05 is on the threshold).
		"r06": {
			Sentiment: sent(0.05),
			Targets:   []classifier.TargetStance{ts("officials", sup, 0.2)},
		},

		// support -> support; baseline support.
		"t01": {Sentiment: sent(0.7), Targets: []classifier.TargetStance{ts("target", sup, 0.6)}},
		// oppose -> neutral (not found); baseline oppose.
		"t02": {Sentiment: sent(-0.4)},
		// neutral -> neutral; baseline neutral.
		"t03": {Sentiment: sent(0), Targets: []classifier.TargetStance{ts("target", neu, 0)}},
		// oppose -> support; baseline oppose. Its gold span is counted in
		// characters past a curly quote.
		"t04": {
			Sentiment: sent(-0.6),
			Targets: []classifier.TargetStance{ts("target", sup, 0.3,
				classifier.Evidence{Cue: "money", Weight: 0.3, Rule: "near"})},
			Mentions: []classifier.Mention{mention("target", "He", 3)},
		},
	}}
}

// evaluateTestdata evaluates both testdata files. targets.jsonl is
// evaluated under the name of a NewsMTSC dev file so that its published
// baseline shows up; its sentences are our own.
func evaluateTestdata(t *testing.T, f classifier.Classifier, opts Options) Report {
	t.Helper()
	ctx := context.Background()
	rel, err := EvaluateFile(ctx, f, filepath.Join("testdata", "relations.jsonl"), opts)
	require.NoError(t, err)
	file, err := os.Open(filepath.Join("testdata", "targets.jsonl"))
	require.NoError(t, err)
	defer file.Close()
	tgt, err := Evaluate(ctx, f, "newsmtsc-rw-dev.jsonl", file, opts)
	require.NoError(t, err)
	return Report{Classifier: f.Version(), Results: []Result{rel, tgt}}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	f := newFake()
	rep := evaluateTestdata(t, f, Options{MaxMisses: 3})
	rel, tgt := rep.Results[0], rep.Results[1]

	assert.Equal(t, filepath.Join("testdata", "relations.jsonl"), rel.File)
	assert.Equal(t, 6, rel.Items)
	assert.Equal(t, Confusion{
		{1, 1, 0}, // r01 support, r05 ruling -> oppose
		{0, 2, 1}, // r02, r05 government; r04 -> neutral
		{1, 0, 1}, // r06 -> support; r03
	}, rel.Stance)
	assert.Equal(t, Confusion{
		{1, 1, 0}, // r01; r05 ruling -> oppose
		{0, 3, 0}, // r02, r04 (on the -0.05 threshold), r05 government
		{1, 0, 1}, // r06 (on the 0.05 threshold); r03
	}, rel.Baseline)
	assert.Equal(t, 6, rel.Found, "r03's reform is the one target not reported")
	require.NotNil(t, rel.Relations)
	assert.Equal(t, RelationCounts{TP: 4, FP: 2, FN: 3}, *rel.Relations)
	assert.Nil(t, rel.Published)

	assert.Equal(t, 4, tgt.Items)
	assert.Equal(t, Confusion{{1, 0, 0}, {1, 0, 1}, {0, 0, 1}}, tgt.Stance)
	assert.Equal(t, Confusion{{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}, tgt.Baseline)
	assert.Equal(t, 3, tgt.Found)
	assert.Nil(t, tgt.Relations, "no item carries relations")
	assert.Equal(t, &Published{Name: "govader", MacroF1: 0.511}, tgt.Published)

	// The first three wrong items of relations.jsonl (r01 is right); every
	// wrong item of targets.jsonl (only two).
	ids := func(ms []Miss) (out []string) {
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	assert.Equal(t, []string{"r02", "r03", "r04"}, ids(rel.Misses))
	assert.Equal(t, []string{"t02", "t04"}, ids(tgt.Misses))
	assert.Equal(t, "He", tgt.Misses[1].SpanText)

	// The scored run uses Options{} as a user would; evidence is fetched
	// once more for each kept miss only.
	var plain, evidence int
	for _, o := range f.calls {
		switch o {
		case classifier.Options{}:
			plain++
		case classifier.Options{IncludeEvidence: true}:
			evidence++
		default:
			t.Errorf("unexpected options %+v", o)
		}
	}
	assert.Equal(t, 10, plain)
	assert.Equal(t, 5, evidence)
}

func TestEvaluateNoMisses(t *testing.T) {
	t.Parallel()
	f := newFake()
	rep := evaluateTestdata(t, f, Options{})
	for _, r := range rep.Results {
		assert.Empty(t, r.Misses)
	}
	assert.Len(t, f.calls, 10, "no evidence runs when no misses are kept")
}

func TestEvaluateErrors(t *testing.T) {
	t.Parallel()

	t.Run("bad line", func(t *testing.T) {
		t.Parallel()
		src := `{"id": "t01", "text": "Ankara praised the deal.", "actors": [], "targets": []}` + "\n" + `{"id": "t02"`
		_, err := Evaluate(context.Background(), newFake(), "x.jsonl", strings.NewReader(src), Options{})
		var le *LineError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, 2, le.Line)
	})

	t.Run("context done", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		src := `{"id": "t01", "text": "Ankara praised the deal.", "actors": [], "targets": []}`
		_, err := Evaluate(ctx, newFake(), "x.jsonl", strings.NewReader(src), Options{})
		require.ErrorIs(t, err, context.Canceled)
		assert.ErrorContains(t, err, `x.jsonl:1: analyze "t01"`)
	})

	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		_, err := EvaluateFile(context.Background(), newFake(), filepath.Join("testdata", "absent.jsonl"), Options{})
		require.ErrorIs(t, err, os.ErrNotExist)
	})
}

func TestBaselineLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		score float32
		want  classifier.Stance
	}{
		{1, sup},
		{0.05, sup}, // thresholds are inclusive, as in VADER's convention
		{0.0499, neu},
		{0, neu},
		{-0.0499, neu},
		{-0.05, opp},
		{-1, opp},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, BaselineLabel(tt.score), "score %v", tt.score)
	}
}

func TestPublishedBaseline(t *testing.T) {
	t.Parallel()
	p, ok := PublishedBaseline("../shared/eval/newsmtsc-mt-dev.jsonl")
	require.True(t, ok, "keyed by base name, whatever the directory")
	assert.Equal(t, Published{Name: "govader", MacroF1: 0.526}, p)
	p, ok = PublishedBaseline("newsmtsc-rw-dev.jsonl")
	require.True(t, ok)
	assert.InDelta(t, 0.511, p.MacroF1, 0)
	_, ok = PublishedBaseline("seed-article.jsonl")
	assert.False(t, ok)
}

func TestRuneSlice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s        string
		from, to int
		want     string
	}{
		{"Obama won", 0, 5, "Obama"},
		{"“He said”", 1, 3, "He"}, // curly quote: 3 bytes, 1 character
		{"Zoë Kravitz", 4, 11, "Kravitz"},
		{"short", 2, 99, "ort"}, // clamped to the end
		{"short", 9, 12, ""},    // past the end
		{"", 0, 0, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, runeSlice(tt.s, tt.from, tt.to), "%q[%d:%d]", tt.s, tt.from, tt.to)
	}
}

func TestReportGolden(t *testing.T) {
	t.Parallel()
	rep := evaluateTestdata(t, newFake(), Options{MaxMisses: 3})
	tests := []struct {
		golden string
		write  func(*bytes.Buffer, Report) error
	}{
		{"report.txt.golden", func(b *bytes.Buffer, r Report) error { return WriteText(b, r) }},
		{"report.json.golden", func(b *bytes.Buffer, r Report) error { return WriteJSON(b, r) }},
		{"misses.txt.golden", func(b *bytes.Buffer, r Report) error { return WriteMisses(b, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			require.NoError(t, tt.write(&b, rep))
			path := filepath.Join("testdata", tt.golden)
			if *update {
				require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), b.String())
		})
	}
}

func TestWriteJSONHasNoTexts(t *testing.T) {
	t.Parallel()
	rep := evaluateTestdata(t, newFake(), Options{MaxMisses: 10})
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, rep))
	require.NoError(t, WriteText(&b, rep))
	// Machine output may be saved to files: it must not carry item ids or
	// the statements' text (only WriteMisses does, for the terminal).
	for _, s := range []string{"r02", "t04", "Belarus", "Brennan"} {
		assert.NotContains(t, b.String(), s)
	}
}

// Gold labels may name the classifier's gazetteer actors without listing
// them; relations are scored over the actors the gold names, so a predicted
// relation with a gazetteer actor the gold is silent on is skipped.
func TestEvaluateGazetteerIDs(t *testing.T) {
	t.Parallel()
	f := &fakeClassifier{
		gazetteer: []classifier.Actor{
			{ID: "country/FRA", Name: "France"}, {ID: "country/DEU", Name: "Germany"},
			{ID: "country/ITA", Name: "Italy"}, {ID: "country/ESP", Name: "Spain"},
		},
		analyses: map[string]classifier.Analysis{"g1": {
			Targets: []classifier.TargetStance{ts("country/DEU", opp, -0.8), ts("country/ITA", sup, 0.8)},
			Relations: []classifier.Relation{
				rl("country/FRA", "country/DEU", opp), // TP
				rl("country/DEU", "country/ITA", sup), // FP: gold neutral pair
				rl("country/ESP", "country/DEU", opp), // skipped: Spain is not in the gold
			},
		}},
	}
	const src = `{"id": "g1", "text": "France condemned Germany and praised Italy, Spain said.", ` +
		`"targets": [{"actor_id": "country/DEU", "label": "oppose"}, {"actor_id": "country/ITA", "label": "support"}], ` +
		`"relations": [{"holder_id": "country/FRA", "target_id": "country/DEU", "label": "oppose"}, ` +
		`{"holder_id": "country/FRA", "target_id": "country/ITA", "label": "support"}, ` +
		`{"holder_id": "country/DEU", "target_id": "country/ITA", "label": "neutral"}]}`
	res, err := Evaluate(context.Background(), f, "gaz.jsonl", strings.NewReader(src), Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Items)
	assert.Equal(t, 2, res.Found)
	assert.InDelta(t, 1.0, res.Stance.Accuracy(), 1e-9)
	require.NotNil(t, res.Relations)
	assert.Equal(t, RelationCounts{TP: 1, FP: 1, FN: 1}, *res.Relations)

	// An id that is neither listed nor in the gazetteer is still refused.
	_, err = Evaluate(context.Background(), f, "gaz.jsonl",
		strings.NewReader(`{"id": "g2", "text": "t", "targets": [{"actor_id": "country/XXX", "label": "oppose"}]}`), Options{})
	assert.ErrorContains(t, err, `gaz.jsonl:1: targets[0]: actor_id "country/XXX" is not a listed actor`)
}
