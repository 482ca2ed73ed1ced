package actors

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// FuzzMatch checks that Match never panics, that its spans lie inside the
// text on token boundaries (or inside one hyphenated token), in order and
// without overlap, and that a reused Scratch and MatchFolded give the same
// result.
// Seeds: testdata/fuzz/FuzzMatch.
func FuzzMatch(f *testing.F) {
	f.Add("President Putin met U.S. envoy Steve Witkoff at the Kremlin.", "Putin")
	f.Add("Russia’s and the Democrats' pro-Trump US-led allies", "Democrat")
	f.Add("THIS IS BAD 🇺🇦 who WHO us US", "US")
	_, m := loadReal(f)
	f.Fuzz(func(t *testing.T, text, name string) {
		toks := tokenize.Tokenize(text, nil)
		caller := []classifier.Actor{{ID: "c", Name: name, Aliases: []string{"the " + name}}}
		var s Scratch
		got := m.Match(nil, text, toks, caller, Options{}, &s)
		prevEnd := 0
		for _, mt := range got {
			require.NotEmpty(t, mt.ID)
			require.True(t, 0 <= mt.Start && mt.Start < mt.End && mt.End <= len(text), "span %d..%d of %d bytes", mt.Start, mt.End, len(text))
			require.GreaterOrEqual(t, mt.Start, prevEnd, "overlap or disorder")
			prevEnd = mt.End
			require.True(t, 0 <= mt.TokStart && mt.TokStart < mt.TokEnd && mt.TokEnd <= len(toks))
			first, last := toks[mt.TokStart], toks[mt.TokEnd-1]
			if mt.Partial {
				require.Equal(t, mt.TokStart+1, mt.TokEnd)
				require.True(t, int(first.Start) <= mt.Start && mt.End <= int(first.End))
				continue
			}
			require.Equal(t, int(first.Start), mt.Start)
			require.True(t, mt.End == int(last.End) || mt.End == int(last.SuffixEnd))
		}
		again := m.Match(nil, text, toks, caller, Options{}, &s)
		require.Equal(t, got, again)
		// Keys from shared lookup forms give the same matches.
		var fd tokenize.Folded
		fd.Reset(text, toks)
		folded := m.MatchFolded(nil, text, toks, &fd, nil, caller, Options{}, &s)
		require.Equal(t, got, folded, "MatchFolded")
		// And so do Roots looked up once per form.
		roots := make([]Roots, len(toks))
		for i := range toks {
			roots[i] = m.Roots(fd.At(i))
		}
		withRoots := m.MatchFolded(nil, text, toks, &fd, roots, caller, Options{}, &s)
		require.Equal(t, got, withRoots, "MatchFolded with Roots")
	})
}
