package syntax

import "github.com/stancetag/stancetag/classifier/lexicon/tokenize"

// Word is one UD-style word of a text: a span of the text, possibly part of
// one token. The parser is trained on UD English EWT, which splits
// contractions and possessives into several syntactic words ("don't" is "do"
// and "n't"); our tokenizer keeps them whole for lexicon lookups, so Words
// are the bridge between the two.
type Word struct {
	// Start and End are UTF-8 byte offsets into the text, [Start, End).
	Start, End int32
	// Token is the index, in the slice given to AppendWords, of the
	// tokenize.Token the word comes from.
	Token int32
	// Form is the word as the parser should see it when that differs from
	// text[Start:End], else "". It is set only on clitics written with a
	// curly apostrophe ("n’t" of "don’t" has Form "n't"), so that the
	// parser learns one spelling. Form is always one of a fixed set of
	// constant strings.
	Form string
}

// FormOf returns w.Form, or text[w.Start:w.End] when Form is empty. text
// must be the text w was produced from.
func (w Word) FormOf(text string) string {
	if w.Form != "" {
		return w.Form
	}
	return text[w.Start:w.End]
}

// AppendWords appends to dst the UD words of toks, the tokens of one
// sentence of text (as produced by tokenize.Tokenize or tokenize.Split),
// and returns dst. It allocates nothing beyond growing dst.
//
// It follows the conventions of UD English EWT, checked against its
// multiword tokens:
//
//   - a possessive Word gives the word and its suffix: "Russia's" is
//     "Russia" "'s", "allies'" is "allies" "'", "U.S.'s" is "U.S." "'s";
//   - a Word ending in a clitic is split before it: "n't" ("do" "n't",
//     "ca" "n't", "wo" "n't"), and "'s" (only on the contractions the
//     tokenizer leaves unflagged: "it" "'s"), "'re", "'ve", "'ll", "'d",
//     "'m"; several clitics split in turn ("should" "n't" "'ve");
//   - a few words written without a space or an apostrophe, which EWT splits
//     every time it meets them: "cannot" is "can" "not", "gonna" "gon" "na",
//     "dont" "do" "nt", "im" "i" "m" (see fusedWords);
//   - every other token is one word: punctuation, quotes, numbers, emoji,
//     abbreviations with their dot, hyphenated words, names with an inner
//     apostrophe ("O'Brien"), and decades ("1990's", which EWT keeps whole).
//
// Words come in text order and do not overlap; together they cover each
// token from its Start to its SuffixEnd.
func AppendWords(dst []Word, text string, toks []tokenize.Token) []Word {
	for i, t := range toks {
		ti := int32(i)
		if t.Kind != tokenize.Word {
			dst = append(dst, Word{Start: t.Start, End: t.SuffixEnd, Token: ti})
			continue
		}
		if t.Has(tokenize.Possessive) {
			// The tokenizer has already told the possessive from a
			// contraction ("it's") or a closing quote ("s'").
			dst = append(dst,
				Word{Start: t.Start, End: t.End, Token: ti},
				Word{Start: t.End, End: t.SuffixEnd, Token: ti, Form: cliticForm(text[t.End:t.SuffixEnd])})
			continue
		}
		if t.Has(tokenize.Abbreviation) && endsSentence(toks[i+1:]) {
			// EWT reads the dot of a sentence-final abbreviation as the
			// full stop (47 times in train and dev, against 5 kept):
			// "moved to the U.S." ends "U.S" ".".
			dst = append(dst,
				Word{Start: t.Start, End: t.End - 1, Token: ti},
				Word{Start: t.End - 1, End: t.End, Token: ti})
			continue
		}
		dst = appendSplit(dst, text, t.Start, t.End, ti)
	}
	return dst
}

// endsSentence reports whether rest, the tokens after an abbreviation in its
// sentence, are only closing quotes and brackets: its dot is then the
// sentence's full stop.
func endsSentence(rest []tokenize.Token) bool {
	for _, t := range rest {
		if (t.Kind != tokenize.Quote && t.Kind != tokenize.Punct) || !t.Has(tokenize.Closing) {
			return false
		}
	}
	return true
}

