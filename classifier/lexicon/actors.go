package lexicon

import (
	"io/fs"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// actorIndex wraps the gazetteer and its matcher.
type actorIndex struct {
	gaz     *actors.Gazetteer
	matcher *actors.Matcher
}

// matchScratch is the matcher's working memory.
type matchScratch struct {
	s       actors.Scratch
	matches []actors.Match
}

func loadActors(fsys fs.FS) (actorIndex, error) {
	g, err := actors.LoadGazetteer(fsys)
	if err != nil {
		return actorIndex{}, err
	}
	return actorIndex{gaz: g, matcher: actors.NewMatcher(g)}, nil
}

func (a actorIndex) gazetteer() []classifier.Actor { return a.gaz.Actors() }

// kindOf is the kind of the caller's or gazetteer actor with this id.
func (a actorIndex) kindOf(id string, caller []classifier.Actor) classifier.ActorKind {
	for _, c := range caller {
		if c.ID == id {
			return c.Kind
		}
	}
	if i, ok := a.gaz.Lookup(id); ok {
		return a.gaz.Actors()[i].Kind
	}
	return classifier.KindUnspecified
}

// match finds the mentions of text, gives each mentioned actor a dense index
// in order of first mention (s.ids), records each mention's byte span in
// s.spans and returns the mentions for the stance engine.
func (a actorIndex) match(text string, toks []tokenize.Token, caller []classifier.Actor, opts classifier.Options, s *scratch) []stance.Mention {
	ms := &s.match
	ms.matches = a.matcher.Match(ms.matches[:0], text, toks, caller, actors.Options{DisableGazetteer: opts.DisableGazetteer}, &ms.s)
	out := s.mentions[:0]
	s.spans = s.spans[:0]
	for _, m := range ms.matches {
		idx := s.actorIndex(m.ID, m.Kind)
		out = append(out, stance.Mention{
			Actor: idx, Kind: m.Kind, Start: int32(m.TokStart), End: int32(m.TokEnd), Possessive: m.Possessive,
		})
		s.spans = append(s.spans, classifier.Span{Begin: m.Start, End: m.End})
	}
	return out
}
