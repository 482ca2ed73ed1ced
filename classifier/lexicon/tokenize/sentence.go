package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// Sentence is a run of tokens, [Start, End) as indexes into the token slice
// it was computed from (not byte offsets; see Span).
type Sentence struct {
	Start, End int32
}

// Span returns the byte offsets [begin, end) of s in the text toks came
// from: from the first token's Start to the last token's SuffixEnd.
func (s Sentence) Span(toks []Token) (begin, end int32) {
	if s.End <= s.Start {
		return 0, 0
	}
	return toks[s.Start].Start, toks[s.End-1].SuffixEnd
}

// Sentences appends to dst[:0] the sentences of toks, the tokens Tokenize
// returned for text, and returns the extended slice. The sentences cover all
// tokens, in order, none empty; no tokens give no sentences. It does not
// modify toks (Tokenize has already set SentenceStart the same way) and
// allocates only when dst lacks capacity.
func Sentences(text string, toks []Token, dst []Sentence) []Sentence {
	out := dst[:0]
	sp := splitter{text: text, toks: toks}
	for {
		start, end, ok := sp.next()
		if !ok {
			return out
		}
		out = append(out, Sentence{Start: int32(start), End: int32(end)})
	}
}

// Split tokenizes text like Tokenize and groups the tokens into sentences
// like Sentences, in one pass of the sentence splitter instead of two. When
// f is not nil it also fills f as f.Reset would, folding each word while
// its bytes are at hand. It appends to toks[:0] and sents[:0] and returns
// the extended slices; it allocates only when they (or f) lack capacity.
func Split(text string, toks []Token, sents []Sentence, f *Folded) ([]Token, []Sentence) {
	if len(text) > maxText {
		text = text[:maxText]
	}
	t := tokenizer{text: text, toks: toks[:0], fold: f}
	if f != nil {
		f.Clear()
	}
	t.run()
	return t.toks, splitMarking(text, t.toks, t.ends(), sents[:0], true)
}

// markSentenceStarts sets SentenceStart on the first Word of each sentence,
// unless a Number or Word comes before it in that sentence.
func markSentenceStarts(text string, toks []Token) { splitMarking(text, toks, nil, nil, false) }

// splitMarking sets SentenceStart like markSentenceStarts and, when collect
// is set, appends the sentences to dst and returns it. The splitter does
// not look at SentenceStart, so marking while splitting finds the same
// sentences. marks, if not nil, are the only tokens that may end a
// sentence or follow a blank line (see tokenizer.marks).
func splitMarking(text string, toks []Token, marks []int32, dst []Sentence, collect bool) []Sentence {
	sp := splitter{text: text, toks: toks, marks: marks}
	for {
		start, end, ok := sp.next()
		if !ok {
			return dst
		}
		if collect {
			dst = append(dst, Sentence{Start: int32(start), End: int32(end)})
		}
		for i := start; i < end; i++ {
			if k := toks[i].Kind; k == Word {
				toks[i].Flags |= SentenceStart
				break
			} else if k == Number {
				break
			}
		}
	}
}

// splitter walks the sentences of a token slice.
type splitter struct {
	text string
	toks []Token
	i    int // first token of the next sentence
	// marks, if not nil, lists in order the only tokens that can end a
	// sentence or follow a blank line; the others are skipped.
	marks []int32
	mi    int // the first of marks not yet skipped
}

// from returns the first token from j on that can end a sentence or follow
// a blank line, or len(sp.toks).
func (sp *splitter) from(j int) int {
	if sp.marks == nil {
		return j
	}
	for sp.mi < len(sp.marks) && int(sp.marks[sp.mi]) < j {
		sp.mi++
	}
	if sp.mi == len(sp.marks) {
		return len(sp.toks)
	}
	return int(sp.marks[sp.mi])
}

// next returns the next sentence's token range, or ok == false when all
// tokens are used.
func (sp *splitter) next() (start, end int, ok bool) {
	toks := sp.toks
	start = sp.i
	if start >= len(toks) {
		return 0, 0, false
	}
	for j := sp.from(start); j < len(toks); j = sp.from(j + 1) {
		t := &toks[j]
		// A blank line needs two bytes between the tokens.
		if j > start && t.Start-toks[j-1].SuffixEnd >= 2 && sp.paragraphBreak(j) {
			sp.i = j
			return start, j, true
		}
		// Only punctuation and abbreviations can be terminal: most
		// tokens are turned away here, without a call.
		if t.Kind != Punct && t.Flags&Abbreviation == 0 || !sp.terminal(j) {
			continue
		}
		k := j + 1
		for k < len(toks) && sp.closer(k) {
			k++
		}
		if sp.boundary(j, k) {
			sp.i = k
			return start, k, true
		}
		j = k - 1
	}
	sp.i = len(toks)
	return start, len(toks), true
}

// terminal reports whether token j can end a sentence: . ! ? … or an
// abbreviation's dot.
func (sp *splitter) terminal(j int) bool {
	t := sp.toks[j]
	switch t.Kind {
	case Punct:
		r, _ := utf8.DecodeRuneInString(sp.text[t.Start:t.End])
		return isTerminalRune(r)
	case Word:
		return t.Has(Abbreviation)
	}
	return false
}

