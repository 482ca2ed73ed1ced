package sentiment

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// DataError reports a bad line in a lexicon data file. Its message names the
// file and line: `sentiment/valence.tsv:12: valence "abc" is not a number`.
type DataError struct {
	// Path is the file's path in the fs.FS, e.g. "sentiment/valence.tsv".
	Path string
	// Line is 1-based.
	Line int
	// Msg says what is wrong.
	Msg string
}

func (e *DataError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// Load reads the sentiment lexicon from fsys: the files ValencePath,
// IdiomsPath, BoostersPath, NegatorsPath and ContrastPath, all required, and
// PostsPath, read when present. A
// malformed line gives a *DataError naming file and line; a missing or
// unreadable file gives the fs error, wrapped.
//
// A term may appear once across all files, except that a negator may also
// have a valence (its own valence counts when it negates nothing).
func Load(fsys fs.FS) (*Lexicon, error) {
	var b builder
	files := []struct {
		path string
		// minFields and maxFields count the term.
		minFields, maxFields int
		add                  func(rec record) error
	}{
		{ValencePath, 2, 2, b.addValence},
		{IdiomsPath, 2, 2, b.addIdiom},
		{BoostersPath, 2, 2, b.addBooster},
		{NegatorsPath, 2, 3, b.addNegator},
		{ContrastPath, 2, 2, b.addContrast},
		{PostsPath, 2, 2, b.addValence},
	}
	// Read every file first, so that the table of terms is sized once: grown
	// entry by entry, rehashing it was a fifth of the load time.
	// Each file becomes one string, whose substrings are the terms and
	// fields: no allocation per line.
	data := make([]string, len(files))
	lines := 0
	for i, f := range files {
		b, err := fs.ReadFile(fsys, f.path)
		if err != nil && !(f.path == PostsPath && errors.Is(err, fs.ErrNotExist)) {
			return nil, fmt.Errorf("sentiment: %w", err)
		}
		data[i] = string(b)
		lines += strings.Count(data[i], "\n") + 1
	}
	b.seen = make(map[string]seenTerm, lines)
	b.order = make([]string, 0, lines)
	for i, f := range files {
		if err := parse(f.path, data[i], f.minFields, f.maxFields, f.add); err != nil {
			return nil, err
		}
	}
	return b.build(), nil
}

// record is one data line, split into tab-separated fields.
type record struct {
	path   string
	line   int
	term   string
	fields []string // after the term
}

// errorf returns a *DataError for r's line.
func (r record) errorf(format string, args ...any) error {
	return &DataError{Path: r.path, Line: r.line, Msg: fmt.Sprintf(format, args...)}
}

// number parses field i as a float32 in [lo, hi]; what names the field in
// errors.
func (r record) number(i int, what string, lo, hi float64) (float32, error) {
	s := r.fields[i]
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, r.errorf("%s %q is not a number", what, s)
	}
	if v < lo || v > hi {
		return 0, r.errorf("%s %s is out of range [%g, %g]", what, strings.TrimSpace(s), lo, hi)
	}
	return float32(v), nil
}

