package tokenize

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// maxText is the longest text Tokenize reads: offsets are int32.
const maxText = math.MaxInt32

// Tokenize appends the tokens of text to dst[:0] and returns the extended
// slice. It allocates only when dst lacks capacity, never per token. It also
// sets SentenceStart on the first word of each sentence (see Sentences).
//
// Text beyond the first math.MaxInt32 bytes is ignored. Invalid UTF-8 is
// never an error: each invalid byte is a one-byte Symbol token.
func Tokenize(text string, dst []Token) []Token {
	if len(text) > maxText {
		text = text[:maxText]
	}
	t := tokenizer{text: text, toks: dst[:0]}
	t.run()
	splitMarking(text, t.toks, t.ends(), nil, false)
	return t.toks
}

// tokenizer holds the state of one Tokenize call.
type tokenizer struct {
	text string
	toks []Token
	// openSingle: a single opening quote (‘ or ') has not been closed yet,
	// so a trailing "s'" is more likely its closing quote than a plural
	// possessive.
	openSingle bool
	// noFastPath makes run skip plainWords, for tests that check both
	// paths agree.
	noFastPath bool
	// fold, when not nil, receives the lookup form of every token as it
	// is emitted (see Split).
	fold *Folded
	// marks[:nmarks] are the indexes of the tokens that may end a
	// sentence or follow a blank line, for the splitter: Punct tokens,
	// abbreviations, and tokens two bytes or more after the one before.
	// When there are more than len(marks), the splitter looks at every
	// token.
	marks   [32]int32
	nmarks  int
	lastEnd int // SuffixEnd of the last token
}

// ends returns the tokens the splitter needs to look at (see marks), or nil
// for all.
func (t *tokenizer) ends() []int32 {
	if t.nmarks > len(t.marks) {
		return nil
	}
	return t.marks[:t.nmarks]
}

func (t *tokenizer) emit(start, end int, k Kind, f Flag) {
	t.pushFolded(start, end, end, k, f)
}

// push appends a token. It writes the fields in place: building a Token
// value and copying it would load 16 bytes just stored in narrower pieces,
// which stalls store forwarding on every token.
func (t *tokenizer) push(start, end, suffixEnd int, k Kind, f Flag) {
	n := len(t.toks)
	if n < cap(t.toks) {
		t.toks = t.toks[:n+1]
	} else {
		t.toks = append(t.toks, Token{})
	}
	tk := &t.toks[n]
	tk.Start, tk.End, tk.SuffixEnd = int32(start), int32(end), int32(suffixEnd)
	tk.Kind, tk.Flags = k, f
}

// note records for the splitter the token just pushed (see marks), which
// spans [start, suffixEnd).
func (t *tokenizer) note(start, suffixEnd int, k Kind, f Flag) {
	if k == Punct || f&Abbreviation != 0 || start-t.lastEnd >= 2 {
		if t.nmarks < len(t.marks) {
			t.marks[t.nmarks] = int32(len(t.toks) - 1)
		}
		t.nmarks++
	}
	t.lastEnd = suffixEnd
}

// pushFolded pushes a token, notes it for the splitter and, when folding,
// pushes its form.
func (t *tokenizer) pushFolded(start, end, suffixEnd int, k Kind, f Flag) {
	t.push(start, end, suffixEnd, k, f)
	t.note(start, suffixEnd, k, f)
	switch {
	case t.fold == nil:
	case k == Word || k == Emoji:
		t.fold.Append(t.text, t.toks[len(t.toks)-1])
	default:
		t.fold.appendEmpty() // as Append would, without its call
	}
}

// decode returns the rune at byte i of t.text and its size; (RuneError, 1)
// for an invalid byte and (RuneError, 0) at the end.
func (t *tokenizer) decode(i int) (rune, int) {
	if i >= len(t.text) {
		return utf8.RuneError, 0
	}
	if c := t.text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t.text[i:])
}

// classAt returns the class of the rune at byte i, clSpace at the end of
// the text, and clSymbol for an invalid byte.
func (t *tokenizer) classAt(i int) class {
	r, n := t.decode(i)
	if n == 0 {
		return clSpace
	}
	return classOf(r) // RuneError is a Symbol
}

