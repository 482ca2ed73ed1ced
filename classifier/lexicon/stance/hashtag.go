package stance

import "github.com/stancetag/stancetag/classifier/lexicon/tokenize"

// tagCue is a cue of POSTagPrefix or POSTagSuffix: words that, run together
// with a name in one hashtag, make a slogan about it. Posts say "#NeverTrump",
// "#VoteTrump" or "#Trump2016" where prose would need a verb, and the
// tokenizer cuts such a tag into its pieces (tokenize.InTag), so the slogan
// is the pieces right before or right after a mention inside the same tag.
type tagCue struct {
	cue   int32
	words []string // lower-case; yearWord stands for a year
	after bool     // POSTagSuffix: the words follow the mention
}

// yearWord in a tagsuffix cue matches a year of four digits, 19xx or 20xx:
// a name and a year in one tag name a campaign ("#Trump2016", "#Lula2022").
const yearWord = "<year>"

// tagSlogans applies the hashtag cues to the mentions inside hashtags. A
// match describes the speaker's stance toward the mention (frame desc,
// rule descriptor), like the prefix cues do for "anti-Trump".
func (e *engine) tagSlogans() {
	if len(e.l.tagCues) == 0 {
		return
	}
	ms := e.in.Mentions
	for mi := range ms {
		m := &ms[mi]
		if !e.toks[m.Start].Has(tokenize.InTag) {
			continue
		}
		var done [2]bool // one slogan before the name and one after it
		for _, tc := range e.l.tagCues {
			side := 0
			if tc.after {
				side = 1
			}
			if done[side] {
				continue
			}
			first, ok := e.tagWords(m, tc)
			if !ok {
				continue
			}
			done[side] = true
			c := &e.l.cues[tc.cue]
			o := occ{start: first, end: first + int32(len(tc.words)), cue: tc.cue, factor: 1}
			t := [1]part{{actor: m.Actor, mention: int32(mi), w: 1, rule: RuleDescriptor}}
			e.emit(&o, nil, t[:], c.Weight, RuleDescriptor)
		}
	}
}

// tagWords reports whether the words of tc stand, as pieces of the same tag,
// right before (or, for a suffix, right after) mention m, and returns the
// index of the first of them.
func (e *engine) tagWords(m *Mention, tc tagCue) (int32, bool) {
	n := int32(len(tc.words))
	first := m.Start - n
	if tc.after {
		first = m.End
	}
	if first < 0 || int(first+n) > len(e.toks) {
		return 0, false
	}
	for j := range n {
		k := first + j
		t := &e.toks[k]
		if !t.Has(tokenize.InTag) {
			return 0, false
		}
		// Pieces of one tag touch: no space, no possessive between them
		// (the first word of a prefix may open the tag).
		if (j > 0 || tc.after) && e.toks[k-1].SuffixEnd != t.Start {
			return 0, false
		}
		if w := tc.words[j]; w == yearWord {
			if !isYear(e.in.Text[t.Start:t.End]) {
				return 0, false
			}
		} else if string(e.lowerAt(k)) != w {
			return 0, false
		}
	}
	if !tc.after {
		// The last word touches the mention.
		if e.toks[first+n-1].SuffixEnd != e.toks[m.Start].Start {
			return 0, false
		}
	}
	return first, true
}

// isYear reports whether s is a year of four digits from 1900 to 2099.
func isYear(s string) bool {
	if len(s) != 4 || (s[:2] != "19" && s[:2] != "20") {
		return false
	}
	return s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}
