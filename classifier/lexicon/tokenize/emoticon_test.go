package tokenize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEmoticons: ASCII faces are one Emoji token; the punctuation of news
// text that looks like them is not.
func TestEmoticons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string // token texts, Emoji ones marked with a leading "E:"
	}{
		{"smile and grin", "you :) or :D today", []string{"you", "E::)", "or", "E::D", "today"}},
		{"after a word, at the end", "today:)", []string{"today", "E::)"}},
		{"nose, tear, repeats", ":-))) :'( ;-)", []string{"E::-)))", "E::'(", "E:;-)"}},
		{"hearts", "I <3 it </3", []string{"I", "E:<3", "it", "E:</3"}},
		{"angry brow", ">:( no", []string{"E:>:(", "no"}},
		{"before a curly quote", ":)\u201d", []string{"E::)", "\u201d"}},
		// Near misses.
		{"near miss: colon before a bracket after a word", "Note:(a)", []string{"Note", ":", "(", "a", ")"}},
		{"near miss: url", "http://x", []string{"http", ":", "/", "/", "x"}},
		{"near miss: colon before a word", ":Dear", []string{":", "Dear"}},
		{"near miss: less than three", "x<3y", []string{"x", "<", "3y"}},
		{"near miss: equals in a formula", "x=(a)", []string{"x", "=", "(", "a", ")"}},
		{"near miss: a time", "10:30", []string{"10:30"}},
		{"near miss: colon then space", "said: (laughs)", []string{"said", ":", "(", "laughs", ")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, tok := range Tokenize(tt.text, nil) {
				s := tok.Text(tt.text)
				if tok.Kind == Emoji {
					s = "E:" + s
				}
				got = append(got, s)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
