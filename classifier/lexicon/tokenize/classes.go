package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// class is what a single rune can do in the tokenizer.
type class uint8

const (
	clSymbol class = iota // any other character: a Symbol token
	clSpace               // white space: separates tokens
	clFormat              // invisible format character (Cf): skipped, kept only inside words
	clLetter              // starts or continues a word
	clDigit               // starts a number, continues a word
	clMark                // combining mark: continues a word
	clApos                // ' and ’: apostrophe inside a word, quote elsewhere
	clHyphen              // - ‐ ‑: joins word parts, punctuation elsewhere
	clQuote               // other quote marks
	clPunct               // punctuation
)

// asciiClass classifies the ASCII bytes without a Unicode table lookup.
var asciiClass = func() (t [utf8.RuneSelf]class) {
	for c := range utf8.RuneSelf {
		switch {
		case c == ' ' || (c >= '\t' && c <= '\r'):
			t[c] = clSpace
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = clLetter
		case c >= '0' && c <= '9':
			t[c] = clDigit
		}
	}
	t['\''] = clApos
	t['-'] = clHyphen
	t['"'] = clQuote
	t['`'] = clQuote
	for _, c := range ".,;:!?()[]{}/\\" {
		t[c] = clPunct
	}
	return t
}()

// classOf returns the class of r. Emoji are recognised before this is
// consulted (see isEmojiStart).
func classOf(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return classOfWide(r)
}

// classOfWide is classOf for non-ASCII runes, kept apart so classOf inlines.
func classOfWide(r rune) class {
	switch r {
	case '\u2019': // ’ right single quotation mark, the usual curly apostrophe
		return clApos
	// Frequent in news, answered before the table searches below (which
	// give the same classes: Pi, Pf, Pd, space).
	case '\u201C', '\u201D', '\u2018', '\u00AB', '\u00BB', '\u2039', '\u203A': // “ ” ‘ « » ‹ ›
		return clQuote
	case '\u2013', '\u2014': // – —
		return clPunct
	case '\u00A0': // no-break space
		return clSpace
	case '\u2010', '\u2011': // hyphen, non-breaking hyphen
		return clHyphen
	case '\u201E', '\u201A', // „ ‚ low quotes (Ps)
		'\u300C', '\u300D', '\u300E', '\u300F', // 「 」 『 』 CJK corner brackets
		'\uFF02', '\uFF07': // fullwidth " '
		return clQuote
	case '\u2026', '\u2025', // … ‥
		'\u00A1', '\u00BF', '\u00B7', // ¡ ¿ ·
		'\u203C', '\u2049', '\u2047', '\u2048', // ‼ ⁉ ⁇ ⁈
		'\u3002', '\u3001', '\uFF01', '\uFF1F', '\uFF0C', '\uFF1B', '\uFF1A', '\uFF0E', // 。 、 ！ ？ ， ； ： ．
		'\u060C', '\u061B', '\u061F', '\u06D4', // Arabic comma, semicolon, question mark, full stop
		'\u0964', '\u0965', // Devanagari danda, double danda
		'\u037E', '\u0387': // Greek question mark, ano teleia
		return clPunct
	}
	switch {
	case unicode.IsLetter(r):
		return clLetter
	case unicode.IsDigit(r):
		return clDigit
	case unicode.IsMark(r):
		return clMark
	case unicode.IsSpace(r):
		return clSpace
	case unicode.In(r, unicode.Pi, unicode.Pf):
		return clQuote
	case unicode.In(r, unicode.Pd, unicode.Ps, unicode.Pe):
		return clPunct
	case unicode.Is(unicode.Cf, r):
		return clFormat
	}
	return clSymbol
}

// isWordJoiner reports whether r is an invisible character that belongs to a
// word when it sits between two word characters: zero width joiner and
// non-joiner (used in Indic and Persian writing) and the soft hyphen.
func isWordJoiner(r rune) bool { return r == '\u200D' || r == '\u200C' || r == '\u00AD' }

// isTerminalRune reports whether r ends a sentence: . ! ? … and their
// variants.
func isTerminalRune(r rune) bool {
	switch r {
	case '.', '!', '?', '\u2026', '\u2025', '\u203C', '\u2049', '\u2047', '\u2048',
		'\u3002', '\uFF01', '\uFF1F', '\uFF0E', '\u061F', '\u06D4', '\u0964', '\u0965', '\u037E':
		return true
	}
	return false
}

// isBangRune reports whether r belongs in a run of exclamation and question
// marks ("!!!", "?!", "‼").
func isBangRune(r rune) bool {
	switch r {
	case '!', '?', '\u203C', '\u2049', '\u2047', '\u2048', '\uFF01', '\uFF1F':
		return true
	}
	return false
}

// isDotRune reports whether r belongs in a run of dots and ellipses.
func isDotRune(r rune) bool { return r == '.' || r == '\u2026' || r == '\u2025' }

// isWideTerminal reports whether r is a full-width sentence terminal, used in
// scripts written without spaces, after which no space is needed to split.
func isWideTerminal(r rune) bool {
	return r == '\u3002' || r == '\uFF01' || r == '\uFF1F' || r == '\uFF0E'
}

// quoteDirection returns Opening or Closing for quote marks whose direction
// is fixed by their shape, and 0 for straight quotes, whose direction depends
// on their neighbours.
func quoteDirection(r rune) Flag {
	switch r {
	case '\u201C', '\u2018', '\u00AB', '\u2039', '\u201E', '\u201A', '\u300C', '\u300E', '\u201F', '\u201B':
		return Opening // “ ‘ « ‹ „ ‚ 「 『 ‟ ‛
	case '\u201D', '\u2019', '\u00BB', '\u203A', '\u300D', '\u300F':
		return Closing // ” ’ » › 」 』
	}
	return 0
}

// bracketDirection returns Opening for opening brackets, Closing for closing
// ones and 0 for other punctuation.
func bracketDirection(r rune) Flag {
	if r < utf8.RuneSelf {
		return asciiBrackets[r]
	}
	return wideBracketDirection(r)
}

// asciiBrackets is bracketDirection for ASCII.
var asciiBrackets = [utf8.RuneSelf]Flag{'(': Opening, '[': Opening, '{': Opening, ')': Closing, ']': Closing, '}': Closing}

// wideBracketDirection is bracketDirection for non-ASCII runes, kept apart
// so that bracketDirection inlines.
func wideBracketDirection(r rune) Flag {
	switch {
	case unicode.Is(unicode.Ps, r):
		return Opening
	case unicode.Is(unicode.Pe, r):
		return Closing
	}
	return 0
}
