package actors

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// Minimal valid gazetteer files; loader tests replace one of them.
const (
	testCountries = "id\tname\tformal\taliases\tdemonyms\tcapitals\tun\n" +
		"country/RUS\tRussia\tRussian Federation\t-\tRussian\tMoscow|the Kremlin\tmember\n" +
		"country/USA\tUnited States\t-\t=US|U.S.\tAmerican\tWashington\tmember\n"
	testOrgs = "id\tname\taliases\tseats\tkind\taffiliation\n" +
		"org/who\tWorld Health Organization\t=WHO\t-\torganization\t-\n"
	testPeople = "id\tname\taliases\tsurname\talone\tgender\taffiliation\trole\n" +
		"person/vladimir-putin\tVladimir Putin\t-\tPutin\tyes\tm\tcountry/RUS\tPresident of Russia\n"
	testTitles  = "title\tgender\nPresident\t-\nMr\tm\n"
	testBlocked = "phrase\twhy\nLatin America\tregion\n"
	testPrivate = "phrase\nstudent\naid worker\n"
)

// testFS returns the minimal gazetteer with the given files replaced
// (a nil value removes the file).
func testFS(replace map[string]*string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range map[string]string{
		"countries.tsv": testCountries, "organizations.tsv": testOrgs, "people.tsv": testPeople,
		"titles.tsv": testTitles, "blocked.tsv": testBlocked, "private.tsv": testPrivate,
	} {
		if r, ok := replace[name]; ok {
			if r == nil {
				continue
			}
			data = *r
		}
		fsys["gazetteer/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func ptr(s string) *string { return &s }

func TestLoadGazetteerMinimal(t *testing.T) {
	t.Parallel()
	g, err := LoadGazetteer(testFS(nil))
	require.NoError(t, err)
	want := []classifier.Actor{
		{ID: "country/RUS", Name: "Russia", Kind: classifier.KindCountry,
			Aliases: []string{"Russian Federation", "Russian", "Moscow", "the Kremlin"}},
		// The case-sensitive marker is not part of the alias.
		{ID: "country/USA", Name: "United States", Kind: classifier.KindCountry,
			Aliases: []string{"US", "U.S.", "American", "Washington"}},
		{ID: "org/who", Name: "World Health Organization", Kind: classifier.KindOrganization, Aliases: []string{"WHO"}},
		{ID: "person/vladimir-putin", Name: "Vladimir Putin", Kind: classifier.KindPerson, Aliases: []string{"Putin"}},
	}
	assert.Equal(t, want, g.Actors())
	i, ok := g.Lookup("person/vladimir-putin")
	require.True(t, ok)
	assert.Equal(t, Entry{Actor: want[3], Affiliation: "country/RUS", Role: "President of Russia", Line: 2, Gender: 'm'}, g.Entry(i))
	_, ok = g.Lookup("country/FRA")
	assert.False(t, ok)
}

func TestLoadGazetteerErrors(t *testing.T) {
	t.Parallel()
	const (
		cHead = "id\tname\tformal\taliases\tdemonyms\tcapitals\tun\n"
		pHead = "id\tname\taliases\tsurname\talone\tgender\taffiliation\trole\n"
		oHead = "id\tname\taliases\tseats\tkind\taffiliation\n"
	)
	tests := []struct {
		name  string
		file  string
		data  *string
		extra string // another file to add
		want  string
	}{
		{
			name: "duplicate id",
			file: "people.tsv",
			data: ptr(pHead + "# a comment\n\n" +
				"person/vladimir-putin\tVladimir Putin\t-\tPutin\tyes\tm\t-\t-\n" +
				"person/vladimir-putin\tV. Putin\t-\t-\t-\tm\t-\t-\n"),
			want: `gazetteer/people.tsv:5: duplicate id "person/vladimir-putin" (first at gazetteer/people.tsv:4)`,
		},
		{
			name: "form repeated by one actor",
			file: "organizations.tsv",
			data: ptr(oHead + "org/who\tWHO\tWho Org|who\t-\torganization\t-\n"),
			want: `gazetteer/organizations.tsv:2: surface form "who" of org/who duplicates "WHO" of org/who at gazetteer/organizations.tsv:2`,
		},
		{
			// Case-sensitive forms may share a key when spelt differently.
			name: "case-sensitive forms spelt alike",
			file: "organizations.tsv",
			data: ptr(oHead + "org/who\tWorld Health Organization\t=WHO\t-\torganization\t-\n" +
				"org/who-else\tWho Else\t=WHO\t-\torganization\t-\n"),
			want: `gazetteer/organizations.tsv:3: surface form "WHO" of org/who-else duplicates "WHO" of org/who at gazetteer/organizations.tsv:2`,
		},
		{
			name: "bad country id",
			file: "countries.tsv",
			data: ptr(cHead + "country/rus\tRussia\t-\t-\t-\t-\tmember\n"),
			want: `gazetteer/countries.tsv:2: id "country/rus": want "country/" and three upper-case letters (ISO 3166-1 alpha-3)`,
		},
		{
			name: "bad person slug",
			file: "people.tsv",
			data: ptr(pHead + "person/Vladimir_Putin\tVladimir Putin\t-\t-\t-\tm\t-\t-\n"),
			want: `gazetteer/people.tsv:2: id "person/Vladimir_Putin": want "person/" and a slug of a-z, 0-9 and inner hyphens`,
		},
		{
			name: "wrong column count",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\tRussia\t-\t-\n"),
			want: `gazetteer/countries.tsv:2: want 7 tab-separated columns (id, name, formal, aliases, demonyms, capitals, un), got 4`,
		},
		{
			name: "wrong header",
			file: "titles.tsv",
			data: ptr("# titles\ntitles\tgender\nPresident\t-\n"),
			want: `gazetteer/titles.tsv:2: header: want the columns title, gender, got titles, gender`,
		},
		{
			name: "duplicate private phrase",
			file: "private.tsv",
			data: ptr("phrase\nstudent\nStudent\n"),
			want: `gazetteer/private.tsv:3: duplicate phrase "Student" (first at line 2)`,
		},
		{
			name: "private phrase too long",
			file: "private.tsv",
			data: ptr("phrase\nhuman rights aid worker\n"),
			want: `gazetteer/private.tsv:2: phrase "human rights aid worker" has more than 3 words`,
		},
		{
			name: "no header",
			file: "blocked.tsv",
			data: ptr("# nothing here\n"),
			want: `gazetteer/blocked.tsv: no header line (want the columns phrase, why)`,
		},
		{
			// Two actors cannot share a surface form: the matcher could
			// report only one of them.
			name: "form shared by two actors",
			file: "people.tsv",
			data: ptr(pHead + "person/putin-double\tPutin Double\t-\tRussia\tyes\tm\t-\t-\n"),
			want: `gazetteer/people.tsv:2: surface form "Russia" of person/putin-double duplicates "Russia" of country/RUS at gazetteer/countries.tsv:2`,
		},
		{
			// "St" and "St." are the same key once the final dot is
			// dropped.
			name: "form duplicated after folding",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\tRussia\t-\t-\t-\t-\tmember\n" +
				"country/LCA\tSaint Lucia\t-\tSt Lucia|St. Lucia\t-\t-\tmember\n"),
			want: `gazetteer/countries.tsv:3: surface form "St. Lucia" of country/LCA duplicates "St Lucia" of country/LCA at gazetteer/countries.tsv:3`,
		},
		{
			name: "blocked phrase that is an actor's form",
			file: "blocked.tsv",
			data: ptr("phrase\twhy\nthe Kremlin\tno reason\n"),
			want: `gazetteer/blocked.tsv:2: surface form "the Kremlin" of blocked phrase duplicates "the Kremlin" of country/RUS at gazetteer/countries.tsv:2`,
		},
		{
			name: "unknown affiliation",
			file: "people.tsv",
			data: ptr(pHead + "person/vladimir-putin\tVladimir Putin\t-\tPutin\tyes\tm\tcountry/XYZ\t-\n"),
			want: `gazetteer/people.tsv:2: affiliation "country/XYZ" is not a gazetteer id`,
		},
		{
			name: "bad alone value",
			file: "people.tsv",
			data: ptr(pHead + "person/vladimir-putin\tVladimir Putin\t-\tPutin\tmaybe\tm\t-\t-\n"),
			want: `gazetteer/people.tsv:2: alone: want yes, title or -, got "maybe"`,
		},
		{
			name: "surname without alone",
			file: "people.tsv",
			data: ptr(pHead + "person/vladimir-putin\tVladimir Putin\t-\tPutin\t-\tm\t-\t-\n"),
			want: `gazetteer/people.tsv:2: alone: want yes or title for surname "Putin"`,
		},
		{
			name: "bad person gender",
			file: "people.tsv",
			data: ptr(pHead + "person/vladimir-putin\tVladimir Putin\t-\tPutin\tyes\t-\t-\t-\n"),
			want: `gazetteer/people.tsv:2: gender: want m or f, got "-"`,
		},
		{
			name: "bad title gender",
			file: "titles.tsv",
			data: ptr("title\tgender\nMr\tmale\n"),
			want: `gazetteer/titles.tsv:2: gender: want m, f or -, got "male"`,
		},
		{
			name: "bad org kind",
			file: "organizations.tsv",
			data: ptr(oHead + "org/who\tWorld Health Organization\t-\t-\tagency\t-\n"),
			want: `gazetteer/organizations.tsv:2: kind: want organization or group, got "agency"`,
		},
		{
			name: "bad un value",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\tRussia\t-\t-\t-\t-\tyes\n"),
			want: `gazetteer/countries.tsv:2: un: want member, observer or -, got "yes"`,
		},
		{
			name: "empty list item",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\tRussia\t-\tRossiya||Rus\t-\t-\tmember\n"),
			want: `gazetteer/countries.tsv:2: aliases: empty item in "Rossiya||Rus"`,
		},
		{
			name: "empty name",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\t-\t-\t-\t-\t-\tmember\n"),
			want: `gazetteer/countries.tsv:2: empty name`,
		},
		{
			name: "marker without text",
			file: "countries.tsv",
			data: ptr(cHead + "country/RUS\tRussia\t-\t=~\t-\t-\tmember\n"),
			want: `gazetteer/countries.tsv:2: bad surface form "=~"`,
		},
		{
			name: "form without token",
			file: "titles.tsv",
			data: ptr("title\tgender\n\u200b\t-\n"),
			want: `gazetteer/titles.tsv:2: surface form "\u200b" has no token`,
		},
		{
			name: "duplicate title",
			file: "titles.tsv",
			data: ptr("title\tgender\nMr\tm\nMr.\tm\n"),
			want: `gazetteer/titles.tsv:3: duplicate title "Mr." (first at line 2)`,
		},
		{
			name: "invalid UTF-8",
			file: "titles.tsv",
			data: ptr("title\tgender\nPr\xffsident\t-\n"),
			want: `gazetteer/titles.tsv:2: invalid UTF-8`,
		},
		{
			name: "missing file",
			file: "people.tsv",
			data: nil,
			want: `gazetteer/people.tsv: open: file does not exist`,
		},
		{
			// A misnamed file would otherwise be silently ignored.
			name:  "unknown file",
			extra: "people.csv.tsv",
			want:  `gazetteer/people.csv.tsv: unknown gazetteer file; want one of countries.tsv, organizations.tsv, people.tsv, titles.tsv, blocked.tsv, private.tsv`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			replace := map[string]*string{}
			if tt.file != "" {
				replace[tt.file] = tt.data
			}
			fsys := testFS(replace)
			if tt.extra != "" {
				fsys["gazetteer/"+tt.extra] = &fstest.MapFile{Data: []byte("x\n")}
			}
			g, err := LoadGazetteer(fsys)
			require.Error(t, err)
			assert.Nil(t, g)
			assert.Equal(t, tt.want, err.Error())
			var de *DataError
			assert.True(t, errors.As(err, &de), "error is a *DataError")
		})
	}
}

func TestLoadGazetteerMissingDir(t *testing.T) {
	t.Parallel()
	_, err := LoadGazetteer(fstest.MapFS{})
	require.Error(t, err)
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.Equal(t, "gazetteer: open: file does not exist", err.Error())
}

// CRLF line ends and a byte-order mark, as saved by spreadsheet programs,
// are accepted.
func TestLoadGazetteerCRLF(t *testing.T) {
	t.Parallel()
	g, err := LoadGazetteer(testFS(map[string]*string{
		"titles.tsv": ptr("\ufefftitle\tgender\r\nPresident\t-\r\n"),
	}))
	require.NoError(t, err)
	require.Len(t, g.titles, 1)
	assert.Equal(t, "President", g.titles[0].text)
}

func TestLoadGazetteerMissingFileIsNotExist(t *testing.T) {
	t.Parallel()
	_, err := LoadGazetteer(testFS(map[string]*string{"blocked.tsv": nil}))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestPersonNamed(t *testing.T) {
	t.Parallel()
	g, _ := loadReal(t)
	for name, want := range map[string]string{
		"Donald Trump":              "person/donald-trump",
		"donald trump":              "person/donald-trump",
		"Donald J. Trump":           "person/donald-trump",
		"Trump":                     "person/donald-trump", // a surname that is used alone
		"Luiz Inacio Lula da Silva": "person/lula-da-silva",
	} {
		i, ok := g.PersonNamed(name)
		if assert.True(t, ok, name) {
			assert.Equal(t, want, g.Actors()[i].ID, name)
		}
	}
	// A surname used only after a title, a country and an unknown name
	// name no person.
	for _, name := range []string{"Lee", "France", "Dana Holt", ""} {
		_, ok := g.PersonNamed(name)
		assert.False(t, ok, name)
	}
}