func (t *tokenizer) run() {
	s := t.text
	for i := 0; i < len(s); {
		if c := s[i]; emoticonStart[c] {
			if e := emoticonLen(s, i); e > 0 {
				t.emit(i, i+e, Emoji, 0)
				i += e
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			// Fast path: ASCII, and not a keycap base.
			switch asciiClass[c] {
			case clSpace:
				i++
				continue
			case clLetter, clDigit:
				if !t.noFastPath {
					var plain bool
					if i, plain = t.plainWords(i); plain {
						continue
					}
				}
				i = t.word(i)
				continue
			case clPunct:
				i = t.punct(i, rune(c), 1)
				continue
			case clApos, clQuote:
				i = t.quote(i, rune(c), 1)
				continue
			}
		}
		r, n := t.decode(i)
		if r >= utf8.RuneSelf || (i+1 < len(s) && s[i+1] >= utf8.RuneSelf) {
			// Only a non-ASCII rune, or an ASCII keycap base ("1️⃣")
			// followed by one, can start an emoji.
			if r == utf8.RuneError && n == 1 {
				t.emit(i, i+1, Symbol, 0)
				i++
				continue
			}
			if e := emojiLen(s[i:], r, n); e > 0 {
				t.emit(i, i+e, Emoji, 0)
				i += e
				continue
			}
		}
		switch classOf(r) {
		case clSpace, clFormat:
			i += n
		case clLetter, clDigit:
			i = t.word(i)
		case clApos, clQuote:
			i = t.quote(i, r, n)
		case clHyphen:
			j := i + n
			for r == '-' && j < len(s) && s[j] == '-' {
				j++ // "--" and "---" stand for a dash
			}
			t.emit(i, j, Punct, 0)
			i = j
		case clPunct:
			i = t.punct(i, r, n)
		default: // symbols and stray combining marks
			t.emit(i, i+n, Symbol, 0)
			if (r == '#' || r == '@') && (i == 0 || !t.wordBefore(i)) {
				i = t.tag(i + n)
				continue
			}
			i += n
		}
	}
}

// wordBefore reports whether the rune ending just before byte i is a letter,
// digit or mark: the '@' of "press@example.org" is inside an address, not a
// handle's.
func (t *tokenizer) wordBefore(i int) bool {
	r, _ := utf8.DecodeLastRuneInString(t.text[:i])
	switch classOf(r) {
	case clLetter, clDigit, clMark:
		return true
	}
	return false
}

// tag scans the body of a hashtag or handle starting at byte start, right
// after its '#' or '@', and returns the offset past what it emitted. Posts
// write names and slogans run together ("#DumpTrump", "@realDonaldTrump",
// "#Trump2016", "#stop_the_war"), and a name matched only as a whole word
// would be missed, so a body of ASCII letters, digits and underscores is
// cut where its case or script says a word begins (see tagCuts) and each
// piece is a Word or Number of its own, spans inside the body. A body
// without a cut, or one that goes on with a character this scan does not
// cut (non-ASCII letters, an apostrophe or hyphen inside a word), is an
// ordinary word.
func (t *tokenizer) tag(start int) int {
	s := t.text
	end, alnum := start, false
	for end < len(s) && (asciiAlnum[s[end]] != alnumNone || s[end] == '_') {
		alnum = alnum || s[end] != '_'
		end++
	}
	suffix := 0 // "#NeverTrump's": the last piece is possessive
	if n := possessiveSuffix(s[end:]); n > 0 && !t.wordAt(end+n) && asciiAlnum[s[end-1]] != alnumNone {
		suffix = n
	}
	if !alnum || (suffix == 0 && t.tagContinues(end)) || !tagCuts(s[start:end], nil) {
		// No piece ("#_"), no cut, or a word that goes on.
		return start // run goes on with the body as it would after any symbol
	}
	tagCuts(s[start:end], func(a, b int) {
		k, f := Word, caseFlags(s[start+a:start+b])|InTag
		if asciiAlnum[s[start+a]] == alnumDigit {
			k, f = Number, InTag
		}
		after := start + b
		if after == end && suffix > 0 {
			after += suffix
			if k == Word {
				f |= Possessive
			}
		}
		t.pushFolded(start+a, start+b, after, k, f)
	})
	return end + suffix
}

// tagContinues reports whether the word of a tag body would go on past byte
// end, which ends its ASCII run: a non-ASCII letter, digit or mark, or an
// apostrophe or hyphen joining a word character.
func (t *tokenizer) tagContinues(end int) bool {
	r, n := t.decode(end)
	switch classOf(r) {
	case clLetter, clDigit, clMark:
		return n > 0
	case clApos, clHyphen:
		return t.wordAt(end + n)
	}
	return false
}

// tagCuts splits body (ASCII letters, digits and underscores) into its
// pieces: underscores separate and are dropped, and a piece begins where a
// digit follows a letter or a letter a digit, where an upper-case letter
// follows a lower-case one ("real|Donald|Trump"), and before the last
// capital of a run of capitals followed by a lower-case letter
// ("GOP|Debate"). It calls piece (when not nil) with each piece's byte
// range in body, in order, and reports whether there was more than one
// piece or any underscore, that is, whether body needs cutting at all.
func tagCuts(body string, piece func(a, b int)) bool {
	cut := false
	a := -1 // start of the current piece, -1 between pieces
	for i := 0; i < len(body); i++ {
		c := asciiAlnum[body[i]]
		if c == alnumNone { // underscore
			cut = true
			if a >= 0 && piece != nil {
				piece(a, i)
			}
			a = -1
			continue
		}
		if a >= 0 && i > a && startsPiece(body, i) {
			cut = true
			if piece != nil {
				piece(a, i)
			}
			a = i
		}
		if a < 0 {
			a = i
		}
	}
	if a >= 0 && piece != nil {
		piece(a, len(body))
	}
	return cut
}

// startsPiece reports whether byte i of a tag body (i > 0, both bytes
// letters or digits) begins a new piece; see tagCuts.
func startsPiece(body string, i int) bool {
	p, c := asciiAlnum[body[i-1]], asciiAlnum[body[i]]
	switch {
	case (p == alnumDigit) != (c == alnumDigit):
		return p != alnumNone
	case p == alnumLower && c == alnumUpper:
		return true
	case p == alnumUpper && c == alnumUpper && i+1 < len(body):
		return asciiAlnum[body[i+1]] == alnumLower
	}
	return false
}

// punct emits the punctuation token starting at byte i with rune r of size n
// and returns its end.
func (t *tokenizer) punct(i int, r rune, n int) int {
	j := i + n
	var in func(rune) bool
	switch {
	case isBangRune(r):
		in = isBangRune
	case isDotRune(r):
		in = isDotRune
	}
	for in != nil {
		r2, n2 := t.decode(j)
		if n2 == 0 || !in(r2) {
			break
		}
		j += n2
	}
	t.emit(i, j, Punct, bracketDirection(r))
	return j
}

// quote emits the quote token (rune r of size n) at byte i and returns its
// end.
func (t *tokenizer) quote(i int, r rune, n int) int {
	dir := quoteDirection(r)
	if dir == 0 {
		// A straight quote opens after a space, bracket or dash and
		// before text; it closes right after text.
		before := t.opensAfter(i)
		after := t.classAt(i+n) != clSpace
		switch {
		case before && after:
			dir = Opening
		case !before:
			dir = Closing
		}
	}
	switch r {
	case '\'', '\u2018', '\u2019':
		t.openSingle = dir == Opening
	}
	t.emit(i, i+n, Quote, dir)
	return i + n
}

// opensAfter reports whether a straight quote at byte i follows a space, the
// start of the text, an opening bracket or quote, or a dash: the places where
// a quotation begins.
func (t *tokenizer) opensAfter(i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t.text[:i])
	switch classOf(r) {
	case clSpace, clFormat, clHyphen:
		return true
	case clQuote:
		return quoteDirection(r) == Opening
	case clPunct:
		return bracketDirection(r) == Opening || unicode.Is(unicode.Pd, r)
	}
	return false
}

