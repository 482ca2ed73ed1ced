package sentiment_test

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// minimalFS returns a small valid lexicon; tests replace one file.
func minimalFS() fstest.MapFS {
	return fstest.MapFS{
		sentiment.ValencePath:  {Data: []byte("# comment\ngood\t1.9\nbad\t-2.5\nlack of\t-1.3\n")},
		sentiment.IdiomsPath:   {Data: []byte("not bad\t1.5\nat least\t0\n")},
		sentiment.BoostersPath: {Data: []byte("very\t0.293\nkind of\t-0.293\n")},
		sentiment.NegatorsPath: {Data: []byte("not\t-0.74\n*n't\t-0.74\nlack of\t-0.74\nfail to\t-0.74\t0.5\n")},
		sentiment.ContrastPath: {Data: []byte("but\tbut\nyet\tbut-initial\ndespite\tconcessive\n")},
	}
}

func TestLoadMinimal(t *testing.T) {
	t.Parallel()
	l, err := sentiment.Load(minimalFS())
	require.NoError(t, err)
	// good, bad, lack of (valence and negator: one entry), not bad, at
	// least, very, kind of, not, *n't, fail to, but, yet, despite.
	assert.Equal(t, 13, l.Len())

	v, ok := l.Valence([]byte("good"))
	assert.True(t, ok)
	assert.InDelta(t, 1.9, v, 1e-6)
	_, ok = l.Valence([]byte("Good"))
	assert.False(t, ok, "lookups take folded words")
	f, ok := l.Booster([]byte("very"))
	assert.True(t, ok)
	assert.InDelta(t, 0.293, f, 1e-6)
	s, ok := l.Negator([]byte("wouldn't"))
	assert.True(t, ok, "*n't matches any word ending in n't")
	assert.InDelta(t, -0.74, s, 1e-6)
	_, ok = l.Negator([]byte("n't"))
	assert.False(t, ok, "a suffix pattern needs something before the suffix")
}

func TestLoadAcceptsCRLFAndBlankLines(t *testing.T) {
	t.Parallel()
	fsys := minimalFS()
	fsys[sentiment.ValencePath] = &fstest.MapFile{Data: []byte("# c\r\n\r\n  \r\ngood\t1.9\r\n")}
	l, err := sentiment.Load(fsys)
	require.NoError(t, err)
	v, ok := l.Valence([]byte("good"))
	assert.True(t, ok)
	assert.InDelta(t, 1.9, v, 1e-6)
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		path string
		data string
		want string
	}{
		{"bad number", sentiment.ValencePath, "good\t1.9\nfair\tabc\n",
			`sentiment/valence.tsv:2: valence "abc" is not a number`},
		// NaN parses as a float but is no valence.
		{"NaN", sentiment.ValencePath, "good\tNaN\n",
			`sentiment/valence.tsv:1: valence "NaN" is not a number`},
		{"out of range", sentiment.ValencePath, "good\t5\n",
			`sentiment/valence.tsv:1: valence 5 is out of range [-4, 4]`},
		{"zero valence", sentiment.ValencePath, "good\t0\n",
			`sentiment/valence.tsv:1: valence 0 has no effect: leave "good" out`},
		{"one field", sentiment.ValencePath, "# header\ngood 1.9\n",
			`sentiment/valence.tsv:2: want 2 tab-separated fields, found 1`},
		{"too many fields", sentiment.NegatorsPath, "not\t-0.74\t-0.3\t1\n",
			`sentiment/negators.tsv:1: want 2 or 3 tab-separated fields, found 4`},
		{"upper case", sentiment.ValencePath, "Good\t1.9\n",
			`sentiment/valence.tsv:1: term "Good" is not in lookup form (write "good")`},
		// A curly apostrophe would never match: text is folded to '.
		{"curly apostrophe", sentiment.IdiomsPath, "don’t like\t-1.5\n",
			`sentiment/idioms.tsv:1: term "don’t like" is not in lookup form (write "don't like")`},
		{"empty term", sentiment.ValencePath, "\t1.9\n",
			`sentiment/valence.tsv:1: empty term`},
		{"trailing space", sentiment.ValencePath, "good \t1.9\n",
			`sentiment/valence.tsv:1: term "good " has leading or trailing space`},
		{"doubled space", sentiment.IdiomsPath, "not  bad\t1.5\n",
			`sentiment/idioms.tsv:1: term "not  bad" has a doubled space`},
		// scanSpaces checks ASCII terms byte by byte, the rest by rune.
		{"no-break space", sentiment.IdiomsPath, "not\u00a0bad\t1.5\n",
			`sentiment/idioms.tsv:1: term "not\u00a0bad" holds a space other than ' '`},
		{"vertical tab", sentiment.IdiomsPath, "not\vbad\t1.5\n",
			`sentiment/idioms.tsv:1: term "not\vbad" holds a space other than ' '`},
		{"next line after non-ASCII", sentiment.ValencePath, "café\u0085x\t1.5\n",
			`sentiment/valence.tsv:1: term "café\u0085x" holds a space other than ' '`},
		{"form feed after non-ASCII", sentiment.ValencePath, "café\fx\t1.5\n",
			`sentiment/valence.tsv:1: term "café\fx" holds a space other than ' '`},
		{"doubled space after non-ASCII", sentiment.IdiomsPath, "café  noir\t1.5\n",
			`sentiment/idioms.tsv:1: term "café  noir" has a doubled space`},
		{"doubled space before another space", sentiment.IdiomsPath, "not  so\u00a0bad\t1.5\n",
			`sentiment/idioms.tsv:1: term "not  so\u00a0bad" has a doubled space`},
		{"non-ASCII without a space", sentiment.ValencePath, "Café\t1.5\n",
			`sentiment/valence.tsv:1: term "Café" is not in lookup form (write "café")`},
		{"invalid UTF-8", sentiment.ValencePath, "good\t1.9\nb\xffd\t-2\n",
			`sentiment/valence.tsv:2: line is not valid UTF-8`},
		{"duplicate in file", sentiment.ValencePath, "good\t1.9\nbad\t-2\ngood\t2\n",
			`sentiment/valence.tsv:3: duplicate term "good" (first at sentiment/valence.tsv:1)`},
		// valence.tsv loads first, so the booster is the duplicate.
		{"duplicate across files", sentiment.BoostersPath, "good\t0.293\n",
			`sentiment/boosters.tsv:1: duplicate term "good" (first at sentiment/valence.tsv:2)`},
		{"booster out of range", sentiment.BoostersPath, "very\t1.5\n",
			`sentiment/boosters.tsv:1: factor 1.5 is out of range [-1, 1]`},
		{"negator third column", sentiment.NegatorsPath, "not\t-0.74\tx\n",
			`sentiment/negators.tsv:1: scalar "x" is not a number`},
		{"bad suffix", sentiment.NegatorsPath, "*\t-0.74\n",
			`sentiment/negators.tsv:1: suffix pattern "*" must be * and one word ending`},
		{"suffix outside negators", sentiment.ValencePath, "*ful\t1\n",
			`sentiment/valence.tsv:1: term "*ful": suffix patterns (*...) belong in sentiment/negators.tsv`},
		{"one-word idiom", sentiment.IdiomsPath, "kindly\t0\n",
			`sentiment/idioms.tsv:1: idiom "kindly" is one word: put it in sentiment/valence.tsv`},
		{"contrast kind", sentiment.ContrastPath, "but\tafter\n",
			`sentiment/contrast.tsv:1: contrast kind "after" is not one of but, but-initial, concessive`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := minimalFS()
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.data)}
			l, err := sentiment.Load(fsys)
			require.Error(t, err)
			assert.Nil(t, l)
			assert.EqualError(t, err, tt.want)
			var de *sentiment.DataError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.path, de.Path)
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Parallel()
	for _, path := range []string{sentiment.ValencePath, sentiment.IdiomsPath, sentiment.BoostersPath,
		sentiment.NegatorsPath, sentiment.ContrastPath} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			fsys := minimalFS()
			delete(fsys, path)
			_, err := sentiment.Load(fsys)
			require.ErrorIs(t, err, fs.ErrNotExist)
			assert.EqualError(t, err, "sentiment: open "+path+": file does not exist")
			var de *sentiment.DataError
			assert.False(t, errors.As(err, &de), "a missing file is not a data error")
		})
	}
}

