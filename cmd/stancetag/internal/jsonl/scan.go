package jsonl

import (
	"encoding/json"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stancetag/stancetag/cmd/stancetag/internal/jsontext"
)

// lineDecoder decodes input lines into inStatements, with the result of
// encoding/json.Unmarshal but without its reflection: six to seven times
// faster on real lines (BenchmarkDecode), with one allocation for all the
// strings of a line instead of one each.
//
// It reads the forms real input has: one object with the fields of
// inStatement matched exactly or ASCII-case-insensitively, strings with any
// escapes, null, unknown fields with any value (skipped, but checked to be
// valid JSON). Anything else — a syntax error, a value of the wrong type, a
// key given twice (encoding/json merges those), a key with escapes or
// non-ASCII bytes (folded with Unicode rules), nesting deeper than
// maxScanDepth — is handed to encoding/json, so that its result and its
// error message are exactly encoding/json's. FuzzLineDecoder checks that
// both agree.
//
// Its buffers are reused from line to line; the inStatement it fills shares
// nothing with them. Not safe for concurrent use.
type lineDecoder struct {
	data []byte // the line
	pos  int    // next byte of data to read
	// buf holds the decoded bytes of every string of the line, one after
	// the other; the fields are cut from one string made of it.
	buf     []byte
	actors  []actorSpans
	aliases []strSpan
}

// maxScanDepth is the deepest nesting read here; encoding/json takes deeper
// lines (up to 10000).
const maxScanDepth = 100

// strSpan is a string of the line, as a range of lineDecoder.buf.
type strSpan struct{ from, to int }

// topSpans is what decode reads of the statement object.
type topSpans struct {
	id, text, speaker, speakerCamel strSpan
	// actors is false when "actors" is absent or null (a nil slice).
	actors bool
}

// actorSpans is what decode reads of one actor object.
type actorSpans struct {
	id, name strSpan
	// aliasFrom:aliasTo is the actor's range of lineDecoder.aliases;
	// hasAliases is false when "aliases" is absent or null (a nil slice).
	aliasFrom, aliasTo int
	hasAliases         bool
	kind               inKind
}

// Fields of inStatement and inActor, by their JSON names. The order of
// statementFields is that of the bits in decode's seen mask.
var (
	statementFields = []string{"id", "text", "speaker_id", "speakerId", "actors"}
	actorFields     = []string{"id", "name", "aliases", "kind"}
)

const (
	fieldID = iota
	fieldText
	fieldSpeaker
	fieldSpeakerCamel
	fieldActors
)

const (
	actorID = iota
	actorName
	actorAliases
	actorKind
)

// fieldUnknown is the field index of a key no field has.
const fieldUnknown = -1

// decode decodes line into in (overwritten), as json.Unmarshal(line, in)
// does, error included.
func (d *lineDecoder) decode(line []byte, in *inStatement) error {
	ok := d.fast(line, in)
	d.data = nil // not kept past the call
	if ok {
		return nil
	}
	*in = inStatement{}
	return json.Unmarshal(line, in)
}

// fast decodes line into in when it can; false means it could not, and in
// is then untouched.
func (d *lineDecoder) fast(line []byte, in *inStatement) bool {
	d.data, d.pos = line, 0
	d.buf, d.actors, d.aliases = d.buf[:0], d.actors[:0], d.aliases[:0]
	var top topSpans
	d.space()
	if !d.statement(&top) {
		return false
	}
	if d.space(); d.pos != len(d.data) {
		return false
	}

	// One string for every field; empty strings cost nothing.
	s := string(d.buf)
	at := func(sp strSpan) string { return s[sp.from:sp.to] }
	*in = inStatement{ID: at(top.id), Text: at(top.text), SpeakerID: at(top.speaker), SpeakerIDCamel: at(top.speakerCamel)}
	if !top.actors {
		return true
	}
	// As encoding/json: [] is an empty slice, not nil; make of length 0
	// does not allocate.
	in.Actors = make([]inActor, len(d.actors))
	var aliases []string
	if len(d.aliases) > 0 {
		aliases = make([]string, len(d.aliases))
		for i, sp := range d.aliases {
			aliases[i] = at(sp)
		}
	}
	for i := range d.actors {
		a := &d.actors[i]
		out := &in.Actors[i]
		out.ID, out.Name, out.Kind = at(a.id), at(a.name), a.kind
		switch {
		case !a.hasAliases:
		case a.aliasFrom == a.aliasTo:
			out.Aliases = []string{}
		default:
			// Capped, so that appending to one actor's aliases cannot
			// overwrite the next actor's.
			out.Aliases = aliases[a.aliasFrom:a.aliasTo:a.aliasTo]
		}
	}
	return true
}

