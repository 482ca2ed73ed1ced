package server

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// checker validates requests against the Limits and converts them to the
// classifier's domain types in the same pass. Problems are collected in vs,
// not returned one by one, so a client sees all of them at once.
//
// Statement ids must be unique within an Analyze call; in a stream they are
// not checked (that would need memory growing with the stream). speaker_id must
// name a caller actor that applies to the statement or a gazetteer actor, so a
// typo fails loudly instead of silently attributing nothing.
type checker struct {
	lim Limits
	// gazetteer is the classifier's, sorted by id; used for speaker ids and
	// for caller actors that take a gazetteer id.
	gazetteer []classifier.Actor
	// forms is gazetteerForms(gazetteer), built when first needed if nil.
	forms map[string]string
	vs    violations
}

// gazetteerForms maps the name and every alias of each gazetteer actor,
// lower-cased, to the actor's id (the first actor's, for a form two share).
func gazetteerForms(gazetteer []classifier.Actor) map[string]string {
	forms := make(map[string]string, 4*len(gazetteer))
	add := func(form, id string) {
		k := strings.ToLower(form)
		if _, ok := forms[k]; !ok {
			forms[k] = id
		}
	}
	for _, a := range gazetteer {
		add(a.Name, a.ID)
		for _, alias := range a.Aliases {
			add(alias, a.ID)
		}
	}
	return forms
}

// gazetteerActor returns the gazetteer actor whose id is id.
func (c *checker) gazetteerActor(id string) (classifier.Actor, bool) {
	i, ok := slices.BinarySearchFunc(c.gazetteer, id, func(a classifier.Actor, id string) int {
		return strings.Compare(a.ID, id)
	})
	if !ok {
		return classifier.Actor{}, false
	}
	return c.gazetteer[i], true
}

// takenID checks a caller actor whose id is the id of g, a gazetteer actor:
// neither its name nor any of its aliases may be a name or alias of another
// gazetteer actor, or every mention of that actor would be reported under
// g's id, and stances between the two would vanish. Names new to the
// gazetteer are fine ("the French Republic" for country/FRA). Case is
// ignored.
func (c *checker) takenID(g classifier.Actor, name string, aliases []string, where at, j int) {
	if c.forms == nil {
		c.forms = gazetteerForms(c.gazetteer)
	}
	other := func(form string) (string, bool) {
		id, ok := c.forms[strings.ToLower(form)]
		return id, ok && id != g.ID && !strings.EqualFold(g.Name, form) &&
			!slices.ContainsFunc(g.Aliases, func(a string) bool { return strings.EqualFold(a, form) })
	}
	if id, ok := other(name); ok {
		c.vs.add(where.actorField(j, "name"), ReasonActorIDTaken,
			fmt.Sprintf("name %q is the gazetteer actor %q, but this actor has the id of %q (%s); give it an id of its own, or %q", name, id, g.ID, g.Name, id))
	}
	for k, alias := range aliases {
		if id, ok := other(alias); ok {
			c.vs.add(where.actorField(j, fmt.Sprintf("aliases[%d]", k)), ReasonActorIDTaken,
				fmt.Sprintf("alias %q is the gazetteer actor %q, but this actor has the id of %q (%s)", alias, id, g.ID, g.Name))
		}
	}
}

// scope is the caller actors that apply to every statement of a request (or
// of a stream from some message on).
type scope struct {
	actors []classifier.Actor
	// index maps an actor id to its position in the request's actors list.
	index map[string]int
}

// batch checks a whole Analyze request. The statements share one Actors slice
// when they have no actors of their own.
func (c *checker) batch(req *stancev1.AnalyzeRequest) ([]classifier.Statement, classifier.Options, stancev1.OffsetEncoding, error) {
	sts := req.GetStatements()
	switch {
	case len(sts) == 0:
		c.vs.add("statements", ReasonBatchEmpty, "at least one statement is required")
	case len(sts) > c.lim.MaxBatch:
		c.vs.add("statements", ReasonBatchTooLarge, batchTooLarge(len(sts), c.lim.MaxBatch))
		// Do not spend work on the statements of a request that cannot pass.
		return nil, classifier.Options{}, 0, c.vs.err(-1)
	}
	opts, enc := c.options(req.GetOptions(), at{})
	sc := c.shared(req.GetActors(), at{})
	out := make([]classifier.Statement, len(sts))
	var ids map[string]int
	for i, st := range sts {
		where := at{list: "statements", index: i}
		out[i] = c.statement(st, where, &sc)
		id := st.GetId()
		if id == "" || len(id) > c.lim.MaxIDBytes {
			continue
		}
		if ids == nil {
			ids = make(map[string]int, len(sts))
		}
		if j, dup := ids[id]; dup {
			c.vs.add(where.field("id"), ReasonDuplicateStatementID,
				fmt.Sprintf("id %q is already the id of statements[%d]", id, j))
			continue
		}
		ids[id] = i
	}
	if opts.IncludeSyntax {
		// The parse is some six times the text's size on the wire: one
		// request may ask it of one document's worth of text, what
		// AnalyzeDocument takes.
		total := 0
		for _, st := range sts {
			total += len(st.GetText())
		}
		if total > c.lim.MaxDocumentBytes {
			c.vs.add("options.include_syntax", ReasonSyntaxTooLarge,
				fmt.Sprintf("include_syntax is asked for %d bytes of text; at most %d (the server's max-document-bytes) may be parsed for one request: send fewer statements", total, c.lim.MaxDocumentBytes))
		}
	}
	if err := c.vs.err(-1); err != nil {
		return nil, classifier.Options{}, 0, err
	}
	return out, opts, enc, nil
}

