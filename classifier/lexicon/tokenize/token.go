package tokenize

// Kind is the class of a token.
type Kind uint8

// Token kinds. The zero Kind is not a valid token kind.
const (
	// Word is letters, digits inside words, inner apostrophes and hyphens
	// ("don't", "Jean-Luc", "30-day", "COVID-19"), and dotted abbreviations
	// or initials including their dot ("U.S.", "Dr.", "J.").
	Word Kind = iota + 1
	// Number is digits with inner separators ("1,000", "3.5", "9:30"). A
	// digit run that also holds letters ("5G", "1990s") is a Word.
	Number
	// Punct is one punctuation mark; a run of "!" and "?" ("!!!", "?!"), a
	// run of dots or ellipses ("...", "…"), and a run of two or more
	// hyphens ("--") are one token each.
	Punct
	// Quote is an opening or closing quote mark, straight or curly.
	Quote
	// Emoji is one emoji with its modifiers: skin tones, variation
	// selectors, ZWJ sequences, keycaps, flags.
	Emoji
	// Symbol is any other single non-space character ("%", "$", "&"), and
	// each byte of invalid UTF-8.
	Symbol
)

// String returns the kind's name ("Word", "Number", ...), for tests and
// debugging.
func (k Kind) String() string {
	switch k {
	case Word:
		return "Word"
	case Number:
		return "Number"
	case Punct:
		return "Punct"
	case Quote:
		return "Quote"
	case Emoji:
		return "Emoji"
	case Symbol:
		return "Symbol"
	}
	return "Kind(?)"
}

// Flag records surface properties of a token.
type Flag uint8

// Token flags.
const (
	// Capitalized: the first letter is upper or title case.
	Capitalized Flag = 1 << iota
	// AllCaps: at least two upper-case letters and no lower-case letter
	// ("NATO", "GREAT", "U.S.", "COVID-19").
	AllCaps
	// Possessive: the word ended in 's or s' (Russia's, Russia’s,
	// allies'); Start/End exclude the possessive suffix, which is
	// recorded in SuffixEnd.
	Possessive
	// SentenceStart: first Word token of a sentence, when no other Word
	// or Number precedes it in the sentence. Set by Tokenize.
	SentenceStart
	// Abbreviation: a Word whose last byte is an abbreviation's or
	// initial's dot ("U.S.", "Dr.", "etc.", the "J." of "J. Smith").
	// The dot may also end the sentence ("... moved to the U.S.").
	Abbreviation
	// Opening: an opening quote (“ ‘ « „ or a straight quote before a
	// word) or opening bracket.
	Opening
	// Closing: a closing quote (” ’ » or a straight quote after a word)
	// or closing bracket. A straight quote with space on both sides has
	// neither Opening nor Closing.
	Closing
	// InTag: a piece of a hashtag or handle cut where its case or script
	// changes ("#DumpTrump" gives Dump and Trump). Its capital marks the
	// cut, not a name.
	InTag
)

// String lists the flag names joined by "|" ("Capitalized|AllCaps"), or ""
// for no flags; for tests and debugging.
func (f Flag) String() string {
	names := [...]string{"Capitalized", "AllCaps", "Possessive", "SentenceStart", "Abbreviation", "Opening", "Closing", "InTag"}
	s := ""
	for i, n := range names {
		if f&(1<<i) != 0 {
			if s != "" {
				s += "|"
			}
			s += n
		}
	}
	return s
}

// Token is one token of a text. Start and End are UTF-8 byte offsets into the
// text, [Start, End). For a possessive word, End excludes "'s" (or the "'"
// of "s'") and SuffixEnd is the offset just past it; otherwise
// SuffixEnd == End. Tokens never overlap and come in text order; the bytes
// between tokens are white space or invisible format characters.
type Token struct {
	// Start is the byte offset of the token's first byte.
	Start int32
	// End is the byte offset just past the token, possessive suffix
	// excluded.
	End int32
	// SuffixEnd is the byte offset just past the possessive suffix, or End.
	SuffixEnd int32
	// Kind is the token's class.
	Kind Kind
	// Flags are the token's surface properties.
	Flags Flag
}

// Has reports whether all of f's bits are set on t.
func (t Token) Has(f Flag) bool { return t.Flags&f == f }

// Text returns the token's text, text[t.Start:t.End], without any possessive
// suffix. text must be the string t was produced from.
func (t Token) Text(text string) string { return text[t.Start:t.End] }

// FullText returns the token's text including any possessive suffix,
// text[t.Start:t.SuffixEnd].
func (t Token) FullText(text string) string { return text[t.Start:t.SuffixEnd] }

// IsWord reports whether t is a Word token.
func (t Token) IsWord() bool { return t.Kind == Word }