// wordAt reports whether byte i starts a letter, digit or combining mark.
func (t *tokenizer) wordAt(i int) bool {
	switch t.classAt(i) {
	case clLetter, clDigit, clMark:
		return true
	}
	return false
}

// word scans the word or number starting at byte i, emits it and returns the
// offset just past it (and past its possessive suffix).
func (t *tokenizer) word(start int) int {
	s := t.text
	i := start
	hasLetter := false
	lastLetter, lastDigit := false, false // class of the last letter or digit
	var last rune                         // last letter or digit
	var cs caseState
scan:
	for i < len(s) {
		if asciiAlnum[s[i]] != 0 {
			// Fast path: a run of ASCII letters and digits.
			j := i
			lower, upper := 0, 0
		run:
			for ; j < len(s); j++ {
				switch c := s[j]; {
				case c-'a' < 26:
					lower++
				case c-'A' < 26:
					upper++
				case c-'0' >= 10:
					break run
				}
			}
			if lower+upper > 0 {
				if !cs.seen {
					// The word's first letter is the run's first.
					k := i
					for asciiAlnum[s[k]] == alnumDigit {
						k++
					}
					cs.capital = asciiAlnum[s[k]] == alnumUpper
				}
				cs.lower += lower
				cs.upper += upper
				cs.seen, hasLetter = true, true
			}
			c := s[j-1]
			lastDigit = asciiAlnum[c] == alnumDigit
			lastLetter, last = !lastDigit, rune(c)
			i = j
			continue
		}
		r, n := t.decode(i)
		switch classOf(r) {
		case clLetter:
			cs.add(r)
			hasLetter, lastLetter, lastDigit, last = true, true, false, r
		case clDigit:
			lastLetter, lastDigit, last = false, true, r
		case clMark:
		case clFormat:
			if !isWordJoiner(r) || !t.wordAt(i+n) {
				break scan
			}
		case clApos:
			j := i + n
			nr, nn := t.decode(j)
			if (nr == 's' || nr == 'S') && !t.wordAt(j+nn) {
				if !hasLetter {
					// "1990's" is a plural, not a possessive: one
					// Word.
					hasLetter, i = true, j+nn
					break scan
				}
				if isContractionBase(s[start:i]) {
					i = j + nn // "it's" stays one word
					break scan
				}
				return t.emitWord(start, i, j+nn, hasLetter, Possessive|cs.flags())
			}
			if lastLetter && classOf(nr) == clLetter {
				i = j // inner apostrophe: "don't", "O'Brien"
				continue
			}
			if (last == 's' || last == 'S') && lastLetter && !t.wordAt(j) && !t.openSingle {
				return t.emitWord(start, i, j, hasLetter, Possessive|cs.flags()) // "allies'"
			}
			break scan
		case clHyphen:
			// Join word parts when a letter is on at least one side:
			// "pro-Russian", "30-day", "COVID-19", but not "2020-21".
			next := t.classAt(i + n)
			if !(next == clLetter && (lastLetter || lastDigit)) && !(next == clDigit && lastLetter) {
				break scan
			}
		case clPunct:
			// Number separators: "1,000", "3.5", "9:30".
			if (r != '.' && r != ',' && r != ':') || !lastDigit || i+1 >= len(s) || !isASCIIDigit(s[i+1]) {
				break scan
			}
		default:
			break scan
		}
		i += n
	}
	end := i
	flags := cs.flags()
	if hasLetter && end < len(s) && s[end] == '.' {
		if l := dottedLen(s[start:]); l > 0 {
			end = start + l
			flags = Abbreviation | caseFlags(s[start:end])
			if n := possessiveSuffix(s[end:]); n > 0 && !t.wordAt(end+n) {
				return t.emitWord(start, end, end+n, true, flags|Possessive) // "U.S.'s"
			}
		} else if t.keepsDot(s[start:end], end+1) {
			end++
			flags |= Abbreviation
		}
	}
	return t.emitWord(start, end, end, hasLetter, flags)
}

