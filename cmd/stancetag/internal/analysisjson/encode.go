// Package analysisjson writes a classifier.Analysis as the JSON form of a
// stance.v1.Analysis under the protobuf JSON mapping (what protojson and
// grpcurl print): lowerCamelCase field names, enums as their names, zero values
// omitted, float32 numbers at 32-bit precision. The output parses with
// protojson.Unmarshal into the message the server would send for the same
// analysis.
//
// It exists because reflection-based protojson costs more than a whole
// analysis: Append writes straight into the caller's reused buffer, allocates
// nothing and is safe for concurrent use. An Encoder writes the same bytes
// faster over many analyses, for one goroutine.
package analysisjson

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/jsontext"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Enum names come from the generated code so they cannot drift from the
// proto. They are kept as JSON strings, quotes included (the names are ASCII
// identifiers), to be copied in one piece.
var (
	stanceNames    = enumNames(stancev1.Stance_name)
	sentimentNames = enumNames(stancev1.SentimentLabel_name)
)

func enumNames(m map[int32]string) []string {
	names := make([]string, len(m))
	for n, s := range m {
		if n >= 0 && int(n) < len(names) {
			names[n] = `"` + s + `"`
		}
	}
	return names
}

// Append appends the JSON object for a to dst and returns the extended
// buffer, without a trailing newline. Spans in a are UTF-8 byte offsets into
// text (the analysed statement); they are written in enc, as the server does.
// An unknown enc is treated as UTF-8. Sentiment and every Span are always
// written, as objects (possibly empty), because the server always sets them.
func Append(dst []byte, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding) []byte {
	return appendAnalysis(dst, a, text, enc, nil)
}

// Encoder is Append that remembers how it wrote recent numbers. Scores
// repeat from one analysis to the next (a corpus of thousands of statements
// has a few thousand distinct values, a few dozen of them half of all), and
// looking one up costs a fraction of writing a float32 in its shortest form.
// The bytes are Append's. The zero value is ready; it takes 96 KiB. Not
// safe for concurrent use: give each goroutine its own.
type Encoder struct {
	floats floatCache
}

// Append is the package's Append.
func (e *Encoder) Append(dst []byte, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding) []byte {
	return appendAnalysis(dst, a, text, enc, &e.floats)
}

// AppendFrom is Append for an analysis of part of text (a sentence of a
// document) whose spans all lie at or after from.Byte: the offsets are
// counted from there instead of from the start of text. An earlier span is
// still written right, counted from the start.
func (e *Encoder) AppendFrom(dst []byte, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding, from Start) []byte {
	return appendAnalysisFrom(dst, a, text, enc, &e.floats, from)
}

// floatCache is a direct-mapped cache of float32 numbers as written, by
// their bits. An entry holds one number; a colliding one replaces it.
// 4096 entries catch about 80% of the numbers of a generated news corpus
// (1024: 67%, 8192: 85%).
type floatCache [1 << floatCacheBits]cachedFloat

const floatCacheBits = 12

type cachedFloat struct {
	bits uint32
	n    uint8 // length of text; 0 for an empty entry
	text [19]byte
}

// appendFloat32 is the package's appendFloat32, through the cache; c may be
// nil (no cache).
func (c *floatCache) appendFloat32(dst []byte, v float32) []byte {
	if c == nil {
		return appendFloat32(dst, v)
	}
	bits := math.Float32bits(v)
	e := &c[(bits*0x9e3779b1)>>(32-floatCacheBits)] // Fibonacci hashing
	if e.n != 0 && e.bits == bits {
		return append(dst, e.text[:e.n]...)
	}
	start := len(dst)
	dst = appendFloat32(dst, v)
	if n := len(dst) - start; n <= len(e.text) {
		e.bits, e.n = bits, uint8(n)
		copy(e.text[:], dst[start:])
	}
	return dst
}

func appendAnalysis(dst []byte, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding, fc *floatCache) []byte {
	return appendAnalysisFrom(dst, a, text, enc, fc, Start{})
}

