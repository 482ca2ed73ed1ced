package actors

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// match tokenizes text and matches it with m.
func match(m *Matcher, text string, caller []classifier.Actor, opts Options) []Match {
	toks := tokenize.Tokenize(text, nil)
	return m.Match(nil, text, toks, caller, opts, new(Scratch))
}

// assertSameFolded checks that MatchFolded, with the tokens' lookup forms
// and then also with their Roots, finds what Match found: want.
func assertSameFolded(t *testing.T, m *Matcher, text string, caller []classifier.Actor, opts Options, want []Match) {
	t.Helper()
	toks := tokenize.Tokenize(text, nil)
	var fd tokenize.Folded
	fd.Reset(text, toks)
	roots := make([]Roots, len(toks))
	for i := range toks {
		roots[i] = m.Roots(fd.At(i))
	}
	var s Scratch
	assert.Equal(t, want, m.MatchFolded(nil, text, toks, &fd, nil, caller, opts, &s), "MatchFolded")
	assert.Equal(t, want, m.MatchFolded(nil, text, toks, &fd, roots, caller, opts, &s), "MatchFolded with Roots")
}

func matchIDs(m *Matcher, text string, caller []classifier.Actor, opts Options) []string {
	var ids []string
	for _, mt := range match(m, text, caller, opts) {
		ids = append(ids, mt.ID)
	}
	return ids
}

// span is the part of a Match the table tests compare.
type span struct {
	ID         string
	Text       string
	Start, End int
	Via        Via
	Flags      string // "P" possessive, "S" plural, "H" part of a hyphenated word, "C" caller
}

func spans(text string, ms []Match) []span {
	var out []span
	for _, mt := range ms {
		s := span{ID: mt.ID, Text: text[mt.Start:mt.End], Start: mt.Start, End: mt.End, Via: mt.Via}
		for _, f := range []struct {
			on bool
			c  string
		}{{mt.Possessive, "P"}, {mt.Plural, "S"}, {mt.Partial, "H"}, {mt.Caller, "C"}} {
			if f.on {
				s.Flags += f.c
			}
		}
		out = append(out, s)
	}
	return out
}

var (
	callerRussia = classifier.Actor{ID: "russia", Name: "Russia", Aliases: []string{"Moscow"}}
	callerDems   = classifier.Actor{ID: "dems", Name: "Democrat", Kind: classifier.KindGroup}
)

