package lexicon

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// analyzeDocument analyses text as a document with the embedded lexicon.
func analyzeDocument(tb testing.TB, text string, opts classifier.Options) classifier.DocumentAnalysis {
	tb.Helper()
	c, err := Default()
	require.NoError(tb, err)
	da, err := c.AnalyzeDocument(context.Background(), classifier.Document{Text: text}, opts)
	require.NoError(tb, err)
	return da
}

// relationsBySentence lists "sentence: holder -> target: stance" for every
// relation of da, sentences numbered from 1.
func relationsBySentence(da classifier.DocumentAnalysis) []string {
	var out []string
	for i, s := range da.Sentences {
		for _, r := range s.Analysis.Relations {
			out = append(out, fmt.Sprintf("%d: %s -> %s: %s", i+1, r.HolderID, r.TargetID, r.Stance))
		}
	}
	return out
}

// TestDocumentContext: each rule of the document context, with a near miss
// next to it that must not fire. The sentences are made up, in the style
// of the seed article.
func TestDocumentContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		// want lists every relation of the document (relationsBySentence).
		want []string
		// sentences, when > 0, is how many sentences the splitter makes.
		sentences int
	}{
		{
			// Across sentences, an object "it" skips a name inside another
			// noun's phrase, and a possessive in the object still stands
			// for the clause's subject.
			name: "object it and possessive in a document",
			text: "Merz said Putin would accept European observers in Ukraine. \"Yes, he will accept it,\" Merz said. Later Germany criticised its allies.",
		},
		{
			name: "quote speaker in the next sentence",
			text: `"We condemn Iran's missile tests." Merz said this on Tuesday.`,
			want: []string{"1: person/friedrich-merz -> country/IRN: oppose"},
		},
		{
			// The quote's first sentence holds the cue; its speaker comes two
			// sentences later, after the quote's end.
			name:      "paragraph-opening quote of two sentences, speaker after",
			text:      `"We condemn Iran's missile tests. This must stop." Merz said this on Tuesday.`,
			want:      []string{"1: person/friedrich-merz -> country/IRN: oppose"},
			sentences: 2,
		},
		{
			name: "quote speaker described in the next sentence",
			text: `"We condemn Iran's missile tests." The German chancellor said this on Tuesday.`,
			want: []string{"1: person/friedrich-merz -> country/IRN: oppose"},
		},
		{
			// Near miss: the speaker's name opens the next paragraph, which
			// is no attribution of the quote.
			name: "no speaker from the next paragraph",
			text: "\"We condemn Iran's missile tests.\"\nMerz said the summit had ended.",
		},
		{
			name: "continued quote takes the speaker of the one before",
			text: `"We stand with Kyiv," Merz said. "We condemn Russia's attacks."`,
			want: []string{"1: person/friedrich-merz -> country/UKR: support", "2: person/friedrich-merz -> country/RUS: oppose"},
		},
		{
			name: "paragraph-opening quote takes the speaker of a later quote",
			text: `"We condemn Russia's attacks." "Kyiv will not stand alone," Merz said.`,
			want: []string{"1: person/friedrich-merz -> country/RUS: oppose"},
		},
		{
			// Near miss: a quote in the next paragraph is someone else's
			// until it names a speaker.
			name: "no continued quote across paragraphs",
			text: "\"We stand with Kyiv,\" Merz said.\n\"We condemn Russia's attacks.\"",
			want: []string{"1: person/friedrich-merz -> country/UKR: support"},
		},
		{
			// Near miss: an unclosed quote ends with its paragraph, so the
			// next paragraph is not quoted and keeps its own holder.
			name: "unclosed quote ends at its paragraph",
			text: "\"We stand with Kyiv, Merz said.\nPoland praised Ukraine.",
			want: []string{"2: country/POL -> country/UKR: support"},
		},
		{
			name:      "pronoun to the actor last mentioned, across sentences",
			text:      "Merz met Zelensky in Berlin on Monday. Later he praised Poland for its help.",
			want:      []string{"2: person/volodymyr-zelensky -> country/POL: support"},
			sentences: 2,
		},
		{
			name: "pronoun across a paragraph with one candidate",
			text: "Merz flew to Warsaw on Monday.\nHe praised Poland for its help.",
			want: []string{"2: person/friedrich-merz -> country/POL: support"},
		},
		{
			// Near miss: two people in the paragraph before; "he" is
			// ambiguous there and resolves to nobody.
			name: "no pronoun across a paragraph with two candidates",
			text: "Merz met Zelensky in Berlin on Monday.\nHe praised Poland for its help.",
		},
		{
			name: "it to the country last mentioned",
			text: "Germany signed the accord on Monday. It also condemned Iran's missile tests.",
			want: []string{"2: country/DEU -> country/IRN: oppose"},
		},
		{
			name: "description: the French president",
			text: "The French president condemned Iran's missile tests.",
			want: []string{"1: person/emmanuel-macron -> country/IRN: oppose"},
		},
		{
			name: "description: Ukraine's leader",
			text: "Ukraine's leader thanked Poland for its support.",
			want: []string{"1: person/volodymyr-zelensky -> country/POL: support"},
		},
		{
			name: "description: France's prime minister",
			text: "France's prime minister praised Italy's budget.",
			want: []string{"1: person/sebastien-lecornu -> country/ITA: support"},
		},
		{
			name: "description: the president of France",
			text: "The president of France condemned Iran's missile tests.",
			want: []string{"1: person/emmanuel-macron -> country/IRN: oppose"},
		},
		{
			// Near miss: a title before a name is no description; the name
			// says who.
			name: "title before a name",
			text: "French President Emmanuel Macron condemned Iran's missile tests.",
			want: []string{"1: person/emmanuel-macron -> country/IRN: oppose"},
		},
		{
			// Near miss: a former office holder is not today's.
			name: "former president",
			text: "The former French president condemned Iran's missile tests.",
			want: []string{"1: country/FRA -> country/IRN: oppose"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			da := analyzeDocument(t, tt.text, classifier.Options{})
			assert.Equal(t, tt.want, relationsBySentence(da), "text: %s", tt.text)
			if tt.sentences > 0 {
				assert.Len(t, da.Sentences, tt.sentences)
			}
		})
	}
}