// options checks AnalyzeOptions (nil means defaults) and returns the domain
// options and the offset encoding, UNSPECIFIED resolved to UTF8.
func (c *checker) options(o *stancev1.AnalyzeOptions, where at) (classifier.Options, stancev1.OffsetEncoding) {
	enc := o.GetOffsetEncoding()
	switch enc {
	case stancev1.OffsetEncoding_OFFSET_ENCODING_UNSPECIFIED:
		enc = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8
	case stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8,
		stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16,
		stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT:
	default:
		c.vs.add(where.field("options.offset_encoding"), ReasonUnknownEnumValue,
			fmt.Sprintf("offset_encoding %d is not a known OffsetEncoding", int32(enc)))
		enc = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8
	}
	return classifier.Options{
		IncludeEvidence:  o.GetIncludeEvidence(),
		DisableGazetteer: o.GetDisableGazetteer(),
		IncludeSyntax:    o.GetIncludeSyntax(),
	}, enc
}

// shared checks the request-level actors. Invalid actors are left out of the
// scope after being reported, so they do not cause follow-up violations.
func (c *checker) shared(list []*stancev1.Actor, where at) scope {
	if len(list) == 0 {
		return scope{}
	}
	if len(list) > c.lim.MaxActors {
		c.vs.add(where.field("actors"), ReasonTooManyActors, tooManyActors(len(list), c.lim.MaxActors))
		return scope{}
	}
	sc := scope{
		actors: make([]classifier.Actor, 0, len(list)),
		index:  make(map[string]int, len(list)),
	}
	for j, p := range list {
		a, ok := c.actor(p, where, j)
		if !ok {
			continue
		}
		if k, dup := sc.index[a.ID]; dup {
			c.vs.add(where.actorField(j, "id"), ReasonDuplicateActorID,
				fmt.Sprintf("id %q is already the id of actors[%d]", a.ID, k))
			continue
		}
		sc.index[a.ID] = j
		sc.actors = append(sc.actors, a)
	}
	return sc
}

// statement checks one statement and returns it with the actors of sc and its
// own merged.
func (c *checker) statement(st *stancev1.Statement, where at, sc *scope) classifier.Statement {
	text := st.GetText()
	switch {
	case text == "":
		c.vs.add(where.field("text"), ReasonTextEmpty, "text is empty")
	case len(text) > c.lim.MaxTextBytes:
		c.vs.add(where.field("text"), ReasonTextTooLong,
			fmt.Sprintf("text is %d bytes, at most %d", len(text), c.lim.MaxTextBytes))
	case !utf8.ValidString(text):
		c.vs.add(where.field("text"), ReasonInvalidUTF8, "text is not valid UTF-8")
	case blank(text):
		c.vs.add(where.field("text"), ReasonTextEmpty, "text is only whitespace")
	}
	c.id(st.GetId(), where, "id")

	actors := sc.actors
	own := st.GetActors()
	if n := len(sc.actors) + len(own); len(own) > 0 && n > c.lim.MaxActors {
		c.vs.add(where.field("actors"), ReasonTooManyActors,
			fmt.Sprintf("%d actors with the request's %d, at most %d in all", len(own), len(sc.actors), c.lim.MaxActors))
	} else if len(own) > 0 {
		actors = make([]classifier.Actor, len(sc.actors), n)
		copy(actors, sc.actors)
		for j, p := range own {
			a, ok := c.actor(p, where, j)
			if !ok {
				continue
			}
			if k, dup := sc.index[a.ID]; dup {
				c.vs.add(where.actorField(j, "id"), ReasonDuplicateActorID,
					fmt.Sprintf("id %q is already the id of request-level actors[%d]", a.ID, k))
				continue
			}
			if slices.ContainsFunc(actors[len(sc.actors):], func(b classifier.Actor) bool { return b.ID == a.ID }) {
				c.vs.add(where.actorField(j, "id"), ReasonDuplicateActorID,
					fmt.Sprintf("id %q is already the id of an earlier actor of this statement", a.ID))
				continue
			}
			actors = append(actors, a)
		}
	}

	speaker := st.GetSpeakerId()
	if c.id(speaker, where, "speaker_id") && speaker != "" && !c.known(speaker, actors, sc) {
		c.vs.add(where.field("speaker_id"), ReasonUnknownSpeaker,
			fmt.Sprintf("speaker_id %q is neither the id of a caller actor of this statement nor a gazetteer id (see ListActors)", speaker))
	}
	return classifier.Statement{ID: st.GetId(), Text: text, Actors: actors, SpeakerID: speaker}
}

