package syntax

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
)

// Model is a trained tagger and parser. It is immutable and safe for
// concurrent use; each goroutine parses with its own Parser.
type Model struct {
	// Relations are the dependency relations the parser predicts, with
	// subtypes ("nsubj:pass"), sorted; Tree.Rels index them.
	Relations []string
	// Notes are the free-text lines of the model file's header (the data
	// and command it was trained with).
	Notes []string

	root, fallback uint8
	beam           int    // parser beam width; 1 (greedy) for a file without a beam line
	tagger         *table // first pass, left to right
	tagger2        *table // second pass, reading the first pass's tags of the next words
	amb            *ambig
	moves, rels    *table
}

// Magic is the first line of a model file.
const Magic = "stancetag-syntax-model 1"

// ModelPath is where a lexicon data directory holds the model.
const ModelPath = "syntax/en_ewt.model"

// Rel returns the name of relation r ("nsubj").
func (m *Model) Rel(r uint8) string {
	if int(r) < len(m.Relations) {
		return m.Relations[r]
	}
	return "dep"
}

// Beam returns the parser's beam width: 1 for a greedy parser.
func (m *Model) Beam() int { return max(m.beam, 1) }

// WithBeam returns m parsing with a beam of k items (1: greedy), k in [1,
// MaxBeam]. A model trained with a beam parses best at about its own width;
// a wider beam costs more and gains little, a greedy parse of a beam-trained
// model loses much.
func (m *Model) WithBeam(k int) *Model {
	c := *m
	c.beam = min(max(k, 1), MaxBeam)
	return &c
}

// MaxBeam bounds the beam width a model file may ask for: the parse costs
// about the beam width times a greedy one.
const MaxBeam = 64

// Size reports the number of features of the tagger, move and relation
// tables.
func (m *Model) Size() (tagger, moves, rels int) {
	return m.tagger.rows + m.tagger2.rows, m.moves.rows, m.rels.rows
}

// Parser tags and parses sentences with a Model, reusing its memory; it is
// not safe for concurrent use.
type Parser struct {
	m   *Model
	dec decoder
	lx  []lex
	amb []uint32
	r   []UPOS // first-pass tags
	sc  parseScratch
}

// NewParser returns a Parser of m.
func (m *Model) NewParser() *Parser {
	return &Parser{m: m, dec: decoder{moves: m.moves, rels: m.rels, nrel: len(m.Relations), beam: m.Beam(), root: m.root, fallback: m.fallback, memo: true}}
}

// Parse tags and parses the words of one sentence into t. It allocates only
// to grow its memory and t's.
func (p *Parser) Parse(words []string, t *Tree) {
	n := len(words)
	t.reset(n)
	p.lx = resizeZero(p.lx, n)
	for i, w := range words {
		p.lx[i] = lexOf(w, i == 0)
	}
	p.parseLex(t)
}

// parseLex tags and parses p.lx into t (sized already).
func (p *Parser) parseLex(t *Tree) {
	p.amb = p.m.amb.classes(p.amb, p.lx)
	p.r = resizeZero(p.r, len(p.lx))
	p.sc.keys = tagWith(p.m.tagger, p.lx, p.amb, nil, p.r, p.sc.keys)
	p.sc.keys = tagWith(p.m.tagger2, p.lx, p.amb, p.r, t.Tags, p.sc.keys)
	// A run-on "sentence" of thousands of words (a list, a table pasted as
	// text) is parsed in pieces of MaxParseWords, each piece's root
	// attached to the first one's: the parser state arrays stay small and
	// the cost stays linear whatever the input.
	root := int32(-1)
	for a := 0; a < len(p.lx); a += MaxParseWords {
		b := min(a+MaxParseWords, len(p.lx))
		ctx := parseCtx{lx: p.lx[a:b], tags: t.Tags[a:b], amb: p.amb[a:b]}
		sub := Tree{Tags: t.Tags[a:b], Heads: t.Heads[a:b], Rels: t.Rels[a:b]}
		p.dec.run(&ctx, &p.sc, &sub)
		if a == 0 {
			for i, h := range sub.Heads {
				if h < 0 {
					root = int32(i)
				}
			}
			continue
		}
		for i, h := range sub.Heads {
			if h >= 0 {
				sub.Heads[i] = h + int32(a)
			} else {
				sub.Heads[i], sub.Rels[i] = root, p.m.fallback
			}
		}
	}
}

