package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// parse runs "stancetag parse [FILE]": it tags and parses FILE (or stdin
// when absent or "-") with the syntax model and writes CoNLL-U to stdout.
//
// --format text reads plain text, splits it into sentences and words with
// the lexicon's tokenizer (tokenize.Split, then syntax.AppendWords) and
// writes one CoNLL-U block per sentence: "# sent_id = N" (counting from 1
// over the input), "# text = ..." (the sentence's tokens, one space where
// the input had any white space), then a line per word with ID, FORM, UPOS,
// HEAD and DEPREL; LEMMA, XPOS, FEATS and DEPS are "_". A token that is
// several UD words ("don't": "do" "n't"; "Germany's": "Germany" "'s") gets
// a multiword token line ("3-4") before them. MISC holds TokenRange=S:E,
// the UTF-8 byte offsets [S, E) of the word (or multiword token) in the
// input, and SpaceAfter=No where no white space follows a token. Sentences
// never cross a blank line. A paragraph with invalid UTF-8 is reported on
// stderr as "line N: ..." and skipped.
//
// --format conllu keeps the tokenization of a CoNLL-U input: the ID and
// FORM of each word line are read, the other columns ignored; UPOS, HEAD
// and DEPREL are predicted; LEMMA, XPOS, FEATS and DEPS are written as "_",
// MISC and the comments are kept, and multiword token ("3-4") and empty node
// ("5.1") lines are written back where they were. A malformed line ends the
// run with "line N: ...".
//
// Exit status: 0 every sentence parsed; 1 bad input, no model, or reading
// or writing failed; 2 bad usage.
func (a *app) parse(ctx context.Context, args []string) int {
	fs, cfg := newParseFlags(a.stderr)
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(a.stderr, "stancetag parse: want at most one FILE, got %q (flags go before FILE)\n", fs.Args())
		return exitUsage
	}
	m, err := loadParserModel(cfg.model, cfg.lexiconDir)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag parse: %v\n", err)
		return exitFail
	}
	in, name := a.stdin, "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintf(a.stderr, "stancetag parse: %v\n", err)
			return exitFail
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	}

	out := bufio.NewWriter(a.stdout)
	p := sentenceParser{m: m, p: m.NewParser(), w: out}
	bad := 0
	switch cfg.format.v {
	case "text":
		err = p.text(ctx, in, func(line int, msg string) {
			bad++
			fmt.Fprintf(a.stderr, "stancetag parse: %s: line %d: %s\n", name, line, msg)
		})
	default:
		err = p.conllu(ctx, in)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing: %w", ferr)
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(a.stderr, "stancetag parse: %s: interrupted after %d sentences\n", name, p.sents)
		return exitFail
	case err != nil:
		fmt.Fprintf(a.stderr, "stancetag parse: %s: %v\n", name, err)
		return exitFail
	case bad > 0:
		fmt.Fprintf(a.stderr, "stancetag parse: %s: %d paragraphs bad, %d sentences parsed\n", name, bad, p.sents)
		return exitFail
	}
	return exitOK
}

// parseConfig is every setting of "stancetag parse".
type parseConfig struct {
	format     choiceFlag
	model      string
	lexiconDir string
}

// newParseFlags returns parse's flag set, writing into the returned config.
// The README's table of parse flags is generated from it.
func newParseFlags(w io.Writer) (*flag.FlagSet, *parseConfig) {
	c := &parseConfig{format: choiceFlag{v: "text", choices: []string{"text", "conllu"}}}
	fs := newFlagSet("parse", "[FILE]",
		"Tags and parses FILE (or stdin) with the UD syntax model and writes CoNLL-U to stdout.\n"+
			"-format text: plain text, split into sentences and words by the lexicon's tokenizer; MISC gives\n"+
			"each word's UTF-8 byte offsets in the input (TokenRange=S:E) and SpaceAfter=No.\n"+
			"-format conllu: CoNLL-U whose ID and FORM columns are kept and UPOS, HEAD and DEPREL predicted.\n"+
			"Bad input is reported on stderr as \"line N: ...\"; the exit status is then 1.",
		w)
	fs.Var(&c.format, "format", "input `format`: text (plain text) or conllu (CoNLL-U, tokens kept)")
	fs.StringVar(&c.model, "model", "", "read the syntax model from this `file` instead of the lexicon's "+syntax.ModelPath)
	fs.StringVar(&c.lexiconDir, "lexicon-dir", "", "read the model from "+syntax.ModelPath+" of this `dir` (layout of classifier/lexicon/data) instead of the embedded lexicon")
	return fs, c
}

