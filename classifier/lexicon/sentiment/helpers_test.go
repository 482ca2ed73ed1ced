package sentiment_test

import (
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// realData is the shipped lexicon, as the embedded copy will see it.
var realData = sync.OnceValues(func() (*sentiment.Lexicon, error) {
	return sentiment.Load(os.DirFS("../data"))
})

// lexicon returns the shipped lexicon, failing tb if it does not load.
func lexicon(tb testing.TB) *sentiment.Lexicon {
	tb.Helper()
	l, err := realData()
	require.NoError(tb, err)
	return l
}

// scoreAll tokenizes text and scores all of it as one range.
func scoreAll(tb testing.TB, l *sentiment.Lexicon, text string) (sentiment.Result, []tokenize.Token) {
	tb.Helper()
	toks := tokenize.Tokenize(text, nil)
	return l.Score(text, toks, 0, len(toks), nil), toks
}

// cue returns the text of a hit.
func cue(text string, toks []tokenize.Token, h sentiment.Hit) string {
	return text[toks[h.Token].Start:toks[h.Token+h.Len-1].End]
}

// hitFor returns the hit whose text is c, failing tb if there is none.
func hitFor(tb testing.TB, text string, toks []tokenize.Token, r sentiment.Result, c string) sentiment.Hit {
	tb.Helper()
	for _, h := range r.Hits {
		if cue(text, toks, h) == c {
			return h
		}
	}
	require.Failf(tb, "no hit", "no hit %q in %q", c, text)
	return sentiment.Hit{}
}

// prepared is the Text ScoreText takes for toks of text: their folded forms
// and their heads looked up in l, as the classifier prepares them.
func prepared(l *sentiment.Lexicon, text string, toks []tokenize.Token) sentiment.Text {
	fd := new(tokenize.Folded)
	fd.Reset(text, toks)
	heads := make([]int32, len(toks))
	for i := range toks {
		heads[i] = -1
		if k := toks[i].Kind; k == tokenize.Word || k == tokenize.Emoji {
			heads[i] = l.Head(fd.At(i))
		}
	}
	return sentiment.Text{Text: text, Toks: toks, Folded: fd, Heads: heads}
}
