package tokenize_test

import (
	"fmt"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func ExampleTokenize() {
	const text = `Russia’s envoy told the U.N. it's "a red line" 🇺🇦`
	for _, t := range tokenize.Tokenize(text, nil) {
		fmt.Printf("%-6v %d:%d %q [%v]\n", t.Kind, t.Start, t.End, t.Text(text), t.Flags)
	}
	// Output:
	// Word   0:6 "Russia" [Capitalized|Possessive|SentenceStart]
	// Word   11:16 "envoy" []
	// Word   17:21 "told" []
	// Word   22:25 "the" []
	// Word   26:30 "U.N." [Capitalized|AllCaps|Abbreviation]
	// Word   31:35 "it's" []
	// Quote  36:37 "\"" [Opening]
	// Word   37:38 "a" []
	// Word   39:42 "red" []
	// Word   43:47 "line" []
	// Quote  47:48 "\"" [Closing]
	// Emoji  49:57 "🇺🇦" []
}

func ExampleSentences() {
	const text = `"We will not yield!" Putin said. The U.S. Senate disagreed.`
	toks := tokenize.Tokenize(text, nil)
	for _, s := range tokenize.Sentences(text, toks, nil) {
		begin, end := s.Span(toks)
		fmt.Println(text[begin:end])
	}
	// Output:
	// "We will not yield!" Putin said.
	// The U.S. Senate disagreed.
}

func ExampleAppendLower() {
	lexicon := map[string]float64{"can't": -0.5}
	const text = "They CAN’T win"
	var buf []byte // reused across tokens: lookups do not allocate
	for _, t := range tokenize.Tokenize(text, nil) {
		buf = tokenize.AppendLower(buf[:0], t.Text(text))
		if v, ok := lexicon[string(buf)]; ok {
			fmt.Println(t.Text(text), v)
		}
	}
	// Output:
	// CAN’T -0.5
}
