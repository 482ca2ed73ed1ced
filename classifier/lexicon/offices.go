package lexicon

import (
	"strings"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// offices reads descriptions of gazetteer people in a statement or a
// document: "the Russian president", "France's prime minister", "Ukraine's
// leader", "the president of France" name the person whose people.tsv role is that
// office of that country or organisation ("President of Russia", with
// affiliation country/RUS), as of the date people.tsv gives (November
// 2025). "leader" names the affiliation's first person in people.tsv,
// which lists each country's leader first. It is immutable after
// newOffices.
type offices struct {
	// holder maps affiliation id + "\x00" + office (folded words joined
	// by single spaces: "president", "prime minister", "leader") to the
	// gazetteer index of its holder.
	holder map[string]int
	// ids are the gazetteer's ids, by gazetteer index.
	ids []string
	// maxWords is the most words of an office.
	maxWords int
	// first holds the first word of every office ("president", "prime"),
	// so that a mention not followed by one costs one lookup, not a key
	// per office length.
	first map[string]struct{}
}

// leaderOffice is the office word that names an affiliation's leader.
const leaderOffice = "leader"

// newOffices indexes the roles of g's people.
func newOffices(g *actors.Gazetteer) offices {
	o := offices{holder: make(map[string]int), ids: make([]string, g.Len()), maxWords: 1, first: map[string]struct{}{leaderOffice: {}}}
	firstLine := make(map[string]int)
	for i := range g.Len() {
		e := g.Entry(i)
		o.ids[i] = e.ID
		if e.Kind != classifier.KindPerson || e.Affiliation == "" || e.Role == "" {
			continue
		}
		if l, ok := firstLine[e.Affiliation]; !ok || e.Line < l {
			firstLine[e.Affiliation] = e.Line
			o.holder[e.Affiliation+"\x00"+leaderOffice] = i
		}
		title, _, ok := strings.Cut(e.Role, " of ")
		if !ok {
			continue
		}
		words := strings.Fields(strings.ToLower(title))
		key := e.Affiliation + "\x00" + strings.Join(words, " ")
		if _, dup := o.holder[key]; !dup {
			o.holder[key] = i
		}
		o.maxWords = max(o.maxWords, len(words))
		if len(words) > 0 {
			o.first[words[0]] = struct{}{}
		}
	}
	return o
}

// describe turns, in place, each gazetteer country or organisation match
// that is part of a description of one of its office holders into a
// mention of that person, spanning the description without its article:
// "[Russian president]", "[Ukraine's leader]", "[president of France]".
// A description followed by a capitalised word or another mention is a
// title before a name ("Russian President Vladimir Putin") and is left
// alone, as is one after a word for which former is true ("the former
// French president" is someone else than today's).
func (o *offices) describe(text string, toks []tokenize.Token, folded *tokenize.Folded, ms []actors.Match, former func(tok int) bool) {
	if len(o.holder) == 0 {
		return
	}
	// wordIs reports whether token i is the folded word w.
	wordIs := func(i int, w string) bool {
		return i >= 0 && i < len(toks) && toks[i].Kind == tokenize.Word && string(folded.At(i)) == w
	}
	// key writes into buf the holder key of affiliation aff and the office
	// of the folded words [from, to) joined by spaces; ok is false when one
	// is no word or a word but the last is possessive. Built in one
	// reused buffer (map lookups by string(buf) do not allocate), so that
	// a statement's descriptions cost no allocation.
	var arr [64]byte
	key := func(aff string, from, to int) (k []byte, ok bool) {
		k = append(append(arr[:0], aff...), 0)
		for i := from; i < to; i++ {
			if i < 0 || i >= len(toks) || toks[i].Kind != tokenize.Word || i < to-1 && toks[i].Has(tokenize.Possessive) {
				return k, false
			}
			if i > from {
				k = append(k, ' ')
			}
			k = append(k, folded.At(i)...)
		}
		return k, true
	}
	notCurrent := func(i int) bool { return i >= 0 && i < len(toks) && former(i) }
	for mi := range ms {
		m := &ms[mi]
		if m.Gazetteer < 0 || m.Partial || (m.Kind != classifier.KindCountry && m.Kind != classifier.KindOrganization) {
			continue
		}
		aff := o.ids[m.Gazetteer]
		nextStart, prevEnd := len(toks), 0
		if mi+1 < len(ms) {
			nextStart = ms[mi+1].TokStart
		}
		if mi > 0 {
			prevEnd = ms[mi-1].TokEnd
		}
		// "[the] Russian president", "Ukraine's leader".
		done := false
		if !m.Plural && !notCurrent(m.TokStart-1) && o.startsOffice(toks, folded, m.TokEnd) {
			for n := min(o.maxWords, nextStart-m.TokEnd); n >= 1 && !done; n-- {
				end := m.TokEnd + n
				k, ok := key(aff, m.TokEnd, end)
				if !ok {
					continue
				}
				h, ok := o.holder[string(k)]
				if ok && !nameFollows(text, toks, end, nextStart) && !lineBreakIn(text, toks, m.TokStart, end) {
					o.become(m, h, m.TokStart, end, toks)
					done = true
				}
			}
		}
		// "the president of France".
		if done || m.Possessive || !wordIs(m.TokStart-1, "of") {
			continue
		}
		for n := min(o.maxWords, m.TokStart-1-prevEnd-1); n >= 1; n-- {
			from := m.TokStart - 1 - n
			if !wordIs(from-1, "the") || notCurrent(from) {
				continue
			}
			k, ok := key(aff, from, m.TokStart-1)
			if !ok {
				continue
			}
			if h, ok := o.holder[string(k)]; ok && !lineBreakIn(text, toks, from, m.TokEnd) {
				o.become(m, h, from, m.TokEnd, toks)
				break
			}
		}
	}
}

// startsOffice reports whether token i is the first word of some office.
func (o *offices) startsOffice(toks []tokenize.Token, folded *tokenize.Folded, i int) bool {
	if i >= len(toks) || toks[i].Kind != tokenize.Word {
		return false
	}
	_, ok := o.first[string(folded.At(i))]
	return ok
}

// lineBreakIn reports whether a line break separates tokens [from, to): a
// description never spans one, since a document's paragraphs (and so its
// sentences) may end at any line break ("the president of\nFrance").
func lineBreakIn(text string, toks []tokenize.Token, from, to int) bool {
	return strings.ContainsRune(text[toks[from].Start:toks[to-1].End], '\n')
}

// nameFollows reports whether the token at end starts a name: another
// mention (at nextStart) or a capitalised word.
func nameFollows(text string, toks []tokenize.Token, end, nextStart int) bool {
	if end >= len(toks) {
		return false
	}
	if end == nextStart {
		return true
	}
	t := toks[end]
	if t.Kind != tokenize.Word {
		return false
	}
	c := text[t.Start]
	return c >= 'A' && c <= 'Z'
}

// become makes m a mention of gazetteer person h over tokens [from, to).
func (o *offices) become(m *actors.Match, h int, from, to int, toks []tokenize.Token) {
	*m = actors.Match{
		ID: o.ids[h], Actor: h, Gazetteer: h, Kind: classifier.KindPerson,
		TokStart: from, TokEnd: to, Start: int(toks[from].Start), End: int(toks[to-1].End),
		Possessive: toks[to-1].Has(tokenize.Possessive), Via: m.Via,
	}
}
