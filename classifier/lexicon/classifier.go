package lexicon

import (
	"context"
	"fmt"
	"io/fs"
	"sync"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Classifier is the lexicon-based classifier. It is immutable after New and
// safe for concurrent use.
type Classifier struct {
	sentiment *sentiment.Lexicon
	stance    *stance.Lexicon
	grammar   *stance.Grammar // nil when the data has no parser model
	actors    actorIndex
	vocab     *vocab
	version   string
	pool      sync.Pool
}

var _ classifier.SyntaxClassifier = (*Classifier)(nil)

// Option configures New.
type Option func(*options)

type options struct {
	syntax bool
}

// WithSyntax makes the stance rules read the dependency parse of each
// sentence that holds a stance cue and a candidate target (rule "attach"),
// loading the parser model syntax/en_ewt.model (syntax.ModelPath) of the
// data; New fails if the data has none. It is off by default because the
// parser does not meet its speed budget yet: a parsed 25-word sentence
// costs about 0.4 ms against 3 µs for the whole analysis without it, and
// loading the model adds about half a second and 90 MB to start-up
// (README, "Syntax").
func WithSyntax() Option { return func(o *options) { o.syntax = true } }

// New loads a Classifier from fsys, rooted at a data directory holding the
// folders "sentiment/", "gazetteer/" and "stance/", and with WithSyntax the
// parser model; without it the stance rules work from token windows alone.
// Errors wrap the failing component's error, which names file and line (or
// the model file). The components load in parallel, so fsys must allow
// concurrent reads (embed.FS, os.DirFS and fstest.MapFS do).
func New(fsys fs.FS, opts ...Option) (*Classifier, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	// The data hash is needed last: it runs while the lexicons load and
	// the vocab is built, which needs them all.
	var (
		hash    string
		hashErr error
		wg      sync.WaitGroup
	)
	wg.Go(func() { hash, hashErr = dataHash(fsys) })
	p, err := loadParts(fsys, o)
	var v *vocab
	if err == nil {
		v = newVocab(p.sent, p.st, p.idx.matcher)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if hashErr != nil {
		return nil, hashErr
	}
	c := &Classifier{sentiment: p.sent, stance: p.st, grammar: p.gram, actors: p.idx, vocab: v, version: "lexicon/" + Release + "+" + hash}
	c.pool.New = func() any { return new(scratch) }
	return c, nil
}

// parts are the lexicons of a Classifier, loaded independently.
type parts struct {
	sent *sentiment.Lexicon
	st   *stance.Lexicon
	gram *stance.Grammar // nil without a model file
	idx  actorIndex
}

// loadParts loads the lexicons concurrently: they read disjoint files
// (fs.FS reads are safe to run in parallel), and start-up of a one-shot
// `stancetag analyze` is dominated by the load on one core while another is
// idle. Errors are reported in a fixed order (sentiment, stance, gazetteer),
// whichever load fails first in time, so that they stay deterministic
// (sentiment, stance, gazetteer, syntax).
func loadParts(fsys fs.FS, o options) (parts, error) {
	var (
		p                              parts
		wg                             sync.WaitGroup
		sentErr, stErr, idxErr, synErr error
	)
	wg.Go(func() { p.st, stErr = stance.Load(fsys) })
	wg.Go(func() { p.idx, idxErr = loadActors(fsys) })
	if o.syntax {
		wg.Go(func() { p.gram, synErr = loadGrammar(fsys) })
	}
	// The largest load runs here rather than in a third goroutine.
	p.sent, sentErr = sentiment.Load(fsys)
	wg.Wait()
	switch {
	case sentErr != nil:
		return parts{}, fmt.Errorf("lexicon: sentiment: %w", sentErr)
	case stErr != nil:
		return parts{}, fmt.Errorf("lexicon: stance: %w", stErr)
	case idxErr != nil:
		return parts{}, fmt.Errorf("lexicon: gazetteer: %w", idxErr)
	case synErr != nil:
		return parts{}, fmt.Errorf("lexicon: syntax: %w", synErr)
	}
	return p, nil
}

// loadGrammar loads the parser model. syntax.Load's errors name the model
// file.
func loadGrammar(fsys fs.FS) (*stance.Grammar, error) {
	m, err := syntax.Load(fsys)
	if err != nil {
		return nil, err
	}
	return stance.NewGrammar(m), nil
}

var (
	defaultOnce sync.Once
	defaultC    *Classifier
	defaultErr  error
)

// Default returns the Classifier built from the embedded data. It is loaded
// once; later calls return the same Classifier (or error).
func Default() (*Classifier, error) {
	defaultOnce.Do(func() { defaultC, defaultErr = New(Data()) })
	return defaultC, defaultErr
}

// Version identifies the rules and the data, e.g. "lexicon/1.0.0+3f2a9c1b".
func (c *Classifier) Version() string { return c.version }

// Gazetteer returns the built-in actors sorted by ID. The slice is shared and
// must not be modified.
func (c *Classifier) Gazetteer() []classifier.Actor { return c.actors.gazetteer() }

// WithParams returns a copy of c whose stance engine uses p (for tuning and
// experiments; Version does not change).
func (c *Classifier) WithParams(p stance.Params) *Classifier {
	d := &Classifier{sentiment: c.sentiment, stance: c.stance.WithParams(p), grammar: c.grammar, actors: c.actors, vocab: c.vocab, version: c.version}
	d.pool.New = func() any { return new(scratch) }
	return d
}

// Params returns the stance engine's parameters.
func (c *Classifier) Params() stance.Params { return c.stance.Params() }

// HasSyntax reports whether c loaded a parser model (WithSyntax), so that
// the stance rules use the dependency parse and Options.IncludeSyntax fills
// Analysis.Syntax.
func (c *Classifier) HasSyntax() bool { return c.grammar != nil }

// scratch is the working memory of one Analyze call.
type scratch struct {
	toks     []tokenize.Token
	sents    []tokenize.Sentence
	folded   tokenize.Folded
	words    words // per token lexicon lookups
	mentions []stance.Mention
	spans    []classifier.Span // byte span of each mention
	ids      []string          // dense actor index -> actor id
	affil    []int32           // dense actor index -> its affiliation's (actorIndex.personFacts)
	gender   []byte            // dense actor index -> gender (actorIndex.personFacts)
	kinds    []classifier.ActorKind
	hits     []stance.Hit
	sent     sentiment.Scratch
	stance   stance.Scratch
	parser   *stance.Parser // made on first use when the Classifier has a grammar
	match    matchScratch
	dense    denseIndex
	evOff    []int32                // evidence offsets per target and relation
	sentSent []classifier.Sentiment // a document's sentiment per sentence
	doc      docScratch
	syntax   syntaxScratch
}

// addActor gives actor id the next dense index.
func (s *scratch) addActor(id string, kind classifier.ActorKind) int32 {
	s.ids = append(s.ids, id)
	s.kinds = append(s.kinds, kind)
	return int32(len(s.ids) - 1)
}

// findActor returns the dense index of actor id, or -1.
func (s *scratch) findActor(id string) int32 {
	for i, x := range s.ids {
		if x == id {
			return int32(i)
		}
	}
	return -1
}

// Analyze tags one statement. It returns an error only when ctx is done.
func (c *Classifier) Analyze(ctx context.Context, st classifier.Statement, opts classifier.Options) (classifier.Analysis, error) {
	var an classifier.Analysis
	if err := c.AnalyzeInto(ctx, st, opts, &an); err != nil {
		return classifier.Analysis{}, err
	}
	return an, nil
}

// AnalyzeInto is Analyze writing into *an, whose Targets, Relations and
// Mentions it reuses when they have the capacity (evidence is allocated
// afresh). The caller must be done with an's previous contents. A caller
// that encodes each analysis and drops it (stancetag analyze) keeps one
// Analysis per goroutine and so allocates almost nothing per statement,
// which leaves the garbage collector little to do. It returns an error,
// leaving *an as it was, only when ctx is done.
func (c *Classifier) AnalyzeInto(ctx context.Context, st classifier.Statement, opts classifier.Options, an *classifier.Analysis) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	c.analyze(st, opts, an, s)
	return nil
}

// analyze is AnalyzeInto with the scratch s.
func (c *Classifier) analyze(st classifier.Statement, opts classifier.Options, an *classifier.Analysis, s *scratch) {
	text := st.Text
	contribs, agg, numMentioned := c.contributions(st, opts, s)
	an.StatementID, an.Sentiment = st.ID, agg.Sentiment()
	ctx := stance.Context{Toks: s.toks, Folded: &s.folded, Sentences: s.sents, Mentions: s.mentions}
	targets, rels := c.stance.Aggregate(contribs, len(s.ids), &ctx, &s.stance)
	an.Mentions = resize(an.Mentions, len(s.mentions))
	an.Targets = resize(an.Targets, 0)
	an.Relations = resize(an.Relations, len(rels))
	if len(s.mentions) > 0 {
		for i, m := range s.mentions {
			sp := s.spans[i]
			an.Mentions[i] = classifier.Mention{ActorID: s.ids[m.Actor], Span: sp, Text: text[sp.Begin:sp.End]}
		}
		// Actors get dense indexes in order of first mention, so the first
		// numMentioned indexes are the targets in the required order.
		an.Targets = resize(an.Targets, numMentioned)
		for a := range numMentioned {
			t := targets[a]
			an.Targets[a] = classifier.TargetStance{ActorID: s.ids[a], Stance: t.Stance, Score: t.Score, Confidence: t.Confidence}
		}
	}
	if len(rels) > 0 {
		for i, r := range rels {
			an.Relations[i] = classifier.Relation{
				HolderID: s.ids[r.Holder], TargetID: s.ids[r.Target],
				Stance: r.Stance, Score: r.Score, Confidence: r.Confidence,
			}
		}
	}
	if opts.IncludeEvidence && len(an.Targets) > 0 {
		c.fillEvidence(an, text, contribs, s.stance.RelationOf(), s)
	}
	if opts.IncludeSyntax && c.grammar != nil {
		an.Syntax = c.parseAll(text, s.sents, an.Syntax, s)
	} else {
		an.Syntax = nil
	}
}

// run is the pipeline shared by statements and documents, on the tokens and
// sentences already in s: each word's lookups, the actor mentions (with
// the descriptions of office holders),
// the sentiment of each sentence (kept per sentence in s.sentSent for a
// document) and the stance contributions. It returns the sentiment of the
// whole text, the contributions (in s) and the number of actors mentioned,
// which have the first dense indexes.
func (c *Classifier) run(text string, caller []classifier.Actor, speakerID string, opts classifier.Options, paragraphs []int32, s *scratch) (sentiment.Aggregate, []stance.Contribution, int) {
	// Each word's lookup form and lexicon entries, computed once for all
	// stages.
	c.vocab.lookup(s.toks, &s.folded, &s.words)
	s.ids, s.kinds = s.ids[:0], s.kinds[:0]
	// "past" words of function.tsv ("former", "previously") before a
	// description of an office holder ("the former French president").
	former := func(i int) bool {
		return s.toks[i].Kind == tokenize.Word && c.stance.ClassOf(s.words.entries[i])&stance.ClassPast != 0
	}
	var cut []tokenize.Sentence
	if paragraphs != nil {
		cut = s.sents
	}
	facts := referentInput{
		class:   func(i int) stance.Class { return c.stance.ClassOf(s.words.entries[i]) },
		known:   func(i int) bool { return s.words.entries[i] >= 0 || s.words.heads[i] >= 0 },
		speaker: speakerID,
	}
	s.mentions = c.actors.match(text, s.toks, &s.folded, s.words.roots, caller, opts, former, facts, cut, s)
	numMentioned := len(s.ids)
	speaker := int32(-1)
	if speakerID != "" {
		if speaker = s.findActor(speakerID); speaker < 0 {
			speaker = s.addActor(speakerID, c.actors.kindOf(speakerID, caller))
		}
	}

	// Sentence sentiment, with the hits the stance engine reuses.
	var agg sentiment.Aggregate
	s.hits = s.hits[:0]
	s.sentSent = s.sentSent[:0]
	words := sentiment.Text{Text: text, Toks: s.toks, Folded: &s.folded, Heads: s.words.heads}
	for _, se := range s.sents {
		r := c.sentiment.ScoreText(&words, int(se.Start), int(se.End), &s.sent)
		agg.Add(r)
		if paragraphs != nil {
			var one sentiment.Aggregate
			one.Add(r)
			s.sentSent = append(s.sentSent, one.Sentiment())
		}
		for _, h := range r.Hits {
			v := h.Valence / sentiment.MaxValence
			s.hits = append(s.hits, stance.Hit{Tok: h.Token, Valence: max(-1, min(1, v))})
		}
	}

	in := stance.Input{
		Text: text, Toks: s.toks, Sentences: s.sents, Mentions: s.mentions,
		Hits: s.hits, Speaker: speaker, NumActors: len(s.ids),
		Folded: &s.folded, Entries: s.words.entries, Paragraphs: paragraphs,
	}
	in.Affiliation, in.Gender = c.actors.personFacts(s)
	if c.grammar != nil {
		if s.parser == nil {
			s.parser = c.grammar.NewParser()
		}
		in.Parser = s.parser
	}
	return agg, c.stance.Analyze(&in, &s.stance), numMentioned
}

// resize returns s with length n, reusing its array when it has the
// capacity; a nil s stays nil for n == 0, as Analyze's empty fields are nil.
// The caller sets every element.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// fillEvidence fills the Evidence of every target and relation of an from
// the contributions, in contribution order: a target's evidence is every
// contribution toward it (cues and sentiment words), a relation's every cue
// contribution counted toward it (relOf, from stance Aggregate).
// Contributions of weight 0 are left out. It sorts the contributions by
// target and relation in one counting pass, so that it costs time linear in
// their number, and puts all evidence in one allocation.
func (c *Classifier) fillEvidence(an *classifier.Analysis, text string, contribs []stance.Contribution, relOf []int32, s *scratch) {
	nt, nr := len(an.Targets), len(an.Relations)
	// off[k] counts, then locates, the evidence of target k (k < nt) and
	// of relation k-nt.
	if cap(s.evOff) < nt+nr+1 {
		s.evOff = make([]int32, nt+nr+1)
	}
	off := s.evOff[:nt+nr+1]
	clear(off)
	for i, k := range contribs {
		if k.Weight == 0 {
			continue
		}
		if k.Target >= 0 && int(k.Target) < nt && k.CountsForTarget() {
			off[k.Target+1]++
		}
		if r := relOf[i]; r >= 0 {
			off[nt+int(r)+1]++
		}
	}
	for k := 1; k < len(off); k++ {
		off[k] += off[k-1]
	}
	total := int(off[len(off)-1])
	if total == 0 {
		return
	}
	all := make([]classifier.Evidence, total)
	for k := range nt {
		if lo, hi := off[k], off[k+1]; hi > lo {
			an.Targets[k].Evidence = all[lo:hi:hi]
		}
	}
	for k := range nr {
		if lo, hi := off[nt+k], off[nt+k+1]; hi > lo {
			an.Relations[k].Evidence = all[lo:hi:hi]
		}
	}
	cues := c.stance.Cues()
	for i, k := range contribs {
		if k.Weight == 0 {
			continue
		}
		cue := text[k.Begin:k.End]
		if k.Cue >= 0 {
			cue = cues[k.Cue].Text
		}
		ev := classifier.Evidence{
			Span: classifier.Span{Begin: int(k.Begin), End: int(k.End)}, Cue: cue, Weight: k.Weight, Rule: k.Rule.String(),
		}
		if k.Target >= 0 && int(k.Target) < nt && k.CountsForTarget() {
			// A target counts a cue with its fitted multipliers.
			tev := ev
			tev.Weight = c.stance.TargetWeight(&contribs[i])
			all[off[k.Target]] = tev
			off[k.Target]++
		}
		if r := relOf[i]; r >= 0 {
			all[off[nt+int(r)]] = ev
			off[nt+int(r)]++
		}
	}
}

// contributions runs every stage before aggregation: tokens, actor
// mentions (dense actor indexes in s.ids, the first numMentioned of them
// the mentioned actors), sentence sentiment and the stance engine's
// contributions, which live in s.
func (c *Classifier) contributions(st classifier.Statement, opts classifier.Options, s *scratch) (contribs []stance.Contribution, agg sentiment.Aggregate, numMentioned int) {
	s.toks, s.sents = tokenize.Split(st.Text, s.toks, s.sents, &s.folded)
	agg, contribs, numMentioned = c.run(st.Text, st.Actors, st.SpeakerID, opts, nil, s)
	return contribs, agg, numMentioned
}
