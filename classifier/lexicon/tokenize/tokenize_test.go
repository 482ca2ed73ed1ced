package tokenize

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tk is a token without possessive suffix.
func tk(start, end int32, k Kind, f Flag) Token {
	return Token{Start: start, End: end, SuffixEnd: end, Kind: k, Flags: f}
}

// poss is a possessive Word token.
func poss(start, end, suffixEnd int32, f Flag) Token {
	return Token{Start: start, End: end, SuffixEnd: suffixEnd, Kind: Word, Flags: f | Possessive}
}

const (
	cf   = Capitalized
	ac   = Capitalized | AllCaps
	ss   = SentenceStart
	abbr = Abbreviation
)

// describe renders tokens one per line with their text, so a failing
// comparison shows what went wrong.
func describe(text string, toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%d-%d-%d %v %q %v\n", t.Start, t.End, t.SuffixEnd, t.Kind, text[t.Start:t.SuffixEnd], t.Flags)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []Token
	}{
		{name: "empty", text: "", want: nil},
		// Unicode white space (no-break space, ideographic space) and
		// invisible format characters (zero width space, BOM) are not
		// tokens.
		{name: "whitespace only", text: " \t\r\n\u00a0\u3000\u200b\ufeff", want: nil},
		{
			name: "plain sentence",
			text: "NATO warned Moscow on Monday.",
			want: []Token{
				tk(0, 4, Word, ac|ss), tk(5, 11, Word, 0), tk(12, 18, Word, cf),
				tk(19, 21, Word, 0), tk(22, 28, Word, cf), tk(28, 29, Punct, 0),
			},
		},
		{
			// The flag is 8 bytes (two 4-byte regional indicators):
			// the word after it must start at byte 9.
			name: "flag emoji before a word",
			text: "🇺🇦 Kyiv stands",
			want: []Token{tk(0, 8, Emoji, 0), tk(9, 13, Word, cf|ss), tk(14, 20, Word, 0)},
		},
		{
			// Thumbs up (4 bytes) + medium skin tone (4 bytes).
			name: "skin tone modifier",
			text: "👍🏽great",
			want: []Token{tk(0, 8, Emoji, 0), tk(8, 13, Word, ss)},
		},
		{
			// Man ZWJ woman ZWJ girl: 4+3+4+3+4 bytes, one emoji.
			name: "ZWJ sequence",
			text: "👨\u200d👩\u200d👧 family",
			want: []Token{tk(0, 18, Emoji, 0), tk(19, 25, Word, ss)},
		},
		{
			// Heavy black heart (3 bytes) + U+FE0F (3 bytes).
			name: "variation selector",
			text: "I ❤️ NY",
			want: []Token{tk(0, 1, Word, cf|ss), tk(2, 8, Emoji, 0), tk(9, 11, Word, ac)},
		},
		{
			// "1" + U+FE0F + U+20E3 is an emoji, not a Number.
			name: "keycap",
			text: "1️⃣ 2",
			want: []Token{tk(0, 7, Emoji, 0), tk(8, 9, Number, 0)},
		},
		{
			// Black flag + 5 tag characters + cancel tag (4 bytes each).
			name: "subdivision flag",
			text: "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F!",
			want: []Token{tk(0, 28, Emoji, 0), tk(28, 29, Punct, 0)},
		},
		{
			// Two flags in a row pair up as (A,B)(C,D), never (B,C).
			name: "adjacent flags",
			text: "🇺🇸🇷🇺",
			want: []Token{tk(0, 8, Emoji, 0), tk(8, 16, Emoji, 0)},
		},
		{
			name: "lone skin tone and lone regional indicator",
			text: "🏽 🇺",
			want: []Token{tk(0, 4, Emoji, 0), tk(5, 9, Emoji, 0)},
		},
		{
			// ™ is text by default: a Symbol after the word.
			name: "trade mark is a symbol",
			text: "Google™ ©",
			want: []Token{tk(0, 6, Word, cf|ss), tk(6, 9, Symbol, 0), tk(10, 12, Symbol, 0)},
		},
		{
			// “ and ” are 3 bytes each.
			name: "curly double quotes",
			text: "“We won,” he said.",
			want: []Token{
				tk(0, 3, Quote, Opening), tk(3, 5, Word, cf|ss), tk(6, 9, Word, 0), tk(9, 10, Punct, 0),
				tk(10, 13, Quote, Closing), tk(14, 16, Word, 0), tk(17, 21, Word, 0), tk(21, 22, Punct, 0),
			},
		},
		{
			name: "straight quotes take direction from neighbours",
			text: `He said "no" and " left`,
			want: []Token{
				tk(0, 2, Word, cf|ss), tk(3, 7, Word, 0), tk(8, 9, Quote, Opening), tk(9, 11, Word, 0),
				tk(11, 12, Quote, Closing), tk(13, 16, Word, 0), tk(17, 18, Quote, 0), tk(19, 23, Word, 0),
			},
		},
		{
			// « and » are 2 bytes each.
			name: "guillemets",
			text: "«Non» ‘yes’",
			want: []Token{
				tk(0, 2, Quote, Opening), tk(2, 5, Word, cf|ss), tk(5, 7, Quote, Closing),
				tk(8, 11, Quote, Opening), tk(11, 14, Word, 0), tk(14, 17, Quote, Closing),
			},
		},
		{
			name: "possessive straight",
			text: "Russia's army",
			want: []Token{poss(0, 6, 8, cf|ss), tk(9, 13, Word, 0)},
		},
		{
			// ’ is 3 bytes: the suffix is 4 bytes.
			name: "possessive curly",
			text: "Russia’s army",
			want: []Token{poss(0, 6, 10, cf|ss), tk(11, 15, Word, 0)},
		},
		{
			name: "plural possessive",
			text: "the allies' support",
			want: []Token{tk(0, 3, Word, ss), poss(4, 10, 11, 0), tk(12, 19, Word, 0)},
		},
		{
			// AllCaps looks at the name only, not at the suffix.
			name: "possessive acronym and name with apostrophe",
			text: "NATO's O'Brien's",
			want: []Token{poss(0, 4, 6, ac|ss), poss(7, 14, 16, cf)},
		},
		{
			// The abbreviation keeps its dots; the suffix follows them.
			name: "possessive abbreviation",
			text: "the U.S.'s and U.K.’s",
			want: []Token{tk(0, 3, Word, ss), poss(4, 8, 10, ac|abbr), tk(11, 14, Word, 0), poss(15, 19, 23, ac|abbr)},
		},
		{
			name: "possessive before punctuation and at the end",
			text: "Kyiv's. Putin’s",
			want: []Token{poss(0, 4, 6, cf|ss), tk(6, 7, Punct, 0), poss(8, 13, 17, cf|ss)},
		},
		{
			// "it's" is a contraction, kept whole, like "don't".
			name: "contractions are not possessive",
			text: "It’s what's let's",
			want: []Token{tk(0, 6, Word, cf|ss), tk(7, 13, Word, 0), tk(14, 19, Word, 0)},
		},
		{
			name: "inner apostrophes",
			text: "don't can’t they're O'Brien",
			want: []Token{tk(0, 5, Word, ss), tk(6, 13, Word, 0), tk(14, 21, Word, 0), tk(22, 29, Word, cf)},
		},
		{
			// After an opening single quote, "allies'" ends the
			// quotation instead of being a plural possessive.
			name: "s-apostrophe closing a single quote",
			text: "'We back the allies' he said",
			want: []Token{
				tk(0, 1, Quote, Opening), tk(1, 3, Word, cf|ss), tk(4, 8, Word, 0), tk(9, 12, Word, 0),
				tk(13, 19, Word, 0), tk(19, 20, Quote, Closing), tk(21, 23, Word, 0), tk(24, 28, Word, 0),
			},
		},
		{
			// Digits have no possessive: a plural decade, one Word.
			name: "decade with apostrophe",
			text: "1990's",
			want: []Token{tk(0, 6, Word, ss)},
		},
		{
			name: "apostrophe after a non-letter is a quote",
			text: "'90",
			want: []Token{tk(0, 1, Quote, Opening), tk(1, 3, Number, 0)},
		},
		{
			name: "hyphenated words",
			text: "pro-Russian Jean-Luc 30-day COVID-19",
			want: []Token{tk(0, 11, Word, ss), tk(12, 20, Word, cf), tk(21, 27, Word, 0), tk(28, 36, Word, ac)},
		},
		{
			// U+2011 non-breaking hyphen (3 bytes) joins like "-".
			name: "unicode hyphen",
			text: "anti\u2011war",
			want: []Token{tk(0, 10, Word, ss)},
		},
		{
			name: "dashes are punctuation",
			text: "this -- that - it-- so",
			want: []Token{
				tk(0, 4, Word, ss), tk(5, 7, Punct, 0), tk(8, 12, Word, 0), tk(13, 14, Punct, 0),
				tk(15, 17, Word, 0), tk(17, 19, Punct, 0), tk(20, 22, Word, 0),
			},
		},
		{
			// Digits on both sides: a range, not a word.
			name: "number range",
			text: "2020-21",
			want: []Token{tk(0, 4, Number, 0), tk(4, 5, Punct, 0), tk(5, 7, Number, 0)},
		},
		{
			name: "em dash",
			text: "talks—again",
			want: []Token{tk(0, 5, Word, ss), tk(5, 8, Punct, 0), tk(8, 13, Word, 0)},
		},
		{
			name: "dotted abbreviations",
			text: "U.S. U.K. e.g. a.m. Ph.D.",
			want: []Token{
				tk(0, 4, Word, ac|abbr|ss), tk(5, 9, Word, ac|abbr), tk(10, 14, Word, abbr),
				tk(15, 19, Word, abbr), tk(20, 25, Word, cf|abbr),
			},
		},
		{
			name: "listed abbreviations",
			text: "Dr. Mrs. Gen. vs. etc. Sept. Inc.",
			want: []Token{
				tk(0, 3, Word, cf|abbr|ss), tk(4, 8, Word, cf|abbr), tk(9, 13, Word, cf|abbr),
				tk(14, 17, Word, abbr), tk(18, 22, Word, abbr), tk(23, 28, Word, cf|abbr),
				tk(29, 33, Word, cf|abbr),
			},
		},
		{
			// Month and title abbreviations need a capital: "mar" and
			// "sen" are words here and the dot is punctuation.
			name: "lower-case lookalikes keep no dot",
			text: "mar. sen.",
			want: []Token{tk(0, 3, Word, ss), tk(3, 4, Punct, 0), tk(5, 8, Word, 0), tk(8, 9, Punct, 0)},
		},
		{
			name: "initials",
			text: "George W. Bush",
			want: []Token{tk(0, 6, Word, cf|ss), tk(7, 9, Word, cf|abbr), tk(10, 14, Word, cf)},
		},
		{
			// A single capital before a lower-case word or at the end
			// is not an initial.
			name: "single letter that is not an initial",
			text: "Plan B. said I.",
			want: []Token{
				tk(0, 4, Word, cf|ss), tk(5, 6, Word, cf), tk(6, 7, Punct, 0),
				tk(8, 12, Word, 0), tk(13, 14, Word, cf), tk(14, 15, Punct, 0),
			},
		},
		{
			name: "No. before a number only",
			text: "No. 1 no.",
			want: []Token{tk(0, 3, Word, cf|abbr|ss), tk(4, 5, Number, 0), tk(6, 8, Word, 0), tk(8, 9, Punct, 0)},
		},
		{
			// The sentence-final dot after a Number is Punct.
			name: "numbers",
			text: "1,000 3.5 2026. 9:30",
			want: []Token{tk(0, 5, Number, 0), tk(6, 9, Number, 0), tk(10, 14, Number, 0), tk(14, 15, Punct, 0), tk(16, 20, Number, 0)},
		},
		{
			name: "percent and currency are symbols",
			text: "10% $5",
			want: []Token{tk(0, 2, Number, 0), tk(2, 3, Symbol, 0), tk(4, 5, Symbol, 0), tk(5, 6, Number, 0)},
		},
		{
			name: "digits with letters are words",
			text: "5G 1990s G7",
			want: []Token{tk(0, 2, Word, cf|ss), tk(3, 8, Word, 0), tk(9, 11, Word, cf)},
		},
		{
			// Names and slogans run together in hashtags and handles
			// are cut where case or script changes.
			name: "hashtag and handle cut into pieces",
			text: "@realDonaldTrump #Trump2016 #GOPDebate",
			want: []Token{tk(0, 1, Symbol, 0), tk(1, 5, Word, ss|InTag), tk(5, 11, Word, cf|InTag), tk(11, 16, Word, cf|InTag),
				tk(17, 18, Symbol, 0), tk(18, 23, Word, cf|InTag), tk(23, 27, Number, InTag),
				tk(28, 29, Symbol, 0), tk(29, 32, Word, ac|InTag), tk(32, 38, Word, cf|InTag)},
		},
		{
			name: "hashtag with underscores and a possessive",
			text: "#stop_the_war #NeverTrump's",
			want: []Token{tk(0, 1, Symbol, 0), tk(1, 5, Word, ss|InTag), tk(6, 9, Word, InTag), tk(10, 13, Word, InTag),
				tk(14, 15, Symbol, 0), tk(15, 20, Word, cf|InTag), poss(20, 25, 27, cf|InTag)},
		},
		{
			// Near miss: a body of underscores alone has no piece; its
			// underscores stay symbols, so no character is dropped.
			name: "tag of underscores",
			text: "#_ #__",
			want: []Token{tk(0, 1, Symbol, 0), tk(1, 2, Symbol, 0), tk(3, 4, Symbol, 0), tk(4, 5, Symbol, 0), tk(5, 6, Symbol, 0)},
		},
		{
			// Near misses: a tag without a cut, one that goes on with a
			// character the cut does not read, and an address's '@'
			// keep their ordinary words.
			name: "tags that stay whole",
			text: "#MAGA #trump #2016 #Zürich2 #Trump-like a@bB.org",
			want: []Token{tk(0, 1, Symbol, 0), tk(1, 5, Word, ac|ss), tk(6, 7, Symbol, 0), tk(7, 12, Word, 0),
				tk(13, 14, Symbol, 0), tk(14, 18, Number, 0), tk(19, 20, Symbol, 0), tk(20, 28, Word, cf),
				tk(29, 30, Symbol, 0), tk(30, 40, Word, cf), tk(41, 42, Word, 0), tk(42, 43, Symbol, 0),
				tk(43, 45, Word, 0), tk(45, 46, Punct, 0), tk(46, 49, Word, 0)},
		},
		{
			// A trailing comma or dot is not a separator.
			name: "number followed by separators",
			text: "1, 2.",
			want: []Token{tk(0, 1, Number, 0), tk(1, 2, Punct, 0), tk(3, 4, Number, 0), tk(4, 5, Punct, 0)},
		},
		{
			name: "exclamation and question runs",
			text: "No!!! Really?! What?",
			want: []Token{
				tk(0, 2, Word, cf|ss), tk(2, 5, Punct, 0), tk(6, 12, Word, cf|ss), tk(12, 14, Punct, 0),
				tk(15, 19, Word, cf|ss), tk(19, 20, Punct, 0),
			},
		},
		{
			// … is 3 bytes.
			name: "ellipses",
			text: "Wait... so… fine",
			want: []Token{tk(0, 4, Word, cf|ss), tk(4, 7, Punct, 0), tk(8, 10, Word, 0), tk(10, 13, Punct, 0), tk(14, 18, Word, 0)},
		},
		{
			name: "brackets carry direction",
			text: "(EU)",
			want: []Token{tk(0, 1, Punct, Opening), tk(1, 3, Word, ac|ss), tk(3, 4, Punct, Closing)},
		},
		{
			// Each invalid byte is a 1-byte Symbol; a truncated 3-byte
			// sequence gives two.
			name: "invalid UTF-8",
			text: "a\xffb \xe2\x80",
			want: []Token{tk(0, 1, Word, ss), tk(1, 2, Symbol, 0), tk(2, 3, Word, 0), tk(4, 5, Symbol, 0), tk(5, 6, Symbol, 0)},
		},
		{
			// Soft hyphen (2 bytes) joins; zero width space separates.
			name: "format characters",
			text: "Kreml\u00adchef a\u200bb",
			want: []Token{tk(0, 11, Word, cf|ss), tk(12, 13, Word, 0), tk(16, 17, Word, 0)},
		},
		{
			// É is 2 bytes; Han characters 3 bytes and uncased.
			name: "non-ASCII letters and case",
			text: "Élysée ÉTAT 北京 Ünal",
			want: []Token{tk(0, 8, Word, cf|ss), tk(9, 14, Word, ac), tk(15, 21, Word, 0), tk(22, 27, Word, cf)},
		},
		{
			name: "case flags",
			text: "McDonald iPhone I",
			want: []Token{tk(0, 8, Word, cf|ss), tk(9, 15, Word, 0), tk(16, 17, Word, cf)},
		},
		{
			// A combining acute accent after "e" stays in the word; one
			// with nothing to combine with is a Symbol.
			name: "combining marks",
			text: "cafe\u0301 \u0301",
			want: []Token{tk(0, 6, Word, ss), tk(7, 9, Symbol, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Tokenize(tt.text, nil)
			require.Equal(t, describe(tt.text, tt.want), describe(tt.text, got))
			if tt.want == nil {
				require.Empty(t, got)
				return
			}
			require.Equal(t, tt.want, got)
		})
	}
}

