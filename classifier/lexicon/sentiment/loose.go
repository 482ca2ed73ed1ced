package sentiment

// Loose lookups: forms of posts that the lexicon does not hold as written.
//
//   - Elongated words ("sooo", "goood", "yaaay"): a letter written three
//     times or more in a row. The word is looked up with each such run cut to
//     two letters ("goood" → "good"), then to one ("sooo" → "so"). Runs of
//     two are left alone ("goooodd" is "goodd", then "godd").
//   - Emoji with a presentation selector (U+FE0E, U+FE0F) the lexicon lists
//     without, or the other way round ("❤️" and "❤").
//
// Only words that miss the lexicon are tried, and most of them are rejected
// by one pass over their bytes, so news text pays almost nothing.

// maxLoose is the longest form LookupLoose rewrites, in bytes.
const maxLoose = 64

// LookupLoose returns what Lookup returns for the nearest lexicon form of a
// folded word w that Lookup does not know: w with its elongated letter runs
// shortened, or without (or with) emoji presentation selectors; -1 when
// there is none. It allocates nothing.
func (l *Lexicon) LookupLoose(w []byte) int32 {
	if len(w) < 3 || len(w) > maxLoose {
		return -1
	}
	var buf [maxLoose + 3]byte
	if c := w[0]; c == 0xE2 || c == 0xE3 || c == 0xF0 && w[1] == 0x9F {
		// U+2000..U+3FFF and U+1F000..U+1FFFF: where emoji are.
		return l.lookupEmojiVariant(w, buf[:0])
	}
	if w[0] >= 0x80 {
		return -1
	}
	if !elongated(w) {
		return -1
	}
	for _, keep := range [...]int{2, 1} {
		if h := l.Lookup(shorten(buf[:0], w, keep)); h >= 0 {
			return h
		}
	}
	return -1
}

// elongated reports whether w has an ASCII letter three times in a row.
func elongated(w []byte) bool {
	for i := 2; i < len(w); i++ {
		if c := w[i]; w[i-1] == c && w[i-2] == w[i-1] && c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// shorten appends w to dst with every run of three or more equal letters
// cut to keep letters.
func shorten(dst, w []byte, keep int) []byte {
	for i := 0; i < len(w); {
		j := i + 1
		for j < len(w) && w[j] == w[i] {
			j++
		}
		n := j - i
		if n >= 3 && w[i] >= 'a' && w[i] <= 'z' {
			n = keep
		}
		for range n {
			dst = append(dst, w[i])
		}
		i = j
	}
	return dst
}

// vs16 is U+FE0F (emoji presentation) and vs15 U+FE0E (text), in UTF-8.
var vs16, vs15 = []byte("\uFE0F"), []byte("\uFE0E")

// lookupEmojiVariant looks up emoji w without its presentation selectors,
// or, when it has none, with U+FE0F after it.
func (l *Lexicon) lookupEmojiVariant(w, dst []byte) int32 {
	stripped := false
	for i := 0; i < len(w); {
		if i+3 <= len(w) && (string(w[i:i+3]) == string(vs16) || string(w[i:i+3]) == string(vs15)) {
			stripped = true
			i += 3
			continue
		}
		dst = append(dst, w[i])
		i++
	}
	if !stripped {
		dst = append(dst, vs16...)
	}
	return l.Lookup(dst)
}