// plainWords is the fast path of word for the usual case: ASCII letters and
// digits ending in a letter, followed by the end of the text, an ASCII byte
// that cannot continue a word (see wordEnds) or a dot that does not make
// it an abbreviation. It emits such words one after the other while one
// space (which run would skip) separates them, sparing run a round per
// word. It returns the offset where it stopped and true; or, when a word
// starts there that is not plain, that word's start and false.
func (t *tokenizer) plainWords(start int) (int, bool) {
	s := t.text
	// Each word is folded and hashed in the pass that finds its end, into
	// the free end of the fold buffer, kept only if the word is plain;
	// when not folding, into a scratch buffer, which a word as long as it
	// leaves to word.
	var scratch [32]byte
	for {
		w := s[start:]
		var dst []byte
		if t.fold != nil {
			dst = t.fold.spare(len(w))
		} else {
			dst = scratch[:]
		}
		n, h, upper, digits := foldASCIIRun(w, dst)
		if n == len(dst) && n < len(w) {
			return start, false // out of scratch space
		}
		j := start + n
		k := start // the first letter
		if digits > 0 {
			if s[j-1] <= '9' {
				return start, false // a number, or a digit last
			}
			for s[k] <= '9' {
				k++ // a word ending in a letter has one
			}
		}
		if n == 0 || j < len(s) && !wordEnds[s[j]] && (s[j] != '.' || t.mayKeepDot(start, j)) {
			return start, false
		}
		var fl Flag
		if s[k] < 'a' {
			fl |= Capitalized
		}
		if upper >= 2 && n-upper-digits == 0 {
			fl |= AllCaps
		}
		t.push(start, j, j, Word, fl)
		t.note(start, j, Word, fl)
		if t.fold != nil {
			t.fold.appendSpare(n, h)
		}
		if j < len(s) && s[j] == ' ' {
			j++
			if startsWordFast(s, j) {
				start = j
				continue
			}
		}
		return j, true
	}
}