func TestMatchSpans(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	tests := []struct {
		name   string
		text   string
		caller []classifier.Actor
		opts   Options
		want   []span
	}{
		{
			// The flag emoji is 8 bytes and the fire 4: offsets are
			// bytes, not characters.
			name: "emoji before a mention",
			text: "🇺🇦🔥 Ukraine said no.",
			want: []span{{"country/UKR", "Ukraine", 13, 20, ViaName, ""}},
		},
		{
			name: "curly apostrophe possessive",
			text: "Russia’s envoy left.",
			want: []span{{"country/RUS", "Russia", 0, 6, ViaName, "P"}},
		},
		{
			name: "straight apostrophe possessive of a multi-word name",
			text: "The United States' allies balked.",
			want: []span{{"country/USA", "United States", 4, 17, ViaName, "P"}},
		},
		{
			// A demonym before a phrase of private.tsv names a private
			// person, not the state; before "officials" it is the state.
			name: "demonym of a private person",
			text: "A Chinese student, two Canadian aid workers and Russian officials met.",
			want: []span{{"country/RUS", "Russian", 48, 55, ViaDemonym, ""}},
		},
		{
			// Only right after the demonym: "students" three words on
			// belongs to another phrase.
			name: "private phrase not next to the demonym",
			text: "Chinese officials detained students.",
			want: []span{{"country/CHN", "Chinese", 0, 7, ViaDemonym, ""}},
		},
		{
			// "us" the pronoun never matches the case-sensitive "US".
			name: "US vs us",
			text: "Let us see if the US agrees with us.",
			want: []span{{"country/USA", "US", 18, 20, ViaAlias, ""}},
		},
		{
			name: "WHO vs who",
			text: "The WHO, who warned of an outbreak, said so.",
			want: []span{{"org/who", "WHO", 4, 7, ViaAlias, ""}},
		},
		{
			name: "U.S. at the end of a sentence",
			text: "She moved to the U.S. Trump said so.",
			want: []span{
				{"country/USA", "U.S.", 17, 21, ViaAlias, ""},
				{"person/donald-trump", "Trump", 22, 27, ViaSurname, ""},
			},
		},
		{
			name: "the Kremlin includes the article",
			text: "A statement from the Kremlin followed.",
			want: []span{{"country/RUS", "the Kremlin", 17, 28, ViaCapital, ""}},
		},
		{
			name: "demonym",
			text: "Russian troops crossed the river.",
			want: []span{{"country/RUS", "Russian", 0, 7, ViaDemonym, ""}},
		},
		{
			name: "plural demonym",
			text: "Ukrainians voted.",
			want: []span{{"country/UKR", "Ukrainians", 0, 10, ViaDemonym, "S"}},
		},
		{
			name:   "plural of a caller actor",
			text:   "Democrats and a Democrat objected; the Democrats' plan failed.",
			caller: []classifier.Actor{callerDems},
			want: []span{
				{"dems", "Democrats", 0, 9, ViaName, "SC"},
				{"dems", "Democrat", 16, 24, ViaName, "C"},
				{"dems", "Democrats", 39, 48, ViaName, "PSC"},
			},
		},
		{
			// A person's name is not pluralised: "the Smiths" are a
			// family.
			name:   "no plural for a caller person",
			text:   "The Smiths came; Smith stayed.",
			caller: []classifier.Actor{{ID: "smith", Name: "Smith", Kind: classifier.KindPerson}},
			want:   []span{{"smith", "Smith", 17, 22, ViaName, "C"}},
		},
		{
			name: "longest match",
			text: "The United Nations Security Council and the United Nations met.",
			want: []span{
				{"org/un-security-council", "United Nations Security Council", 4, 35, ViaAlias, ""},
				{"org/un", "United Nations", 44, 58, ViaName, ""},
			},
		},
		{
			name: "longest match of a demonym",
			text: "South Korean and North Korean officials met.",
			want: []span{
				{"country/KOR", "South Korean", 0, 12, ViaDemonym, ""},
				{"country/PRK", "North Korean", 17, 29, ViaDemonym, ""},
			},
		},
		{
			// The caller's "Russians" and the gazetteer's plural of
			// "Russian" cover the same span: the caller wins. The
			// forms differ, so RUS is not merged and "Russian" stays
			// country/RUS.
			name:   "caller overrides gazetteer on the same span",
			text:   "Russians and Russian officials.",
			caller: []classifier.Actor{{ID: "rus-people", Name: "Russians"}},
			want: []span{
				{"rus-people", "Russians", 0, 8, ViaName, "C"},
				{"country/RUS", "Russian", 13, 20, ViaDemonym, ""},
			},
		},
		{
			// The caller's "Moscow" is RUS's capital: every RUS
			// mention is reported under the caller's id.
			name:   "caller-gazetteer merge",
			text:   "The Kremlin and Moscow's allies blamed the Russian Federation.",
			caller: []classifier.Actor{callerRussia},
			want: []span{
				{"russia", "The Kremlin", 0, 11, ViaCapital, "C"},
				{"russia", "Moscow", 16, 22, ViaAlias, "PC"},
				{"russia", "Russian Federation", 43, 61, ViaAlias, "C"},
			},
		},
		{
			name: "titles",
			text: "President Putin met Mr. Lavrov and Prime Minister Sir Keir Starmer.",
			want: []span{
				{"person/vladimir-putin", "President Putin", 0, 15, ViaTitle, ""},
				{"person/sergei-lavrov", "Mr. Lavrov", 20, 30, ViaTitle, ""},
				{"person/keir-starmer", "Prime Minister Sir Keir Starmer", 35, 66, ViaTitle, ""},
			},
		},
		{
			// "Lee" alone is anybody; after a title it is the
			// president.
			name: "surname that needs a title",
			text: "Lee spoke, then President Lee replied.",
			want: []span{{"person/lee-jae-myung", "President Lee", 16, 29, ViaTitle, ""}},
		},
		{
			name:   "title before a caller person",
			text:   "Senator Jane Roe voted.",
			caller: []classifier.Actor{{ID: "roe", Name: "Jane Roe", Kind: classifier.KindPerson}},
			want:   []span{{"roe", "Senator Jane Roe", 0, 16, ViaTitle, "C"}},
		},
		{
			name: "surname inside a longer capitalised name",
			text: "The first lady Melania Trump visited Trump Tower; Jim Jordan and Jordan Peterson did not.",
			want: nil,
		},
		{
			// Known limit: a capitalised word that starts the sentence
			// may be an adverb ("Later Trump said"), so it does not
			// guard.
			name: "sentence-initial first name",
			text: "Melania Trump spoke.",
			want: []span{{"person/donald-trump", "Trump", 8, 13, ViaSurname, ""}},
		},
		{
			// A weekday, a title or another actor after the surname is
			// not part of one name.
			name: "guard exceptions",
			text: "Putin Tuesday met Xi; Ukraine President Zelensky agreed.",
			want: []span{
				{"person/vladimir-putin", "Putin", 0, 5, ViaSurname, ""},
				{"person/xi-jinping", "Xi", 18, 20, ViaSurname, ""},
				{"country/UKR", "Ukraine", 22, 29, ViaName, ""},
				{"person/volodymyr-zelensky", "President Zelensky", 30, 48, ViaTitle, ""},
			},
		},
		{
			// A woman's title does not take a man's surname, and the
			// surname alone is not matched after it either.
			name: "gendered titles",
			text: "Yes, Mrs. Trump and Ms. Meloni met Mr. Trump.",
			want: []span{
				{"person/giorgia-meloni", "Ms. Meloni", 20, 30, ViaTitle, ""},
				{"person/donald-trump", "Mr. Trump", 35, 44, ViaTitle, ""},
			},
		},
		{
			// "Kim" after a title is Kim Jong Un, unless the name goes
			// on.
			name: "title and a first name",
			text: "Sir Kim Darroch resigned; Chairman Kim did not.",
			want: []span{{"person/kim-jong-un", "Chairman Kim", 26, 38, ViaTitle, ""}},
		},
		{
			name: "dateline",
			text: "WASHINGTON — The White House said Washington would act.",
			want: []span{
				{"country/USA", "The White House", 15, 30, ViaCapital, ""},
				{"country/USA", "Washington", 36, 46, ViaCapital, ""},
			},
		},
		{
			name: "capital in a longer name",
			text: "The Washington Post reported that Washington disagreed.",
			want: []span{{"country/USA", "Washington", 34, 44, ViaCapital, ""}},
		},
		{
			name: "blocked phrase",
			text: "Latin America and the Indian Ocean after the Korean War; America and India.",
			want: []span{
				{"country/USA", "America", 57, 64, ViaAlias, ""},
				{"country/IND", "India", 69, 74, ViaName, ""},
			},
		},
		{
			// Lower-case country names are common words.
			name: "gazetteer needs a capital letter",
			text: "They ate turkey off fine china in Turkey.",
			want: []span{{"country/TUR", "Turkey", 34, 40, ViaName, ""}},
		},
		{
			name: "lower-case surname is a word",
			text: "Nothing could trump that card.",
			want: nil,
		},
		{
			name: "hyphenated words",
			text: "The Russia-Ukraine talks and US-led, pro-Trump groups.",
			want: []span{
				{"country/RUS", "Russia", 4, 10, ViaName, "H"},
				{"country/UKR", "Ukraine", 11, 18, ViaName, "H"},
				{"country/USA", "US", 29, 31, ViaAlias, "H"},
				{"person/donald-trump", "Trump", 41, 46, ViaSurname, "H"},
			},
		},
		{
			name: "possessive inside a name",
			text: "The People's Republic of China objected.",
			want: []span{{"country/CHN", "People's Republic of China", 4, 30, ViaAlias, ""}},
		},
		{
			// A shouted "IS" is the verb, not Islamic State.
			name: "all-caps text",
			text: "THIS IS BAD, but IS fighters retreated.",
			want: []span{{"org/islamic-state", "IS", 17, 19, ViaAlias, ""}},
		},
		{
			// A short all-caps caller form is an acronym.
			name:   "caller acronym is case-sensitive",
			text:   "Tell us what the US wants.",
			caller: []classifier.Actor{{ID: "usa", Name: "US"}},
			opts:   Options{DisableGazetteer: true},
			want:   []span{{"usa", "US", 17, 19, ViaName, "C"}},
		},
		{
			name:   "caller actors are case-insensitive",
			text:   "He said the Senator told him.",
			caller: []classifier.Actor{{ID: "he", Name: "he"}},
			want:   []span{{"he", "He", 0, 2, ViaName, "C"}},
		},
		{
			name:   "disable gazetteer",
			text:   "Russia and Ukraine met in Geneva.",
			caller: []classifier.Actor{{ID: "geneva", Name: "Geneva"}},
			opts:   Options{DisableGazetteer: true},
			want:   []span{{"geneva", "Geneva", 26, 32, ViaName, "C"}},
		},
		{
			// The first of two caller actors with the same form wins.
			name: "duplicate caller forms",
			text: "The Alliance met.",
			caller: []classifier.Actor{
				{ID: "first", Name: "the Alliance"},
				{ID: "second", Name: "The Alliance"},
			},
			want: []span{{"first", "The Alliance", 0, 12, ViaName, "C"}},
		},
		{
			// A caller form without a token, like an empty alias, is
			// skipped.
			name:   "caller form without tokens",
			text:   "Nothing here.",
			caller: []classifier.Actor{{ID: "x", Name: "  ", Aliases: []string{""}}},
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ms := match(m, tt.text, tt.caller, tt.opts)
			assert.Equal(t, tt.want, spans(tt.text, ms))
			assertSameFolded(t, m, tt.text, tt.caller, tt.opts, ms)
		})
	}
}