// choiceFlag is a string flag taking one of a fixed set of values.
type choiceFlag struct {
	v       string
	choices []string
}

func (c *choiceFlag) String() string { return c.v }

func (c *choiceFlag) Set(s string) error {
	for _, ch := range c.choices {
		if s == ch {
			c.v = s
			return nil
		}
	}
	return fmt.Errorf("want %s, got %q", strings.Join(c.choices, " or "), s)
}

// loadParserModel reads the syntax model: file when given, else
// syntax.ModelPath of the lexicon in dir, else of the embedded lexicon.
func loadParserModel(file, dir string) (*syntax.Model, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("loading the syntax model: %w", err)
		}
		m, err := syntax.ReadModel(data, file)
		if err != nil {
			return nil, fmt.Errorf("loading the syntax model: %w", err)
		}
		return m, nil
	}
	fsys, where := lexicon.Data(), "the embedded lexicon"
	if dir != "" {
		fsys, where = os.DirFS(dir), dir
	}
	m, err := syntax.Load(fsys)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no syntax model in %s (%s): train one with \"make parser-model\" or give -model FILE", where, syntax.ModelPath)
	case err != nil:
		return nil, fmt.Errorf("loading the syntax model of %s: %w", where, err)
	}
	return m, nil
}

// sentenceParser parses sentences and writes them as CoNLL-U, reusing its
// memory from one sentence to the next.
type sentenceParser struct {
	m     *syntax.Model
	p     *syntax.Parser
	w     io.Writer
	tree  syntax.Tree
	forms []string
	sent  syntax.Sentence
	// sents counts the sentences written.
	sents int
	// Text mode.
	toks  []tokenize.Token
	spans []tokenize.Sentence
	words []syntax.Word
}

// predict parses s.Words' forms and stores the tags, heads and relations
// in s, blanking LEMMA, XPOS, FEATS and DEPS.
func (sp *sentenceParser) predict(s *syntax.Sentence) {
	sp.forms = sp.forms[:0]
	for _, w := range s.Words {
		sp.forms = append(sp.forms, w.Form)
	}
	sp.p.Parse(sp.forms, &sp.tree)
	for i := range s.Words {
		w := &s.Words[i]
		w.Lemma, w.XPOS, w.Feats, w.Deps = "_", "_", "_", "_"
		w.UPOS = sp.tree.Tags[i].String()
		w.Head = int(sp.tree.Heads[i]) + 1 // the root, -1, is 0
		w.Deprel = sp.m.Rel(sp.tree.Rels[i])
	}
}

// conllu parses every sentence of the CoNLL-U in r.
func (sp *sentenceParser) conllu(ctx context.Context, r io.Reader) error {
	return syntax.ScanConllu(r, func(s syntax.Sentence) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sp.predict(&s)
		sp.sents++
		return syntax.WriteConllu(sp.w, &s)
	})
}

// text parses the plain text of r paragraph by paragraph (runs of lines
// between blank lines), calling bad for a paragraph it skips.
func (sp *sentenceParser) text(ctx context.Context, r io.Reader, bad func(line int, msg string)) error {
	br := bufio.NewReader(r)
	var (
		para      strings.Builder
		paraStart int64 // byte offset of para in the input
		paraLine  int   // line number of para's first line
		offset    int64 // bytes read so far
		lineNo    int
	)
	flush := func() error {
		if para.Len() > 0 {
			if err := sp.paragraph(para.String(), paraStart, paraLine, bad); err != nil {
				return err
			}
		}
		para.Reset()
		return ctx.Err()
	}
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			lineNo++
			if strings.TrimSpace(line) == "" {
				if ferr := flush(); ferr != nil {
					return ferr
				}
			} else {
				if para.Len() == 0 {
					paraStart, paraLine = offset, lineNo
				}
				para.WriteString(line)
			}
			offset += int64(len(line))
		}
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", lineNo+1, err)
		}
	}
}