// startsWordFast reports whether run would take its fast path for a word at
// byte i of s: an ASCII letter or digit that is not a keycap base.
func startsWordFast(s string, i int) bool {
	if i >= len(s) || s[i] >= utf8.RuneSelf || i+1 < len(s) && s[i+1] >= utf8.RuneSelf {
		return false
	}
	c := asciiClass[s[i]]
	return c == clLetter || c == clDigit
}

// foldASCIIRun writes to dst the run of ASCII letters and digits at the
// start of w in lower case, as far as dst has room, and returns its length,
// its FoldHash and its numbers of upper-case letters and of digits. It calls
// nothing, so that the loop keeps its state in registers. Each byte is
// widened once, and the FNV prime read from a variable, which spares the
// loop re-extending the byte and re-loading the 64-bit constant.
func foldASCIIRun(w string, dst []byte) (n int, h uint64, upper, digits int) {
	h, prime := foldBasis, foldPrime
	w = w[:min(len(w), len(dst))]
	dst = dst[:len(w)]
	for ; n < len(w); n++ {
		c := uint64(w[n])
		switch {
		case c-'a' < 26: // lower case first: most bytes of a word are
		case c-'A' < 26:
			upper++
		case c-'0' < 10:
			digits++
		default:
			return n, h, upper, digits
		}
		c |= 0x20 // lowers a letter, keeps a digit
		dst[n] = byte(c)
		h = (h ^ c) * prime
	}
	return n, h, upper, digits
}

// mayKeepDot reports whether the dot after the ASCII letters and digits
// s[start:end] may belong to them, making an abbreviation or initial (see
// dottedLen and keepsDot). Its length tests spare the usual word before a
// full stop the lookups: dotted abbreviations start with one or two
// letters, listed ones have at most maxAbbrevLen.
func (t *tokenizer) mayKeepDot(start, end int) bool {
	n := end - start
	return n <= 2 && dottedLen(t.text[start:]) > 0 ||
		n <= maxAbbrevLen && t.keepsDot(t.text[start:end], end+1)
}

