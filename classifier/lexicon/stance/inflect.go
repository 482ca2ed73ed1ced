package stance

import (
	"bytes"
	"strings"
)

// Form is the grammatical form of a matched cue word.
type Form uint8

// Forms of a cue's head word. FormPastPart marks a form that can be a past
// participle ("criticised", "drawn"), which makes passive readings possible.
const (
	FormBase Form = iota + 1
	FormS
	FormPast
	FormPastPart // past tense and past participle share the form ("criticised")
	FormPart     // past participle only ("drawn", "thrown")
	FormIng
	FormPlural // noun plural
)

// participle reports whether the form can be a past participle.
func (f Form) participle() bool { return f == FormPastPart || f == FormPart }

// nonFinite reports whether a verb in this form can head a clause without
// its own subject ("by voting", "while sidelining", "to back").
func (f Form) nonFinite() bool {
	return f == FormIng || f == FormBase || f == FormPart || f == FormPastPart
}

// irregular holds the past and participle of an irregular verb.
type irregular struct{ past, part, ing, s string }

// inflection is one surface form of a verb or noun.
type inflection struct {
	text string
	form Form
}

// inflectVerb appends the surface forms of the verb base to dst: base, -s,
// past / participle and -ing, using irr for irregular past forms and the
// regular English spelling rules otherwise (e-drop, y -> ie, consonant
// doubling after a short final syllable of a one-syllable verb).
func inflectVerb(dst []inflection, base string, irr map[string]irregular) []inflection {
	ir, ok := irr[base]
	s := thirdPerson(base)
	if ok && ir.s != "" {
		s = ir.s
	}
	dst = append(dst, inflection{base, FormBase}, inflection{s, FormS})
	if ok && ir.ing != "" {
		dst = append(dst, inflection{ir.ing, FormIng})
	} else {
		dst = append(dst, inflection{ingForm(base), FormIng})
	}
	if ok {
		if ir.past == ir.part {
			return append(dst, inflection{ir.past, FormPastPart})
		}
		return append(dst, inflection{ir.past, FormPast}, inflection{ir.part, FormPart})
	}
	return append(dst, inflection{pastForm(base), FormPastPart})
}

// inflectNoun appends the singular and plural forms of a noun.
func inflectNoun(dst []inflection, base string) []inflection {
	return append(dst, inflection{base, FormBase}, inflection{thirdPerson(base), FormPlural})
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// thirdPerson is the -s form of a verb, also the regular plural of a noun.
func thirdPerson(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	case n >= 2 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "ies"
	case n >= 2 && w[n-1] == 'o' && !isVowel(w[n-2]):
		return w + "es" // veto -> vetoes
	}
	return w + "s"
}

// doubles reports whether the final consonant doubles before -ed/-ing: a
// one-syllable word ending consonant-vowel-consonant ("ban", "slam", "snub"),
// except after w, x and y.
func doubles(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	c, v, p := w[n-1], w[n-2], w[n-3]
	if isVowel(c) || !isVowel(v) || isVowel(p) || c == 'w' || c == 'x' || c == 'y' {
		return false
	}
	groups := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) && (i == 0 || !isVowel(w[i-1])) {
			groups++
		}
	}
	return groups == 1
}

// pastForm is the regular past tense / past participle.
func pastForm(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case w[n-1] == 'e':
		return w + "d"
	case n >= 2 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "ied"
	case doubles(w):
		return w + w[n-1:] + "ed"
	}
	return w + "ed"
}

// ingForm is the -ing form.
func ingForm(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case strings.HasSuffix(w, "ie"):
		return w[:n-2] + "ying"
	case w[n-1] == 'e' && n > 2 && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye") && !strings.HasSuffix(w, "oe"):
		return w[:n-1] + "ing"
	case doubles(w):
		return w + w[n-1:] + "ing"
	}
	return w + "ing"
}

// looksIng reports whether the lower-case word w looks like an -ing form
// ("ending", "saying"): more than four letters ending in "ing", so that
// "king" and "ring" do not.
func looksIng(w []byte) bool { return len(w) > 4 && bytes.HasSuffix(w, []byte("ing")) }

// looksParticiple reports whether w looks like an -ing or -ed form.
func looksParticiple(w []byte) bool {
	return looksIng(w) || len(w) > 4 && bytes.HasSuffix(w, []byte("ed"))
}
