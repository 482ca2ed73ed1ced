package actors

import (
	"reflect"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func TestMatchFields(t *testing.T) {
	t.Parallel()
	g, m := loadReal(t)
	rus, ok := g.Lookup("country/RUS")
	require.True(t, ok)
	putin, ok := g.Lookup("person/vladimir-putin")
	require.True(t, ok)

	text := "Officials said Russian President Vladimir Putin's aides met."
	toks := tokenize.Tokenize(text, nil)
	// The caller's actor has no kind: it takes the kind of the gazetteer
	// actor merged into it.
	caller := []classifier.Actor{{ID: "other"}, {ID: "putin", Name: "Putin"}}
	got := m.Match(nil, text, toks, caller, Options{}, nil)
	want := []Match{
		{ID: "country/RUS", Actor: rus, Gazetteer: rus, Kind: classifier.KindCountry,
			TokStart: 2, TokEnd: 3, Start: 15, End: 22, Via: ViaDemonym},
		{ID: "putin", Actor: 1, Gazetteer: putin, Caller: true, Kind: classifier.KindPerson,
			TokStart: 3, TokEnd: 6, Start: 23, End: 47, Possessive: true, Via: ViaTitle},
	}
	assert.Equal(t, want, got)
}

// A caller actor matched through its own form reports the gazetteer actor
// it merged with.
func TestMatchCallerGazetteerIndex(t *testing.T) {
	t.Parallel()
	g, m := loadReal(t)
	rus, _ := g.Lookup("country/RUS")
	got := match(m, "Moscow said so.", []classifier.Actor{callerRussia}, Options{})
	require.Len(t, got, 1)
	assert.Equal(t, "russia", got[0].ID)
	assert.Equal(t, rus, got[0].Gazetteer)
	assert.Equal(t, classifier.KindCountry, got[0].Kind)

	got = match(m, "Atlantis said so.", []classifier.Actor{{ID: "atl", Name: "Atlantis"}}, Options{})
	require.Len(t, got, 1)
	assert.Equal(t, -1, got[0].Gazetteer)
	assert.Equal(t, classifier.KindUnspecified, got[0].Kind)
}

// One Scratch serves calls with different caller actors: a merge from one
// call must not leak into the next.
func TestMatchScratchReuse(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	text := "The Kremlin and the White House disagreed."
	toks := tokenize.Tokenize(text, nil)
	var s Scratch
	var dst []Match
	ids := func(ms []Match) []string {
		var out []string
		for _, mt := range ms {
			out = append(out, mt.ID)
		}
		return out
	}
	dst = m.Match(dst[:0], text, toks, []classifier.Actor{callerRussia}, Options{}, &s)
	assert.Equal(t, []string{"russia", "country/USA"}, ids(dst))
	dst = m.Match(dst[:0], text, toks, nil, Options{}, &s)
	assert.Equal(t, []string{"country/RUS", "country/USA"}, ids(dst))
	dst = m.Match(dst[:0], text, toks, []classifier.Actor{{ID: "usa", Name: "United States", Aliases: []string{"Washington"}}}, Options{}, &s)
	assert.Equal(t, []string{"country/RUS", "usa"}, ids(dst))
}

func TestMatchAppends(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	text := "Kyiv replied."
	prev := Match{ID: "earlier"}
	got := m.Match([]Match{prev}, text, tokenize.Tokenize(text, nil), nil, Options{}, nil)
	require.Len(t, got, 2)
	assert.Equal(t, prev, got[0])
	assert.Equal(t, "country/UKR", got[1].ID)
}

func TestMatcherWithoutGazetteer(t *testing.T) {
	t.Parallel()
	m := NewMatcher(nil)
	text := "Russia and the Acme Corp's board."
	got := spans(text, match(m, text, []classifier.Actor{{ID: "acme", Name: "Acme Corp"}}, Options{}))
	assert.Equal(t, []span{{"acme", "Acme Corp", 15, 24, ViaName, "PC"}}, got)
}

// Tokens that do not belong to the text are skipped rather than sliced out
// of range.
func TestMatchForeignTokens(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	toks := tokenize.Tokenize("A much longer text about Russia and Ukraine.", nil)
	text := "Russia"
	assert.NotPanics(t, func() {
		got := m.Match(nil, text, toks, []classifier.Actor{callerRussia}, Options{}, nil)
		for _, mt := range got {
			assert.LessOrEqual(t, mt.End, len(text))
		}
	})
	bad := []tokenize.Token{{Start: 3, End: 1, SuffixEnd: 1, Kind: tokenize.Word}, {Start: -1, End: 2, SuffixEnd: 2, Kind: tokenize.Word}}
	assert.Empty(t, m.Match(nil, text, bad, nil, Options{}, nil))
}

func TestViaString(t *testing.T) {
	t.Parallel()
	for v, want := range map[Via]string{
		ViaName: "name", ViaAlias: "alias", ViaDemonym: "demonym", ViaCapital: "capital",
		ViaSurname: "surname", ViaTitle: "title", 0: "unknown",
	} {
		assert.Equal(t, want, v.String())
	}
}

// A caller who edits its actor slices in place between calls gets the new
// actors, not the cached trie of the old ones.
func TestMatchCallerEditedInPlace(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	text := "Acme and Globex merged."
	toks := tokenize.Tokenize(text, nil)
	caller := []classifier.Actor{{ID: "co", Name: "Acme", Aliases: []string{"Initech"}}}
	var s Scratch
	got := m.Match(nil, text, toks, caller, Options{}, &s)
	require.Len(t, got, 1)
	assert.Equal(t, "Acme", text[got[0].Start:got[0].End])
	caller[0].Aliases[0] = "Globex"
	caller[0].Name = "Umbrella"
	got = m.Match(got[:0], text, toks, caller, Options{}, &s)
	require.Len(t, got, 1)
	assert.Equal(t, "Globex", text[got[0].Start:got[0].End])
}

// The Matcher is shared by goroutines, each with its own (pooled) Scratch.
func TestMatchConcurrent(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	texts := []string{
		"The Kremlin rejected the plan, Peskov said.",
		"Washington and Brussels backed Kyiv.",
		"Democrats criticised the White House.",
	}
	want := make([][]Match, len(texts))
	for i, text := range texts {
		want[i] = match(m, text, []classifier.Actor{callerRussia, callerDems}, Options{})
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 50 {
				i := (g + k) % len(texts)
				got := m.Match(nil, texts[i], tokenize.Tokenize(texts[i], nil), []classifier.Actor{callerRussia, callerDems}, Options{}, nil)
				assert.Equal(t, want[i], got)
			}
		})
	}
	wg.Wait()
}

