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

// statement checks in and returns the statement to analyse, or a
// *server.ValidationError listing every violation.
func (c *checker) statement(in *inStatement) (classifier.Statement, error) {
	_, st, err := c.check(in)
	return st, err
}

// check is statement that also returns the line as the API message, for a
// remote server. The message is new, not shared with in.
func (c *checker) check(in *inStatement) (*stancev1.Statement, classifier.Statement, error) {
	st := &stancev1.Statement{Id: in.ID, Text: in.Text, SpeakerId: in.speaker()}
	if len(in.Actors) > 0 {
		st.Actors = make([]*stancev1.Actor, len(in.Actors))
		for i := range in.Actors {
			a := &in.Actors[i]
			kind := a.Kind.v
			if a.Kind.bad != "" {
				kind = badKind
			}
			st.Actors[i] = &stancev1.Actor{Id: a.ID, Name: a.Name, Aliases: a.Aliases, Kind: kind}
		}
	}
	out, err := server.CheckStatement(c.lim, st, c.gazetteer)
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
	return st, out, err
}