// TestShippedData loads the real data files the way the embedded copy is
// loaded and spot-checks entries that news text depends on.
func TestShippedData(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	assert.Greater(t, l.Len(), 7000)

	tests := []struct {
		word string
		sign int // +1, -1, or 0 for "no valence"
	}{
		{"invasion", -1},
		{"massacre", -1},
		{"sanctions", -1},
		{"corruption", -1},
		{"lambasted", -1},
		{"killed", -1},
		{"ceasefire", +1},
		{"breakthrough", +1},
		{"praised", +1},
		{"hailed", +1},
		{"de-escalation", +1},
		// News-neutral senses VADER rates: no valence.
		{"like", 0},    // "countries like France"
		{"party", 0},   // political party
		{"united", 0},  // United States, United Nations
		{"justice", 0}, // Justice Department
		{"kind", 0},    // "a kind of"
		{"kindly", 0},  // "Kindly leave the room."
		{"no", 0},      // a negator, not a negative word
		{"pretty", 0},  // a booster
		// Posts (posts.tsv): chat slang, emoticons and emoji count again.
		{"lol", +1},
		{"sux", -1},
		{":)", +1},
		{":(", -1},
		{"<3", +1},
		{"\U0001F60D", +1}, // 😍 smiling face with heart-eyes
		{"\U0001F494", -1}, // 💔 broken heart: as "</3", not broken + heart
		// Two-letter acronyms and "ok" stay out: initials and
		// abbreviations in news ("WP", "GL", "Tulsa, OK").
		{"ok", 0},
		{"wp", 0},
	}
	for _, tt := range tests {
		v, ok := l.Valence([]byte(tt.word))
		if tt.sign == 0 {
			assert.False(t, ok, "%s should have no valence, has %v", tt.word, v)
			continue
		}
		if assert.True(t, ok, "%s should have a valence", tt.word) {
			assert.Equal(t, tt.sign > 0, v > 0, "%s has valence %v", tt.word, v)
		}
	}

	f, ok := l.Booster([]byte("very"))
	assert.True(t, ok)
	assert.Positive(t, f)
	f, ok = l.Booster([]byte("slightly"))
	assert.True(t, ok)
	assert.Negative(t, f)
	never, ok := l.Negator([]byte("never"))
	assert.True(t, ok)
	not, ok := l.Negator([]byte("not"))
	assert.True(t, ok)
	assert.Less(t, never, not, `"never" negates more strongly than "not"`)
	// Typographic apostrophes fold to ' before lookup.
	_, ok = l.Negator(tokenize.AppendLower(nil, "Don’t"))
	assert.True(t, ok)
}
