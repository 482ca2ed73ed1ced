package tokenize

import (
	"strings"
	"testing"
)

// newsSentence is a 25-word news sentence with a possessive, an
// abbreviation, a quotation, a number and a hyphenated word.
const newsSentence = `Russia's foreign minister told reporters on Tuesday that Moscow "will never accept" the U.S.-backed plan, calling the 30-day ceasefire proposal a dangerous provocation.`

// bigInput is about 64 KiB of mixed news text: curly quotes, emoji,
// abbreviations, numbers and several scripts.
var bigInput = func() string {
	const para = "Sen. Maria O’Brien said the E.U. would back Kyiv’s 12-point plan. " +
		"“We will not yield!” Ukraine’s president said on Friday. 🇺🇦👍🏽 " +
		"Prices rose 3.5% to $1,200... The Kremlin’s response? Silence!!! " +
		"Nach Angaben des Ministeriums wurden 2.000 Soldaten verlegt. " +
		"北京表示反对。 Die Gespräche—so hieß es—seien gescheitert.\n\n"
	var b strings.Builder
	for b.Len() < 64<<10 {
		b.WriteString(para)
	}
	return b.String()
}()

func BenchmarkTokenize(b *testing.B) {
	for _, bc := range []struct {
		name, text string
	}{
		{"sentence", newsSentence},
		{"64KiB", bigInput},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dst := Tokenize(bc.text, nil) // warm: dst has capacity
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				dst = Tokenize(bc.text, dst)
			}
		})
	}
}

func BenchmarkSentences(b *testing.B) {
	toks := Tokenize(bigInput, nil)
	dst := Sentences(bigInput, toks, nil)
	b.SetBytes(int64(len(bigInput)))
	b.ReportAllocs()
	for b.Loop() {
		dst = Sentences(bigInput, toks, dst)
	}
}

func BenchmarkAppendLower(b *testing.B) {
	toks := Tokenize(newsSentence, nil)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range toks {
			buf = AppendLower(buf[:0], t.Text(newsSentence))
		}
	}
}
