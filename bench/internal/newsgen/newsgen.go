// Package newsgen generates synthetic news-style statements for speed, load
// and memory measurements of stancetag.
//
// A Generator is deterministic: the same seed yields the same statements, in
// the same order, on every machine. Statements are about 23 words on average
// (one or two sentences, from 4 to about 50 words), mention two or three actors
// (countries, leaders, organisations, and fictional local actors that no
// gazetteer knows and that are therefore listed as the statement's caller
// actors), and express support, opposition or neither through templates that
// include quotes, passives, negation and contrast. The text is wire-service
// style English written for this package; it is not labelled data and must
// not be used to judge accuracy.
//
// A Generator is not safe for concurrent use; give each goroutine its own.
package newsgen

import (
	"math/rand/v2"
	"strconv"
)

// Actor is a caller-supplied actor, as in stance.v1.Actor.
type Actor struct {
	ID      string
	Name    string
	Aliases []string
}

// Statement is one generated statement, as in stance.v1.Statement.
type Statement struct {
	// ID is "s" followed by the statement's 1-based position: "s1", "s2", …
	ID   string
	Text string
	// Actors are the caller actors mentioned in Text, each once; nil when
	// the statement mentions only actors a gazetteer knows.
	Actors []Actor
}

// Generator produces an endless, reproducible sequence of statements.
type Generator struct {
	r   *rand.Rand
	n   int
	buf []byte
	// per-statement state
	holder, holder2, target, third *entity
	stance, stance2                stance
	verb, verb2                    verb
	actors                         []Actor
	callerActors                   int // SetCallerActors
}

// SetCallerActors makes every later statement list at least k caller
// actors (0, the default, lists only those mentioned): those the text
// mentions, then local actors it does not mention, taken in turn from the
// statement's number, so that the texts stay those of the default mix
// for the same seed and only the actor lists grow. A caller that passes
// its actors with every statement (a newsroom tool watching three
// organisations) looks like this.
func (g *Generator) SetCallerActors(k int) { g.callerActors = max(k, 0) }

// fillActors tops g.actors up to g.callerActors with unmentioned locals.
func (g *Generator) fillActors() {
	for i := 0; len(g.actors) < g.callerActors && i < len(locals); i++ {
		a := locals[(g.n+i)%len(locals)].caller
		dup := false
		for _, x := range g.actors {
			dup = dup || x.ID == a.ID
		}
		if !dup {
			g.actors = append(g.actors, *a)
		}
	}
}

// stream is the second PCG word; fixed so that a seed alone decides the
// sequence.
const stream = 0x6e657773_67656e31 // "newsgen1"

// New returns a generator whose sequence is decided by seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, stream)), buf: make([]byte, 0, 512)}
}

// Next returns the next statement.
func (g *Generator) Next() Statement {
	g.n++
	g.buf = g.buf[:0]
	g.actors = nil
	g.holder = g.pickEntity()
	g.holder2 = g.pickEntity(g.holder)
	g.target = g.pickEntity(g.holder, g.holder2)
	g.third = g.pickEntity(g.holder, g.holder2, g.target)
	g.stance = g.pickStance()

	t := &templates[g.r.IntN(len(templates))]
	g.verb = g.pickVerb(g.stance, t.participle)
	// The second verb of a contrast goes the other way; after a neutral
	// one, either way.
	switch g.stance {
	case support:
		g.stance2 = oppose
	case oppose:
		g.stance2 = support
	default:
		g.stance2 = stance(g.r.IntN(2))
	}
	g.verb2 = g.pickVerb(g.stance2, false)
	g.render(t)
	if g.r.IntN(100) < 30 {
		g.buf = append(g.buf, ' ')
		g.render(&codas[g.r.IntN(len(codas))])
	}
	g.buf = tidy(g.buf)
	g.fillActors()
	return Statement{ID: "s" + strconv.Itoa(g.n), Text: string(g.buf), Actors: g.actors}
}

