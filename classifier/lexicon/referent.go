package lexicon

import (
	"slices"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Posts and quotes about a person often never name them: the caller asks
// about Donald Trump and the post says "He lies every day." When exactly one
// of the caller's people has no mention in the statement, a third-person
// singular pronoun ("he", "him", "his", "she", "her") that comes before
// anything it could refer back to (a mention of a person or of an actor of
// no kind, or a word that may be a name) refers to that person: nothing in
// the statement can be its antecedent, and the caller has said whom the
// statement is about. Each such pronoun is a mention of the person (Via
// pronoun); the first pronoun of the other gender, or the first candidate
// antecedent, ends the run.
//
// A caller's person is an actor of kind person, or one of no kind whose name
// or alias is a gazetteer person's; its gender, when the gazetteer has it,
// must agree with the pronoun's.

// referentInput is what the referent rule reads beyond the tokens: each
// token's stance function-word classes, whether some lexicon knows the word
// (a capitalised word at a sentence start that none knows may be a name),
// and the statement's speaker, who is never the unnamed person (nobody
// calls themselves "he").
type referentInput struct {
	class   func(i int) stance.Class
	known   func(i int) bool
	speaker string
}

// unnamedReferent appends to matches (in token order) the pronoun mentions
// of the caller's one unnamed person, if there is one, and returns them.
func (a actorIndex) unnamedReferent(text string, toks []tokenize.Token, caller []classifier.Actor, matches []actors.Match, facts referentInput) []actors.Match {
	ci, gender := a.unnamedPerson(caller, matches, facts.speaker)
	if ci < 0 {
		return matches
	}
	n := len(matches)
	mi := 0 // the next match at or after token i
	for i := 0; i < len(toks); i++ {
		for mi < n && matches[mi].TokEnd <= i {
			mi++
		}
		if mi < n && matches[mi].TokStart <= i {
			m := &matches[mi]
			if m.Kind == classifier.KindPerson || m.Kind == classifier.KindUnspecified {
				break // an antecedent
			}
			i = m.TokEnd - 1 // a country or body: "France said he ..."
			continue
		}
		t := &toks[i]
		if t.Kind != tokenize.Word {
			continue
		}
		c := facts.class(i)
		if c&stance.ClassPronPerson != 0 && c&stance.ClassPronPlural == 0 && c&(stance.ClassMasc|stance.ClassFem) != 0 {
			g := byte('m')
			if c&stance.ClassFem != 0 {
				g = 'f'
			}
			if gender == 0 {
				gender = g
			}
			if g != gender {
				break // someone else
			}
			matches = append(matches, actors.Match{
				ID: caller[ci].ID, Actor: ci, Gazetteer: -1, Caller: true, Kind: classifier.KindPerson,
				TokStart: i, TokEnd: i + 1, Start: int(t.Start), End: int(t.End),
				Possessive: c&stance.ClassPossPron != 0 && possessiveUse(toks, i, facts), Via: actors.ViaPronoun,
			})
			continue
		}
		if mayBeName(text, t, c, facts.known(i)) {
			break
		}
	}
	if len(matches) > n && n > 0 {
		slices.SortStableFunc(matches, func(x, y actors.Match) int { return x.TokStart - y.TokStart })
	}
	return matches
}

// unnamedPerson returns the index of the one caller's person without a
// mention in matches, other than the speaker, and that person's gender from the gazetteer (or 0),
// or -1 when there is no such person or more than one.
func (a actorIndex) unnamedPerson(caller []classifier.Actor, matches []actors.Match, speaker string) (int, byte) {
	found, gender := -1, byte(0)
	for ci := range caller {
		if caller[ci].ID == speaker {
			continue
		}
		if mentioned(ci, matches) {
			continue
		}
		g, person := a.personOf(&caller[ci])
		if !person {
			continue
		}
		if found >= 0 {
			return -1, 0 // two unnamed people: which one?
		}
		found = ci
		if g >= 0 {
			gender = a.gender[g]
		}
	}
	return found, gender
}

// personOf reports whether caller actor c is a person, with its gazetteer
// index (or -1).
func (a actorIndex) personOf(c *classifier.Actor) (int, bool) {
	if c.Kind != classifier.KindPerson && c.Kind != classifier.KindUnspecified {
		return -1, false
	}
	if g, ok := a.gaz.Lookup(c.ID); ok {
		return g, a.gaz.Actors()[g].Kind == classifier.KindPerson
	}
	if g, ok := a.gaz.PersonNamed(c.Name); ok {
		return g, true
	}
	for _, al := range c.Aliases {
		if g, ok := a.gaz.PersonNamed(al); ok {
			return g, true
		}
	}
	return -1, c.Kind == classifier.KindPerson
}

// mentioned reports whether caller actor ci has a match.
func mentioned(ci int, matches []actors.Match) bool {
	for i := range matches {
		if matches[i].Caller && matches[i].Actor == ci {
			return true
		}
	}
	return false
}

// possessiveUse reports whether the possessive pronoun at token i is used as
// a determiner ("her plan", not "praised her"): a word follows that is no
// preposition, conjunction or subordinator.
func possessiveUse(toks []tokenize.Token, i int, facts referentInput) bool {
	if i+1 >= len(toks) || toks[i+1].Kind != tokenize.Word {
		return false
	}
	return facts.class(i+1)&(stance.ClassPrep|stance.ClassCoord|stance.ClassSub) == 0
}

// mayBeName reports whether word t (of classes c) may be a name, and so an
// antecedent: a capitalised word inside a sentence, or one at its start
// that no lexicon knows. "I" and the pieces of a hashtag are none.
func mayBeName(text string, t *tokenize.Token, c stance.Class, known bool) bool {
	if t.Flags&(tokenize.Capitalized|tokenize.AllCaps) == 0 || t.Has(tokenize.InTag) || c&stance.ClassPronFirst != 0 {
		return false
	}
	return !t.Has(tokenize.SentenceStart) || !known
}