// parse calls add for every data line of a file; blank lines and lines
// starting with '#' are skipped. The record's fields are reused for the
// next line: add must not keep them (the strings it may keep).
func parse(path string, data string, minFields, maxFields int, add func(record) error) error {
	line := 0
	fields := make([]string, 0, maxFields)
	for len(data) > 0 {
		line++
		raw := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		raw = strings.TrimSuffix(raw, "\r")
		if strings.TrimSpace(raw) == "" || raw[0] == '#' {
			continue
		}
		r := record{path: path, line: line}
		if !utf8.ValidString(raw) {
			return r.errorf("line is not valid UTF-8")
		}
		if n := strings.Count(raw, "\t") + 1; n < minFields || n > maxFields {
			want := strconv.Itoa(minFields)
			if maxFields > minFields {
				want += " or " + strconv.Itoa(maxFields)
			}
			return r.errorf("want %s tab-separated fields, found %d", want, n)
		}
		fields = fields[:0]
		for f := range strings.SplitSeq(raw, "\t") {
			fields = append(fields, f)
		}
		r.term, r.fields = fields[0], fields[1:]
		if err := checkTerm(r); err != nil {
			return err
		}
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}

// checkTerm checks that a term is written the way folded text is looked up.
func checkTerm(r record) error {
	t := r.term
	doubled, other := scanSpaces(t)
	switch {
	case t == "":
		return r.errorf("empty term")
	case strings.TrimSpace(t) != t:
		return r.errorf("term %q has leading or trailing space", t)
	case doubled:
		return r.errorf("term %q has a doubled space", t)
	case other:
		return r.errorf("term %q holds a space other than ' '", t)
	}
	var buf [64]byte // most terms fit: no allocation
	if string(tokenize.AppendLower(buf[:0], t)) != t {
		return r.errorf("term %q is not in lookup form (write %q)", t, tokenize.AppendLower(nil, t))
	}
	if strings.HasPrefix(t, "*") && r.path != NegatorsPath {
		return r.errorf("term %q: suffix patterns (*...) belong in %s", t, NegatorsPath)
	}
	return nil
}

// scanSpaces reports whether t holds a doubled ' ', and whether it holds a
// space other than ' ' that the tokenizer splits on. Most terms are ASCII:
// they are checked in one pass over the bytes, the rest of a term past its
// first non-ASCII byte by the slower searches.
func scanSpaces(t string) (doubled, other bool) {
	for i := range len(t) {
		switch c := t[i]; {
		case c == ' ' && i > 0 && t[i-1] == ' ':
			doubled = true
		case c == '\v' || c == '\f':
			other = true
		case c >= utf8.RuneSelf:
			// t[:i] is ASCII, so t[i:] starts a rune; no "  " spans
			// t[i-1:i+1].
			rest := t[i:]
			return doubled || strings.Contains(rest, "  "), other || strings.ContainsAny(rest, "\v\f\u0085\u00a0")
		}
	}
	return doubled, other
}

// seenTerm remembers where a term was defined (formatted only for an error).
type seenTerm struct {
	path string
	line int
	e    entry
}

// builder collects entries while files load.
type builder struct {
	seen  map[string]seenTerm
	order []string // terms in load order, for deterministic phrase order
}

// put records e for r's term, rejecting duplicates; merge may combine e
// with an earlier entry of the same term and report whether it did.
func (b *builder) put(r record, e entry, merge func(old entry) (entry, bool)) error {
	if old, ok := b.seen[r.term]; ok {
		if merge != nil {
			if m, ok := merge(old.e); ok {
				old.e = m
				b.seen[r.term] = old
				return nil
			}
		}
		return r.errorf("duplicate term %q (first at %s:%d)", r.term, old.path, old.line)
	}
	b.seen[r.term] = seenTerm{path: r.path, line: r.line, e: e}
	b.order = append(b.order, r.term)
	return nil
}

func (b *builder) addValence(r record) error {
	v, err := r.number(0, "valence", -MaxValence, MaxValence)
	if err != nil {
		return err
	}
	if v == 0 {
		return r.errorf("valence 0 has no effect: leave %q out", r.term)
	}
	return b.put(r, entry{role: roleValence, hasValence: true, valence: v}, nil)
}

func (b *builder) addIdiom(r record) error {
	v, err := r.number(0, "valence", -MaxValence, MaxValence)
	if err != nil {
		return err
	}
	if !strings.Contains(r.term, " ") {
		return r.errorf("idiom %q is one word: put it in %s", r.term, ValencePath)
	}
	return b.put(r, entry{role: roleIdiom, hasValence: v != 0, valence: v}, nil)
}

func (b *builder) addBooster(r record) error {
	v, err := r.number(0, "factor", -1, 1)
	if err != nil {
		return err
	}
	if v == 0 {
		return r.errorf("factor 0 has no effect: leave %q out", r.term)
	}
	return b.put(r, entry{role: roleBooster, factor: v}, nil)
}

func (b *builder) addNegator(r record) error {
	pos, err := r.number(0, "scalar", -2, 2)
	if err != nil {
		return err
	}
	neg := pos / 2
	if len(r.fields) == 2 {
		if neg, err = r.number(1, "scalar", -2, 2); err != nil {
			return err
		}
	}
	e := entry{role: roleNegator, factor: pos, negFactor: neg}
	if suffix, ok := strings.CutPrefix(r.term, "*"); ok {
		if suffix == "" || strings.ContainsAny(suffix, " *") {
			return r.errorf("suffix pattern %q must be * and one word ending", r.term)
		}
	}
	// A negator may have a valence of its own from valence.tsv.
	return b.put(r, e, func(old entry) (entry, bool) {
		if old.role != roleValence {
			return entry{}, false
		}
		e.hasValence, e.valence = true, old.valence
		return e, true
	})
}

func (b *builder) addContrast(r record) error {
	var k contrastKind
	switch strings.TrimSpace(r.fields[0]) {
	case "but":
		k = contrastBut
	case "but-initial":
		k = contrastButInitial
	case "concessive":
		k = contrastConcessive
	default:
		return r.errorf("contrast kind %q is not one of but, but-initial, concessive", r.fields[0])
	}
	return b.put(r, entry{role: roleContrast, contrast: k}, nil)
}

// build indexes the collected entries.
func (b *builder) build() *Lexicon {
	// At most one head per term: sized once, not grown by copying.
	l := &Lexicon{heads: make(map[string]int32, len(b.order)), list: make([]head, 0, len(b.order)), entries: len(b.order)}
	headOf := func(w string) *head {
		i, ok := l.heads[w]
		if !ok {
			i = int32(len(l.list))
			l.heads[w] = i
			l.list = append(l.list, head{})
		}
		return &l.list[i]
	}
	for _, term := range b.order {
		e := b.seen[term].e
		if suffix, ok := strings.CutPrefix(term, "*"); ok {
			l.suffixes = append(l.suffixes, suffixNegator{suffix: suffix, e: e})
			continue
		}
		// Split only phrases: most terms are one word.
		first, rest, isPhrase := strings.Cut(term, " ")
		h := headOf(first)
		if !isPhrase {
			h.e = e
			continue
		}
		h.phrases = append(h.phrases, phrase{rest: words(rest), e: e})
	}
	for _, s := range l.suffixes {
		last := s.suffix[len(s.suffix)-1]
		l.suffixEnds[last>>6] |= 1 << (last & 63)
	}
	for w, i := range l.heads {
		h := &l.list[i]
		// Longest phrase first, so that "no longer" wins over "no".
		slices.SortStableFunc(h.phrases, func(a, b phrase) int { return len(b.rest) - len(a.rest) })
		if h.e.role == roleNone {
			if e := l.suffix([]byte(w)); e != nil {
				h.e = *e
			}
		}
	}
	return l
}
