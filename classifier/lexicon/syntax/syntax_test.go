package syntax

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyConllu is a handful of sentences written for these tests, with UD
// annotations made by hand.
const tinyConllu = `# sent_id = 1
# text = France condemned Germany.
1	France	France	PROPN	_	_	2	nsubj	_	_
2	condemned	condemn	VERB	_	_	0	root	_	_
3	Germany	Germany	PROPN	_	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	_	_	2	punct	_	_

# sent_id = 2
# text = The minister praised the plan in Paris.
1	The	the	DET	_	_	2	det	_	_
2	minister	minister	NOUN	_	_	3	nsubj	_	_
3	praised	praise	VERB	_	_	0	root	_	_
4	the	the	DET	_	_	5	det	_	_
5	plan	plan	NOUN	_	_	3	obj	_	_
6	in	in	ADP	_	_	7	case	_	_
7	Paris	Paris	PROPN	_	_	3	obl	_	SpaceAfter=No
8	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = 3
# text = Italy was criticised by Spain.
1	Italy	Italy	PROPN	_	_	3	nsubj:pass	_	_
2	was	be	AUX	_	_	3	aux:pass	_	_
3	criticised	criticise	VERB	_	_	0	root	_	_
4	by	by	ADP	_	_	5	case	_	_
5	Spain	Spain	PROPN	_	_	3	obl:agent	_	SpaceAfter=No
6	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = 4
# text = They backed the deal and signed it.
1	They	they	PRON	_	_	2	nsubj	_	_
2	backed	back	VERB	_	_	0	root	_	_
3	the	the	DET	_	_	4	det	_	_
4	deal	deal	NOUN	_	_	2	obj	_	_
5	and	and	CCONJ	_	_	6	cc	_	_
6	signed	sign	VERB	_	_	2	conj	_	_
7	it	it	PRON	_	_	6	obj	_	SpaceAfter=No
8	.	.	PUNCT	_	_	2	punct	_	_

`

func tinyModel(t testing.TB) *Model {
	t.Helper()
	return tinyModelWith(t, 2, 1)
}

// tinyModelWith trains on tinyConllu with the given jackknife folds and
// parser beam.
func tinyModelWith(t testing.TB, folds, beam int) *Model {
	t.Helper()
	sents, err := ReadConllu(strings.NewReader(tinyConllu))
	require.NoError(t, err)
	m, err := Train(sents, TrainConfig{TagEpochs: 5, ParseEpochs: 8, Folds: folds, MinWeight: 1, Beam: beam})
	require.NoError(t, err)
	return m
}

// beams are the parser beam widths the tiny-model tests train with: the
// greedy parser and the beam one.
var beams = []int{1, 4}

func TestReadConllu(t *testing.T) {
	t.Parallel()
	// A byte-order mark, CRLF line ends and a missing last blank line
	// are all valid.
	_, err := ReadConllu(strings.NewReader("\ufeff# c\r\n1\tDon't\r\n\r\n2\tx\n"))
	require.Error(t, err, "IDs restart at 1 in each sentence")
	crlf, err := ReadConllu(strings.NewReader("\ufeff# c\r\n1\tDon't\r\n\r\n1\tx"))
	require.NoError(t, err)
	require.Len(t, crlf, 2)
	assert.Equal(t, []string{"# c"}, crlf[0].Comments)
	assert.Equal(t, "Don't", crlf[0].Words[0].Form)
	assert.Equal(t, -1, crlf[0].Words[0].Head, "a missing HEAD column is unknown")

	in := "# text = do n't\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\t_\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\t_\t_\t1\tadvmod\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_"
	sents, err := ReadConllu(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, sents, 1, "a last sentence without a blank line is read")
	s := sents[0]
	assert.Equal(t, []string{"# text = do n't"}, s.Comments)
	require.Len(t, s.Words, 2)
	assert.Equal(t, ConllWord{Form: "do", Lemma: "do", UPOS: "AUX", XPOS: "_", Feats: "_", Head: 0, Deprel: "root", Deps: "_", Misc: "_"}, s.Words[0])
	assert.Equal(t, []ExtraLine{{Before: 0, Line: "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_"}, {Before: 2, Line: "2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_"}}, s.Extra)

	var out bytes.Buffer
	require.NoError(t, WriteConllu(&out, &s))
	assert.Equal(t, in+"\n\n", out.String(), "extra lines are written back in place")
}

func TestReadConlluErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"id skips", "1\ta\n3\tb\n", "line 2: ID \"3\": want 2"},
		{"no form", "1\n", "line 1: want at least ID and FORM"},
		{"bad head", "1\ta\t_\t_\t_\t_\tx\n", "line 1: HEAD \"x\""},
		{"negative head", "1\ta\t_\t_\t_\t_\t-1\n", "line 1: HEAD \"-1\""},
		{"head beyond", "1\ta\t_\t_\t_\t_\t2\n\n", "line 1: word 1: HEAD 2 beyond"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadConllu(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	t.Parallel()
	save := func(m *Model) []byte {
		var b bytes.Buffer
		require.NoError(t, m.Save(&b))
		return b.Bytes()
	}
	for _, beam := range beams {
		t.Run(fmt.Sprintf("beam %d", beam), func(t *testing.T) {
			a, b := save(tinyModelWith(t, 2, beam)), save(tinyModelWith(t, 2, beam))
			require.Equal(t, a, b, "same data and config give the same bytes")
			m, err := ReadModel(a, "tiny.model")
			require.NoError(t, err)
			want := 1
			if beam > 1 {
				want = 2 * beam // ParseBeam's default
			}
			assert.Equal(t, want, m.Beam())
			assert.Equal(t, a, save(m), "a read model saves to the same bytes")
			assert.Equal(t, beam > 1, bytes.Contains(a, []byte(fmt.Sprintf("\nbeam %d\n", want))), "a beam line only for a beam")
		})
	}
}

func TestParseLearnsTrainingTrees(t *testing.T) {
	t.Parallel()
	sents, err := ReadConllu(strings.NewReader(tinyConllu))
	require.NoError(t, err)
	for _, beam := range beams {
		t.Run(fmt.Sprintf("beam %d", beam), func(t *testing.T) {
			// Gold training tags (one fold): jackknifed tags from taggers
			// trained on two sentences would be noise.
			m := tinyModelWith(t, 1, beam)
			sc := Evaluate(m, sents)
			// Eight passes over four sentences fit them; anything less
			// means the oracle or the updates are broken.
			assert.Equal(t, sc.Words, sc.UPOS, "tags")
			assert.Equal(t, sc.Words, sc.LASFull, "heads and relations")
		})
	}
}

func TestParseTreeShape(t *testing.T) {
	t.Parallel()
	for _, beam := range beams {
		t.Run(fmt.Sprintf("beam %d", beam), func(t *testing.T) {
			checkTreeShapes(t, tinyModelWith(t, 2, beam))
		})
	}
}

func checkTreeShapes(t *testing.T, m *Model) {
	p := m.NewParser()
	var tr Tree
	for _, words := range [][]string{
		{},
		{"."},
		{"Spain", "praised", "the", "plan", "and", "condemned", "Italy", "."},
		strings.Fields(strings.Repeat("the plan in Paris , ", 40)),
		strings.Fields(strings.Repeat("France praised Spain . ", 200)), // pieces of MaxParseWords
	} {
		p.Parse(words, &tr)
		require.Len(t, tr.Heads, len(words))
		roots := 0
		for i, h := range tr.Heads {
			if h == -1 {
				roots++
				assert.Equal(t, "root", m.Rel(tr.Rels[i]))
				continue
			}
			require.True(t, h >= 0 && int(h) < len(words) && int(h) != i, "head %d of word %d", h, i)
			assert.NotEqual(t, "root", m.Rel(tr.Rels[i]))
			// No cycles: the root is reached within n steps.
			k, steps := int32(i), 0
			for k != -1 && steps <= len(words) {
				k, steps = tr.Heads[k], steps+1
			}
			require.Equal(t, int32(-1), k, "word %d is on a cycle", i)
		}
		if len(words) > 0 {
			assert.Equal(t, 1, roots, "one root in %q", words)
		}
	}
}

func TestReadModelRejects(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	require.NoError(t, tinyModel(t).Save(&b))
	good := b.String()
	body := good[strings.Index(good, "\nbody ")+1:]
	body = body[strings.IndexByte(body, '\n')+1:]
	header := good[:len(good)-len(body)]
	tests := []struct {
		name, file, want string
	}{
		{"magic", "nonsense\n", "want \"stancetag-syntax-model 1\""},
		{"truncated header", Magic + "\n", "header ends before the body line"},
		{"unknown line", Magic + "\nfoo\n", "unknown header line"},
		{"damaged body", header + string([]byte{body[0] ^ 1}) + body[1:], "SHA-256 mismatch"},
		{"short body", header + body[:len(body)-1], "body of"},
		{"beam zero", Magic + "\nbeam 0\n", "want beam WIDTH, 1 to 64"},
		{"beam too wide", Magic + "\nbeam 65\n", "want beam WIDTH, 1 to 64"},
		{"beam not a number", Magic + "\nbeam wide\n", "want beam WIDTH"},
		{"beam two fields", Magic + "\nbeam 4 8\n", "want beam WIDTH"},
		{"too many relations", Magic + "\nrelations " + strings.Repeat("a ", 300) + "\n", "want 1 to 255"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadModel([]byte(tc.file), "x.model")
			require.Error(t, err)
			var le *LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "x.model", le.Path)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestOracleZeroCostPathBuildsGold follows zero-cost moves only and checks
// that they rebuild the gold tree: the oracle's costs are exact for
// projective trees.
func TestOracleZeroCostPathBuildsGold(t *testing.T) {
	t.Parallel()
	trees := [][]int32{
		{1, 3, 1},             // root at end: n = 3
		{1, 5, 3, 1, 1},       // n = 5
		{2, 2, 4, 4, 6, 4},    // n = 6
		{6, 0, 1, 4, 1, 4},    // a right chain, n = 6
		{3, 3, 3, 7, 5, 3, 3}, // n = 7
	}
	for _, gold := range trees {
		var s state
		s.reset(len(gold))
		for !s.terminal() {
			found := false
			for m := range numMoves {
				if s.valid(m) && s.cost(m, gold) == 0 {
					s.apply(m, 0)
					found = true
					break
				}
			}
			require.True(t, found, "a zero-cost move exists in %v", gold)
		}
		assert.Equal(t, gold, s.head[:len(gold)], "zero-cost moves rebuild the tree")
	}
}

func TestOracleCostsAWrongArc(t *testing.T) {
	t.Parallel()
	// Gold: word 1 heads word 0 and word 2; root is 3.
	gold := []int32{1, 3, 1}
	var s state
	s.reset(3)
	s.apply(shift, 0) // stack [0], buffer 1
	assert.Equal(t, 0, s.cost(left, gold), "1 → 0 is gold")
	assert.Equal(t, 2, s.cost(right, gold), "0 → 1 loses 1's root arc and 1 → 0")
	assert.Equal(t, 1, s.cost(shift, gold), "shifting 1 loses 1 → 0")
}

func TestProjectivize(t *testing.T) {
	t.Parallel()
	// 0→2 crosses 1→3 (root 4 at the end): word 2's head 0 lies outside
	// the span of 1→3 ... lifting the shortest crossing arc gives a
	// projective tree.
	heads := []int32{1, 4, 0, 1}
	moved := projectivize(heads)
	assert.True(t, moved)
	assert.Equal(t, int32(-1), nonProjective(heads, 4))
	proj := []int32{1, 3, 1}
	assert.False(t, projectivize(proj))
}

func TestLexOfAffixes(t *testing.T) {
	t.Parallel()
	a, b := lexOf("Running", false), lexOf("running", false)
	assert.Equal(t, a.form, b.form, "forms are case-folded")
	assert.NotEqual(t, a.raw, b.raw, "raw forms keep case")
	assert.Equal(t, a.suf3, lexOf("jumping", false).suf3, "ing = ing")
	assert.NotEqual(t, a.suf3, a.pre3, "prefix and suffix hashes are apart")
	assert.Equal(t, lexOf("1990", false).form, lexOf("2024", false).form, "digits fold")
	assert.Equal(t, lexOf("don’t", false).form, lexOf("don't", false).form, "curly apostrophe folds")
	assert.NotZero(t, lexOf("NATO", false).flags&flagAllCap)
	assert.NotEqual(t, lexOf("x", true).flags, lexOf("x", false).flags)
	// An affix as long as a short word is the whole word, one longer is
	// the whole word too, not bytes before it.
	assert.Equal(t, lexOf("ab", false).suf2, lexOf("cab", false).suf2)
	assert.NotEqual(t, lexOf("ab", false).suf3, lexOf("cab", false).suf3)
	assert.Equal(t, lexOf("ab", false).pre2, lexOf("abc", false).pre2)
	assert.NotEqual(t, lexOf("ab", false).pre3, lexOf("abc", false).pre3)
	// Invalid UTF-8 and the empty word do not panic.
	_ = lexOf("\xff\xfe", false)
	_ = lexOf("", false)
}

func TestReadHeader(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	require.NoError(t, tinyModel(t).Save(&b))
	file := b.String()
	h, err := ReadHeader(strings.NewReader(file))
	require.NoError(t, err)
	body := strings.Index(file, "\nbody ") + 1
	want := file[:body+strings.IndexByte(file[body:], '\n')+1]
	assert.Equal(t, want, string(h), "the header ends with the body line, which holds the body's SHA-256")
	_, err = ReadHeader(strings.NewReader(file[:body]))
	assert.Error(t, err, "a header cut before its body line")
}
