package syntax

// UPOS is a Universal POS tag. The zero value is ADJ; NoTag marks a word
// not yet tagged.
type UPOS uint8

// The 17 universal part-of-speech tags, in the order of the UD
// documentation.
const (
	ADJ UPOS = iota
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	// NumUPOS is the number of tags.
	NumUPOS = int(iota)
	// NoTag is "no tag": a word before it is tagged, or a position
	// outside the sentence in a feature.
	NoTag UPOS = 255
)

var uposNames = [NumUPOS]string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// String returns the tag's name ("NOUN"), or "_" for NoTag.
func (t UPOS) String() string {
	if int(t) < NumUPOS {
		return uposNames[t]
	}
	return "_"
}

// ParseUPOS returns the tag named s, and false if s names none.
func ParseUPOS(s string) (UPOS, bool) {
	for i, n := range uposNames {
		if n == s {
			return UPOS(i), true
		}
	}
	return NoTag, false
}

// Universal returns the universal part of a dependency relation: "nsubj"
// for "nsubj:pass". Scores such as LAS in the CoNLL 2018 shared task compare
// universal relations.
func Universal(rel string) string {
	for i := 0; i < len(rel); i++ {
		if rel[i] == ':' {
			return rel[:i]
		}
	}
	return rel
}