// MaxParseWords is the longest piece of a sentence parsed as one: longer
// sentences are parsed in pieces (see parseLex). EWT's longest training
// sentence has 159 words.
const MaxParseWords = 256

// Save writes m in the model file format: a text header (Magic, notes as
// "# " lines, the relations, the beam width when it is above 1, the table
// sizes, the SHA-256 of the body) and a
// binary body with each table's rows in key order: the key's difference to
// the previous key (uvarint), the number of non-zero weights (uvarint), and
// per weight its class's difference to the previous class (uvarint) and the
// weight (zig-zag varint).
func (m *Model) Save(w io.Writer) error {
	var body bytes.Buffer
	tabs := []*table{m.tagger, m.tagger2, m.moves, m.rels}
	for _, t := range tabs {
		writeTable(&body, t)
	}
	m.amb.write(&body)
	sum := sha256.Sum256(body.Bytes())
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, Magic)
	for _, n := range m.Notes {
		fmt.Fprintf(bw, "# %s\n", n)
	}
	fmt.Fprintf(bw, "relations %s\n", strings.Join(m.Relations, " "))
	fmt.Fprintf(bw, "root %s\nfallback %s\n", m.Relations[m.root], m.Relations[m.fallback])
	if m.Beam() > 1 {
		fmt.Fprintf(bw, "beam %d\n", m.Beam())
	}
	for i, t := range tabs {
		fmt.Fprintf(bw, "table %s %d %d\n", tableNames[i], t.nclass, t.rows)
	}
	fmt.Fprintf(bw, "ambiguity %d\n", m.amb.n)
	fmt.Fprintf(bw, "body %d %s\n", body.Len(), hex.EncodeToString(sum[:]))
	bw.Write(body.Bytes())
	return bw.Flush()
}

var tableNames = [...]string{"tagger", "tagger2", "moves", "relations"}

// tabSpec is a table's header line: classes per row and rows.
type tabSpec struct{ nclass, rows int }

func writeTable(w *bytes.Buffer, t *table) {
	var buf [binary.MaxVarintLen64]byte
	prev := uint64(0)
	t.each(func(key uint64, row []int16) {
		w.Write(buf[:binary.PutUvarint(buf[:], (key-prev)>>keyDrop)])
		prev = key
		nz := 0
		for _, v := range row {
			if v != 0 {
				nz++
			}
		}
		w.Write(buf[:binary.PutUvarint(buf[:], uint64(nz))])
		pc := 0
		for c, v := range row {
			if v == 0 {
				continue
			}
			w.Write(buf[:binary.PutUvarint(buf[:], uint64(c-pc))])
			pc = c
			w.Write(buf[:binary.PutVarint(buf[:], int64(v))])
		}
	})
}

// LoadError is a malformed model file.
type LoadError struct {
	Path string
	Line int // header line, or 0 for the body
	Msg  string
}