// id checks an optional id, the field sub of where, and reports whether it is
// acceptable.
func (c *checker) id(id string, where at, sub string) bool {
	switch {
	case len(id) > c.lim.MaxIDBytes:
		c.vs.add(where.field(sub), ReasonIDTooLong, fmt.Sprintf("id is %d bytes, at most %d", len(id), c.lim.MaxIDBytes))
	case !utf8.ValidString(id):
		c.vs.add(where.field(sub), ReasonInvalidUTF8, "id is not valid UTF-8")
	default:
		return true
	}
	return false
}

// known reports whether id is a caller actor of the statement or a gazetteer
// actor.
func (c *checker) known(id string, actors []classifier.Actor, sc *scope) bool {
	if _, ok := sc.index[id]; ok {
		return true
	}
	for i := len(sc.actors); i < len(actors); i++ {
		if actors[i].ID == id {
			return true
		}
	}
	_, ok := c.gazetteerActor(id)
	return ok
}

// actor checks the j-th actor of the list at where and converts it, deriving
// its id when empty. ok is false when the actor had a violation.
func (c *checker) actor(p *stancev1.Actor, where at, j int) (a classifier.Actor, ok bool) {
	before := len(c.vs.list) + c.vs.omitted
	name := p.GetName()
	switch {
	case name == "":
		c.vs.add(where.actorField(j, "name"), ReasonActorNameEmpty, "name is empty")
	case len(name) > c.lim.MaxNameBytes:
		c.vs.add(where.actorField(j, "name"), ReasonActorNameTooLong,
			fmt.Sprintf("name is %d bytes, at most %d", len(name), c.lim.MaxNameBytes))
	case !utf8.ValidString(name):
		c.vs.add(where.actorField(j, "name"), ReasonInvalidUTF8, "name is not valid UTF-8")
	case blank(name):
		c.vs.add(where.actorField(j, "name"), ReasonActorNameEmpty, "name is only whitespace")
	}
	nameOK := len(c.vs.list)+c.vs.omitted == before

	id := p.GetId()
	if id != "" {
		if len(id) > c.lim.MaxIDBytes || !utf8.ValidString(id) {
			c.id(id, at{}, where.actorField(j, "id"))
		}
	} else if nameOK {
		if id = DeriveActorID(name); id == "" {
			c.vs.add(where.actorField(j, "id"), ReasonActorIDUnderivable,
				"id is empty and the name has no letter or digit to derive one from; set id")
		}
	}

	aliases := p.GetAliases()
	if len(aliases) > c.lim.MaxAliases {
		c.vs.add(where.actorField(j, "aliases"), ReasonTooManyAliases, tooManyAliases(len(aliases), c.lim.MaxAliases))
	} else {
		for k, alias := range aliases {
			switch {
			case alias == "":
				c.vs.add(where.actorField(j, fmt.Sprintf("aliases[%d]", k)), ReasonAliasEmpty, "alias is empty")
			case len(alias) > c.lim.MaxAliasBytes:
				c.vs.add(where.actorField(j, fmt.Sprintf("aliases[%d]", k)), ReasonAliasTooLong,
					fmt.Sprintf("alias is %d bytes, at most %d", len(alias), c.lim.MaxAliasBytes))
			case !utf8.ValidString(alias):
				c.vs.add(where.actorField(j, fmt.Sprintf("aliases[%d]", k)), ReasonInvalidUTF8, "alias is not valid UTF-8")
			case blank(alias):
				c.vs.add(where.actorField(j, fmt.Sprintf("aliases[%d]", k)), ReasonAliasEmpty, "alias is only whitespace")
			}
		}
	}

	kind, kindOK := kindFromProto(p.GetKind())
	if !kindOK {
		c.vs.add(where.actorField(j, "kind"), ReasonUnknownEnumValue,
			fmt.Sprintf("kind %d is not a known ActorKind", int32(p.GetKind())))
	}
	if len(c.vs.list)+c.vs.omitted == before {
		if g, taken := c.gazetteerActor(id); taken {
			c.takenID(g, name, aliases, where, j)
		}
	}
	if len(c.vs.list)+c.vs.omitted != before {
		return classifier.Actor{}, false
	}
	// Aliases are shared with the request: the classifier only reads them.
	return classifier.Actor{ID: id, Name: name, Aliases: aliases, Kind: kind}, true
}

// blank reports whether s has only white space. It stops at the first other
// rune, so it is cheap on real text.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// CheckStatement validates one statement and its own actors against l, as
// Analyze does for each statement of a batch without request-level actors, and
// returns it in domain form, actor ids derived. gazetteer (sorted by id) is
// where speaker ids are also looked up. The error is a *ValidationError whose
// field paths are relative to the statement ("text", "actors[0].name"). For
// callers outside gRPC, such as the offline analyze command.
func CheckStatement(l Limits, st *stancev1.Statement, gazetteer []classifier.Actor) (classifier.Statement, error) {
	c := checker{lim: l, gazetteer: gazetteer}
	out := c.statement(st, at{}, &scope{})
	if err := c.vs.err(-1); err != nil {
		return classifier.Statement{}, err
	}
	return out, nil
}