func TestTokenizeReusesDst(t *testing.T) {
	t.Parallel()
	dst := make([]Token, 3, 16)
	got := Tokenize("Kyiv and Warsaw", dst)
	require.Len(t, got, 3)
	// The result starts at dst[0]: no old tokens kept, no new array.
	assert.Same(t, &dst[:1][0], &got[0])
	assert.Equal(t, tk(9, 15, Word, cf), got[2])
}

func TestTokenHelpers(t *testing.T) {
	t.Parallel()
	const text = "Russia’s"
	tok := Tokenize(text, nil)[0]
	assert.Equal(t, "Russia", tok.Text(text))
	assert.Equal(t, "Russia’s", tok.FullText(text))
	assert.True(t, tok.IsWord())
	assert.True(t, tok.Has(Capitalized|Possessive))
	assert.False(t, tok.Has(Capitalized|AllCaps), "Has needs every bit")
	assert.Equal(t, "Capitalized|Possessive|SentenceStart", tok.Flags.String())
	assert.Equal(t, "Emoji", Emoji.String())
	assert.Equal(t, "Kind(?)", Kind(0).String())
}

func TestTokenizeGolden(t *testing.T) {
	t.Parallel()
	in := readTestdata(t, "news.txt")
	got := describe(in, Tokenize(in, nil))
	checkGolden(t, "news.tokens.golden", got)
}