// sameCaller holds for equal actors in other slices, and not after any
// change to a kind, name or alias, or to the number of actors or aliases.
func TestSameCaller(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	base := func() []classifier.Actor {
		return []classifier.Actor{
			{ID: "a", Name: "Acme", Aliases: []string{"Initech", "Globex"}, Kind: classifier.KindOrganization},
			{ID: "b", Name: "Poland", Kind: classifier.KindCountry},
		}
	}
	tests := []struct {
		name string
		edit func([]classifier.Actor) []classifier.Actor
		same bool
	}{
		{"copy", func(a []classifier.Actor) []classifier.Actor { return a }, true},
		{"id only", func(a []classifier.Actor) []classifier.Actor { a[0].ID = "z"; return a }, true},
		{"kind", func(a []classifier.Actor) []classifier.Actor { a[1].Kind = classifier.KindPerson; return a }, false},
		{"name", func(a []classifier.Actor) []classifier.Actor { a[1].Name = "Polska"; return a }, false},
		{"alias", func(a []classifier.Actor) []classifier.Actor { a[0].Aliases[1] = "Umbrella"; return a }, false},
		{"fewer aliases", func(a []classifier.Actor) []classifier.Actor { a[0].Aliases = a[0].Aliases[:1]; return a }, false},
		{"alias moved", func(a []classifier.Actor) []classifier.Actor {
			a[1].Aliases = a[0].Aliases[1:]
			a[0].Aliases = a[0].Aliases[:1]
			return a
		}, false},
		{"more actors", func(a []classifier.Actor) []classifier.Actor {
			return append(a, classifier.Actor{ID: "c", Name: "Chad"})
		}, false},
		{"fewer actors", func(a []classifier.Actor) []classifier.Actor { return a[:1] }, false},
	}
	for _, tt := range tests {
		var s Scratch
		s.rememberCaller(m, base(), true)
		assert.Equal(t, tt.same, s.sameCaller(m, tt.edit(base()), true), tt.name)
	}
	var s Scratch
	s.rememberCaller(m, base(), true)
	assert.False(t, s.sameCaller(m, base(), false), "other useGaz")
	assert.False(t, s.sameCaller(NewMatcher(nil), base(), true), "other matcher")
	s.rememberCaller(m, nil, true)
	assert.True(t, s.sameCaller(m, nil, true), "no actors")
	assert.False(t, s.sameCaller(m, base(), true), "actors after none")
}

// emit sets every field of a Match without clearing it first: matches
// appended over the spare capacity of dst, full of other values, equal
// those appended to nil.
func TestMatchOverwritesSpareCapacity(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	// Fields emit sets; a new field must be set there too.
	require.Equal(t, 13, reflect.TypeFor[Match]().NumField())
	junk := Match{ID: "junk", Actor: 99, Gazetteer: 98, Caller: true, Kind: classifier.KindPerson,
		TokStart: 97, TokEnd: 96, Start: 95, End: 94, Possessive: true, Plural: true, Partial: true, Via: ViaTitle}
	caller := []classifier.Actor{callerRussia, {ID: "putin", Name: "Putin"}}
	for _, text := range []string{
		"Officials said Russian President Vladimir Putin's aides met in Moscow.",
		"The Kremlin and the White House disagreed; pro-Trump Democrats did not.",
		"Russia-Ukraine talks: Putin, Zelensky and the EU.",
	} {
		toks := tokenize.Tokenize(text, nil)
		want := m.Match(nil, text, toks, caller, Options{}, nil)
		require.NotEmpty(t, want, text)
		dirty := make([]Match, 1, 1+2*len(want))
		for k := range dirty[:cap(dirty)] {
			dirty[:cap(dirty)][k] = junk
		}
		got := m.Match(dirty, text, toks, caller, Options{}, nil)
		assert.Equal(t, want, got[1:], text)
	}
}