func appendAnalysisFrom(dst []byte, a *classifier.Analysis, text string, enc stancev1.OffsetEncoding, fc *floatCache, from Start) []byte {
	off := newOffsets(text, enc)
	if !off.identity {
		off.lastByte, off.lastUnit = from.Byte, from.Unit
	}
	dst = append(dst, '{')
	first := true
	if a.StatementID != "" {
		dst = appendKey(dst, `"statementId":`, &first)
		dst = appendString(dst, a.StatementID)
	}
	dst = appendKey(dst, `"sentiment":`, &first)
	dst = appendSentiment(dst, &a.Sentiment, fc)
	if len(a.Targets) > 0 {
		dst = appendKey(dst, `"targets":`, &first)
		dst = append(dst, '[')
		for i := range a.Targets {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendTarget(dst, &a.Targets[i], &off, fc)
		}
		dst = append(dst, ']')
	}
	if len(a.Relations) > 0 {
		dst = appendKey(dst, `"relations":`, &first)
		dst = append(dst, '[')
		for i := range a.Relations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendRelation(dst, &a.Relations[i], &off, fc)
		}
		dst = append(dst, ']')
	}
	if len(a.Mentions) > 0 {
		dst = appendKey(dst, `"mentions":`, &first)
		dst = append(dst, '[')
		for i := range a.Mentions {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendMention(dst, &a.Mentions[i], &off)
		}
		dst = append(dst, ']')
	}
	if len(a.Syntax) > 0 {
		dst = appendKey(dst, `"syntax":`, &first)
		dst = appendSyntax(dst, a.Syntax, &off)
	}
	return append(dst, '}')
}

