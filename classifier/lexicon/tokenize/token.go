// Package tokenize splits UTF-8 text into tokens with byte offsets and groups
// them into sentences. It allocates nothing per token beyond the caller's slice.
package tokenize

// Kind is the class of a token.
type Kind uint8

// Token kinds.
const (
	// Word is letters, digits inside words, inner apostrophes and hyphens
	// ("don't", "Jean-Luc"), and dotted abbreviations ("U.S.", "Dr.").
	Word Kind = iota + 1
	// Number is digits with inner separators ("1,000", "3.5", "2026").
	Number
	// Punct is one punctuation mark (a run of "!" or "?" is one token).
	Punct
	// Quote is an opening or closing quote mark, straight or curly.
	Quote
	// Emoji is one emoji or pictographic symbol, with its modifiers.
	Emoji
	// Symbol is any other single non-space character ("%", "$", "&").
	Symbol
)

// Flag records surface properties of a token.
type Flag uint8

// Token flags.
const (
	// Capitalized: the first letter is upper case.
	Capitalized Flag = 1 << iota
	// AllCaps: at least two letters, all upper case ("NATO", "GREAT").
	AllCaps
	// Possessive: the word ended in 's or s' (Russia's, Russia’s,
	// allies'); Start/End exclude the possessive suffix, which is
	// recorded in SuffixEnd.
	Possessive
	// SentenceStart: first word token of a sentence.
	SentenceStart
)

// Token is one token of a text. Start and End are UTF-8 byte offsets into the
// text, [Start, End). For a possessive word, End excludes "'s" and SuffixEnd
// is the offset just past it; otherwise SuffixEnd == End.
type Token struct {
	Start, End int32
	SuffixEnd  int32
	Kind       Kind
	Flags      Flag
}

// Has reports whether all of f's bits are set on t.
func (t Token) Has(f Flag) bool { return t.Flags&f == f }