// wordEnds marks the bytes that end a word of ASCII letters and digits
// ending in a letter, whatever follows: the ASCII ones but letters,
// digits, and the apostrophe, hyphen and dot that may continue it (a word
// ending in a letter takes no number separator). Non-ASCII bytes may
// continue a word.
var wordEnds = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = asciiAlnum[c] == alnumNone && c != '\'' && c != '-' && c != '.'
	}
	return t
}()

// possessiveSuffix returns the length of the "'s" or "’s" at the start of s,
// or 0.
func possessiveSuffix(s string) int {
	switch {
	case len(s) >= 2 && s[0] == '\'' && (s[1] == 's' || s[1] == 'S'):
		return 2
	case len(s) >= 4 && s[:3] == "\u2019" && (s[3] == 's' || s[3] == 'S'):
		return 4
	}
	return 0
}

// keepsDot reports whether the dot after word (at after-1) belongs to it: a
// listed abbreviation ("Dr."), an initial ("J. Smith") or "No." before a
// number.
func (t *tokenizer) keepsDot(word string, after int) bool {
	rest := t.text[after:]
	switch {
	case len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z':
		// An initial needs a capitalised word after it.
		return startsCapitalAfterSpace(rest)
	case word == "No" || word == "no" || word == "Nos" || word == "nos":
		return len(rest) >= 2 && rest[0] == ' ' && isASCIIDigit(rest[1])
	}
	return lookupAbbrev(word) != notAbbrev
}

// startsCapitalAfterSpace reports whether s is white space followed by an
// upper-case letter.
func startsCapitalAfterSpace(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i == 0 || i == len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// emitWord emits a Word (or a Number if it has no letter) spanning
// [start, end) with suffix up to suffixEnd, and returns suffixEnd.
func (t *tokenizer) emitWord(start, end, suffixEnd int, hasLetter bool, flags Flag) int {
	k := Word
	if !hasLetter {
		k, flags = Number, 0
	}
	t.pushFolded(start, end, suffixEnd, k, flags)
	return suffixEnd
}

// Classes of ASCII bytes in asciiAlnum.
const (
	alnumNone uint8 = iota
	alnumLower
	alnumUpper
	alnumDigit
)

// asciiAlnum classifies the bytes that are ASCII letters and digits, for the
// fast path of word; every other byte (including all non-ASCII ones) is
// alnumNone.
var asciiAlnum = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = alnumLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = alnumUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = alnumDigit
	}
	return t
}()

// caseState accumulates the case of a word's letters.
type caseState struct {
	upper, lower int
	seen         bool // a letter has been seen
	capital      bool // the first letter is upper or title case
}

// add records letter r.
func (cs *caseState) add(r rune) {
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		cs.upper++
		if !cs.seen {
			cs.capital = true
		}
	case unicode.IsLower(r):
		cs.lower++
	}
	cs.seen = true // an uncased first letter (Han, Arabic) leaves capital false
}

// flags returns Capitalized and AllCaps as they apply to the letters added.
func (cs *caseState) flags() Flag {
	var f Flag
	if cs.capital {
		f |= Capitalized
	}
	if cs.upper >= 2 && cs.lower == 0 {
		f |= AllCaps
	}
	return f
}

// caseFlags returns Capitalized and AllCaps as they apply to word.
func caseFlags(word string) Flag {
	var cs caseState
	for _, r := range word {
		if unicode.IsLetter(r) {
			cs.add(r)
		}
	}
	return cs.flags()
}

// isContractionBase reports whether w + "'s" is a contraction ("it's",
// "that's", "let's") rather than a possessive.
func isContractionBase(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	var buf [5]byte
	for i := 0; i < len(w); i++ {
		buf[i] = w[i] | 0x20 // ASCII lower case; other bytes never match
	}
	switch string(buf[:len(w)]) {
	case "it", "that", "he", "she", "there", "here", "what", "who", "where", "when", "why", "how", "let":
		return true
	}
	return false
}
