package tokenize

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sentenceTexts tokenizes text and returns the text of each sentence.
func sentenceTexts(tb testing.TB, text string) []string {
	tb.Helper()
	toks := Tokenize(text, nil)
	var out []string
	for _, s := range Sentences(text, toks, nil) {
		b, e := s.Span(toks)
		out = append(out, text[b:e])
	}
	return out
}

func TestSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{name: "empty", text: "", want: nil},
		{name: "whitespace only", text: " \n\n ", want: nil},
		{name: "no final stop", text: "Talks resume in Geneva", want: []string{"Talks resume in Geneva"}},
		{name: "punctuation only", text: "!!!", want: []string{"!!!"}},
		{
			name: "two plain sentences",
			text: "Talks collapsed. Both sides blamed each other.",
			want: []string{"Talks collapsed.", "Both sides blamed each other."},
		},
		{
			name: "exclamation, question and interrobang runs",
			text: "Enough!!! Who pays? Really?! The minister resigned.",
			want: []string{"Enough!!!", "Who pays?", "Really?!", "The minister resigned."},
		},
		{
			// The quotation continues with a lower-case attribution.
			name: "quote continued by lower case",
			text: `"We will not yield!" he said. The talks ended.`,
			want: []string{`"We will not yield!" he said.`, "The talks ended."},
		},
		{
			// Capitalised attribution: names, then a speech verb.
			name: "quote continued by a named speaker",
			text: `"We will not yield!" Putin said. “Never.” Russian Foreign Minister Sergei Lavrov added.`,
			want: []string{`"We will not yield!" Putin said.`, "“Never.” Russian Foreign Minister Sergei Lavrov added."},
		},
		{
			// Without a speech verb the capital starts a new sentence.
			name: "quote followed by a new sentence",
			text: `He called it "a red line." Moscow disagreed.`,
			want: []string{`He called it "a red line."`, "Moscow disagreed."},
		},
		{
			name: "closing curly quote belongs to its sentence",
			text: "She said: “We won.” Then she left.",
			want: []string{"She said: “We won.”", "Then she left."},
		},
		{
			name: "new sentence opening with a quote",
			text: `The envoy left. "It is over," he said.`,
			want: []string{"The envoy left.", `"It is over," he said.`},
		},
		{
			name: "titles never end a sentence",
			text: "Gen. Smith met Sen. Jones and Dr. Ruiz in St. Petersburg.",
			want: []string{"Gen. Smith met Sen. Jones and Dr. Ruiz in St. Petersburg."},
		},
		{
			name: "acronym inside a sentence",
			text: "The U.S. Senate and the U.N. Security Council voted.",
			want: []string{"The U.S. Senate and the U.N. Security Council voted."},
		},
		{
			// "U.S." can end a sentence: it does before a usual opener.
			name: "acronym ending a sentence",
			text: "He moved to the U.S. The talks failed.",
			want: []string{"He moved to the U.S.", "The talks failed."},
		},
		{
			name: "initials",
			text: "George W. Bush met J. R. Smith.",
			want: []string{"George W. Bush met J. R. Smith."},
		},
		{
			name: "latin abbreviations",
			text: "Allies, e.g. Poland, and rivals, i.e. Iran, etc. were named.",
			want: []string{"Allies, e.g. Poland, and rivals, i.e. Iran, etc. were named."},
		},
		{
			name: "month and number abbreviations",
			text: "On Sept. 12 the No. 2 official quit. Everyone was surprised.",
			want: []string{"On Sept. 12 the No. 2 official quit.", "Everyone was surprised."},
		},
		{
			name: "company suffix ending a sentence",
			text: "Shares fell at Acme Inc. But analysts stayed calm.",
			want: []string{"Shares fell at Acme Inc.", "But analysts stayed calm."},
		},
		{
			name: "ellipsis before a capital splits",
			text: "He paused… Then he left. She waited... The end.",
			want: []string{"He paused…", "Then he left.", "She waited...", "The end."},
		},
		{
			name: "ellipsis before lower case does not split",
			text: "Wait... what happened?",
			want: []string{"Wait... what happened?"},
		},
		{
			name: "lower case after a stop does not split",
			text: "He left. and then came back.",
			want: []string{"He left. and then came back."},
		},
		{
			name: "digit starts a sentence",
			text: "Talks failed. 2026 will be hard.",
			want: []string{"Talks failed.", "2026 will be hard."},
		},
		{
			name: "no space after the stop",
			text: "Visit kremlin.ru.Then nothing. 3.5 percent.",
			want: []string{"Visit kremlin.ru.Then nothing.", "3.5 percent."},
		},
		{
			// The emoji after the stop still belongs to the first sentence.
			name: "trailing emoji",
			text: "We won! 🎉🇺🇦 Fans cheered.",
			want: []string{"We won! 🎉🇺🇦", "Fans cheered."},
		},
		{
			name: "bracketed sentence",
			text: "He left. (The talks failed.) Nobody spoke.",
			want: []string{"He left.", "(The talks failed.)", "Nobody spoke."},
		},
		{
			name: "blank line ends a headline",
			text: "Ceasefire holds in the east\n\nOfficials confirmed the news.",
			want: []string{"Ceasefire holds in the east", "Officials confirmed the news."},
		},
		{
			name: "single line break does not split",
			text: "Ceasefire holds\nin the east",
			want: []string{"Ceasefire holds\nin the east"},
		},
		{
			name: "full-width stops need no space",
			text: "会谈失败。他离开了。",
			want: []string{"会谈失败。", "他离开了。"},
		},
		{
			// Uncased scripts count as sentence openers.
			name: "uncased script after a stop",
			text: "He said. 北京 objected.",
			want: []string{"He said.", "北京 objected."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, sentenceTexts(t, tt.text))
		})
	}
}

func TestSentenceStartFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string // texts of the tokens flagged SentenceStart
	}{
		{name: "one per sentence", text: "Kyiv agreed. Moscow refused!", want: []string{"Kyiv", "Moscow"}},
		// The first Word after an opening quote or bracket.
		{name: "after a quote", text: `"We won." (They lost.)`, want: []string{"We", "They"}},
		// A Number first: no Word of that sentence starts it.
		{name: "number first", text: "2026 Elections Loom. Voters wait.", want: []string{"Voters"}},
		{name: "emoji first", text: "🇺🇦 Kyiv holds.", want: []string{"Kyiv"}},
		{name: "no words", text: "!!! 🎉", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, tok := range Tokenize(tt.text, nil) {
				if tok.Has(SentenceStart) {
					got = append(got, tok.Text(tt.text))
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSentencesCoverTokens(t *testing.T) {
	t.Parallel()
	in := readTestdata(t, "news.txt")
	toks := Tokenize(in, nil)
	before := append([]Token(nil), toks...)
	dst := make([]Sentence, 1, 32)
	sents := Sentences(in, toks, dst)
	require.NotEmpty(t, sents)
	assert.Same(t, &dst[0], &sents[0], "reuses dst")
	assert.Equal(t, before, toks, "Sentences must not modify toks")
	next := int32(0)
	for _, s := range sents {
		require.Equal(t, next, s.Start, "sentences are contiguous")
		require.Less(t, s.Start, s.End, "no empty sentence")
		next = s.End
	}
	require.Equal(t, int32(len(toks)), next, "sentences cover every token")

	// Split finds the same tokens and sentences in one pass.
	var fd, want Folded
	stoks, ssents := Split(in, nil, nil, &fd)
	assert.Equal(t, toks, stoks)
	assert.Equal(t, sents, ssents)
	want.Reset(in, toks)
	require.Equal(t, want.Len(), fd.Len())
	for i := range want.Len() {
		assert.Equal(t, string(want.At(i)), string(fd.At(i)))
		assert.Equal(t, want.Hash(i), fd.Hash(i))
	}

	var b strings.Builder
	for _, s := range sents {
		begin, end := s.Span(toks)
		b.WriteString(in[begin:end])
		b.WriteString("\n")
	}
	checkGolden(t, "news.sentences.golden", b.String())
}

func TestSentenceSpanEmpty(t *testing.T) {
	t.Parallel()
	b, e := Sentence{}.Span(nil)
	assert.Equal(t, [2]int32{0, 0}, [2]int32{b, e})
}

// TestSplitMarks checks that the splitter finds the same sentences when it
// looks only at the tokens the tokenizer marked as possible ends (Split,
// Tokenize) as when it looks at every token (Sentences), with few marks,
// with blank lines and with more marks than the tokenizer keeps.
func TestSplitMarks(t *testing.T) {
	t.Parallel()
	texts := []string{
		"No stop at all",
		"Headline\n\nFirst line. Second, third!\n\n\nLast \"quoted.\" He said. Dr. Who  left  the U.S. The end",
		strings.Repeat("One. Two, three; four! ", 40),
		strings.Repeat("Mr. Smith went to Washington,\n\nand so on. ", 30),
		bigInput,
	}
	for _, text := range texts {
		toks := Tokenize(text, nil)
		want := Sentences(text, toks, nil)
		stoks, got := Split(text, nil, nil, nil)
		assert.Equal(t, want, got, "%.40q", text)
		assert.Equal(t, toks, stoks, "%.40q", text)

		all := slices.Clone(toks)
		for i := range all {
			all[i].Flags &^= SentenceStart
		}
		markSentenceStarts(text, all)
		assert.Equal(t, all, toks, "SentenceStart %.40q", text)
	}
}