func (e *LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// MaxModelBytes bounds a model file, so that a wrong file is refused
// before it is read into memory.
const MaxModelBytes = 64 << 20

// ReadModel reads a model written by Save. path names the file in errors.
// Every count, class and weight is checked, and the body against its
// SHA-256.
func ReadModel(data []byte, path string) (*Model, error) {
	if len(data) > MaxModelBytes {
		return nil, &LoadError{Path: path, Msg: fmt.Sprintf("%d bytes, more than the limit of %d", len(data), MaxModelBytes)}
	}
	m := &Model{}
	line := 0
	next := func() (string, error) {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return "", &LoadError{Path: path, Line: line + 1, Msg: "header ends before the body line"}
		}
		s := string(data[:i])
		data = data[i+1:]
		line++
		return s, nil
	}
	bad := func(format string, a ...any) error {
		return &LoadError{Path: path, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	s, err := next()
	if err != nil {
		return nil, err
	}
	if s != Magic {
		return nil, bad("want %q, have %q", Magic, truncate(s))
	}
	var (
		specs          []tabSpec
		rootN, fallbkN string
		nAmb           = -1
	)
	for {
		s, err = next()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(s, "# ") || s == "#" {
			m.Notes = append(m.Notes, strings.TrimPrefix(strings.TrimPrefix(s, "#"), " "))
			continue
		}
		f := strings.Fields(s)
		if len(f) == 0 {
			return nil, bad("empty header line")
		}
		switch f[0] {
		case "relations":
			m.Relations = f[1:]
			if len(m.Relations) == 0 || len(m.Relations) > 255 {
				return nil, bad("%d relations: want 1 to 255", len(m.Relations))
			}
		case "root", "fallback":
			if len(f) != 2 {
				return nil, bad("want %s NAME", f[0])
			}
			if f[0] == "root" {
				rootN = f[1]
			} else {
				fallbkN = f[1]
			}
		case "table":
			if len(f) != 4 || f[1] != tableNames[len(specs)%len(tableNames)] || len(specs) >= len(tableNames) {
				return nil, bad("want table %s CLASSES ROWS", tableNames[min(len(specs), len(tableNames)-1)])
			}
			nc, err1 := strconv.Atoi(f[2])
			rows, err2 := strconv.Atoi(f[3])
			if err1 != nil || err2 != nil || nc < 1 || nc > 255 || rows < 0 || rows > MaxModelBytes {
				return nil, bad("table %s: bad sizes %q %q", f[1], f[2], f[3])
			}
			specs = append(specs, tabSpec{nc, rows})
		case "beam":
			k := 0
			if len(f) == 2 {
				k, err = strconv.Atoi(f[1])
			}
			if len(f) != 2 || err != nil || k < 1 || k > MaxBeam {
				return nil, bad("want beam WIDTH, 1 to %d", MaxBeam)
			}
			m.beam = k
		case "ambiguity":
			if len(f) != 2 {
				return nil, bad("want ambiguity ENTRIES")
			}
			n, err := strconv.Atoi(f[1])
			if err != nil || n < 0 || n > MaxModelBytes {
				return nil, bad("ambiguity: bad count %q", f[1])
			}
			nAmb = n
		case "body":
			if len(f) != 3 {
				return nil, bad("want body BYTES SHA256")
			}
			n, err := strconv.Atoi(f[1])
			if err != nil || n != len(data) {
				return nil, bad("body of %s bytes, file has %d", f[1], len(data))
			}
			sum := sha256.Sum256(data)
			if hex.EncodeToString(sum[:]) != f[2] {
				return nil, bad("body SHA-256 mismatch: file damaged")
			}
			return m.finish(data, specs, nAmb, rootN, fallbkN, path)
		default:
			return nil, bad("unknown header line %q", truncate(s))
		}
	}
}

func (m *Model) finish(body []byte, specs []tabSpec, nAmb int, rootN, fallbkN, path string) (*Model, error) {
	bad := func(format string, a ...any) error {
		return &LoadError{Path: path, Msg: fmt.Sprintf(format, a...)}
	}
	if len(specs) != len(tableNames) {
		return nil, bad("%d tables, want %d", len(specs), len(tableNames))
	}
	if m.Relations == nil {
		return nil, bad("no relations line")
	}
	want := []int{NumUPOS, NumUPOS, int(numMoves), len(m.Relations)}
	for i, sp := range specs {
		if sp.nclass != want[i] {
			return nil, bad("table %s has %d classes, want %d", tableNames[i], sp.nclass, want[i])
		}
	}
	idx := func(name string) (uint8, bool) {
		for i, r := range m.Relations {
			if r == name {
				return uint8(i), true
			}
		}
		return 0, false
	}
	var ok bool
	if m.root, ok = idx(rootN); !ok {
		return nil, bad("root relation %q is not among the relations", rootN)
	}
	if m.fallback, ok = idx(fallbkN); !ok {
		return nil, bad("fallback relation %q is not among the relations", fallbkN)
	}
	r := &varints{b: body}
	tabs := make([]*table, len(specs))
	for i, sp := range specs {
		t, err := readTable(r, sp.nclass, sp.rows)
		if err != nil {
			return nil, bad("table %s: %v", tableNames[i], err)
		}
		tabs[i] = t
	}
	if nAmb < 0 {
		return nil, bad("no ambiguity line")
	}
	amb, err := readAmbig(r, nAmb)
	if err != nil {
		return nil, bad("ambiguity: %v", err)
	}
	m.amb = amb
	if r.Len() != 0 {
		return nil, bad("%d bytes after the last table", r.Len())
	}
	m.tagger, m.tagger2, m.moves, m.rels = tabs[0], tabs[1], tabs[2], tabs[3]
	return m, nil
}

func readTable(r *varints, nclass, rows int) (*table, error) {
	// Each row takes at least two bytes, so a count the body cannot hold
	// is refused before the table is allocated.
	if rows > r.Len()/2 {
		return nil, fmt.Errorf("%d rows cannot fit in %d bytes", rows, r.Len())
	}
	t := newTable(nclass, rows)
	row := make([]int16, nclass)
	var key uint64
	for i := 0; i < rows; i++ {
		d, err := r.uvarint()
		if err != nil {
			return nil, fmt.Errorf("row %d: key: %w", i, err)
		}
		if d == 0 && i > 0 || d > math.MaxUint64>>keyDrop || key+d<<keyDrop < key {
			return nil, fmt.Errorf("row %d: keys out of order", i)
		}
		d <<= keyDrop
		key += d
		if key == 0 {
			return nil, fmt.Errorf("row %d: key 0", i)
		}
		nz, err := r.uvarint()
		if err != nil || nz > uint64(nclass) {
			return nil, fmt.Errorf("row %d: %d weights for %d classes", i, nz, nclass)
		}
		clear(row)
		c := 0
		for j := 0; j < int(nz); j++ {
			dc, err := r.uvarint()
			if err != nil || (j > 0 && dc == 0) || dc >= uint64(nclass) || c+int(dc) >= nclass {
				return nil, fmt.Errorf("row %d: class out of range or order", i)
			}
			c += int(dc)
			v, err := r.varint()
			if err != nil || v < -32768 || v > 32767 {
				return nil, fmt.Errorf("row %d: weight out of the int16 range", i)
			}
			row[c] = int16(v)
		}
		t.putSorted(key, row)
	}
	return t, nil
}

// varints reads the varints of a model body. It decodes from the byte
// slice directly: through a bytes.Reader (binary.ReadUvarint, a method
// call per byte) the 16 MB body took twice the instructions to load.
type varints struct{ b []byte }

// Len returns the number of bytes left.
func (r *varints) Len() int { return len(r.b) }

func (r *varints) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		return 0, varintErr(n)
	}
	r.b = r.b[n:]
	return v, nil
}