// maxClitics is how many clitics appendSplit peels off one word: two cover
// "shouldn't've" and "I'd've"; EWT has no word with three.
const maxClitics = 2

// appendSplit appends the words of the Word token ti spanning [start, end)
// of text, which is not possessive.
func appendSplit(dst []Word, text string, start, end, ti int32) []Word {
	w := text[start:end]
	if out, ok := appendFused(dst, w, start, end, ti); ok {
		return out
	}
	// Peel clitics off the end, then emit the host and the clitics in
	// text order.
	var cuts [maxClitics]int32
	nc := 0
	for e := int32(len(w)); nc < maxClitics; nc++ {
		c := cliticStart(w[:e])
		if c <= 0 {
			break
		}
		cuts[nc] = c
		e = c
	}
	if nc == 0 {
		// A clitic written apart ("do n’t") is still normalised.
		return append(dst, Word{Start: start, End: end, Token: ti, Form: cliticForm(w)})
	}
	dst = append(dst, Word{Start: start, End: start + cuts[nc-1], Token: ti})
	for k := nc - 1; k >= 0; k-- {
		e := int32(len(w))
		if k > 0 {
			e = cuts[k-1]
		}
		dst = append(dst, Word{Start: start + cuts[k], End: start + e, Token: ti, Form: cliticForm(w[cuts[k]:e])})
	}
	return dst
}

// curlyApos is the usual curly apostrophe, ’ (U+2019), which the tokenizer
// accepts inside a word like '.
const curlyApos = "\u2019"

// cliticStart returns the byte offset in w where a final clitic starts, or
// 0 when w does not end in one or the clitic would be all of w (a token
// "n't" written apart, as in "do n't", is already one word). The host must
// end in a letter: "1990's" is a plural, and "'s" on a letter is only left
// unflagged by the tokenizer when it is a contraction ("it's", "that's").
func cliticStart(w string) int32 {
	// "n't": the n goes with the clitic, so that "can't" is "ca" "n't"
	// and "won't" "wo" "n't", as in EWT.
	if a := aposBefore(w, 1); a > 0 && (w[len(w)-1]|0x20) == 't' && (w[a-1]|0x20) == 'n' {
		if a-1 > 0 && endsInLetter(w[:a-1]) {
			return int32(a - 1)
		}
		return 0
	}
	for _, n := range [...]int{1, 2} { // 's 'd 'm, then 're 've 'll
		a := aposBefore(w, n)
		if a <= 0 || !endsInLetter(w[:a]) {
			continue
		}
		if isClitic(w[len(w)-n:]) {
			return int32(a)
		}
	}
	return 0
}

// aposBefore returns the offset of the apostrophe (' or ’) that comes just
// before the last n bytes of w, or -1.
func aposBefore(w string, n int) int {
	e := len(w) - n
	switch {
	case e >= 1 && w[e-1] == '\'':
		return e - 1
	case e >= len(curlyApos) && w[e-len(curlyApos):e] == curlyApos:
		return e - len(curlyApos)
	}
	return -1
}

// isClitic reports whether s, the letters after an apostrophe, make one of
// the clitics EWT splits off: s, d, m, re, ve, ll, in any case.
func isClitic(s string) bool {
	switch len(s) {
	case 1:
		c := s[0] | 0x20
		return c == 's' || c == 'd' || c == 'm'
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		return a == 'r' && b == 'e' || a == 'v' && b == 'e' || a == 'l' && b == 'l'
	}
	return false
}

// endsInLetter reports whether s ends in an ASCII letter or a non-ASCII
// byte (the last byte of a letter such as "é"; a mark or digit beyond
// ASCII is rare enough before a clitic not to matter).
func endsInLetter(s string) bool {
	if s == "" {
		return false
	}
	c := s[len(s)-1]
	return c >= 0x80 || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// cliticForm returns the Form of the clitic or possessive suffix s: "" when
// s is written with a straight apostrophe (its text is its form), else the
// constant spelling with ', in upper case when s has no lower-case letter.
func cliticForm(s string) string {
	if aposInside(s) < 0 {
		return ""
	}
	upper := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			upper = false
		}
	}
	for _, f := range cliticForms {
		if sameLetters(s, f.lower) {
			if upper {
				return f.upper
			}
			return f.lower
		}
	}
	return ""
}

