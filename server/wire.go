package server

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of the request messages, as in proto/stance/v1/stance.proto.
// The wire scan below reads them before anything is decoded.
const (
	fieldRequestStatements protowire.Number = 1 // AnalyzeRequest.statements
	fieldRequestActors     protowire.Number = 2 // AnalyzeRequest.actors
	fieldStreamStatement   protowire.Number = 1 // AnalyzeStreamRequest.statement
	fieldStreamActors      protowire.Number = 2 // AnalyzeStreamRequest.actors
	fieldStatementActors   protowire.Number = 3 // Statement.actors
	fieldActorAliases      protowire.Number = 3 // Actor.aliases
	fieldOptionsInRequest  protowire.Number = 3 // AnalyzeRequest.options, AnalyzeStreamRequest.options
)

// Why a request is refused before it is decoded. The scan counts the
// elements of every repeated field on the encoding itself, without
// allocating, because decoding allocates per element: two bytes on the wire
// (an empty Statement) cost over a hundred once decoded, so a few MB of
// empty statements took hundreds of MiB before the limit was ever checked.
// Only counts are checked here; sizes of strings cost their own size once
// decoded, and checker checks them, with the rest, after decoding.

// wireScan checks the encoding of one request message against the Limits.
// Violations go to vs with the same field paths, reasons and descriptions as
// checker's, so a client cannot tell which of the two found them.
type wireScan struct {
	lim Limits
	vs  *violations
}

// malformed reports bytes that are no encoding of the message, with the
// offset (in the request) where the scan gave up.
func (w *wireScan) malformed(field string, off int, err error) {
	desc := fmt.Sprintf("the request is not a valid protobuf encoding (byte %d: %v)", off, err)
	if field != "" {
		desc = fmt.Sprintf("%s is not a valid protobuf encoding (byte %d: %v)", field, off, err)
	}
	w.vs.add(field, ReasonMalformedRequest, desc)
}

// field is one field of a message on the wire: its number and type, and for
// a length-delimited field its contents.
type field struct {
	num protowire.Number
	typ protowire.Type
	val []byte // contents of a BytesType field
	off int    // offset of the field's tag in the request
}

// fields calls fn for each field of the message encoded in b (at offset base
// in the request) until fn returns false. A field of the wrong wire type for
// its number is passed as is: protobuf decoders keep it as an unknown field,
// so fn must check typ. On bad bytes it reports them under name and returns
// false.
func (w *wireScan) fields(b []byte, base int, name string, fn func(f field) bool) bool {
	for off := 0; off < len(b); {
		num, typ, n := protowire.ConsumeTag(b[off:])
		if n < 0 {
			w.malformed(name, base+off, protowire.ParseError(n))
			return false
		}
		f := field{num: num, typ: typ, off: base + off}
		var m int
		if typ == protowire.BytesType {
			f.val, m = protowire.ConsumeBytes(b[off+n:])
		} else {
			m = protowire.ConsumeFieldValue(num, typ, b[off+n:])
		}
		if m < 0 {
			w.malformed(name, base+off, protowire.ParseError(m))
			return false
		}
		if !fn(f) {
			return false
		}
		off += n + m
	}
	return true
}

// valueOffset is the offset in the request of the contents of f, a
// length-delimited field.
func (f field) valueOffset() int {
	return f.off + protowire.SizeTag(f.num) + protowire.SizeVarint(uint64(len(f.val)))
}

// sharedField scans a field that an AnalyzeRequest and an
// AnalyzeDocumentRequest share (the same numbers in both): a request-level
// actor, counted in actors and checked up to Limits.MaxActors, or the
// options. Other fields are skipped. It reports whether to go on.
func (w *wireScan) sharedField(f field, actors *int) bool {
	switch f.num {
	case fieldRequestActors:
		*actors++
		if *actors <= w.lim.MaxActors {
			return w.actor(f.val, f.valueOffset(), at{}, *actors-1)
		}
	case fieldOptionsInRequest:
		return w.fields(f.val, f.valueOffset(), "options", func(field) bool { return true })
	}
	return true
}