func (r *varints) varint() (int64, error) {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		return 0, varintErr(n)
	}
	r.b = r.b[n:]
	return v, nil
}

// varintErr is the error of a failed binary.Uvarint or Varint: n == 0
// when the bytes end inside the number, n < 0 when it overflows.
func varintErr(n int) error {
	if n == 0 {
		return io.ErrUnexpectedEOF
	}
	return errors.New("varint overflows 64 bits")
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Load reads the model at ModelPath of fsys (a lexicon data directory).
func Load(fsys fs.FS) (*Model, error) {
	f, err := fsys.Open(ModelPath)
	if err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("syntax: reading %s: %w", ModelPath, err)
	}
	return ReadModel(data, ModelPath)
}

// maxHeaderBytes bounds the header ReadHeader reads.
const maxHeaderBytes = 1 << 20

// ReadHeader returns the header of the model file in r: its lines up to and
// including the "body" line, which names the body's size and SHA-256. The
// header stands for the whole file (a lexicon version hashes it instead of
// the megabytes of the body); ReadModel checks the body against it.
func ReadHeader(r io.Reader) ([]byte, error) {
	br := bufio.NewReader(io.LimitReader(r, maxHeaderBytes))
	var out []byte
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			out = append(out, line...)
			continue
		}
		out = append(out, line...)
		if err != nil {
			return nil, fmt.Errorf("syntax: model header without a body line in its first %d bytes", maxHeaderBytes)
		}
		if bytes.HasPrefix(line, []byte("body ")) {
			return out, nil
		}
	}
}
