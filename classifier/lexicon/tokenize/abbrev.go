package tokenize

// abbrevKind says how an abbreviation followed by "." behaves.
type abbrevKind uint8

const (
	notAbbrev abbrevKind = iota
	// abbrevTitle never ends a sentence: it is always followed by what it
	// abbreviates ("Dr.", "Gen.", "vs.", "e.g.").
	abbrevTitle
	// abbrevMayEnd can end a sentence ("etc.", "Inc.", "Jr.", "U.S."); the
	// splitter ends the sentence there only before a typical sentence
	// opener ("The", "He", ...).
	abbrevMayEnd
)

// abbrev is one entry of the abbreviation list.
type abbrev struct {
	kind abbrevKind
	// capital: only recognised with an upper-case first letter, because
	// the lower-case form is an ordinary word ("mar", "sen") or unusual.
	capital bool
}

// maxAbbrevLen is the longest key in abbrevs, in bytes.
const maxAbbrevLen = 6

// abbrevs are the undotted abbreviations that keep their dot, keyed by their
// lower-case ASCII spelling. Dotted ones ("U.S.", "e.g.", "a.m.") are
// recognised by shape instead (see dottedLen).
var abbrevs = map[string]abbrev{
	// Titles and ranks: always followed by a name.
	"mr": {abbrevTitle, true}, "mrs": {abbrevTitle, true}, "ms": {abbrevTitle, true},
	"messrs": {abbrevTitle, true}, "dr": {abbrevTitle, true}, "prof": {abbrevTitle, true},
	"gen": {abbrevTitle, true}, "gens": {abbrevTitle, true}, "sen": {abbrevTitle, true},
	"sens": {abbrevTitle, true}, "rep": {abbrevTitle, true}, "reps": {abbrevTitle, true},
	"gov": {abbrevTitle, true}, "govs": {abbrevTitle, true}, "lt": {abbrevTitle, true},
	"col": {abbrevTitle, true}, "capt": {abbrevTitle, true}, "cmdr": {abbrevTitle, true},
	"sgt": {abbrevTitle, true}, "maj": {abbrevTitle, true}, "adm": {abbrevTitle, true},
	"brig": {abbrevTitle, true}, "cpl": {abbrevTitle, true}, "pvt": {abbrevTitle, true},
	"rev": {abbrevTitle, true}, "hon": {abbrevTitle, true}, "pres": {abbrevTitle, true},
	"supt": {abbrevTitle, true}, "insp": {abbrevTitle, true},
	"st": {abbrevTitle, true}, "mt": {abbrevTitle, true}, "ft": {abbrevTitle, true},
	// Latin and other connectives: always followed by more text.
	"vs": {abbrevTitle, false}, "v": {abbrevTitle, false}, "cf": {abbrevTitle, false},
	"approx": {abbrevTitle, false}, "esp": {abbrevTitle, false}, "viz": {abbrevTitle, false},
	// Suffixes and list ends: may close a sentence.
	"jr": {abbrevMayEnd, true}, "sr": {abbrevMayEnd, true}, "inc": {abbrevMayEnd, true},
	"ltd": {abbrevMayEnd, true}, "co": {abbrevMayEnd, true}, "corp": {abbrevMayEnd, true},
	"bros": {abbrevMayEnd, true}, "etc": {abbrevMayEnd, false}, "al": {abbrevMayEnd, false},
	// Months (May, June and July are not abbreviated in news style).
	"jan": {abbrevMayEnd, true}, "feb": {abbrevMayEnd, true}, "mar": {abbrevMayEnd, true},
	"apr": {abbrevMayEnd, true}, "jun": {abbrevMayEnd, true}, "jul": {abbrevMayEnd, true},
	"aug": {abbrevMayEnd, true}, "sep": {abbrevMayEnd, true}, "sept": {abbrevMayEnd, true},
	"oct": {abbrevMayEnd, true}, "nov": {abbrevMayEnd, true}, "dec": {abbrevMayEnd, true},
}

// lookupAbbrev returns the kind of the undotted abbreviation word (without
// its dot), or notAbbrev. It does not allocate.
func lookupAbbrev(word string) abbrevKind {
	if len(word) == 0 || len(word) > maxAbbrevLen {
		return notAbbrev
	}
	var buf [maxAbbrevLen]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c < 'a' || c > 'z':
			return notAbbrev
		}
		buf[i] = c
	}
	a, ok := abbrevs[string(buf[:len(word)])]
	if !ok || (a.capital && !(word[0] >= 'A' && word[0] <= 'Z')) {
		return notAbbrev
	}
	return a.kind
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// dottedLen returns the length of a dotted abbreviation at the start of s
// ("U.S.", "U.S.A.", "e.g.", "a.m.", "Ph.D."): two or more segments of one
// or two ASCII letters, each followed by a dot, not followed by a letter or
// digit. It returns 0 if s does not start with one.
func dottedLen(s string) int {
	i, segs := 0, 0
	for {
		j := i
		for j < len(s) && j-i < 3 && isASCIILetter(s[j]) {
			j++
		}
		if j == i || j-i > 2 || j >= len(s) || s[j] != '.' {
			break
		}
		i = j + 1
		segs++
	}
	if segs < 2 {
		return 0
	}
	if i < len(s) && (isASCIILetter(s[i]) || isASCIIDigit(s[i])) {
		return 0
	}
	return i
}

// abbrevKindOf returns how the Abbreviation token text (dot included) may
// end a sentence.
func abbrevKindOf(tok string) abbrevKind {
	if len(tok) < 2 {
		return notAbbrev
	}
	word := tok[:len(tok)-1]
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return abbrevMayEnd // an initial ("J. Smith", but "Plan B. The ...")
	}
	if k := lookupAbbrev(word); k != notAbbrev {
		return k
	}
	switch word {
	case "e.g", "i.e", "E.g", "I.e", "e.G", "E.G", "I.E":
		return abbrevTitle
	}
	// Other dotted abbreviations, initials and "No." before a number.
	if word == "No" || word == "no" || word == "Nos" || word == "nos" {
		return abbrevTitle
	}
	return abbrevMayEnd
}