// appendSyntax writes the Syntax message of the parse ss.
func appendSyntax(dst []byte, ss []classifier.SyntaxSentence, off *offsets) []byte {
	dst = append(dst, `{"sentences":[`...)
	for i := range ss {
		s := &ss[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"span":`...)
		dst = appendSpan(dst, s.Span, off)
		if len(s.Words) > 0 {
			dst = append(dst, `,"words":[`...)
			for j := range s.Words {
				w := &s.Words[j]
				if j > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, `{"span":`...)
				dst = appendSpan(dst, w.Span, off)
				f := false
				dst = appendStringField(dst, `"form":`, w.Form, &f)
				dst = appendStringField(dst, `"upos":`, w.UPOS, &f)
				if w.Head != 0 {
					dst = appendKey(dst, `"head":`, &f)
					dst = strconv.AppendInt(dst, int64(w.Head), 10)
				}
				dst = appendStringField(dst, `"relation":`, w.Relation, &f)
				dst = append(dst, '}')
			}
			dst = append(dst, ']')
		}
		dst = append(dst, '}')
	}
	return append(dst, "]}"...)
}

func appendSentiment(dst []byte, s *classifier.Sentiment, fc *floatCache) []byte {
	dst = append(dst, '{')
	first := true
	dst = appendEnumField(dst, `"label":`, int(s.Label), sentimentNames, &first)
	dst = appendFloatField(dst, `"score":`, s.Score, &first, fc)
	dst = appendFloatField(dst, `"magnitude":`, s.Magnitude, &first, fc)
	return append(dst, '}')
}

func appendTarget(dst []byte, t *classifier.TargetStance, off *offsets, fc *floatCache) []byte {
	dst = append(dst, '{')
	first := true
	dst = appendStringField(dst, `"actorId":`, t.ActorID, &first)
	dst = appendEnumField(dst, `"stance":`, int(t.Stance), stanceNames, &first)
	dst = appendFloatField(dst, `"score":`, t.Score, &first, fc)
	dst = appendFloatField(dst, `"confidence":`, t.Confidence, &first, fc)
	dst = appendEvidence(dst, t.Evidence, off, &first, fc)
	return append(dst, '}')
}

func appendRelation(dst []byte, r *classifier.Relation, off *offsets, fc *floatCache) []byte {
	dst = append(dst, '{')
	first := true
	dst = appendStringField(dst, `"holderId":`, r.HolderID, &first)
	dst = appendStringField(dst, `"targetId":`, r.TargetID, &first)
	dst = appendEnumField(dst, `"stance":`, int(r.Stance), stanceNames, &first)
	dst = appendFloatField(dst, `"score":`, r.Score, &first, fc)
	dst = appendFloatField(dst, `"confidence":`, r.Confidence, &first, fc)
	dst = appendEvidence(dst, r.Evidence, off, &first, fc)
	return append(dst, '}')
}

func appendMention(dst []byte, m *classifier.Mention, off *offsets) []byte {
	dst = append(dst, '{')
	first := true
	dst = appendStringField(dst, `"actorId":`, m.ActorID, &first)
	dst = appendKey(dst, `"span":`, &first)
	dst = appendSpan(dst, m.Span, off)
	text := m.Text
	if text == "" && 0 <= m.Span.Begin && m.Span.Begin <= m.Span.End && m.Span.End <= len(off.text) {
		// As the server does: the mention as written is the span's text.
		text = off.text[m.Span.Begin:m.Span.End]
	}
	dst = appendStringField(dst, `"text":`, text, &first)
	return append(dst, '}')
}

func appendEvidence(dst []byte, ev []classifier.Evidence, off *offsets, first *bool, fc *floatCache) []byte {
	if len(ev) == 0 {
		return dst
	}
	dst = appendKey(dst, `"evidence":`, first)
	dst = append(dst, '[')
	for i := range ev {
		e := &ev[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '{')
		f := true
		dst = appendKey(dst, `"span":`, &f)
		dst = appendSpan(dst, e.Span, off)
		dst = appendStringField(dst, `"cue":`, e.Cue, &f)
		dst = appendFloatField(dst, `"weight":`, e.Weight, &f, fc)
		dst = appendStringField(dst, `"rule":`, e.Rule, &f)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func appendSpan(dst []byte, s classifier.Span, off *offsets) []byte {
	dst = append(dst, '{')
	first := true
	if b := off.convert(s.Begin); b != 0 {
		dst = appendKey(dst, `"begin":`, &first)
		dst = appendOffset(dst, b)
	}
	if e := off.convert(s.End); e != 0 {
		dst = appendKey(dst, `"end":`, &first)
		dst = appendOffset(dst, e)
	}
	return append(dst, '}')
}

// appendOffset writes the span offset v. Offsets into a statement are
// mostly below 1000, written here digit by digit rather than through
// strconv's general path.
func appendOffset(dst []byte, v int) []byte {
	switch {
	case v < 0 || v >= 1000:
		return strconv.AppendInt(dst, int64(v), 10)
	case v < 10:
		return append(dst, byte('0'+v))
	case v < 100:
		return append(dst, byte('0'+v/10), byte('0'+v%10))
	}
	return append(dst, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
}

// appendKey writes key, a member's name quoted and followed by its colon
// (`"name":`), preceded by a comma unless it is the object's first member.
// Names are ASCII identifiers and need no escaping; callers write them
// quoted so that each is copied in one piece.
func appendKey(dst []byte, key string, first *bool) []byte {
	if !*first {
		dst = append(dst, ',')
	}
	*first = false
	return append(dst, key...)
}

func appendStringField(dst []byte, key, v string, first *bool) []byte {
	if v == "" {
		return dst
	}
	dst = appendKey(dst, key, first)
	return appendString(dst, v)
}

// appendEnumField writes an enum by name; like protojson, a number without a
// name is written as a JSON number, and the zero value is omitted.
func appendEnumField(dst []byte, key string, v int, names []string, first *bool) []byte {
	if v == 0 {
		return dst
	}
	dst = appendKey(dst, key, first)
	if v > 0 && v < len(names) && names[v] != "" {
		return append(dst, names[v]...)
	}
	return strconv.AppendInt(dst, int64(int32(v)), 10)
}

// appendFloatField omits only +0: proto3 treats -0 as set (its bits are not
// zero), and so does protojson.
func appendFloatField(dst []byte, key string, v float32, first *bool, fc *floatCache) []byte {
	if math.Float32bits(v) == 0 {
		return dst
	}
	dst = appendKey(dst, key, first)
	return fc.appendFloat32(dst, v)
}

// appendFloat32 follows the JSON mapping: NaN and infinities as the strings
// "NaN", "Infinity" and "-Infinity"; otherwise the shortest decimal that reads
// back as the same float32, in exponent form only for magnitudes below 1e-6 or
// from 1e21 up, compared as float32 (as protojson does), with a one-digit negative
// exponent written without its leading zero ("1e-07" -> "1e-7").
func appendFloat32(dst []byte, v float32) []byte {
	f := float64(v)
	switch {
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(dst, `"-Infinity"`...)
	}
	if -1<<24 < v && v < 1<<24 && v == float32(int32(v)) && math.Float32bits(v) != 1<<31 {
		// Whole numbers (a confidence of 1) need no digit search: below
		// 2^24 every integer is a float32, so its shortest form is itself.
		// -0 is left to the general case.
		return strconv.AppendInt(dst, int64(v), 10)
	}
	format := byte('f')
	if a := float32(math.Abs(f)); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 32)
	if format == 'e' {
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string: quote, backslash and control
// characters escaped, other text copied as UTF-8. Invalid UTF-8 bytes become
// U+FFFD, so the output is always valid JSON. Runs of plain ASCII, most of
// any id or name, are found a word at a time and copied at once.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending, to be copied verbatim
	for i := 0; ; {
		i = jsontext.PlainRun(s, i)
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
