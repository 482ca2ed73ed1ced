package stance

// A document is an Input with Paragraphs: the sentences of a whole article
// analysed at once, so that the rules that find holders see the sentences
// around a cue. Three rules change; everything else is the statement's:
//
//   - A quote ends at the end of its paragraph at the latest: newswire
//     leaves a quote that goes on in the next paragraph unclosed, and an
//     odd quote mark must not pair the quotes of the rest of the article
//     the wrong way round.
//   - quoteHolder's speaker (`"…," X said`, `X said: "…"`) is looked for in
//     the quote's paragraph only.
//   - A quote that finds no speaker of its own (quoteHolder: `"…," X
//     said`, `X said: "…"`, also when "X said" opens the next sentence)
//     takes the speaker of the nearest earlier quote of its paragraph that
//     has one, else of the nearest later one: `"A," Putin said. "B."`, and
//     a paragraph that opens with quotes whose speaker comes after them.
//   - A third-person pronoun refers to the nearest earlier compatible
//     mention of its paragraph (with the statement's rule for object
//     pronouns), however far back; at the start of a paragraph, before any
//     such mention, to the previous paragraph's compatible actor only when
//     that paragraph names exactly one: with two candidates it is
//     ambiguous and resolves to nothing.
//
// Every search stays bounded: a pronoun looks at most maxAntecedents
// mentions back, and quotes are matched in one pass.

// quoteRegion is one quote of a document: its quote marks (close may be
// the end of its paragraph) and its speaker, or -1.
type quoteRegion struct {
	open, close, holder int32
}

// paragraphOf is the paragraph of token i; only for documents.
func (e *engine) paragraphOf(i int32) int32 { return e.in.Paragraphs[e.info[i].sent] }

// sameParagraph reports whether tokens i and j are in one paragraph; always
// true outside documents.
func (e *engine) sameParagraph(i, j int32) bool {
	return e.in.Paragraphs == nil || e.paragraphOf(i) == e.paragraphOf(j)
}

// paragraphEnd is the token just past the paragraph of token i; only for
// documents.
func (e *engine) paragraphEnd(i int32) int32 {
	p := e.paragraphOf(i)
	sents := e.in.Sentences
	end := sents[e.info[i].sent].End
	for si := int(e.info[i].sent) + 1; si < len(sents) && e.in.Paragraphs[si] == p; si++ {
		end = sents[si].End
	}
	return end
}

// continueQuotes gives each quote of a document that has no speaker the
// speaker of the nearest earlier quote in its paragraph, else of the
// nearest later one. Only speakers that quoteHolder found are passed on
// (qs[j].holder is not updated here), so that a speaker comes from a quote
// that names it.
func (e *engine) continueQuotes() {
	qs := e.s.quotes
	for i := range qs {
		if qs[i].holder >= 0 {
			continue
		}
		p := e.paragraphOf(qs[i].open)
		h := int32(-1)
		for j := i - 1; j >= 0 && h < 0 && e.paragraphOf(qs[j].open) == p; j-- {
			if qs[j].holder >= 0 {
				h = qs[j].holder
			}
		}
		for j := i + 1; j < len(qs) && h < 0 && e.paragraphOf(qs[j].open) == p; j++ {
			if qs[j].holder >= 0 {
				h = qs[j].holder
			}
		}
		if h >= 0 {
			e.holdQuote(qs[i].open, qs[i].close, h)
		}
	}
}

// resolveInDocument is resolve for a document: the pronoun at token k (of
// class c, an object pronoun when object) and the mentions before index hi.
func (e *engine) resolveInDocument(k int32, c Class, object bool, hi int) int32 {
	ms := e.in.Mentions
	p := e.paragraphOf(k)
	mi, looked := hi-1, 0
	for ; mi >= 0 && looked < maxAntecedents; mi, looked = mi-1, looked+1 {
		m := &ms[mi]
		if e.paragraphOf(m.Start) != p {
			break
		}
		if !e.fits(c, m) {
			continue
		}
		if skip, still := e.objectSkips(k, c, object, int32(mi)); skip {
			object = still
			continue
		}
		return int32(mi)
	}
	// Nothing earlier in k's paragraph: the previous paragraph's actor, if
	// it names only one that fits.
	found := int32(-1)
	for ; mi >= 0 && looked < maxAntecedents && e.paragraphOf(ms[mi].Start) == p-1; mi, looked = mi-1, looked+1 {
		if !e.fits(c, &ms[mi]) {
			continue
		}
		switch {
		case found < 0:
			found = int32(mi)
		case ms[mi].Actor != ms[found].Actor:
			return -1
		}
	}
	return found
}