// aposInside returns the offset of the ’ in s, or -1.
func aposInside(s string) int {
	for i := 0; i+len(curlyApos) <= len(s); i++ {
		if s[i:i+len(curlyApos)] == curlyApos {
			return i
		}
	}
	return -1
}

// sameLetters reports whether s, written with ’, is form (written with ')
// but for the case of ASCII letters.
func sameLetters(s, form string) bool {
	j := 0
	for i := 0; i < len(s); j++ {
		if j >= len(form) {
			return false
		}
		if form[j] == '\'' {
			if s[i:min(i+len(curlyApos), len(s))] != curlyApos {
				return false
			}
			i += len(curlyApos)
			continue
		}
		if s[i]|0x20 != form[j] {
			return false
		}
		i++
	}
	return j == len(form)
}

// cliticForms are the spellings of the clitics and possessive suffixes with
// a straight apostrophe, which Form gives for their curly twins. They are
// literals so that AppendWords builds no string.
var cliticForms = [...]struct{ lower, upper string }{
	{"'s", "'S"}, {"'", "'"}, {"n't", "N'T"}, {"'re", "'RE"}, {"'ve", "'VE"},
	{"'ll", "'LL"}, {"'d", "'D"}, {"'m", "'M"},
}

// fusedWords are the words written without a space or apostrophe that EWT
// splits wherever they occur in its train and dev files (51 "cannot", 37
// "dont", 21 "im", 12 "wont", 11 "cant", 6 "gonna", ...), with the offsets
// where their second and (when not 0) third words start. Words EWT splits
// only as typos in some contexts are left whole: "its" (177 whole, 74
// split), "lets" (also the verb), "ill", "id", "were", "well", "your".
var fusedWords = [...]struct {
	word   string
	second int32
	third  int32
}{
	{"cannot", 3, 0}, {"gonna", 3, 0}, {"wanna", 3, 0}, {"gotta", 3, 0}, {"outta", 3, 0},
	{"dunno", 2, 3}, // "du" "n" "no"
	{"dont", 2, 0}, {"wont", 2, 0}, {"cant", 2, 0}, {"aint", 2, 0}, {"arnt", 2, 0},
	{"didnt", 3, 0}, {"doesnt", 4, 0}, {"isnt", 2, 0}, {"wasnt", 3, 0}, {"arent", 3, 0},
	{"werent", 4, 0}, {"havent", 4, 0}, {"hasnt", 3, 0}, {"hadnt", 3, 0},
	{"couldnt", 5, 0}, {"wouldnt", 5, 0}, {"shouldnt", 6, 0},
	{"im", 1, 0}, {"ive", 1, 0}, {"youre", 3, 0}, {"theyre", 4, 0}, {"youll", 3, 0},
	{"itll", 2, 0}, {"thats", 4, 0}, {"hes", 2, 0}, {"theres", 5, 0}, {"heres", 4, 0},
	{"whats", 4, 0},
}

// appendFused appends the words of the Word token ti spanning [start, end)
// when its text w is one of fusedWords in any case, and reports whether it
// was.
func appendFused(dst []Word, w string, start, end, ti int32) ([]Word, bool) {
	for _, f := range fusedWords {
		if len(w) != len(f.word) || !sameLetters(w, f.word) {
			continue
		}
		second := start + f.second
		if f.third == 0 {
			return append(dst,
				Word{Start: start, End: second, Token: ti},
				Word{Start: second, End: end, Token: ti}), true
		}
		third := start + f.third
		return append(dst,
			Word{Start: start, End: second, Token: ti},
			Word{Start: second, End: third, Token: ti},
			Word{Start: third, End: end, Token: ti}), true
	}
	return dst, false
}
