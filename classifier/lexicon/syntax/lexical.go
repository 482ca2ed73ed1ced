package syntax

import (
	"unicode"
	"unicode/utf8"
)

// lex holds the hashed lexical properties of one word that the tagger and
// parser features read: computed once per word, so that feature extraction
// only combines integers.
type lex struct {
	form       uint64 // lower-cased form, digits folded to '9'
	raw        uint64 // the form as written, digits folded
	pre1, pre2 uint64 // first one and two characters
	pre3       uint64
	suf1, suf2 uint64 // last one to four characters
	suf3, suf4 uint64
	shape      uint64 // character classes with runs collapsed: "Xx", "X.X.", "9", "x-x"
	flags      uint64 // lexFlag bits
}

// lexFlag bits of lex.flags.
const (
	flagUpper  = 1 << iota // first letter upper case
	flagAllCap             // two or more letters, none lower case
	flagDigit              // holds a digit
	flagHyphen             // holds a hyphen
	flagFirst              // first word of the sentence
)

// FNV-1a 64, used to hash strings for features; the values are part of the
// model file, so it must not change without retraining.
const (
	fnvBasis = 14695981039346656037
	fnvPrime = 1099511628211
)

// Hash seeds that keep the string families apart (a suffix "ed" and a
// form "ed" are different features).
const (
	seedForm uint64 = iota + 1
	seedPre
	seedSuf
	seedShape
	seedRaw
)

// maxAffix is the longest prefix or suffix, in characters, that features
// read.
const maxAffix = 4

// lexOf computes the lexical properties of form. first marks the first
// word of a sentence. It allocates nothing.
func lexOf(form string, first bool) lex {
	var l lex
	// One pass over the runes: lower-case form hash, shape hash, flags,
	// and the offsets of the first and last few characters.
	h := uint64(fnvBasis) ^ seedForm
	rh := uint64(fnvBasis) ^ seedRaw
	sh := uint64(fnvBasis) ^ seedShape
	var (
		prevClass byte
		starts    [maxAffix + 1]int // byte offsets of the last runes, ring
		nr        int
		lead      [maxAffix]int // lead[k]: byte offset of rune k+1, the end of a k+1 rune prefix
		letters   int
		uppers    int
		lowers    int
	)
	for i, r := range form {
		starts[nr%(maxAffix+1)] = i
		if nr >= 1 && nr <= maxAffix {
			lead[nr-1] = i
		}
		nr++
		var class byte
		switch {
		case r >= '0' && r <= '9':
			class = '9'
			l.flags |= flagDigit
			r = '9'
		case unicode.IsUpper(r):
			class = 'X'
			rh = (rh ^ uint64(r)) * fnvPrime
			letters++
			uppers++
			if letters == 1 {
				l.flags |= flagUpper
			}
			r = unicode.ToLower(r)
		case unicode.IsLetter(r):
			class = 'x'
			letters++
			lowers++
		case r == '-':
			class = '-'
			l.flags |= flagHyphen
		case r == '’':
			class = '\''
			r = '\''
		default:
			if r < utf8.RuneSelf {
				class = byte(r)
			} else {
				class = '*'
			}
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * fnvPrime
		}
		if class != 'X' {
			rh = (rh ^ uint64(r)) * fnvPrime
		}
		if class != prevClass {
			sh = (sh ^ uint64(class)) * fnvPrime
			prevClass = class
		}
	}
	if letters >= 2 && lowers == 0 {
		l.flags |= flagAllCap
	}
	if first {
		l.flags |= flagFirst
	}
	l.form = h
	l.raw = rh
	l.shape = sh
	// Affixes are hashed from the lower-cased form's bytes, re-read here:
	// they are short, and the ring above only records where they start.
	pre := [...]*uint64{&l.pre1, &l.pre2, &l.pre3}
	for k := range pre {
		end := len(form)
		if k+1 < nr {
			end = lead[k]
		}
		*pre[k] = hashAffix(form[:end], seedPre+uint64(k)<<8)
	}
	suf := [...]*uint64{&l.suf1, &l.suf2, &l.suf3, &l.suf4}
	for k := range suf {
		start := 0
		if k < nr {
			start = starts[(nr-1-k)%(maxAffix+1)]
		}
		*suf[k] = hashAffix(form[start:], seedSuf+uint64(k)<<8)
	}
	return l
}

// hashAffix hashes s lower-cased, digits folded, with seed.
func hashAffix(s string, seed uint64) uint64 {
	h := uint64(fnvBasis) ^ seed
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			r = '9'
		case r == '’':
			r = '\''
		case r >= utf8.RuneSelf || (r >= 'A' && r <= 'Z'):
			r = unicode.ToLower(r)
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * fnvPrime
		}
	}
	return h
}