// TestRootForms checks that RootForms lists every form without a final dot
// that has Roots, and that a final dot changes nothing, so that a
// vocabulary built from it may hand MatchFolded zero Roots for any other
// word: the words of every gazetteer surface form and of real text, with a
// final dot and a plural "s".
func TestRootForms(t *testing.T) {
	t.Parallel()
	g, m := loadReal(t)
	listed := map[string]bool{}
	for _, f := range m.RootForms() {
		listed[f] = true
	}
	texts := []string{benchText, "Russians and Americans. The Kremlin's envoys met Sen. Graham, Gen. Milley, Mrs. May and the U.S. Democrats."}
	for _, a := range g.Actors() {
		texts = append(texts, a.Name)
		texts = append(texts, a.Aliases...)
	}
	withRoots := 0
	for _, text := range texts {
		toks := tokenize.Tokenize(text, nil)
		var fd tokenize.Folded
		fd.Reset(text, toks)
		for i, tok := range toks {
			if tok.Kind != tokenize.Word {
				continue
			}
			f := string(fd.At(i))
			for _, v := range []string{f, f + ".", f + "s", f + "s."} {
				r := m.Roots([]byte(v))
				if dotless, ok := strings.CutSuffix(v, "."); ok && len(v) > 1 {
					want := Roots{}
					if !strings.HasSuffix(dotless, ".") {
						want = m.Roots([]byte(dotless))
					}
					require.Equal(t, want, r, "%q", v)
					continue
				}
				if !r.IsZero() {
					withRoots++
					require.True(t, listed[v], "%q has Roots but is not in RootForms", v)
				}
			}
		}
	}
	assert.Greater(t, withRoots, 100)
}
