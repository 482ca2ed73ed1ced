package lexicon

import (
	"context"
	"sort"
	"strings"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

var _ classifier.DocumentClassifier = (*Classifier)(nil)

// docScratch is the working memory of AnalyzeDocument beyond a
// statement's.
type docScratch struct {
	sents    []tokenize.Sentence // the tokenizer's sentences, cut at paragraphs
	paras    []int32             // paragraph of each sentence
	sentOf   []int32             // sentence of each contribution
	begins   []int32             // first byte of each sentence
	starts   []int32             // counting sort: first contribution of each sentence
	sorted   []stance.Contribution
	local    []int32 // dense actor index -> index in the sentence's Targets, or -1
	remapped []stance.Contribution
}

// AnalyzeDocument tags every sentence of doc as one text, so that the
// stance rules see each sentence's context (stance/document.go: quotes and
// their speakers within a paragraph, pronouns across sentences), and reads
// descriptions of gazetteer people as mentions of the office holder
// (offices). Sentences come from the tokenizer's splitter, cut again at
// paragraph breaks: blank lines when the text has one, else line breaks.
// Each sentence's Analysis holds the contributions whose cue (or sentiment
// word) lies in it, and with Options.IncludeSyntax the parse of the
// sentence alone. It returns an error only when ctx is done.
func (c *Classifier) AnalyzeDocument(ctx context.Context, doc classifier.Document, opts classifier.Options) (classifier.DocumentAnalysis, error) {
	if err := ctx.Err(); err != nil {
		return classifier.DocumentAnalysis{}, err
	}
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	text := doc.Text
	s.toks, s.sents = tokenize.Split(text, s.toks, s.sents, &s.folded)
	d := &s.doc
	d.sents, d.paras = cutParagraphs(text, s.toks, s.sents, d.sents[:0], d.paras[:0])
	s.sents, d.sents = d.sents, s.sents
	_, contribs, _ := c.run(text, doc.Actors, "", opts, d.paras, s)
	if err := ctx.Err(); err != nil {
		return classifier.DocumentAnalysis{}, err
	}
	c.sortBySentence(contribs, s)

	out := classifier.DocumentAnalysis{Sentences: make([]classifier.SentenceAnalysis, len(s.sents))}
	if cap(d.local) < len(s.ids) {
		d.local = make([]int32, len(s.ids))
	}
	d.local = d.local[:len(s.ids)]
	for i := range d.local {
		d.local[i] = -1
	}
	mi := 0
	for si, se := range s.sents {
		begin, end := se.Span(s.toks)
		sa := &out.Sentences[si]
		sa.Span, sa.Paragraph = classifier.Span{Begin: int(begin), End: int(end)}, int(d.paras[si])
		sub := d.sorted[d.starts[si]:d.starts[si+1]]
		mFrom := mi
		for mi < len(s.mentions) && s.mentions[mi].Start < se.End {
			mi++
		}
		c.sentence(text, &sa.Analysis, si, s.mentions[mFrom:mi], s.spans[mFrom:mi], sub, opts, s)
		if opts.IncludeSyntax && c.grammar != nil {
			sa.Analysis.Syntax = c.parseAll(text, s.sents[si:si+1], nil, s)
		}
	}
	out.Pairs = classifier.SummarizePairs(out.Sentences)
	return out, nil
}

// sentence fills an with the analysis of sentence si: its mentions (with
// their spans), the contributions sub whose cue lies in it, and its
// sentiment (s.sentSent).
func (c *Classifier) sentence(text string, an *classifier.Analysis, si int, ms []stance.Mention, spans []classifier.Span, sub []stance.Contribution, opts classifier.Options, s *scratch) {
	d := &s.doc
	an.StatementID, an.Sentiment = classifier.SentenceID(si), s.sentSent[si]
	// The sentence's own words are the context of its targets.
	ctx := stance.Context{Toks: s.toks, Folded: &s.folded, Sentences: s.sents[si : si+1], Mentions: ms}
	targets, rels := c.stance.Aggregate(sub, len(s.ids), &ctx, &s.stance)
	var order []int32 // dense actor indexes of the sentence's targets
	add := func(a int32) {
		if a >= 0 && d.local[a] < 0 {
			d.local[a] = int32(len(order))
			order = append(order, a)
		}
	}
	for _, m := range ms {
		add(m.Actor)
	}
	for _, k := range sub {
		if k.Weight != 0 {
			add(k.Target)
		}
	}
	if len(ms) > 0 {
		an.Mentions = make([]classifier.Mention, len(ms))
		for i, m := range ms {
			sp := spans[i]
			an.Mentions[i] = classifier.Mention{ActorID: s.ids[m.Actor], Span: sp, Text: text[sp.Begin:sp.End]}
		}
	}
	if len(order) > 0 {
		an.Targets = make([]classifier.TargetStance, len(order))
		for i, a := range order {
			t := targets[a]
			an.Targets[i] = classifier.TargetStance{ActorID: s.ids[a], Stance: t.Stance, Score: t.Score, Confidence: t.Confidence}
		}
	}
	if len(rels) > 0 {
		an.Relations = make([]classifier.Relation, len(rels))
		for i, r := range rels {
			an.Relations[i] = classifier.Relation{
				HolderID: s.ids[r.Holder], TargetID: s.ids[r.Target],
				Stance: r.Stance, Score: r.Score, Confidence: r.Confidence,
			}
		}
	}
	if opts.IncludeEvidence && len(an.Targets) > 0 {
		// fillEvidence indexes targets by the contributions' Target.
		d.remapped = append(d.remapped[:0], sub...)
		for i := range d.remapped {
			if t := d.remapped[i].Target; t >= 0 && int(t) < len(d.local) {
				d.remapped[i].Target = d.local[t]
			}
		}
		c.fillEvidence(an, text, d.remapped, s.stance.RelationOf(), s)
	}
	for _, a := range order {
		d.local[a] = -1
	}
}

// sortBySentence puts contribs into s.doc.sorted grouped by the sentence of
// their cue, keeping their order within a sentence; the contributions of
// sentence i are sorted[starts[i]:starts[i+1]]. One counting pass.
func (c *Classifier) sortBySentence(contribs []stance.Contribution, s *scratch) {
	d := &s.doc
	n := len(s.sents)
	d.sentOf = resize(d.sentOf[:0], len(contribs))
	if cap(d.starts) < n+1 {
		d.starts = make([]int32, n+1)
	}
	d.starts = d.starts[:n+1]
	clear(d.starts)
	d.begins = resize(d.begins[:0], n)
	for j, se := range s.sents {
		d.begins[j], _ = se.Span(s.toks)
	}
	for i, k := range contribs {
		si := sort.Search(n, func(j int) bool { return d.begins[j] > k.Begin }) - 1
		d.sentOf[i] = int32(max(si, 0))
		d.starts[d.sentOf[i]+1]++
	}
	for i := 1; i <= n; i++ {
		d.starts[i] += d.starts[i-1]
	}
	d.sorted = resize(d.sorted[:0], len(contribs))
	next := append([]int32(nil), d.starts[:n]...)
	for i, k := range contribs {
		si := d.sentOf[i]
		d.sorted[next[si]] = k
		next[si]++
	}
}

// cutParagraphs appends to sents the sentences of the splitter (split),
// each cut again where a paragraph break falls inside it, and to paras the
// paragraph number of each. A paragraph break is a blank line when the
// text has one anywhere, else a line break (one paragraph a line). The
// first word after a cut gets tokenize.SentenceStart, as the splitter
// would have set it.
func cutParagraphs(text string, toks []tokenize.Token, split, sents []tokenize.Sentence, paras []int32) ([]tokenize.Sentence, []int32) {
	need := 1
	if hasBlankLine(text) {
		need = 2
	}
	breakBefore := func(j int32) bool {
		return strings.Count(text[toks[j-1].SuffixEnd:toks[j].Start], "\n") >= need
	}
	para := int32(0)
	for _, se := range split {
		start := se.Start
		if start > 0 && breakBefore(start) {
			para++
		}
		for j := se.Start + 1; j < se.End; j++ {
			if breakBefore(j) {
				sents, paras = append(sents, tokenize.Sentence{Start: start, End: j}), append(paras, para)
				markStart(toks, j, se.End)
				start = j
				para++
			}
		}
		sents, paras = append(sents, tokenize.Sentence{Start: start, End: se.End}), append(paras, para)
	}
	return sents, paras
}

// markStart sets SentenceStart on the first word of tokens [from, to)
// unless a number comes first, as the sentence splitter does.
func markStart(toks []tokenize.Token, from, to int32) {
	for i := from; i < to; i++ {
		switch toks[i].Kind {
		case tokenize.Word:
			toks[i].Flags |= tokenize.SentenceStart
			return
		case tokenize.Number:
			return
		}
	}
}

// hasBlankLine reports whether text has a line holding only white space
// between two line breaks.
func hasBlankLine(text string) bool {
	nl := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			if nl {
				return true
			}
			nl = true
		case ' ', '\t', '\r', '\f', '\v':
		default:
			nl = false
		}
	}
	return false
}