// closer reports whether token k still belongs to a sentence that ended just
// before it: a closing quote or bracket, a trailing emoji ("We won! 🎉"), or
// more terminal punctuation.
func (sp *splitter) closer(k int) bool {
	t := sp.toks[k]
	switch t.Kind {
	case Quote:
		return t.Has(Closing)
	case Emoji:
		return true
	case Punct:
		return t.Has(Closing) || sp.terminal(k)
	}
	return false
}

// gap returns the text between token k-1 and token k.
func (sp *splitter) gap(k int) string {
	return sp.text[sp.toks[k-1].SuffixEnd:sp.toks[k].Start]
}

// paragraphBreak reports whether a blank line (two line breaks) separates
// token k from the one before: headlines and list items often lack a final
// stop.
func (sp *splitter) paragraphBreak(k int) bool {
	g := sp.gap(k)
	nl := 0
	for i := 0; i < len(g); i++ {
		if g[i] == '\n' {
			nl++
		}
	}
	return nl >= 2
}

// boundary reports whether the sentence ends after the terminal token j and
// the closers up to token k (the first token of the next sentence, if any).
func (sp *splitter) boundary(j, k int) bool {
	toks := sp.toks
	if k == len(toks) {
		return true
	}
	t := toks[j]
	if t.Kind == Punct {
		if r, _ := utf8.DecodeRuneInString(sp.text[t.Start:t.End]); isWideTerminal(r) {
			return true // scripts without spaces: "。" always ends
		}
	}
	if len(sp.gap(k)) == 0 {
		return false // "end.Next", "Yahoo!News": no space, no split
	}
	if sp.paragraphBreak(k) {
		return true
	}
	next := toks[k]
	if t.Kind == Word && k == j+1 {
		// An abbreviation ends a sentence only before a usual
		// sentence opener: "moved to the U.S. The talks" but "U.S.
		// Senate", "J. Smith", "Dr. Jones".
		return abbrevKindOf(sp.text[t.Start:t.End]) == abbrevMayEnd &&
			next.Kind == Word && isOpener(sp.text[next.Start:next.End])
	}
	switch next.Kind {
	case Word:
		if !sp.startsUpper(k) {
			return false // "Wait... what", `"No!" he said`
		}
	case Number:
	case Quote:
		if next.Has(Closing) {
			return false
		}
	case Punct:
		if !next.Has(Opening) {
			return false
		}
	default:
		return false
	}
	// `"We will not yield!" Putin said.` is one sentence: a quotation
	// followed by its attribution.
	if k > j+1 && toks[k-1].Kind == Quote && sp.attribution(k) {
		return false
	}
	return true
}

// startsUpper reports whether Word token k starts with a letter that is not
// lower case (upper case, or a script without case).
func (sp *splitter) startsUpper(k int) bool {
	t := sp.toks[k]
	r, _ := utf8.DecodeRuneInString(sp.text[t.Start:t.End])
	return !unicode.IsLower(r) && !unicode.IsDigit(r)
}

// maxAttribution is how many words may come between a closing quote and the
// speech verb of its attribution ("Russian Foreign Minister Sergei Lavrov
// said").
const maxAttribution = 6

// attribution reports whether the tokens from k are a quotation's
// attribution: up to maxAttribution words, then a speech verb.
func (sp *splitter) attribution(k int) bool {
	for m := k; m < len(sp.toks) && m <= k+maxAttribution; m++ {
		t := sp.toks[m]
		if t.Kind != Word {
			return false
		}
		if m > k && isSpeechVerb(sp.text[t.Start:t.End]) {
			return true
		}
	}
	return false
}

// isSpeechVerb reports whether w (lower case) is a reporting verb.
func isSpeechVerb(w string) bool {
	switch w {
	case "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks",
		"insisted", "insists", "declared", "declares", "wrote", "writes", "tweeted",
		"posted", "stated", "states", "warned", "warns", "replied", "replies",
		"claimed", "claims", "argued", "argues", "noted", "notes", "explained",
		"explains", "continued", "shouted", "stressed", "stresses", "announced",
		"responded", "countered", "conceded", "admitted", "acknowledged", "urged",
		"vowed", "promised", "demanded", "recalled", "joked", "quipped", "cautioned",
		"predicted", "concluded", "remarked", "complained", "alleged", "maintained",
		"insisting", "saying", "adding", "writing":
		return true
	}
	return false
}

// isOpener reports whether w is a word that typically opens a sentence and
// rarely follows an abbreviation inside one.
func isOpener(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
		"These", "Those", "There", "His", "Her", "Its", "Their", "Our", "My",
		"But", "And", "Or", "So", "Yet", "In", "On", "At", "As", "After", "Before",
		"When", "While", "If", "However", "Meanwhile", "Still", "Now", "Then",
		"Later", "Earlier", "Also", "Both", "Despite", "Although", "Though", "Since",
		"Because", "For", "With", "Without", "What", "Why", "How", "Who", "Some",
		"Many", "Most", "Such", "According", "Asked", "Officials":
		return true
	}
	return false
}
