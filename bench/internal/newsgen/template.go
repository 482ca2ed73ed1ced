package newsgen

import (
	"fmt"
	"strings"
)

// slot is what fills one part of a template.
type slot uint8

const (
	slotText       slot = iota // literal text
	slotOpening                // {O}: "On Tuesday, " or nothing
	slotHolder                 // {H}: who takes the stance
	slotHolder2                // {H2}: a second holder
	slotTarget                 // {T}: whom the stance is about
	slotThird                  // {X}: a third actor
	slotPast                   // {Vp}: main verb, past tense
	slotBase                   // {Vb}: main verb, base form
	slotParticiple             // {Vpp}: main verb, passive participle
	slotPast2                  // {V2p}: contrast verb, past tense
	slotTail                   // {R}: reason, accusation or context after the main verb's target
	slotTail2                  // {R2}: the same after the contrast verb's target
	slotContext                // {Ctx}: a context phrase or nothing
	slotSource                 // {S}: "officials said"
	slotDay                    // {D}: a weekday
	slotCity                   // {C}: a city
	slotQuote                  // {Q}: a quote of the stance's kind, about {T}
	slotWho                    // {W}: "who" or "which", for the holder
)

var slotNames = map[string]slot{
	"O": slotOpening, "H": slotHolder, "H2": slotHolder2, "T": slotTarget, "X": slotThird,
	"Vp": slotPast, "Vb": slotBase, "Vpp": slotParticiple, "V2p": slotPast2,
	"R": slotTail, "R2": slotTail2, "Ctx": slotContext, "S": slotSource,
	"D": slotDay, "C": slotCity, "Q": slotQuote, "W": slotWho,
}

type segment struct {
	slot slot
	text string // for slotText
}

type template struct {
	segs []segment
	// participle says the template uses {Vpp}, so its verb needs one.
	participle bool
}

// parseTemplate splits s into literal text and {slots}.
func parseTemplate(s string) (template, error) {
	var t template
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t.segs = append(t.segs, segment{text: s})
			break
		}
		if i > 0 {
			t.segs = append(t.segs, segment{text: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return template{}, fmt.Errorf("newsgen: template %q: unclosed {", s)
		}
		name := s[i+1 : i+j]
		sl, ok := slotNames[name]
		if !ok {
			return template{}, fmt.Errorf("newsgen: template %q: unknown slot {%s}", s, name)
		}
		t.participle = t.participle || sl == slotParticiple
		t.segs = append(t.segs, segment{slot: sl})
		s = s[i+j+1:]
	}
	return t, nil
}

// mustParse parses constant templates written in this package; a mistake in
// them is a programming error caught by the package's tests.
func mustParse(list ...string) []template {
	out := make([]template, len(list))
	for i, s := range list {
		t, err := parseTemplate(s)
		if err != nil {
			panic(err)
		}
		out[i] = t
	}
	return out
}

// templates are the statement shapes, drawn with equal probability.
var templates = mustParse(
	"{O}{H} {Vp} {T} {R}.",
	"{H} {Vp} {T} {Ctx} on {D}, {S}.",
	"{O}{T} was {Vpp} by {H} {R}.",
	"{T} was {Vpp} by {H} {R}, {S}.",
	`"{Q}," {H} said on {D}.`,
	`"{Q}," {H} told reporters in {C} {Ctx}.`,
	"{O}{H} {Vp} {T} but {V2p} {X} {R2}.",
	"{H} refused to {Vb} {T} {Ctx}, {S}.",
	"{O}{H} did not {Vb} {T}, despite calls from {X} to do so.",
	"{O}{H} and {H2} jointly {Vp} {T} {R}.",
	"Officials in {C} said {H} would {Vb} {T} {Ctx}, but gave no details.",
	"{H} is expected to {Vb} {T} when leaders gather in {C} next week, {S}.",
	"Will {H} {Vb} {T} {Ctx}?",
	"Speaking in {C} on {D}, {H} {Vp} {T} {R} and urged {X} to follow suit.",
	"{H}, {W} has long been at odds with {X}, {Vp} {T} {R}.",
	"In a joint statement after talks in {C}, {H} and {H2} {Vp} {T} {R}.",
	"{H} on {D} {Vp} {T} {R}, in a move likely to anger {X}.",
)

// quotes and codas, parsed.
var (
	quoteTemplates = [numStances][]template{
		support: mustParse(quoteText[support]...),
		oppose:  mustParse(quoteText[oppose]...),
		neutral: mustParse(quoteText[neutral]...),
	}
	codas = mustParse(codaText...)
)
