package lexicon

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

var (
	syntaxOnce sync.Once
	syntaxC    *Classifier
	syntaxErr  error
)

// requireSyntax returns the embedded lexicon with syntax, loaded once.
func requireSyntax(t testing.TB) *Classifier {
	t.Helper()
	syntaxOnce.Do(func() { syntaxC, syntaxErr = New(Data(), WithSyntax()) })
	require.NoError(t, syntaxErr)
	require.True(t, syntaxC.HasSyntax())
	return syntaxC
}

// withoutSyntax returns the embedded data without the parser model
// (copyData leaves it out).
func withoutSyntax(t *testing.T) fstest.MapFS {
	t.Helper()
	return copyData(t)
}

// Without WithSyntax the classifier works from token windows alone, and
// does not need the model file; with it, the file must be there.
func TestNewWithoutSyntax(t *testing.T) {
	t.Parallel()
	require.False(t, defaultClassifier(t).HasSyntax(), "syntax is off by default")
	_, err := New(withoutSyntax(t), WithSyntax())
	require.ErrorIs(t, err, fs.ErrNotExist)
	c, err := New(withoutSyntax(t))
	require.NoError(t, err)
	require.False(t, c.HasSyntax())
	an, err := c.Analyze(context.Background(), classifier.Statement{ID: "x", Text: "France condemned Russia."}, classifier.Options{})
	require.NoError(t, err)
	require.Len(t, an.Relations, 1)
}

// A broken model file fails New with an error naming it.
func TestNewBadSyntaxModel(t *testing.T) {
	t.Parallel()
	m := withoutSyntax(t)
	m[syntax.ModelPath] = &fstest.MapFile{Data: []byte("not a model\n")}
	_, err := New(m)
	require.NoError(t, err, "without WithSyntax the model is not read")
	_, err = New(m, WithSyntax())
	require.Error(t, err)
	require.Contains(t, err.Error(), "lexicon: syntax")
	require.Contains(t, err.Error(), syntax.ModelPath)
}

// evalItem is the part of an eval JSONL line these tests read.
type evalItem struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	SpeakerID string `json:"speaker_id"`
	Actors    []struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"actors"`
}

func (it evalItem) statement() classifier.Statement {
	st := classifier.Statement{ID: it.ID, Text: it.Text, SpeakerID: it.SpeakerID}
	for _, a := range it.Actors {
		st.Actors = append(st.Actors, classifier.Actor{ID: a.ID, Name: a.Name, Aliases: a.Aliases})
	}
	return st
}

// evalFiles are the shared evaluation sets the parse share is measured
// on, when present (../shared/eval beside the repository).
func evalFiles(t *testing.T) []string {
	t.Helper()
	dir := os.Getenv("STANCETAG_EVAL_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "eval")
	}
	var files []string
	for _, name := range []string{"newsmtsc-mt-dev.jsonl", "newsmtsc-rw-dev.jsonl", "seed-article.jsonl"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			files = append(files, filepath.Join(dir, name))
		}
	}
	if len(files) == 0 {
		t.Skip("no eval sets in " + dir + " (set STANCETAG_EVAL_DIR)")
	}
	return files
}

func readItems(t *testing.T, path string) []evalItem {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var items []evalItem
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var it evalItem
		require.NoError(t, json.Unmarshal(sc.Bytes(), &it))
		items = append(items, it)
	}
	require.NoError(t, sc.Err())
	return items
}

// TestParseShare logs the share of sentences that the lazy parse reaches
// (a sentence with a cue that has a candidate mention) on the eval sets:
// `go test -run TestParseShare -v ./classifier/lexicon/`. It measures; it
// pins only that not every sentence is parsed.
func TestParseShare(t *testing.T) {
	c := requireSyntax(t)
	for _, path := range evalFiles(t) {
		s := c.pool.Get().(*scratch)
		var an classifier.Analysis
		sents, before := 0, 0
		if s.parser != nil {
			before = s.parser.Parses()
		}
		for _, it := range readItems(t, path) {
			c.analyze(it.statement(), classifier.Options{}, &an, s)
			sents += len(s.sents)
		}
		parses := s.parser.Parses() - before
		c.pool.Put(s)
		t.Logf("%s: %d of %d sentences parsed (%.1f%%)", filepath.Base(path), parses, sents, 100*float64(parses)/float64(max(sents, 1)))
		require.Less(t, parses, sents)
	}
}

// TestSyntaxDiff prints the relations that change when the parser model
// is removed, for reviewing the parse rules on the eval sets:
// `STANCETAG_SYNTAX_DIFF=1 go test -run TestSyntaxDiff -v ./classifier/lexicon/`.
func TestSyntaxDiff(t *testing.T) {
	if os.Getenv("STANCETAG_SYNTAX_DIFF") == "" {
		t.Skip("set STANCETAG_SYNTAX_DIFF=1")
	}
	with := requireSyntax(t)
	without, err := New(withoutSyntax(t))
	require.NoError(t, err)
	render := func(an classifier.Analysis) string {
		var sb strings.Builder
		for _, r := range an.Relations {
			fmt.Fprintf(&sb, "  %s -> %s %s %+.2f\n", r.HolderID, r.TargetID, r.Stance, r.Score)
		}
		for _, ts := range an.Targets {
			fmt.Fprintf(&sb, "  target %s %s\n", ts.ActorID, ts.Stance)
		}
		return sb.String()
	}
	for _, path := range evalFiles(t) {
		for _, it := range readItems(t, path) {
			a, err := with.Analyze(context.Background(), it.statement(), classifier.Options{})
			require.NoError(t, err)
			b, err := without.Analyze(context.Background(), it.statement(), classifier.Options{})
			require.NoError(t, err)
			if ra, rb := render(a), render(b); ra != rb {
				t.Logf("%s %s: %s\nwith syntax:\n%swithout:\n%s", filepath.Base(path), it.ID, it.Text, ra, rb)
			}
		}
	}
}

var _ fs.FS = fstest.MapFS{}

// Analysis stays allocation-free in steady state with the lazy parse: the
// Parser, its words and its tree live in the scratch (pooled by
// AnalyzeInto; held here, since the race detector makes sync.Pool drop
// items at random).
func TestAnalyzeAllocatesNothingWithSyntax(t *testing.T) {
	// Not parallel: AllocsPerRun counts every goroutine's allocations.
	c := requireSyntax(t)
	st := classifier.Statement{ID: "b", Text: bench25 + " Germany welcomed the talks in Turkey.", Actors: benchActors}
	var an classifier.Analysis
	s := new(scratch)
	c.analyze(st, classifier.Options{}, &an, s)
	require.NotEmpty(t, an.Relations)
	parses := s.parser.Parses() // how many sentences one call parses
	require.Positive(t, parses)
	allocs := testing.AllocsPerRun(100, func() { c.analyze(st, classifier.Options{}, &an, s) })
	require.Zero(t, allocs, "parsing %d sentences", parses)
}
