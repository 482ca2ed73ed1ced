package main

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// withSyntax is the embedded lexicon with its parser model (--syntax),
// loaded once for all tests.
var withSyntax = sync.OnceValues(func() (classifier.Classifier, error) {
	return lexicon.New(lexicon.Data(), lexicon.WithSyntax())
})

// syntaxInput has a character outside the BMP before the words, so that
// UTF-16 offsets differ from bytes, and two sentences in one statement.
const syntaxInput = `{"id":"a","text":"🇺🇦 Poland’s president praised Ukraine. Hungary objected."}` + "\n" +
	`{"id":"b","text":"France backed Germany."}` + "\n"

// analyze --include-syntax writes the parse of every sentence, in the
// requested offset encoding; the same through -remote on a server with
// its parser.
func TestAnalyzeIncludeSyntax(t *testing.T) {
	t.Parallel()
	c, err := withSyntax()
	require.NoError(t, err)
	flags := []string{"analyze", "--syntax", "--include-syntax", "--offset-encoding", "utf16"}
	local := runWith(t, c, syntaxInput, nil, flags...)
	require.Equal(t, exitOK, local.code, local.stderr)
	lines := strings.Split(strings.TrimSuffix(local.stdout, "\n"), "\n")
	require.Len(t, lines, 2)

	var a stancev1.Analysis
	require.NoError(t, protojson.Unmarshal([]byte(lines[0]), &a))
	text := "🇺🇦 Poland’s president praised Ukraine. Hungary objected."
	units := utf16.Encode([]rune(text))
	sents := a.GetSyntax().GetSentences()
	require.Len(t, sents, 2)
	var got []string
	for _, w := range sents[0].GetWords() {
		sp := w.GetSpan()
		got = append(got, string(utf16.Decode(units[sp.GetBegin():sp.GetEnd()]))+"/"+w.GetUpos()+"/"+w.GetRelation())
	}
	assert.Equal(t, []string{
		"🇺🇦/PUNCT/punct", "Poland/PROPN/nmod:poss", "’s/PART/case", "president/NOUN/nsubj",
		"praised/VERB/root", "Ukraine/PROPN/obj", "./PUNCT/punct",
	}, got, "UTF-16 spans give back each word's text")
	assert.Equal(t, "'s", sents[0].GetWords()[2].GetForm(), "read with a straight apostrophe")
	assert.Equal(t, int32(0), sents[0].GetWords()[4].GetHead(), "the root")
	assert.Equal(t, int32(5), sents[0].GetWords()[3].GetHead(), "president <- praised, from 1")
	assert.Equal(t, int32(5), sents[0].GetWords()[1].GetSpan().GetBegin(), "🇺🇦 is 4 UTF-16 units, then a space")

	// Without the flag, no parse.
	plain := runWith(t, c, syntaxInput, nil, "analyze", "--syntax")
	require.Equal(t, exitOK, plain.code)
	assert.NotContains(t, plain.stdout, `"syntax"`)

	// Remote, on a server with its parser: the same bytes.
	addr := startServer(t, c)
	remote := runWith(t, nil, syntaxInput, nil, "analyze", "--remote", addr, "--include-syntax", "--offset-encoding", "utf16")
	require.Equal(t, exitOK, remote.code, remote.stderr)
	assert.Equal(t, local.stdout, remote.stdout)

	// An article: each sentence's analysis has the parse of its sentence.
	doc := runWith(t, c, "France backed Germany.\n\nItaly agreed.", nil, "analyze", "--format", "text", "--syntax", "--include-syntax")
	require.Equal(t, exitOK, doc.code, doc.stderr)
	assert.Equal(t, 2, strings.Count(doc.stdout, `"syntax":{"sentences":[{`))
	assert.Contains(t, doc.stdout, `{"span":{"begin":24,"end":29},"form":"Italy","upos":"PROPN","head":2,"relation":"nsubj"}`)
}

// Without a parser the flag is refused: locally at once (turning the
// parser on would change the results), remotely by the server.
func TestAnalyzeIncludeSyntaxWithoutParser(t *testing.T) {
	t.Parallel()
	r := runApp(t, syntaxInput, nil, "analyze", "--include-syntax")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-include-syntax needs -syntax")
	r = runApp(t, syntaxInput, map[string]string{"STANCETAG_INCLUDE_SYNTAX": "true"}, "analyze")
	assert.Equal(t, exitUsage, r.code, "the environment sets it too")

	c, err := embedded()
	require.NoError(t, err)
	addr := startServer(t, c)
	r = runWith(t, nil, syntaxInput, nil, "analyze", "--remote", addr, "--include-syntax")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "include_syntax needs a server started with --syntax")
}
