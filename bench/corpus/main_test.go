package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statement is an output line as stancetag analyze reads it.
type statement struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Actors []struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"actors"`
}

func runCorpus(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestJSONL(t *testing.T) {
	t.Parallel()
	out, errOut, code := runCorpus(t, "-n", "250", "-seed", "3", "-stats")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "corpus: 250 statements")

	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var s statement
		require.NoError(t, json.Unmarshal(sc.Bytes(), &s), "line %d: %s", n+1, sc.Text())
		n++
		assert.NotEmpty(t, s.ID)
		assert.NotEmpty(t, s.Text)
	}
	assert.Equal(t, 250, n)

	again, _, _ := runCorpus(t, "-n", "250", "-seed", "3")
	assert.Equal(t, out, again, "same seed, same bytes")
	other, _, _ := runCorpus(t, "-n", "250", "-seed", "4")
	assert.NotEqual(t, out, other, "another seed, other statements")
}

func TestGHZ(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		n, batch  string
		wantSizes []int
	}{
		{"unary", "3", "1", []int{1, 1, 1}},
		// The last request holds what is left over.
		{"batches with a remainder", "7", "3", []int{3, 3, 1}},
		{"one full batch", "4", "4", []int{4}},
		// ghz needs valid JSON even for nothing.
		{"empty", "0", "5", []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runCorpus(t, "-format", "ghz", "-n", tt.n, "-batch", tt.batch)
			require.Equal(t, 0, code, errOut)
			var reqs []struct {
				Statements []statement `json:"statements"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &reqs), out)
			sizes := []int{}
			for _, r := range reqs {
				sizes = append(sizes, len(r.Statements))
			}
			assert.Equal(t, tt.wantSizes, sizes)
		})
	}
}

func TestGHZSameStatementsAsJSONL(t *testing.T) {
	t.Parallel()
	// Both formats carry the same sequence, so ghz and analyze runs over
	// one seed measure the same text.
	lines, _, _ := runCorpus(t, "-n", "5", "-seed", "9")
	arr, _, _ := runCorpus(t, "-n", "5", "-seed", "9", "-format", "ghz", "-batch", "2")
	var reqs []struct {
		Statements []statement `json:"statements"`
	}
	require.NoError(t, json.Unmarshal([]byte(arr), &reqs))
	var fromGHZ []statement
	for _, r := range reqs {
		fromGHZ = append(fromGHZ, r.Statements...)
	}
	var fromLines []statement
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var s statement
		require.NoError(t, json.Unmarshal([]byte(l), &s))
		fromLines = append(fromLines, s)
	}
	assert.Equal(t, fromLines, fromGHZ)
}

func TestBadUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-n", "-1"}, "-n must be >= 0"},
		{[]string{"-batch", "0"}, "-batch must be >= 1"},
		{[]string{"-format", "csv"}, "-format must be jsonl or ghz"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"-nope"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runCorpus(t, tt.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
		})
	}
}

// failWriter fails every write, like a closed pipe.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, assert.AnError }

func TestWriteError(t *testing.T) {
	t.Parallel()
	var errOut bytes.Buffer
	code := run([]string{"-n", "100000"}, failWriter{}, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "corpus: writing:")
}

// -mix actors3 keeps the texts of the default mix and lists at least three
// caller actors with every statement.
func TestMixActors3(t *testing.T) {
	t.Parallel()
	def, _, code := runCorpus(t, "-n", "200", "-seed", "5")
	require.Equal(t, 0, code)
	out, errOut, code := runCorpus(t, "-n", "200", "-seed", "5", "-mix", "actors3", "-stats")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "200 with caller actors")
	dsc, sc := bufio.NewScanner(strings.NewReader(def)), bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		require.True(t, dsc.Scan())
		var s, d statement
		require.NoError(t, json.Unmarshal(sc.Bytes(), &s))
		require.NoError(t, json.Unmarshal(dsc.Bytes(), &d))
		assert.Equal(t, d.Text, s.Text)
		assert.GreaterOrEqual(t, len(s.Actors), 3, s.ID)
		for i, a := range d.Actors {
			assert.Equal(t, a.ID, s.Actors[i].ID, "the mentioned actors come first")
		}
	}
	_, errOut, code = runCorpus(t, "-mix", "actors9")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "-mix must be")
}
