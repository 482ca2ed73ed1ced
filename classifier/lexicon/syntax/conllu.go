package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one sentence of a CoNLL-U file: its comment lines and its
// words. Multiword token lines ("3-4") and empty nodes ("5.1") are kept
// apart, so that a written sentence can carry them through unchanged while
// the parser sees only the words.
type Sentence struct {
	// Comments are the lines starting with "#", without the line break.
	Comments []string
	// Words are the word lines, in order; word i has ID i+1.
	Words []ConllWord
	// Extra are the multiword token and empty node lines, each placed
	// before the word with index Before.
	Extra []ExtraLine
}

// ConllWord is one word line. Head is 0 for the root and -1 when the column
// is "_" (unknown).
type ConllWord struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int
	Deprel, Deps, Misc             string
}

// ExtraLine is a multiword token range or empty node line, kept verbatim.
type ExtraLine struct {
	Before int
	Line   string
}

// ReadError is a malformed CoNLL-U line.
type ReadError struct {
	Line int
	Msg  string
}

func (e *ReadError) Error() string { return fmt.Sprintf("conllu: line %d: %s", e.Line, e.Msg) }

// MaxLineBytes bounds one CoNLL-U line; longer lines are an error rather
// than an unbounded buffer.
const MaxLineBytes = 1 << 20

// ReadConllu reads every sentence of r. Word IDs must run 1, 2, … within a
// sentence; HEAD must be "_" or a number in [0, words]; only ID and FORM are
// required, so that files with the other columns blank ("_") are read as
// input to be parsed.
func ReadConllu(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	err := ScanConllu(r, func(s Sentence) error { out = append(out, s); return nil })
	return out, err
}

// ScanConllu calls fn for each sentence of r as it is read, stopping at the
// first error fn returns.
func ScanConllu(r io.Reader, fn func(Sentence) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	var (
		cur     Sentence
		started bool
		lineNo  int
		startNo int
	)
	flush := func() error {
		if !started {
			return nil
		}
		for i, w := range cur.Words {
			if w.Head > len(cur.Words) {
				return &ReadError{Line: startNo, Msg: fmt.Sprintf("word %d: HEAD %d beyond the sentence's %d words", i+1, w.Head, len(cur.Words))}
			}
		}
		s := cur
		cur = Sentence{}
		started = false
		return fn(s)
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		if !started {
			started = true
			startNo = lineNo
		}
		if line[0] == '#' {
			cur.Comments = append(cur.Comments, line)
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return &ReadError{Line: lineNo, Msg: "want at least ID and FORM separated by a tab"}
		}
		id := cols[0]
		if strings.ContainsAny(id, "-.") {
			cur.Extra = append(cur.Extra, ExtraLine{Before: len(cur.Words), Line: line})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return &ReadError{Line: lineNo, Msg: fmt.Sprintf("ID %q: want %d", id, len(cur.Words)+1)}
		}
		w := ConllWord{Form: cols[1], Head: -1}
		col := func(i int) string {
			if i < len(cols) {
				return cols[i]
			}
			return "_"
		}
		w.Lemma, w.UPOS, w.XPOS, w.Feats = col(2), col(3), col(4), col(5)
		if h := col(6); h != "_" {
			hv, err := strconv.Atoi(h)
			if err != nil || hv < 0 {
				return &ReadError{Line: lineNo, Msg: fmt.Sprintf("HEAD %q: want a word ID or 0", h)}
			}
			w.Head = hv
		}
		w.Deprel, w.Deps, w.Misc = col(7), col(8), col(9)
		cur.Words = append(cur.Words, w)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("conllu: line %d: %w", lineNo+1, err)
	}
	return flush()
}

// WriteConllu writes s in CoNLL-U: comments, then word lines with the extra
// lines in their places, then a blank line.
func WriteConllu(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	e := 0
	for i, wd := range s.Words {
		for e < len(s.Extra) && s.Extra[e].Before <= i {
			bw.WriteString(s.Extra[e].Line)
			bw.WriteByte('\n')
			e++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, wd.Form, blank(wd.Lemma), blank(wd.UPOS), blank(wd.XPOS), blank(wd.Feats), head, blank(wd.Deprel), blank(wd.Deps), blank(wd.Misc))
	}
	for ; e < len(s.Extra); e++ {
		bw.WriteString(s.Extra[e].Line)
		bw.WriteByte('\n')
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func blank(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