// statement reads the statement object.
func (d *lineDecoder) statement(top *topSpans) bool {
	if !d.consume('{') {
		return false
	}
	var seen uint
	more, ok := d.open('}')
	for ; more; more, ok = d.next('}') {
		f, ok := d.key(statementFields)
		if !ok {
			return false
		}
		if f != fieldUnknown {
			if seen&(1<<f) != 0 {
				return false // encoding/json's rule for repeated keys is left to it
			}
			seen |= 1 << f
		}
		d.space()
		switch f {
		case fieldID:
			ok = d.stringField(&top.id)
		case fieldText:
			ok = d.stringField(&top.text)
		case fieldSpeaker:
			ok = d.stringField(&top.speaker)
		case fieldSpeakerCamel:
			ok = d.stringField(&top.speakerCamel)
		case fieldActors:
			ok = d.actorList(top)
		default:
			ok = d.skip(1)
		}
		if !ok {
			return false
		}
	}
	return ok
}

// key reads a member's key and its ":", and returns the index of the field
// of fields it names, or fieldUnknown. Keys with escapes or non-ASCII bytes
// are not read here (ok false): encoding/json unescapes them and folds them
// with Unicode rules ("\u212a" is a "k").
func (d *lineDecoder) key(fields []string) (f int, ok bool) {
	if !d.consume('"') {
		return 0, false
	}
	// A key ends at the first byte that is not plain: only a quote is
	// read here.
	start := d.pos
	end := jsontext.PlainRunBytes(d.data, start)
	if end == len(d.data) || d.data[end] != '"' {
		return 0, false
	}
	k := d.data[start:end]
	d.pos = end + 1
	d.space()
	if !d.consume(':') {
		return 0, false
	}
	// As encoding/json: an exact match first, then a case-insensitive one
	// (ASCII only here).
	for i, name := range fields {
		if string(k) == name {
			return i, true
		}
	}
	for i, name := range fields {
		if equalFoldASCII(k, name) {
			return i, true
		}
	}
	return fieldUnknown, true
}

// equalFoldASCII reports whether ASCII k and name are equal but for the case
// of letters.
func equalFoldASCII(k []byte, name string) bool {
	if len(k) != len(name) {
		return false
	}
	for i := range len(k) {
		a, b := k[i], name[i]
		if a == b {
			continue
		}
		if a|0x20 != b|0x20 || a|0x20 < 'a' || a|0x20 > 'z' {
			return false
		}
	}
	return true
}

// stringField reads a string or null into sp (null leaves it empty, as
// encoding/json leaves a string field untouched).
func (d *lineDecoder) stringField(sp *strSpan) bool {
	if d.pos >= len(d.data) {
		return false
	}
	switch d.data[d.pos] {
	case '"':
		return d.str(sp)
	case 'n':
		return d.literal("null")
	}
	return false
}

