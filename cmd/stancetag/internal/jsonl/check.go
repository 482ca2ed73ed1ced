package jsonl

import (
	"errors"
	"strconv"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// badKind stands for an ActorKind written as a name or value the API does
// not know; it is outside the enum, so the server's validation reports it
// with the field path like any unknown enum number.
const badKind = stancev1.ActorKind(-1)

// checker validates input lines with exactly the rules and limits the server
// applies to each statement of an AnalyzeStream (server.CheckStatement):
// statement ids are not checked for uniqueness across lines, as a stream
// does not. Violations name the field by its path in the line
// ("actors[1].aliases[0]").
type checker struct {
	lim server.Limits
	// gazetteer is the classifier's, sorted by id; speaker ids must name a
	// caller actor or one of these.
	gazetteer []classifier.Actor
}

// check checks in and returns the statement to analyse, or a
// *server.ValidationError listing every violation. It fills st with the line
// as the API message, which the server's rules are written for (and which a
// remote run sends); st's Actors and their messages are reused when there.
func (c *checker) check(in *inStatement, st *stancev1.Statement) (classifier.Statement, error) {
	st.Id, st.Text, st.SpeakerId = in.ID, in.Text, in.speaker()
	st.Actors = st.Actors[:0]
	for i := range in.Actors {
		a := &in.Actors[i]
		kind := a.Kind.v
		if a.Kind.bad != "" {
			kind = badKind
		}
		var p *stancev1.Actor
		if len(st.Actors) < cap(st.Actors) {
			p = st.Actors[: len(st.Actors)+1 : cap(st.Actors)][len(st.Actors)]
		}
		if p == nil {
			p = new(stancev1.Actor)
		}
		p.Id, p.Name, p.Aliases, p.Kind = a.ID, a.Name, a.Aliases, kind
		st.Actors = append(st.Actors, p)
	}
	out, err := server.CheckStatement(c.lim, st, c.gazetteer)
	if err == nil {
		return out, nil
	}
	var ve *server.ValidationError
	if errors.As(err, &ve) {
		// Name the kind as it was written in the line, not the stand-in number.
		for i := range ve.Violations {
			v := &ve.Violations[i]
			for j := range in.Actors {
				if bad := in.Actors[j].Kind.bad; bad != "" && v.Field == "actors["+strconv.Itoa(j)+"].kind" {
					v.Description = "kind " + bad + " is not a known ActorKind"
				}
			}
		}
	}
	return out, err
}
