package stance

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

var (
	lexOnce sync.Once
	lexVal  *Lexicon
	lexErr  error
)

// testLexicon loads the real stance data once.
func testLexicon(tb testing.TB) *Lexicon {
	tb.Helper()
	lexOnce.Do(func() { lexVal, lexErr = Load(os.DirFS("../data")) })
	require.NoError(tb, lexErr)
	return lexVal
}

// actor is a test actor: name, kind, aliases.
type actor struct {
	name    string
	kind    classifier.ActorKind
	aliases []string
}

func person(name string, aliases ...string) actor {
	return actor{name, classifier.KindPerson, aliases}
}
func country(name string, aliases ...string) actor {
	return actor{name, classifier.KindCountry, aliases}
}
func org(name string, aliases ...string) actor {
	return actor{name, classifier.KindOrganization, aliases}
}
func other(name string, aliases ...string) actor {
	return actor{name, classifier.KindOther, aliases}
}

// findMentions is a minimal test matcher: longest case-insensitive match of
// any actor's name or alias as a token sequence. The real matcher lives in
// package actors; the stance rules only need token ranges.
func findMentions(text string, toks []tokenize.Token, actors []actor) []Mention {
	type form struct {
		words []string
		actor int32
	}
	var forms []form
	for i, a := range actors {
		for _, s := range append([]string{a.name}, a.aliases...) {
			var ws []string
			for _, t := range tokenize.Tokenize(s, nil) {
				ws = append(ws, string(tokenize.AppendLower(nil, t.Text(s))))
			}
			forms = append(forms, form{ws, int32(i)})
		}
	}
	var out []Mention
	for i := 0; i < len(toks); {
		best, bestActor := 0, int32(-1)
		for _, f := range forms {
			if i+len(f.words) > len(toks) || len(f.words) <= best {
				continue
			}
			ok := true
			for k, w := range f.words {
				t := toks[i+k]
				if string(tokenize.AppendLower(nil, t.Text(text))) != w || (k < len(f.words)-1 && t.Has(tokenize.Possessive)) {
					ok = false
					break
				}
			}
			if ok {
				best, bestActor = len(f.words), f.actor
			}
		}
		if best == 0 {
			// "anti-Orban", "Iran-backed": the last or the first part of
			// a hyphenated word.
			tt := toks[i].Text(text)
			if h := strings.LastIndexByte(tt, '-'); h > 0 {
				tail := strings.ToLower(tt[h+1:])
				head := strings.ToLower(tt[:strings.IndexByte(tt, '-')])
				for _, f := range forms {
					if len(f.words) == 1 && (f.words[0] == tail || f.words[0] == head) {
						out = append(out, Mention{Actor: f.actor, Kind: actors[f.actor].kind, Start: int32(i), End: int32(i + 1)})
						break
					}
				}
			}
			i++
			continue
		}
		last := toks[i+best-1]
		out = append(out, Mention{Actor: bestActor, Kind: actors[bestActor].kind, Start: int32(i), End: int32(i + best), Possessive: last.Has(tokenize.Possessive)})
		i += best
	}
	return out
}

// result is an analysis in readable form.
type result struct {
	targets   map[string]string // actor name -> support/oppose/neutral
	relations []string          // "holder -> target: stance", sorted
	contribs  []string
}

// analyze runs the engine on text with the given actors (no sentiment hits
// unless given) and returns targets and relations by actor name.
func analyze(tb testing.TB, l *Lexicon, text string, speaker int32, hits []Hit, actors ...actor) result {
	tb.Helper()
	toks := tokenize.Tokenize(text, nil)
	in := &Input{
		Text: text, Toks: toks, Sentences: tokenize.Sentences(text, toks, nil),
		Mentions: findMentions(text, toks, actors), Hits: hits, Speaker: speaker, NumActors: len(actors),
	}
	var s Scratch
	contribs := l.Analyze(in, &s)
	// The tokens' forms and entries computed outside, as the classifier
	// does, give the same contributions.
	var fd tokenize.Folded
	fd.Reset(text, toks)
	pre := *in
	pre.Folded, pre.Entries = &fd, make([]int32, len(toks))
	for i := range toks {
		pre.Entries[i] = l.Lookup(fd.At(i))
	}
	var s2 Scratch
	require.Equal(tb, contribs, l.Analyze(&pre, &s2), "Input with Folded and Entries")
	res := result{targets: map[string]string{}}
	for _, c := range contribs {
		h := "-"
		if c.Holder >= 0 {
			h = actors[c.Holder].name
		}
		res.contribs = append(res.contribs, fmt.Sprintf("%s->%s %.2f %s %q", h, actors[c.Target].name, c.Weight, c.Rule, text[c.Begin:c.End]))
	}
	targets, rels := l.Aggregate(contribs, len(actors), nil, &s)
	seen := map[int32]bool{}
	for _, m := range in.Mentions {
		seen[m.Actor] = true
	}
	for i, a := range actors {
		if seen[int32(i)] {
			res.targets[a.name] = targets[i].Stance.String()
		}
	}
	for _, r := range rels {
		res.relations = append(res.relations, fmt.Sprintf("%s -> %s: %s", actors[r.Holder].name, actors[r.Target].name, r.Stance))
	}
	sort.Strings(res.relations)
	return res
}

func (r result) String() string {
	return fmt.Sprintf("targets=%v relations=%v\ncontribs:\n  %s", r.targets, r.relations, strings.Join(r.contribs, "\n  "))
}
