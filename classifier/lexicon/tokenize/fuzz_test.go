package tokenize

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzTokenize checks the invariants of Tokenize and Sentences on any input:
// no panic; tokens in order, non-empty, non-overlapping and inside the text;
// offsets on rune boundaries; only white space and format characters between
// tokens; invalid bytes as 1-byte Symbols; sentences contiguous and covering
// all tokens; the same result twice.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"",
		newsSentence,
		"“We will not yield!” he said. The U.S. Senate agreed… 🇺🇦👍🏽",
		"a\xffb \xe2\x80 '90s allies' it's O'Brien's -- 1,000.5 10%",
		"👨\u200d👩\u200d👧 1️⃣ #️⃣ ™️ ©\u200d\u200c\u00ad\ufe0f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text, nil)
		valid := utf8.ValidString(text)
		prev := int32(0)
		for i, tok := range toks {
			require.LessOrEqual(t, prev, tok.Start, "token %d overlaps or is out of order", i)
			require.Less(t, tok.Start, tok.End, "token %d is empty", i)
			require.LessOrEqual(t, tok.End, tok.SuffixEnd, "token %d", i)
			require.LessOrEqual(t, int(tok.SuffixEnd), len(text), "token %d ends outside the text", i)
			require.Equal(t, tok.End != tok.SuffixEnd, tok.Has(Possessive), "token %d: suffix iff possessive", i)
			require.True(t, tok.Kind >= Word && tok.Kind <= Symbol, "token %d kind %d", i, tok.Kind)
			if valid {
				for _, off := range []int32{tok.Start, tok.End, tok.SuffixEnd} {
					require.True(t, int(off) == len(text) || utf8.RuneStart(text[off]), "token %d offset %d not on a rune boundary", i, off)
				}
			}
			if r, n := utf8.DecodeRuneInString(text[tok.Start:]); r == utf8.RuneError && n == 1 {
				require.Equal(t, tk(tok.Start, tok.Start+1, Symbol, 0), tok, "invalid byte at %d", tok.Start)
			}
			// Between tokens: only white space and format characters, and
			// the underscores that separate the pieces of a tag (next to a
			// piece: "#stop_the_war").
			inTag := tok.Has(InTag) || i > 0 && toks[i-1].Has(InTag)
			for _, r := range text[prev:tok.Start] {
				c := classOf(r)
				require.True(t, c == clSpace || c == clFormat || r == '_' && inTag, "token %d: %U skipped before it", i, r)
			}
			prev = tok.SuffixEnd
		}
		lastInTag := len(toks) > 0 && toks[len(toks)-1].Has(InTag)
		for _, r := range text[prev:] {
			c := classOf(r)
			require.True(t, c == clSpace || c == clFormat || r == '_' && lastInTag, "%U skipped at the end", r)
		}

		sents := Sentences(text, toks, nil)
		next := int32(0)
		for _, s := range sents {
			require.Equal(t, next, s.Start)
			require.Less(t, s.Start, s.End)
			next = s.End
		}
		require.Equal(t, int32(len(toks)), next)

		again := Tokenize(text, make([]Token, 0, len(toks)))
		require.Equal(t, len(toks), len(again), "not deterministic")
		if len(toks) > 0 {
			require.Equal(t, toks, again, "not deterministic")
		}
		_ = AppendLower(nil, text)

		// The fast path for plain words changes nothing.
		slow := tokenizer{text: text, noFastPath: true}
		if len(text) <= maxText {
			slow.run()
			markSentenceStarts(text, slow.toks)
			require.Equal(t, len(toks), len(slow.toks))
			if len(toks) > 0 {
				require.Equal(t, toks, slow.toks, "fast and slow word paths differ")
			}
		}

		// Split is Tokenize and Sentences in one pass.
		var sfd Folded
		stoks, ssents := Split(text, nil, nil, &sfd)
		require.Equal(t, len(toks), len(stoks))
		if len(toks) > 0 {
			require.Equal(t, toks, stoks, "Split tokens")
			require.Equal(t, sents, ssents, "Split sentences")
		}
		// Folded holds AppendLower of the Word and Emoji tokens, whether
		// Reset or Split fills it.
		var fd Folded
		fd.Reset(text, toks)
		require.Equal(t, len(toks), fd.Len())
		require.Equal(t, len(toks), sfd.Len())
		for i, tok := range toks {
			want := ""
			if tok.Kind == Word || tok.Kind == Emoji {
				want = string(AppendLower(nil, tok.Text(text)))
			}
			require.Equal(t, want, string(fd.At(i)), "folded token %d", i)
			require.Equal(t, FoldHash(fd.At(i)), fd.Hash(i), "hash of token %d", i)
			require.Equal(t, want, string(sfd.At(i)), "Split: folded token %d", i)
			require.Equal(t, fd.Hash(i), sfd.Hash(i), "Split: hash of token %d", i)
		}
	})
}