// analyzeRequest scans an AnalyzeRequest. Past Limits.MaxBatch statements
// the rest are only counted.
func (w *wireScan) analyzeRequest(b []byte) {
	statements := 0
	actors := 0
	w.fields(b, 0, "", func(f field) bool {
		if f.typ != protowire.BytesType {
			return true
		}
		switch f.num {
		case fieldRequestStatements:
			statements++
			if statements <= w.lim.MaxBatch {
				return w.statement(f.val, f.valueOffset(), at{list: "statements", index: statements - 1}, new(int))
			}
		default:
			return w.sharedField(f, &actors)
		}
		return true
	})
	if statements > w.lim.MaxBatch {
		w.vs.add("statements", ReasonBatchTooLarge, batchTooLarge(statements, w.lim.MaxBatch))
	}
	if actors > w.lim.MaxActors {
		w.vs.add("actors", ReasonTooManyActors, tooManyActors(actors, w.lim.MaxActors))
	}
}

// streamRequest scans the AnalyzeStreamRequest at position pos of a
// stream. A statement field given more than once is one statement, its
// parts merged, as a decoder would: their actors add up.
func (w *wireScan) streamRequest(b []byte, pos int) {
	actors, own := 0, 0
	where := at{list: "statement", index: pos}
	w.fields(b, 0, "", func(f field) bool {
		if f.typ != protowire.BytesType {
			return true
		}
		switch f.num {
		case fieldStreamStatement:
			return w.statement(f.val, f.valueOffset(), where, &own)
		case fieldStreamActors:
			actors++
			if actors <= w.lim.MaxActors {
				return w.actor(f.val, f.valueOffset(), at{}, actors-1)
			}
		case fieldOptionsInRequest:
			return w.fields(f.val, f.valueOffset(), "options", func(field) bool { return true })
		}
		return true
	})
	if actors > w.lim.MaxActors {
		w.vs.add("actors", ReasonTooManyActors, tooManyActors(actors, w.lim.MaxActors))
	}
}

// statement scans one Statement at where; *actors counts its own actors
// over every part of a merged statement.
func (w *wireScan) statement(b []byte, base int, where at, actors *int) bool {
	before := *actors
	ok := w.fields(b, base, where.field(""), func(f field) bool {
		if f.num != fieldStatementActors || f.typ != protowire.BytesType {
			return true
		}
		*actors++
		if *actors <= w.lim.MaxActors {
			return w.actor(f.val, f.valueOffset(), where, *actors-1)
		}
		return true
	})
	if before <= w.lim.MaxActors && *actors > w.lim.MaxActors {
		w.vs.add(where.field("actors"), ReasonTooManyActors, tooManyActors(*actors, w.lim.MaxActors))
	}
	return ok
}

// actor scans the j-th Actor of the list at where.
func (w *wireScan) actor(b []byte, base int, where at, j int) bool {
	aliases := 0
	ok := w.fields(b, base, where.actorField(j, ""), func(f field) bool {
		if f.num == fieldActorAliases && f.typ == protowire.BytesType {
			aliases++
		}
		return true
	})
	if aliases > w.lim.MaxAliases {
		w.vs.add(where.actorField(j, "aliases"), ReasonTooManyAliases, tooManyAliases(aliases, w.lim.MaxAliases))
	}
	return ok
}

// wellFormed scans any message (ListActorsRequest) for bad bytes only.
func (w *wireScan) wellFormed(b []byte) {
	w.fields(b, 0, "", func(field) bool { return true })
}

// The descriptions of count violations, shared by the wire scan and checker.

func batchTooLarge(n, limit int) string {
	return fmt.Sprintf("%d statements, at most %d per call; split the batch or use AnalyzeStream", n, limit)
}

func tooManyActors(n, limit int) string {
	return fmt.Sprintf("%d actors, at most %d", n, limit)
}

func tooManyAliases(n, limit int) string {
	return fmt.Sprintf("%d aliases, at most %d", n, limit)
}
