package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/analysisjson"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// Input formats of "stancetag analyze".
const (
	formatJSONL = "jsonl"
	formatText  = "text"
)

// analyzeText runs "stancetag analyze --format text": the plain text of in
// (at most lim.MaxDocumentBytes, a UTF-8 byte-order mark skipped) is one
// document, analysed as AnalyzeDocument does, and each of its sentences is
// written as one JSON stance.v1.DocumentSentence line ({"span":…,
// "paragraph":…, "analysis":…}, the gRPC JSON mapping), in text order. The
// whole text is read first: an article, not a corpus.
//
// Exit status: 0 analysed; 1 the text is bad (empty, too long, not UTF-8)
// or reading, writing or loading failed.
func (a *app) analyzeText(ctx context.Context, cfg *analyzeConfig, in io.Reader, name string, lim server.Limits, opts classifier.Options) int {
	data, err := io.ReadAll(io.LimitReader(in, int64(lim.MaxDocumentBytes)+int64(len(utf8BOM))+1))
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: %v\n", name, err)
		return exitFail
	}
	if len(data) >= len(utf8BOM) && string(data[:len(utf8BOM)]) == utf8BOM {
		data = data[len(utf8BOM):]
	}
	if len(data) > lim.MaxDocumentBytes {
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: the text is over %d bytes (-max-document-bytes)\n", name, lim.MaxDocumentBytes)
		return exitFail
	}
	a.syntax = cfg.syntax
	c, err := a.load(cfg.lexiconDir)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: loading lexicon: %v\n", err)
		return exitFail
	}
	dc, ok := c.(classifier.DocumentClassifier)
	if !ok {
		fmt.Fprintf(a.stderr, "stancetag analyze: the classifier does not analyse documents\n")
		return exitFail
	}
	doc, err := server.CheckDocument(lim, &stancev1.Document{Text: string(data)}, nil, c.Gazetteer())
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: %v\n", name, err)
		return exitFail
	}
	da, err := dc.AnalyzeDocument(ctx, doc, opts)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: %s: %v\n", name, err)
		return exitFail
	}
	w := bufio.NewWriter(a.stdout)
	var (
		enc  analysisjson.Encoder
		buf  []byte
		from analysisjson.Start // the last sentence start converted
	)
	text := doc.Text
	for i := range da.Sentences {
		sa := &da.Sentences[i]
		from.Unit += analysisjson.Units(text[from.Byte:sa.Span.Begin], cfg.enc.v)
		from.Byte = sa.Span.Begin
		end := from.Unit + analysisjson.Units(text[sa.Span.Begin:sa.Span.End], cfg.enc.v)
		buf = appendSentenceHead(buf[:0], from.Unit, end, sa.Paragraph)
		buf = enc.AppendFrom(buf, &sa.Analysis, text, cfg.enc.v, from)
		buf = append(buf, "}\n"...)
		if _, err := w.Write(buf); err != nil {
			fmt.Fprintf(a.stderr, "stancetag analyze: writing: %v\n", err)
			return exitFail
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(a.stderr, "stancetag analyze: writing: %v\n", err)
		return exitFail
	}
	return exitOK
}

// utf8BOM is the UTF-8 encoding of U+FEFF, skipped at the start of a text.
const utf8BOM = "\uFEFF"

// appendSentenceHead appends the start of a DocumentSentence's JSON, up to
// the "analysis" key, as protojson writes it: zero values left out, the
// span always an object.
func appendSentenceHead(dst []byte, begin, end, paragraph int) []byte {
	dst = append(dst, `{"span":{`...)
	if begin != 0 {
		dst = append(dst, `"begin":`...)
		dst = strconv.AppendInt(dst, int64(begin), 10)
		if end != 0 {
			dst = append(dst, ',')
		}
	}
	if end != 0 {
		dst = append(dst, `"end":`...)
		dst = strconv.AppendInt(dst, int64(end), 10)
	}
	dst = append(dst, '}')
	if paragraph != 0 {
		dst = append(dst, `,"paragraph":`...)
		dst = strconv.AppendInt(dst, int64(paragraph), 10)
	}
	return append(dst, `,"analysis":`...)
}