// actorList reads the actors array, or null.
func (d *lineDecoder) actorList(top *topSpans) bool {
	if d.pos < len(d.data) && d.data[d.pos] == 'n' {
		return d.literal("null")
	}
	if !d.consume('[') {
		return false
	}
	top.actors = true
	for more, ok := d.open(']'); ; more, ok = d.next(']') {
		if !more {
			return ok
		}
		d.actors = append(d.actors, actorSpans{})
		a := &d.actors[len(d.actors)-1]
		switch {
		case d.pos < len(d.data) && d.data[d.pos] == 'n':
			// A null element is a zero actor.
			ok = d.literal("null")
		default:
			ok = d.actor(a)
		}
		if !ok {
			return false
		}
	}
}

// actor reads one actor object into a.
func (d *lineDecoder) actor(a *actorSpans) bool {
	if !d.consume('{') {
		return false
	}
	var seen uint
	more, ok := d.open('}')
	for ; more; more, ok = d.next('}') {
		f, ok := d.key(actorFields)
		if !ok {
			return false
		}
		if f != fieldUnknown {
			if seen&(1<<f) != 0 {
				return false
			}
			seen |= 1 << f
		}
		d.space()
		switch f {
		case actorID:
			ok = d.stringField(&a.id)
		case actorName:
			ok = d.stringField(&a.name)
		case actorAliases:
			ok = d.aliasList(a)
		case actorKind:
			ok = d.kind(&a.kind)
		default:
			ok = d.skip(3)
		}
		if !ok {
			return false
		}
	}
	return ok
}

// aliasList reads an actor's aliases array, or null.
func (d *lineDecoder) aliasList(a *actorSpans) bool {
	if d.pos < len(d.data) && d.data[d.pos] == 'n' {
		return d.literal("null")
	}
	if !d.consume('[') {
		return false
	}
	a.hasAliases = true
	a.aliasFrom = len(d.aliases)
	for more, ok := d.open(']'); ; more, ok = d.next(']') {
		if !more {
			a.aliasTo = len(d.aliases)
			return ok
		}
		// A null element is an empty alias.
		var sp strSpan
		if !d.stringField(&sp) {
			return false
		}
		d.aliases = append(d.aliases, sp)
	}
}

// kind reads an actor's kind, any JSON value, as inKind.UnmarshalJSON does.
func (d *lineDecoder) kind(k *inKind) bool {
	if d.pos >= len(d.data) {
		return false
	}
	switch d.data[d.pos] {
	case 'n':
		*k = inKind{}
		return d.literal("null")
	case '"':
		var sp strSpan
		if !d.str(&sp) {
			return false
		}
		*k = kindFromName(d.buf[sp.from:sp.to])
		d.buf = d.buf[:sp.from] // not a field of the statement
		return true
	}
	start := d.pos
	if !d.skip(3) {
		return false
	}
	*k = kindFromRaw(d.data[start:d.pos])
	return true
}

// str reads a string, appending its decoded bytes to buf, as encoding/json
// decodes them: each invalid UTF-8 byte and each unpaired surrogate escape
// becomes U+FFFD.
func (d *lineDecoder) str(sp *strSpan) bool {
	sp.from = len(d.buf)
	data := d.data
	i := d.pos + 1 // past the quote
	start := i     // data[start:i] is plain text not yet copied
	for {
		i = jsontext.PlainRunBytes(data, i)
		if i >= len(data) {
			return false
		}
		switch c := data[i]; {
		case c == '"':
			d.buf = append(d.buf, data[start:i]...)
			d.pos = i + 1
			sp.to = len(d.buf)
			return true
		case c == '\\':
			d.buf = append(d.buf, data[start:i]...)
			n, ok := d.escape(data[i:])
			if !ok {
				return false
			}
			i += n
			start = i
		case c < 0x20:
			return false
		default: // not ASCII
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				d.buf = append(d.buf, data[start:i]...)
				d.buf = utf8.AppendRune(d.buf, utf8.RuneError)
				start = i + 1
			}
			i += size
		}
	}
}