// TestDocumentGolden: the full analysis of a small article of our own
// (testdata/article.txt), sentence by sentence, with the pair summary;
// `go test -run TestDocumentGolden -update` rewrites
// testdata/document.golden.
func TestDocumentGolden(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	require.NoError(t, err)
	text := string(b)
	da := analyzeDocument(t, text, classifier.Options{IncludeEvidence: true})
	var sb strings.Builder
	for i, s := range da.Sentences {
		st := classifier.Statement{ID: fmt.Sprintf("sentence %d, paragraph %d, [%d,%d)", i+1, s.Paragraph, s.Span.Begin, s.Span.End), Text: text}
		fmt.Fprintf(&sb, "== %s: %s\n", st.ID, text[s.Span.Begin:s.Span.End])
		renderBody(&sb, st, s.Analysis)
	}
	side := func(name string, ps classifier.PairStance) string {
		if ps.Count == 0 {
			return name + " 0"
		}
		return fmt.Sprintf("%s %d (strongest: sentence %d, %+.2f, %d evidence)", name, ps.Count, ps.Sentence+1, ps.Score, len(ps.Evidence))
	}
	for _, p := range da.Pairs {
		fmt.Fprintf(&sb, "pair %s -> %s: %s, %s\n", p.HolderID, p.TargetID, side("support", p.Support), side("oppose", p.Oppose))
	}
	got := []byte(sb.String())
	path := filepath.Join("testdata", "document.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), string(got))
}

// TestDocumentSentences: sentences come from the splitter, cut at
// paragraph breaks (blank lines when there is one, else line breaks), and
// cover the text in order.
func TestDocumentSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		want  []string // each sentence's text
		paras []int
	}{
		{
			name:  "one paragraph a line",
			text:  "Poland praised Ukraine. Spain agreed.\nItaly was silent",
			want:  []string{"Poland praised Ukraine.", "Spain agreed.", "Italy was silent"},
			paras: []int{0, 0, 1},
		},
		{
			// A headline without a stop is still a sentence of its own.
			name:  "headline line",
			text:  "Poland backs Ukraine\nWarsaw said on Monday it would send aid.",
			want:  []string{"Poland backs Ukraine", "Warsaw said on Monday it would send aid."},
			paras: []int{0, 1},
		},
		{
			// Near miss: with blank lines between paragraphs, a line break
			// is only a wrapped line.
			name:  "wrapped lines between blank lines",
			text:  "Poland praised\nUkraine on Monday.\n\nSpain agreed.",
			want:  []string{"Poland praised\nUkraine on Monday.", "Spain agreed."},
			paras: []int{0, 1},
		},
		{
			// Offsets are bytes of the whole text, also after non-ASCII.
			name:  "non-ASCII",
			text:  "Zürich hosted the talks. Kyiv said “yes”.",
			want:  []string{"Zürich hosted the talks.", "Kyiv said “yes”."},
			paras: []int{0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			da := analyzeDocument(t, tt.text, classifier.Options{})
			var got []string
			var paras []int
			for i, s := range da.Sentences {
				got = append(got, tt.text[s.Span.Begin:s.Span.End])
				paras = append(paras, s.Paragraph)
				assert.Equal(t, classifier.SentenceID(i), s.Analysis.StatementID)
				for _, m := range s.Analysis.Mentions {
					assert.True(t, m.Span.Begin >= s.Span.Begin && m.Span.End <= s.Span.End, "mention %q outside its sentence", m.Text)
					assert.Equal(t, tt.text[m.Span.Begin:m.Span.End], m.Text)
				}
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.paras, paras)
		})
	}
}