// pickEntity returns an actor other than those in not: countries and leaders
// most often, then organisations, then local actors.
func (g *Generator) pickEntity(not ...*entity) *entity {
	for {
		var list []entity
		switch x := g.r.IntN(100); {
		case x < 35:
			list = countries
		case x < 70:
			list = leaders
		case x < 85:
			list = organisations
		default:
			list = locals
		}
		e := &list[g.r.IntN(len(list))]
		clash := false
		for _, o := range not {
			clash = clash || o == e
		}
		if !clash {
			return e
		}
	}
}

func (g *Generator) pickStance() stance {
	switch x := g.r.IntN(10); {
	case x < 4:
		return support
	case x < 8:
		return oppose
	default:
		return neutral
	}
}

// pickVerb returns a verb of stance s; one with a passive participle when
// participle is set.
func (g *Generator) pickVerb(s stance, participle bool) verb {
	list := verbs[s]
	for {
		v := list[g.r.IntN(len(list))]
		if !participle || v.participle != "" {
			return v
		}
	}
}

// mention appends a surface form of e, half the time its canonical name,
// and records e among the statement's caller actors if it is one.
func (g *Generator) mention(e *entity) {
	f := e.forms[0]
	if g.r.IntN(2) == 0 {
		f = e.forms[g.r.IntN(len(e.forms))]
	}
	g.buf = append(g.buf, f...)
	if e.caller == nil {
		return
	}
	for _, a := range g.actors {
		if a.ID == e.caller.ID {
			return
		}
	}
	g.actors = append(g.actors, *e.caller)
}

// tail appends what follows a verb's target: the accusation that "accused"
// needs, a "for …" reason where the verb takes one, or a context phrase
// (possibly empty).
func (g *Generator) tail(v verb, s stance) {
	switch {
	case v.base == "accuse":
		g.buf = append(g.buf, pick(g.r, accusations)...)
	case v.why && s != neutral && g.r.IntN(10) < 6:
		g.buf = append(g.buf, pick(g.r, reasons[s])...)
	default:
		g.buf = append(g.buf, pick(g.r, contexts)...)
	}
}

// render appends t with its slots filled and its first letter capitalised.
func (g *Generator) render(t *template) {
	start := len(g.buf)
	for _, s := range t.segs {
		switch s.slot {
		case slotText:
			g.buf = append(g.buf, s.text...)
		case slotOpening:
			g.buf = append(g.buf, pick(g.r, openings)...)
		case slotHolder:
			g.mention(g.holder)
		case slotHolder2:
			g.mention(g.holder2)
		case slotTarget:
			g.mention(g.target)
		case slotThird:
			g.mention(g.third)
		case slotPast:
			g.buf = append(g.buf, g.verb.past...)
		case slotBase:
			g.buf = append(g.buf, g.verb.base...)
		case slotParticiple:
			g.buf = append(g.buf, g.verb.participle...)
		case slotPast2:
			g.buf = append(g.buf, g.verb2.past...)
		case slotTail:
			g.tail(g.verb, g.stance)
		case slotTail2:
			g.tail(g.verb2, g.stance2)
		case slotContext:
			g.buf = append(g.buf, pick(g.r, contexts)...)
		case slotSource:
			g.buf = append(g.buf, pick(g.r, sources)...)
		case slotDay:
			g.buf = append(g.buf, pick(g.r, days)...)
		case slotCity:
			g.buf = append(g.buf, pick(g.r, cities)...)
		case slotWho:
			if g.holder.person {
				g.buf = append(g.buf, "who"...)
			} else {
				g.buf = append(g.buf, "which"...)
			}
		case slotQuote:
			q := quoteTemplates[g.stance]
			g.render(&q[g.r.IntN(len(q))])
		}
	}
	capitalise(g.buf[start:])
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// capitalise upper-cases the first ASCII letter of b, after an opening
// quotation mark if there is one.
func capitalise(b []byte) {
	i := 0
	if i < len(b) && b[i] == '"' {
		i++
	}
	if i < len(b) && 'a' <= b[i] && b[i] <= 'z' {
		b[i] -= 'a' - 'A'
	}
}

// tidy removes the gaps empty slots leave: doubled spaces, and spaces before
// a comma, full stop or question mark. It works in place.
func tidy(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == ' ' && i+1 < len(b) {
			switch b[i+1] {
			case ' ', ',', '.', '?':
				continue
			}
		}
		out = append(out, c)
	}
	return out
}