// escape appends what the escape sequence at the start of e stands for to
// buf and returns its length.
func (d *lineDecoder) escape(e []byte) (int, bool) {
	if len(e) < 2 {
		return 0, false
	}
	switch e[1] {
	case '"', '\\', '/':
		d.buf = append(d.buf, e[1])
	case 'b':
		d.buf = append(d.buf, '\b')
	case 'f':
		d.buf = append(d.buf, '\f')
	case 'n':
		d.buf = append(d.buf, '\n')
	case 'r':
		d.buf = append(d.buf, '\r')
	case 't':
		d.buf = append(d.buf, '\t')
	case 'u':
		r := hex4(e)
		if r < 0 {
			return 0, false
		}
		if utf16.IsSurrogate(r) {
			// A pair only when a low surrogate escape follows at once;
			// otherwise U+FFFD, and what follows is read on its own.
			if dec := utf16.DecodeRune(r, hex4(e[6:])); dec != unicode.ReplacementChar {
				d.buf = utf8.AppendRune(d.buf, dec)
				return 12, true
			}
			r = unicode.ReplacementChar
		}
		d.buf = utf8.AppendRune(d.buf, r)
		return 6, true
	default:
		return 0, false
	}
	return 2, true
}

// hex4 returns the code unit of the \uXXXX escape at the start of e, or -1.
func hex4(e []byte) rune {
	if len(e) < 6 || e[0] != '\\' || e[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range e[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// skip checks and skips one JSON value of an unknown field, depth being the
// nesting of the object or array it is in.
func (d *lineDecoder) skip(depth int) bool {
	if d.pos >= len(d.data) {
		return false
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		return d.skipString()
	case c == '{':
		if depth >= maxScanDepth {
			return false
		}
		d.pos++
		more, ok := d.open('}')
		for ; more; more, ok = d.next('}') {
			if !d.skipString() {
				return false
			}
			d.space()
			if !d.consume(':') {
				return false
			}
			d.space()
			if !d.skip(depth + 1) {
				return false
			}
		}
		return ok
	case c == '[':
		if depth >= maxScanDepth {
			return false
		}
		d.pos++
		more, ok := d.open(']')
		for ; more; more, ok = d.next(']') {
			if !d.skip(depth + 1) {
				return false
			}
		}
		return ok
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	}
	return false
}

// skipString checks and skips a string without decoding it.
func (d *lineDecoder) skipString() bool {
	if !d.consume('"') {
		return false
	}
	data := d.data
	for i := d.pos; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			return true
		case c == '\\':
			if i+1 >= len(data) {
				return false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if hex4(data[i:]) < 0 {
					return false
				}
				i += 5
			default:
				return false
			}
		case c < 0x20:
			return false
		}
	}
	return false
}

// number checks and skips a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *lineDecoder) number() bool {
	data, i := d.data, d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		i = digits(data, i)
	default:
		return false
	}
	if i < len(data) && data[i] == '.' {
		if i++; i == digits(data, i) {
			return false
		}
		i = digits(data, i)
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i == digits(data, i) {
			return false
		}
		i = digits(data, i)
	}
	d.pos = i
	return true
}

// digits returns the end of the run of digits starting at i.
func digits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// literal skips lit (true, false or null), which must come next.
func (d *lineDecoder) literal(lit string) bool {
	if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
		return false
	}
	d.pos += len(lit)
	return true
}

// consume skips byte c, which must come next.
func (d *lineDecoder) consume(c byte) bool {
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

// space skips JSON white space.
func (d *lineDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// open is called after an object's "{" or an array's "[", with end the
// matching "}" or "]": more is true when a member or element follows, false
// at end (ok tells a well-formed end from an error).
func (d *lineDecoder) open(end byte) (more, ok bool) {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == end {
		d.pos++
		return false, true
	}
	return true, true
}

// next is called after a member's or element's value: more is true after
// ",", false after end (ok) or anything else (not ok).
func (d *lineDecoder) next(end byte) (more, ok bool) {
	d.space()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			d.space()
			return true, true
		case end:
			d.pos++
			return false, true
		}
	}
	return false, false
}
