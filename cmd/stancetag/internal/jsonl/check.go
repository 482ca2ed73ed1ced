package jsonl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/server"
)

// maxViolations caps the violations listed for one line, as the server does.
const maxViolations = 100

// checker validates input lines with the rules and limits the server applies
// to each statement of an AnalyzeStream (statement ids are not checked for
// uniqueness across lines, as a stream does not), and converts them to the
// classifier's domain type. Violations use the server's reasons and name the
// field by its path in the line ("actors[1].aliases[0]").
type checker struct {
	lim server.Limits
	// gazetteer is the classifier's, sorted by id; speaker ids must name a
	// caller actor or one of these.
	gazetteer []classifier.Actor
}

// statement checks in and returns the statement to analyse, or a
// *server.ValidationError listing every violation.
func (c *checker) statement(in *inStatement) (classifier.Statement, error) {
	var vs []server.FieldViolation
	omitted := 0
	add := func(field, reason, desc string) {
		if len(vs) == maxViolations {
			omitted++
			return
		}
		vs = append(vs, server.FieldViolation{Field: field, Reason: reason, Description: desc})
	}

	text := in.Text
	switch {
	case text == "":
		add("text", server.ReasonTextEmpty, "text is empty")
	case len(text) > c.lim.MaxTextBytes:
		add("text", server.ReasonTextTooLong, fmt.Sprintf("text is %d bytes, at most %d", len(text), c.lim.MaxTextBytes))
	case !utf8.ValidString(text):
		add("text", server.ReasonInvalidUTF8, "text is not valid UTF-8")
	case blank(text):
		add("text", server.ReasonTextEmpty, "text is only whitespace")
	}
	c.id(in.ID, "id", add)

	var actors []classifier.Actor
	if len(in.Actors) > c.lim.MaxActors {
		add("actors", server.ReasonTooManyActors, fmt.Sprintf("%d actors, at most %d", len(in.Actors), c.lim.MaxActors))
	} else if len(in.Actors) > 0 {
		actors = make([]classifier.Actor, 0, len(in.Actors))
		for j := range in.Actors {
			a, ok := c.actor(&in.Actors[j], "actors["+strconv.Itoa(j)+"]", add)
			if !ok {
				continue
			}
			if k := slices.IndexFunc(actors, func(b classifier.Actor) bool { return b.ID == a.ID }); k >= 0 {
				add("actors["+strconv.Itoa(j)+"].id", server.ReasonDuplicateActorID,
					fmt.Sprintf("id %q is already the id of an earlier actor of this statement", a.ID))
				continue
			}
			actors = append(actors, a)
		}
	}

	speaker := in.speaker()
	if c.id(speaker, "speaker_id", add) && speaker != "" && !c.known(speaker, actors) {
		add("speaker_id", server.ReasonUnknownSpeaker,
			fmt.Sprintf("speaker_id %q is neither the id of an actor of this statement nor a gazetteer id", speaker))
	}
	if len(vs) > 0 {
		return classifier.Statement{}, &server.ValidationError{Violations: vs, Omitted: omitted, Position: -1}
	}
	return classifier.Statement{ID: in.ID, Text: text, Actors: actors, SpeakerID: speaker}, nil
}

// id checks an optional id and reports whether it is acceptable.
func (c *checker) id(id, field string, add func(field, reason, desc string)) bool {
	switch {
	case len(id) > c.lim.MaxIDBytes:
		add(field, server.ReasonIDTooLong, fmt.Sprintf("id is %d bytes, at most %d", len(id), c.lim.MaxIDBytes))
	case !utf8.ValidString(id):
		add(field, server.ReasonInvalidUTF8, "id is not valid UTF-8")
	default:
		return true
	}
	return false
}

// known reports whether id is an actor of the statement or of the gazetteer.
func (c *checker) known(id string, actors []classifier.Actor) bool {
	if slices.ContainsFunc(actors, func(a classifier.Actor) bool { return a.ID == id }) {
		return true
	}
	_, ok := slices.BinarySearchFunc(c.gazetteer, id, func(a classifier.Actor, id string) int {
		return strings.Compare(a.ID, id)
	})
	return ok
}

// actor checks the actor at path and converts it, deriving its id when
// empty. ok is false when the actor had a violation.
func (c *checker) actor(p *inActor, path string, add func(field, reason, desc string)) (a classifier.Actor, ok bool) {
	bad := false
	addBad := func(field, reason, desc string) {
		bad = true
		add(field, reason, desc)
	}
	name := p.Name
	switch {
	case name == "":
		addBad(path+".name", server.ReasonActorNameEmpty, "name is empty")
	case len(name) > c.lim.MaxNameBytes:
		addBad(path+".name", server.ReasonActorNameTooLong, fmt.Sprintf("name is %d bytes, at most %d", len(name), c.lim.MaxNameBytes))
	case !utf8.ValidString(name):
		addBad(path+".name", server.ReasonInvalidUTF8, "name is not valid UTF-8")
	case blank(name):
		addBad(path+".name", server.ReasonActorNameEmpty, "name is only whitespace")
	}

	id := p.ID
	if id != "" {
		c.id(id, path+".id", addBad)
	} else if !bad {
		if id = server.DeriveActorID(name); id == "" {
			addBad(path+".id", server.ReasonActorIDUnderivable,
				"id is empty and the name has no letter or digit to derive one from; set id")
		}
	}

	if len(p.Aliases) > c.lim.MaxAliases {
		addBad(path+".aliases", server.ReasonTooManyAliases, fmt.Sprintf("%d aliases, at most %d", len(p.Aliases), c.lim.MaxAliases))
	} else {
		for k, alias := range p.Aliases {
			field := path + ".aliases[" + strconv.Itoa(k) + "]"
			switch {
			case alias == "":
				addBad(field, server.ReasonAliasEmpty, "alias is empty")
			case len(alias) > c.lim.MaxAliasBytes:
				addBad(field, server.ReasonAliasTooLong, fmt.Sprintf("alias is %d bytes, at most %d", len(alias), c.lim.MaxAliasBytes))
			case !utf8.ValidString(alias):
				addBad(field, server.ReasonInvalidUTF8, "alias is not valid UTF-8")
			case blank(alias):
				addBad(field, server.ReasonAliasEmpty, "alias is only whitespace")
			}
		}
	}

	if p.Kind.bad != "" {
		addBad(path+".kind", server.ReasonUnknownEnumValue, fmt.Sprintf("kind %s is not a known ActorKind", p.Kind.bad))
	}
	if bad {
		return classifier.Actor{}, false
	}
	return classifier.Actor{ID: id, Name: name, Aliases: p.Aliases, Kind: classifier.ActorKind(p.Kind.v)}, true
}

// blank reports whether s has only white space.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