// TestPlainWordFastPath checks that the fast path for plain ASCII words
// tokenizes exactly like the general word scanner, around every byte that
// may end or continue a word.
func TestPlainWordFastPath(t *testing.T) {
	t.Parallel()
	texts := []string{
		readTestdata(t, "news.txt"),
		// Terminators the fast path takes, after letters and digits.
		"Kyiv, Paris; Rome: Oslo! Bern? (Riga) [Minsk] {Baku} \"Sofia\"",
		"5G, 1990s; A1: B2! F16? (T34) R2\tD2\nC3PO\r\nX",
		// Bytes it leaves to the general scanner.
		"U.S. Dr. J. Smith e.g. end.Next No. 5 etc.",
		"it's Russia's allies' O'Brien rock'n'roll '90s",
		"Jean-Luc pro-Russian 30-day COVID-19 2020-21 -- a-",
		"1,000 3.5 9:30 10% $5 #1 a1,2 ab,cd A:B",
		"café naïve Kyïv ÉTAT x\u200dy soft\u00adhyphen 北京 👍🏽 1\ufe0f\u20e3",
		"NATO NATO's USA. IS IT OK? a A aB Ab AB",
		"`quoted` \u2018single\u2019 word\u2014dash last",
		// Dots: plain words before a full stop, and the words that may
		// keep their dot.
		"banks. Banks. BANKS. a. A. ab. Ph.D. U.S. mr. Mr. Sept. sept. Qwerty. 5G. x1.",
		// Longer than the fast path's scratch buffer, and at the end.
		"Pneumonoultramicroscopicsilicovolcanoconiosis and Supercalifragilisticexpialidocious5G",
		"Ab", "a", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		// Runs of plain words one space apart, broken by each kind of
		// word the fast path leaves, by two spaces, a tab, and a keycap
		// base or non-ASCII letter after the space.
		"the EU plan by Dr. Smith and Russia's allies pro-Russian 5G 1990s 2020 rise",
		"one two  three\tfour 1\ufe0f\u20e3 five 6\u20e3 seven café eight \u00c9tat nine",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z A B C. D",
		"Pneumonoultramicroscopicsilicovolcanoconiosis Supercalifragilisticexpialidocious two",
	}
	for _, text := range texts {
		slow := tokenizer{text: text, noFastPath: true}
		slow.run()
		markSentenceStarts(text, slow.toks)
		toks := Tokenize(text, nil)
		assert.Equal(t, slow.toks, toks, "%q", text)

		// Split folds the plain words itself: the same as Reset.
		var want, got Folded
		want.Reset(text, toks)
		stoks, _ := Split(text, nil, nil, &got)
		assert.Equal(t, toks, stoks, "%q", text)
		require.Equal(t, want.Len(), got.Len(), "%q", text)
		for i := range want.Len() {
			assert.Equal(t, string(want.At(i)), string(got.At(i)), "%q token %d", text, i)
			assert.Equal(t, want.Hash(i), got.Hash(i), "%q token %d", text, i)
		}
	}
}

// TestIsPictographic checks the quick rejection in isPictographic against
// the table, for every rune.
func TestIsPictographic(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isPictographic(r) != unicode.Is(extPictographic, r) {
			t.Fatalf("isPictographic(%U) disagrees with the table", r)
		}
	}
}
