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
	key, ok := abbrevKey(word)
	if !ok {
		return notAbbrev
	}
	a := abbrevTable.find(key)
	if a.kind == notAbbrev || (a.capital && !(word[0] >= 'A' && word[0] <= 'Z')) {
		return notAbbrev
	}
	return a.kind
}

// abbrevKey returns the lower-case letters of w packed in a uint64, first
// letter lowest, and true; or false if w is not 1 to maxAbbrevLen ASCII
// letters. Different keys of abbrevs give different packed keys, none 0.
func abbrevKey(w string) (uint64, bool) {
	if len(w) == 0 || len(w) > maxAbbrevLen {
		return 0, false
	}
	var key uint64
	for i := len(w) - 1; i >= 0; i-- {
		c := w[i] | 0x20 // ASCII lower case
		if c < 'a' || c > 'z' {
			return 0, false
		}
		key = key<<8 | uint64(c)
	}
	return key, true
}

// abbrevSet is abbrevs as an open-addressing table keyed by abbrevKey: the
// word before every full stop is looked up, and a map's string hashing
// cost more than the rest of the tokenizing of that word.
type abbrevSet struct {
	keys [abbrevSlots]uint64 // 0 for an empty slot
	vals [abbrevSlots]abbrev
}

// abbrevSlots is the size of abbrevSet, a power of two about four times
// len(abbrevs), so that probes are short.
const abbrevSlots = 256

// slot returns the first slot to probe for key.
func (*abbrevSet) slot(key uint64) uint64 {
	return key * 0x9e3779b97f4a7c15 >> 56 // the top 8 bits: 0 to 255
}

// find returns the entry of key, or the zero abbrev (notAbbrev).
func (t *abbrevSet) find(key uint64) abbrev {
	for i := t.slot(key); ; i = (i + 1) % abbrevSlots {
		switch t.keys[i] {
		case key:
			return t.vals[i]
		case 0:
			return abbrev{}
		}
	}
}

var abbrevTable = func() *abbrevSet {
	t := new(abbrevSet)
	for w, a := range abbrevs {
		key, ok := abbrevKey(w)
		if !ok {
			panic("tokenize: bad abbreviation " + w)
		}
		i := t.slot(key)
		for t.keys[i] != 0 {
			i = (i + 1) % abbrevSlots
		}
		t.keys[i], t.vals[i] = key, a
	}
	return t
}()

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
