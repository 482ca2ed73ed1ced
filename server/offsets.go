package server

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// spanMapper converts the UTF-8 byte offsets of one text to the encoding a
// client asked for. Offsets are collected first (add), converted in a single
// walk over the text (build), then looked up (offset): O(len(text) + k log k)
// for k offsets, whatever their order. A zero spanMapper is not usable; call
// init. For UTF-8 it only checks spans.
type spanMapper struct {
	text string
	enc  stancev1.OffsetEncoding
	// from holds the byte offsets to convert, sorted and unique after build;
	// to holds their conversions.
	from, to []int32
	// Backing arrays for statements with few spans, so those allocate
	// nothing here.
	fromBuf, toBuf [32]int32
}

func (m *spanMapper) init(text string, enc stancev1.OffsetEncoding) {
	m.text = text
	m.enc = enc
	m.from = m.fromBuf[:0]
	m.to = m.toBuf[:0]
}

// converts reports whether offsets change in the target encoding.
func (m *spanMapper) converts() bool {
	return m.enc == stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16 ||
		m.enc == stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT
}

// add checks that s is a span of the text on UTF-8 sequence boundaries and
// records its offsets for conversion.
func (m *spanMapper) add(s classifier.Span) error {
	if s.Begin < 0 || s.Begin > s.End || s.End > len(m.text) {
		return &SpanError{Span: s, TextBytes: len(m.text), Problem: "is outside the text"}
	}
	if !m.boundary(s.Begin) || !m.boundary(s.End) {
		return &SpanError{Span: s, TextBytes: len(m.text), Problem: "splits a UTF-8 sequence"}
	}
	if m.converts() {
		m.from = append(m.from, int32(s.Begin), int32(s.End))
	}
	return nil
}

func (m *spanMapper) boundary(off int) bool {
	return off == len(m.text) || utf8.RuneStart(m.text[off])
}

// build converts every offset added so far in one walk over the text.
func (m *spanMapper) build() {
	if !m.converts() || len(m.from) == 0 {
		return
	}
	slices.Sort(m.from)
	m.from = slices.Compact(m.from)
	if cap(m.to) < len(m.from) {
		m.to = make([]int32, len(m.from))
	}
	m.to = m.to[:len(m.from)]
	utf16 := m.enc == stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16
	next := 0
	var units int32
	for i, r := range m.text {
		for int32(i) == m.from[next] {
			m.to[next] = units
			if next++; next == len(m.from) {
				return
			}
		}
		units++
		if utf16 && r > 0xFFFF {
			// Outside the Basic Multilingual Plane: a surrogate pair.
			units++
		}
	}
	// Only offsets equal to len(text) are left.
	for ; next < len(m.from); next++ {
		m.to[next] = units
	}
}

// offset returns the conversion of a byte offset passed to add.
func (m *spanMapper) offset(off int) int32 {
	if !m.converts() {
		return int32(off)
	}
	i, _ := slices.BinarySearch(m.from, int32(off))
	return m.to[i]
}

// SpanError is a span returned by the classifier that does not fit its text:
// a bug in the classifier. It becomes INTERNAL.
type SpanError struct {
	Span      classifier.Span
	TextBytes int
	Problem   string
}

func (e *SpanError) Error() string {
	return fmt.Sprintf("classifier span [%d, %d) %s of %d bytes", e.Span.Begin, e.Span.End, e.Problem, e.TextBytes)
}