// paragraph parses the sentences of text, which starts at byte base and
// line firstLine of the input.
func (sp *sentenceParser) paragraph(text string, base int64, firstLine int, bad func(line int, msg string)) error {
	if !utf8.ValidString(text) {
		i := 0
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		bad(firstLine+strings.Count(text[:i], "\n"), "invalid UTF-8: paragraph skipped")
		return nil
	}
	sp.toks, sp.spans = tokenize.Split(text, sp.toks, sp.spans, nil)
	for si, span := range sp.spans {
		toks := sp.toks[span.Start:span.End]
		// The token after the sentence, if any, tells whether a space
		// follows its last token.
		next := int32(len(text) + 1)
		if si+1 < len(sp.spans) {
			next = sp.toks[span.End].Start
		}
		sp.words = syntax.AppendWords(sp.words[:0], text, toks)
		sp.buildText(text, base, toks, next)
		sp.forms = sp.forms[:0]
		for _, w := range sp.words {
			sp.forms = append(sp.forms, w.FormOf(text))
		}
		// The parser sees FormOf (clitics with a curly apostrophe
		// normalised); FORM keeps the text itself.
		sp.p.Parse(sp.forms, &sp.tree)
		for i := range sp.sent.Words {
			w := &sp.sent.Words[i]
			w.UPOS = sp.tree.Tags[i].String()
			w.Head = int(sp.tree.Heads[i]) + 1
			w.Deprel = sp.m.Rel(sp.tree.Rels[i])
		}
		sp.sents++
		if err := syntax.WriteConllu(sp.w, &sp.sent); err != nil {
			return err
		}
	}
	return nil
}

// buildText fills sp.sent from sp.words, the words of toks, a sentence of
// text; next is the start of the token after the sentence (beyond the text
// when none).
func (sp *sentenceParser) buildText(text string, base int64, toks []tokenize.Token, next int32) {
	s := &sp.sent
	s.Comments = s.Comments[:0]
	s.Words = s.Words[:0]
	s.Extra = s.Extra[:0]
	var sb strings.Builder
	// spaceAfter reports whether white space follows token ti.
	spaceAfter := func(ti int) bool {
		n := next
		if ti+1 < len(toks) {
			n = toks[ti+1].Start
		}
		return n != toks[ti].SuffixEnd
	}
	for ti, t := range toks {
		sb.WriteString(text[t.Start:t.SuffixEnd])
		if ti+1 < len(toks) && spaceAfter(ti) {
			sb.WriteByte(' ')
		}
	}
	s.Comments = append(s.Comments,
		"# sent_id = "+strconv.Itoa(sp.sents+1),
		"# text = "+sb.String())

	for i := 0; i < len(sp.words); {
		ti := sp.words[i].Token
		j := i + 1
		for j < len(sp.words) && sp.words[j].Token == ti {
			j++
		}
		t := toks[ti]
		noSpace := !spaceAfter(int(ti))
		// Several words from one token make a multiword token, except the
		// final dot of an abbreviation, which UD English EWT writes as a
		// token of its own ("U.S" ".").
		mwt := j-i > 1 && !t.Has(tokenize.Abbreviation)
		if mwt {
			misc := tokenRange(base, t.Start, t.SuffixEnd)
			if noSpace {
				misc = "SpaceAfter=No|" + misc
			}
			s.Extra = append(s.Extra, syntax.ExtraLine{
				Before: len(s.Words),
				Line:   fmt.Sprintf("%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s", len(s.Words)+1, len(s.Words)+j-i, text[t.Start:t.SuffixEnd], misc),
			})
		}
		for k := i; k < j; k++ {
			w := sp.words[k]
			misc := tokenRange(base, w.Start, w.End)
			if !mwt && (k+1 < j || noSpace) {
				misc = "SpaceAfter=No|" + misc
			}
			s.Words = append(s.Words, syntax.ConllWord{
				Form: text[w.Start:w.End], Lemma: "_", XPOS: "_", Feats: "_", Deps: "_", Misc: misc,
			})
		}
		i = j
	}
}

// tokenRange is the MISC attribute of the input bytes [base+start, base+end).
func tokenRange(base int64, start, end int32) string {
	return "TokenRange=" + strconv.FormatInt(base+int64(start), 10) + ":" + strconv.FormatInt(base+int64(end), 10)
}
