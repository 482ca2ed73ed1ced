package sentiment_test

import (
	"errors"
	"math"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

var dataPaths = [...]string{sentiment.ValencePath, sentiment.IdiomsPath, sentiment.BoostersPath,
	sentiment.NegatorsPath, sentiment.ContrastPath}

// FuzzLoad feeds arbitrary bytes to one of the five data files (the others
// are minimal and valid): Load must not panic, must report bad data as a
// *DataError (for that file, or for a later one holding a clashing term),
// and a lexicon it accepts must score text.
func FuzzLoad(f *testing.F) {
	f.Add(uint8(0), []byte("good\t1.9\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		path := dataPaths[int(which)%len(dataPaths)]
		fsys := minimalFS()
		fsys[path] = &fstest.MapFile{Data: data}
		l, err := sentiment.Load(fsys)
		if err != nil {
			var de *sentiment.DataError
			require.True(t, errors.As(err, &de), "not a DataError: %v", err)
			assert.Positive(t, de.Line)
			if de.Path != path {
				// A term of the fuzzed file may clash with one of a
				// file loaded later; that file reports it.
				assert.Contains(t, de.Msg, "duplicate term", err.Error())
				assert.Contains(t, de.Msg, path, err.Error())
			}
			return
		}
		text := "It was not very good, but no problem: they didn't fail to win!"
		toks := tokenize.Tokenize(text, nil)
		r := l.Score(text, toks, 0, len(toks), nil)
		assert.LessOrEqual(t, r.Score, float32(1))
		assert.GreaterOrEqual(t, r.Score, float32(-1))
	})
}

// FuzzScore scores arbitrary text with the shipped lexicon: no panic, scores
// in range, hits inside the scored range, and ScoreText on prepared words
// gives what Score gives.
func FuzzScore(f *testing.F) {
	for _, s := range []string{
		"Negotiators hailed the ceasefire as a breakthrough.",
		"NOT the worst!!! but… “kind of” bad?? 🙂🙂🙂",
		"no no no not never without lack of",
		"\xff\xfe Kindly don’t",
	} {
		f.Add(s)
	}
	l := lexicon(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokenize(text, nil)
		var buf, buf2 sentiment.Scratch
		pre := prepared(l, text, toks)
		for _, s := range tokenize.Sentences(text, toks, nil) {
			r := l.Score(text, toks, int(s.Start), int(s.End), &buf)
			r2 := l.ScoreText(&pre, int(s.Start), int(s.End), &buf2)
			require.Equal(t, r, r2, "ScoreText")
			require.False(t, math.IsNaN(float64(r.Score)), "NaN score")
			require.LessOrEqual(t, r.Score, float32(1))
			require.GreaterOrEqual(t, r.Score, float32(-1))
			require.GreaterOrEqual(t, r.Magnitude, float32(0))
			for _, h := range r.Hits {
				require.GreaterOrEqual(t, h.Token, s.Start)
				require.LessOrEqual(t, h.Token+h.Len, s.End)
			}
		}
	})
}