// TestDocumentPairs: support and opposition of a pair are counted apart,
// each with its strongest sentence, never netted out.
func TestDocumentPairs(t *testing.T) {
	t.Parallel()
	da := analyzeDocument(t, "Poland praised Ukraine on Monday. Poland condemned Ukraine's grain ban on Tuesday. Poland strongly condemned Ukraine on Friday.", classifier.Options{IncludeEvidence: true})
	require.Len(t, da.Pairs, 1)
	p := da.Pairs[0]
	assert.Equal(t, "country/POL", p.HolderID)
	assert.Equal(t, "country/UKR", p.TargetID)
	assert.Equal(t, 1, p.Support.Count)
	assert.Equal(t, 0, p.Support.Sentence)
	assert.Positive(t, p.Support.Score)
	assert.NotEmpty(t, p.Support.Evidence)
	assert.Equal(t, 2, p.Oppose.Count)
	assert.Negative(t, p.Oppose.Score)
	assert.Contains(t, []int{1, 2}, p.Oppose.Sentence)
	for _, s := range da.Sentences[1:] {
		for _, r := range s.Analysis.Relations {
			assert.GreaterOrEqual(t, -p.Oppose.Score, -r.Score, "the strongest opposition")
		}
	}
	// Near miss: a pair with only one side leaves the other empty.
	da = analyzeDocument(t, "Poland praised Ukraine.", classifier.Options{})
	require.Len(t, da.Pairs, 1)
	assert.Equal(t, classifier.PairStance{Sentence: -1}, da.Pairs[0].Oppose)
}

// TestDocumentDeterministic: the same document gives the same analysis,
// also after other documents have used the pooled scratch.
func TestDocumentDeterministic(t *testing.T) {
	t.Parallel()
	text := "Merz met Zelensky in Berlin. He praised Poland.\n\"We condemn Russia's attacks,\" Merz said."
	first := analyzeDocument(t, text, classifier.Options{IncludeEvidence: true})
	analyzeDocument(t, "The French president condemned Iran. It was a long day.", classifier.Options{})
	assert.Equal(t, first, analyzeDocument(t, text, classifier.Options{IncludeEvidence: true}))
}

// FuzzAnalyzeDocument: any text gives sentences in order inside the text,
// mentions inside their sentence, one target per actor, and pairs that
// count every relation once; twice the same answer.
func FuzzAnalyzeDocument(f *testing.F) {
	f.Add("\"We condemn Iran's missile tests.\" Merz said this on Tuesday.\nHe praised Poland.")
	f.Add("\"Unclosed quote, Merz said.\n\n\"Another,\" he said. \"And more.\"\nThe French president's plan")
	f.Add("Ukraine's leader\n\n\nthe president of\nFrance's prime minister's it they")
	f.Add("\xff\xfe“Russia’s plan” — \U0001F600 slammed by NATO!!!\r\n\r\nIt was.")
	// A name and a description across a line break, which ends a
	// paragraph in a text without blank lines.
	f.Add("He met the United\nStates envoy. The president of\nFrance left.")
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := classifier.Document{ID: "f", Text: text}
		opts := classifier.Options{IncludeEvidence: true}
		da, err := c.AnalyzeDocument(context.Background(), doc, opts)
		require.NoError(t, err)
		again, err := c.AnalyzeDocument(context.Background(), doc, opts)
		require.NoError(t, err)
		require.Equal(t, da, again, "deterministic")
		end, para, relations := 0, 0, 0
		for i, s := range da.Sentences {
			require.True(t, end <= s.Span.Begin && s.Span.Begin < s.Span.End && s.Span.End <= len(text), "sentence %d %v after %d", i, s.Span, end)
			require.True(t, s.Paragraph == para || s.Paragraph == para+1, "paragraphs go up by one")
			end, para = s.Span.End, s.Paragraph
			require.Equal(t, classifier.SentenceID(i), s.Analysis.StatementID)
			for _, m := range s.Analysis.Mentions {
				require.True(t, s.Span.Begin <= m.Span.Begin && m.Span.End <= s.Span.End, "mention %v in sentence %v", m.Span, s.Span)
				require.Equal(t, text[m.Span.Begin:m.Span.End], m.Text)
			}
			seen := map[string]bool{}
			for _, ts := range s.Analysis.Targets {
				require.False(t, seen[ts.ActorID], "one target per actor")
				seen[ts.ActorID] = true
			}
			for _, r := range s.Analysis.Relations {
				require.Contains(t, []classifier.Stance{classifier.StanceSupport, classifier.StanceOppose}, r.Stance)
				relations++
			}
		}
		counted := 0
		for _, p := range da.Pairs {
			counted += p.Support.Count + p.Oppose.Count
		}
		require.Equal(t, relations, counted)
	})
}

// BenchmarkAnalyzeDocument: the small article of testdata (8 sentences, 4
// paragraphs), with evidence.
func BenchmarkAnalyzeDocument(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	require.NoError(b, err)
	c, err := Default()
	require.NoError(b, err)
	doc := classifier.Document{Text: string(raw)}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AnalyzeDocument(context.Background(), doc, classifier.Options{IncludeEvidence: true}); err != nil {
			b.Fatal(err)
		}
	}
}
