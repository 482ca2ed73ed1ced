// Package sentiment scores the sentiment of news sentences with a valence
// lexicon and VADER-style rules (negation, boosters, contrast, emphasis,
// idioms) fixed for news text.
//
// Contract:
//   - Load reads the lexicon from five TSV files under "sentiment/" of an
//     fs.FS, and a sixth, optional one for posts (emoticons, emoji, chat
//     slang; see the data folder's README.md). The Lexicon it returns is
//     immutable and safe for concurrent use.
//   - Score scores a token range (a sentence or a clause) of a text tokenized
//     by package tokenize: a Score in [-1, 1] like VADER's compound, the
//     positive and negative evidence, and the Hits (cues with the valence
//     each contributed after the rules). It allocates nothing once its
//     Scratch has grown; Hits live in the Scratch until its next use.
//     ScoreText scores a Text prepared once for all its sentences: the
//     tokens' lookup forms (tokenize.Folded), shared with other stages, and
//     their entries (Lookup), looked up once; Terms lists the words Lookup
//     knows, so that a caller can join them with other lexicons' words.
//   - Aggregate and Statement turn sentence Results into a statement's
//     classifier.Sentiment: each sentence is normalised on its own and the
//     statement's score is their mean, so long texts do not drift towards
//     the extremes.
//
// Offsets are UTF-8 byte offsets; token indexes are indexes into the token
// slice passed in.
package sentiment

import (
	"strings"
)

// Paths of the data files Load reads, relative to the root of its fs.FS.
const (
	ValencePath  = "sentiment/valence.tsv"
	BoostersPath = "sentiment/boosters.tsv"
	NegatorsPath = "sentiment/negators.tsv"
	IdiomsPath   = "sentiment/idioms.tsv"
	ContrastPath = "sentiment/contrast.tsv"
	// PostsPath holds the valences of emoticons, emoji and chat slang
	// (same format as ValencePath). It is optional: a data directory
	// without it loads, and scores posts as news.
	PostsPath = "sentiment/posts.tsv"
)

// MaxValence is the largest |valence| of a lexicon entry (VADER's scale).
const MaxValence = 4

// role is what a lexicon entry does in a sentence.
type role uint8

const (
	roleNone     role = iota
	roleValence       // a sentiment cue from valence.tsv
	roleIdiom         // a sentiment cue (or neutraliser) from idioms.tsv
	roleBooster       // scales the next cue
	roleNegator       // flips the next cue; may carry a valence of its own
	roleContrast      // reweights the clauses around it
)

// contrastKind is the kind of a contrast marker (contrast.tsv).
type contrastKind uint8

const (
	contrastBut        contrastKind = iota + 1 // before x0.5, after x1.5
	contrastButInitial                         // as but, only at a clause start
	contrastConcessive                         // its own clause x0.5
)

// entry is what the lexicon knows about one term.
type entry struct {
	role     role
	contrast contrastKind
	// hasValence: valence applies (always for cues; for a negator only
	// when it negates nothing).
	hasValence bool
	// valence of a cue or negator, in [-MaxValence, MaxValence].
	valence float32
	// factor is a booster's increment or a negator's scalar for positive
	// cues; negFactor is a negator's scalar for negative cues.
	factor, negFactor float32
}

// phrase is a multi-word entry, indexed under its first word.
type phrase struct {
	rest []string // words after the first
	e    entry
}

// head is everything that starts with one word: the word's single-word entry
// (its own, or the suffix negator it matches, so that Score reads one entry
// per word), and the phrases beginning with the word, longest first.
type head struct {
	e       entry
	phrases []phrase
}

// suffixNegator is a negator matched by word ending ("*n't").
type suffixNegator struct {
	suffix string
	e      entry
}

// Lexicon is a loaded sentiment lexicon. It is immutable and safe for
// concurrent use.
type Lexicon struct {
	heads    map[string]int32 // folded first word -> index into list
	list     []head
	suffixes []suffixNegator
	// suffixEnds has bit c set when some suffix ends with byte c: most
	// words without an entry are rejected by their last byte alone.
	suffixEnds [256 / 64]uint64
	entries    int
}

// Len returns the number of entries loaded from all files.
func (l *Lexicon) Len() int { return l.entries }

// lookup returns the head for a folded word, or nil.
func (l *Lexicon) lookup(w []byte) *head {
	if i, ok := l.heads[string(w)]; ok {
		return &l.list[i]
	}
	return nil
}

// single returns the single-word entry for a folded word whose head (nil for
// none) is h: its own entry, or a suffix negator ("don't").
func (l *Lexicon) single(w []byte, h *head) entry {
	if h != nil {
		return h.e
	}
	if e := l.suffix(w); e != nil {
		return *e
	}
	return entry{}
}

// suffix returns the suffix negator that folded word w matches, or nil.
func (l *Lexicon) suffix(w []byte) *entry {
	if len(w) == 0 {
		return nil
	}
	if last := w[len(w)-1]; l.suffixEnds[last>>6]&(1<<(last&63)) == 0 {
		return nil
	}
	for i := range l.suffixes {
		s := &l.suffixes[i]
		if len(w) > len(s.suffix) && string(w[len(w)-len(s.suffix):]) == s.suffix {
			return &s.e
		}
	}
	return nil
}

// Valence returns the valence, in [-MaxValence, MaxValence], of a single
// word in valence.tsv, and whether it has one. lowerWord must be folded by
// tokenize.AppendLower. A negator with a valence of its own reports it too.
// Multi-word entries and idioms are found by Score only.
func (l *Lexicon) Valence(lowerWord []byte) (float32, bool) {
	e := l.single(lowerWord, l.lookup(lowerWord))
	return e.valence, e.hasValence
}

// Booster returns the increment of a single-word booster (> 0 intensifies,
// < 0 dampens; VADER's is 0.293) and whether lowerWord, folded by
// tokenize.AppendLower, is one.
func (l *Lexicon) Booster(lowerWord []byte) (float32, bool) {
	e := l.single(lowerWord, l.lookup(lowerWord))
	return e.factor, e.role == roleBooster
}

// Negator returns the scalar a single-word negator applies to a positive
// cue (negative, e.g. -0.74 for "not") and whether lowerWord, folded by
// tokenize.AppendLower, is one; words ending in "n't" are negators.
func (l *Lexicon) Negator(lowerWord []byte) (float32, bool) {
	e := l.single(lowerWord, l.lookup(lowerWord))
	return e.factor, e.role == roleNegator
}

// words splits a term into its words.
func words(term string) []string { return strings.Split(term, " ") }
