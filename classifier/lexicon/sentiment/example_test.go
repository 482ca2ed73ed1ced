package sentiment_test

import (
	"fmt"
	"os"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func Example() {
	lex, err := sentiment.Load(os.DirFS("../data"))
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "The talks were tense, but they did not fail. Negotiators hailed a breakthrough."
	toks := tokenize.Tokenize(text, nil)
	sents := tokenize.Sentences(text, toks, nil)

	var buf sentiment.Scratch // reuse per goroutine: no allocation per call
	for _, s := range sents {
		r := lex.Score(text, toks, int(s.Start), int(s.End), &buf)
		fmt.Printf("%.2f", r.Score)
		for _, h := range r.Hits {
			fmt.Printf(" %s(%+.2f %v)", text[toks[h.Token].Start:toks[h.Token+h.Len-1].End], h.Valence, h.Rules)
		}
		fmt.Println()
	}
	fmt.Printf("%+v\n", lex.Statement(text, toks, sents, &buf))
	// Output:
	// 0.17 tense(-0.70 before-but) fail(+1.39 negated+after-but)
	// 0.74 hailed(+2.00 lexicon) breakthrough(+2.20 lexicon)
	// {Label:positive Score:0.4549632 Magnitude:1.571875}
}
