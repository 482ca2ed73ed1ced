package actors

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// Dir is the folder of the gazetteer files inside the fs.FS given to
// LoadGazetteer.
const Dir = "gazetteer"

// The gazetteer files, all required, and their columns.
var (
	countriesFile = newFile("countries.tsv", []string{"id", "name", "formal", "aliases", "demonyms", "capitals", "un"})
	orgsFile      = newFile("organizations.tsv", []string{"id", "name", "aliases", "seats", "kind", "affiliation"})
	peopleFile    = newFile("people.tsv", []string{"id", "name", "aliases", "surname", "alone", "gender", "affiliation", "role"})
	titlesFile    = newFile("titles.tsv", []string{"title", "gender"})
	blockedFile   = newFile("blocked.tsv", []string{"phrase", "why"})
	privateFile   = newFile("private.tsv", []string{"phrase"})
	files         = []file{countriesFile, orgsFile, peopleFile, titlesFile, blockedFile, privateFile}
)

type file struct {
	name    string
	columns []string
	fpath   string // path.Join(Dir, name)
}

// newFile joins the file's path once: path() is called for every form.
func newFile(name string, columns []string) file {
	return file{name: name, columns: columns, fpath: path.Join(Dir, name)}
}

func (f file) path() string { return f.fpath }

// Gazetteer is the validated built-in list of actors with their surface
// forms, plus the titles that may precede a person's name and the phrases
// that block a match ("Latin America" is not America). It is immutable and
// safe for concurrent use.
type Gazetteer struct {
	actors  []classifier.Actor // sorted by ID
	entries []entry            // parallel to actors
	index   map[string]int
	// people maps the matching key (appendKey) of each person's name and
	// aliases to the person's index, for PersonNamed.
	people  map[string]int
	titles  []form
	blocked []form
	// private are the phrases after which a demonym names a private
	// person of that nationality, not the state ("a Chinese student").
	private []form
}

// Entry is one gazetteer actor with the data that comes with it.
type Entry struct {
	classifier.Actor
	// Affiliation is the id of the country or organisation a person or a
	// national body belongs to ("country/USA" for the Pentagon), or "".
	Affiliation string
	// Role is a person's office as of the data's date (see the data
	// README), or "".
	Role string
	// Line is the actor's line in its file: people.tsv lists the leader
	// of a country or organisation before its other people.
	Line int
	// Gender is a person's gender from people.tsv, 'm' or 'f', else 0.
	Gender byte
}

// entry is an actor's data beyond classifier.Actor.
type entry struct {
	affiliation string
	role        string
	un          string // countries: "member", "observer" or ""
	file        string
	line        int
	forms       []form
}

// form is one surface form of an actor, a title or a blocked phrase.
type form struct {
	text  string   // as written, markers removed
	keys  []string // matching key of each token
	exact []string // exactText of each token, for case-sensitive forms
	via   Via
	flags candFlag
	line  int
}

// LoadGazetteer reads and validates the gazetteer files in fsys under
// "gazetteer/" (see Dir): countries.tsv, organizations.tsv, people.tsv,
// titles.tsv, blocked.tsv and private.tsv. Errors are *DataError values naming the file
// and line.
func LoadGazetteer(fsys fs.FS) (*Gazetteer, error) {
	if err := checkFiles(fsys); err != nil {
		return nil, err
	}
	l := loader{g: &Gazetteer{}, line: map[string]string{}}
	steps := []func(fs.FS) error{l.countries, l.organizations, l.people, l.titles, l.blockedPhrases, l.privatePhrases}
	for _, step := range steps {
		if err := step(fsys); err != nil {
			return nil, err
		}
	}
	if err := l.finish(); err != nil {
		return nil, err
	}
	return l.g, nil
}

// checkFiles rejects a gazetteer folder with an unknown .tsv file, which is
// most likely a misnamed one.
func checkFiles(fsys fs.FS) error {
	des, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return &DataError{File: Dir, Err: pathless(err)}
	}
	for _, de := range des {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".tsv") {
			continue
		}
		if !slices.ContainsFunc(files, func(f file) bool { return f.name == de.Name() }) {
			names := make([]string, len(files))
			for i, f := range files {
				names[i] = f.name
			}
			return errorf(path.Join(Dir, de.Name()), 0, "unknown gazetteer file; want one of %s", strings.Join(names, ", "))
		}
	}
	return nil
}

// Actors returns the gazetteer's actors sorted by ID, each with its name and
// aliases (other names, formal names, demonyms, capitals and seats of
// government, surnames that match alone). The slice is shared and must not
// be modified.
func (g *Gazetteer) Actors() []classifier.Actor { return g.actors }

// Len returns the number of actors.
func (g *Gazetteer) Len() int { return len(g.actors) }

// Entry returns actor i of Actors() with its data.
func (g *Gazetteer) Entry(i int) Entry {
	e := &g.entries[i]
	en := Entry{Actor: g.actors[i], Affiliation: e.affiliation, Role: e.role, Line: e.line}
	if len(e.forms) > 0 && g.actors[i].Kind == classifier.KindPerson {
		switch e.forms[0].flags & genders {
		case male:
			en.Gender = 'm'
		case female:
			en.Gender = 'f'
		}
	}
	return en
}

// Lookup returns the index in Actors() of the actor with the given id.
func (g *Gazetteer) Lookup(id string) (int, bool) {
	if strings.IndexByte(id, '/') < 0 {
		// Every gazetteer id has a kind prefix ("country/", "org/",
		// "person/"; checked at load): most caller ids are turned away
		// without hashing.
		return 0, false
	}
	i, ok := g.index[id]
	return i, ok
}

// PersonNamed returns the index in Actors() of the person whose name or
// alias is name, compared as the matcher compares words (case, curly
// apostrophes, a final dot): "Donald Trump" and "donald trump" are
// person/donald-trump, and so is "Trump", a surname that people.tsv says is
// used alone; "Lee", used only after a title, names no one here.
func (g *Gazetteer) PersonNamed(name string) (int, bool) {
	var buf [64]byte
	i, ok := g.people[string(appendKey(buf[:0], name))]
	return i, ok
}

// loader holds the state of one LoadGazetteer call.
type loader struct {
	g *Gazetteer
	// idLine is where each id was defined, "file:line".
	line map[string]string
	// affiliations to check once all ids are known.
	affs []pendingAff
	// toks is reused by tokenizing forms.
	toks []tokenize.Token
}

type pendingAff struct {
	id, file string
	line     int
}

func (l *loader) addActor(f file, line int, a classifier.Actor, e entry) error {
	if prev, ok := l.line[a.ID]; ok {
		return errorf(f.path(), line, "duplicate id %q (first at %s)", a.ID, prev)
	}
	l.line[a.ID] = f.path() + ":" + strconv.Itoa(line)
	e.file, e.line = f.path(), line
	l.g.actors = append(l.g.actors, a)
	l.g.entries = append(l.g.entries, e)
	return nil
}

// parseForm parses one surface form: optional markers ("=" case-sensitive,
// "~" guarded) then the text, which is tokenized into keys.
func (l *loader) parseForm(f file, line int, raw string, via Via, flags candFlag) (form, error) {
	text := raw
markers:
	for len(text) > 0 {
		switch text[0] {
		case '=':
			flags |= caseSensitive
		case '~':
			flags |= guarded
		default:
			break markers
		}
		text = text[1:]
	}
	if strings.TrimSpace(text) != text || text == "" {
		return form{}, errorf(f.path(), line, "bad surface form %q", raw)
	}
	l.toks = tokenize.Tokenize(text, l.toks[:0])
	if len(l.toks) == 0 {
		return form{}, errorf(f.path(), line, "surface form %q has no token", raw)
	}
	fm := form{text: text, via: via, flags: flags, line: line}
	var buf []byte
	for _, t := range l.toks {
		s := t.Text(text)
		if t.Has(tokenize.Possessive) {
			s = t.FullText(text)
		}
		buf = appendKey(buf[:0], s)
		fm.keys = append(fm.keys, string(buf))
		if flags&caseSensitive != 0 {
			fm.exact = append(fm.exact, exactText(s))
		}
	}
	if len(l.toks) == 1 && via == ViaCapital {
		fm.flags |= guarded // a city's name, not a seat such as "the Kremlin"
	}
	return fm, nil
}

// parseForms parses a list column into forms.
func (l *loader) parseForms(f file, line int, column, s string, via Via, flags candFlag, dst []form) ([]form, error) {
	items, err := splitList(f.path(), line, column, s)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		fm, err := l.parseForm(f, line, it, via, flags)
		if err != nil {
			return nil, err
		}
		dst = append(dst, fm)
	}
	return dst, nil
}

// name parses the name column: one form, markers allowed.
func (l *loader) name(f file, line int, s string, flags candFlag) (form, error) {
	if s == "" || s == "-" {
		return form{}, errorf(f.path(), line, "empty name")
	}
	return l.parseForm(f, line, s, ViaName, flags)
}

func (l *loader) countries(fsys fs.FS) error {
	f := countriesFile
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		id := c[0]
		if !validCountryID(id) {
			return errorf(f.path(), line, "id %q: want \"country/\" and three upper-case letters (ISO 3166-1 alpha-3)", id)
		}
		nm, err := l.name(f, line, c[1], 0)
		if err != nil {
			return err
		}
		forms := []form{nm}
		for _, col := range []struct {
			i     int
			via   Via
			flags candFlag
		}{{2, ViaAlias, 0}, {3, ViaAlias, 0}, {4, ViaDemonym, pluralOK}, {5, ViaCapital, 0}} {
			if forms, err = l.parseForms(f, line, f.columns[col.i], c[col.i], col.via, col.flags, forms); err != nil {
				return err
			}
		}
		un := single(c[6])
		if un != "" && un != "member" && un != "observer" {
			return errorf(f.path(), line, "un: want member, observer or -, got %q", c[6])
		}
		return l.addActor(f, line, classifier.Actor{ID: id, Name: nm.text, Kind: classifier.KindCountry},
			entry{un: un, forms: forms})
	})
}

func (l *loader) organizations(fsys fs.FS) error {
	f := orgsFile
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		id := c[0]
		if !validSlugID(id, "org/") {
			return errorf(f.path(), line, "id %q: want \"org/\" and a slug of a-z, 0-9 and inner hyphens", id)
		}
		nm, err := l.name(f, line, c[1], 0)
		if err != nil {
			return err
		}
		forms := []form{nm}
		if forms, err = l.parseForms(f, line, "aliases", c[2], ViaAlias, 0, forms); err != nil {
			return err
		}
		if forms, err = l.parseForms(f, line, "seats", c[3], ViaCapital, 0, forms); err != nil {
			return err
		}
		var kind classifier.ActorKind
		switch c[4] {
		case "organization":
			kind = classifier.KindOrganization
		case "group":
			kind = classifier.KindGroup
		default:
			return errorf(f.path(), line, "kind: want organization or group, got %q", c[4])
		}
		aff := l.affiliation(f, line, c[5])
		return l.addActor(f, line, classifier.Actor{ID: id, Name: nm.text, Kind: kind},
			entry{affiliation: aff, forms: forms})
	})
}

func (l *loader) people(fsys fs.FS) error {
	f := peopleFile
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		id := c[0]
		if !validSlugID(id, "person/") {
			return errorf(f.path(), line, "id %q: want \"person/\" and a slug of a-z, 0-9 and inner hyphens", id)
		}
		gender, err := parseGender(f, line, c[5], false)
		if err != nil {
			return err
		}
		nm, err := l.name(f, line, c[1], person|gender)
		if err != nil {
			return err
		}
		forms := []form{nm}
		if forms, err = l.parseForms(f, line, "aliases", c[2], ViaAlias, person|gender, forms); err != nil {
			return err
		}
		flags := person | gender | guarded
		switch c[4] {
		case "yes":
		case "title":
			flags |= needsTitle
		case "-", "":
			if single(c[3]) != "" {
				return errorf(f.path(), line, "alone: want yes or title for surname %q", c[3])
			}
		default:
			return errorf(f.path(), line, "alone: want yes, title or -, got %q", c[4])
		}
		if single(c[3]) == "" && c[4] != "-" && c[4] != "" {
			return errorf(f.path(), line, "alone: want - without a surname, got %q", c[4])
		}
		if forms, err = l.parseForms(f, line, "surname", c[3], ViaSurname, flags, forms); err != nil {
			return err
		}
		aff := l.affiliation(f, line, c[6])
		return l.addActor(f, line, classifier.Actor{ID: id, Name: nm.text, Kind: classifier.KindPerson},
			entry{affiliation: aff, role: single(c[7]), forms: forms})
	})
}

// parseGender parses a gender column: "m", "f", or "-" when optional.
func parseGender(f file, line int, s string, optional bool) (candFlag, error) {
	switch {
	case s == "m":
		return male, nil
	case s == "f":
		return female, nil
	case optional && (s == "-" || s == ""):
		return 0, nil
	case optional:
		return 0, errorf(f.path(), line, "gender: want m, f or -, got %q", s)
	}
	return 0, errorf(f.path(), line, "gender: want m or f, got %q", s)
}

func (l *loader) titles(fsys fs.FS) error {
	f := titlesFile
	seen := map[string]int{}
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		gender, err := parseGender(f, line, c[1], true)
		if err != nil {
			return err
		}
		fm, err := l.parseForm(f, line, c[0], ViaTitle, gender)
		if err != nil {
			return err
		}
		if err := unique(seen, f, line, fm, "title"); err != nil {
			return err
		}
		l.g.titles = append(l.g.titles, fm)
		return nil
	})
}

func (l *loader) blockedPhrases(fsys fs.FS) error {
	f := blockedFile
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		fm, err := l.parseForm(f, line, c[0], ViaName, 0)
		if err != nil {
			return err
		}
		l.g.blocked = append(l.g.blocked, fm)
		return nil
	})
}

func (l *loader) privatePhrases(fsys fs.FS) error {
	f := privateFile
	seen := map[string]int{}
	return readTSV(fsys, f.path(), f.columns, func(line int, c []string) error {
		fm, err := l.parseForm(f, line, c[0], ViaName, 0)
		if err != nil {
			return err
		}
		if len(fm.keys) > maxPrivateWords {
			return errorf(f.path(), line, "phrase %q has more than %d words", fm.text, maxPrivateWords)
		}
		if err := unique(seen, f, line, fm, "phrase"); err != nil {
			return err
		}
		l.g.private = append(l.g.private, fm)
		return nil
	})
}

// unique records the keys of form fm, read at line of f, in seen, and
// rejects a form whose keys were read before: "duplicate what …".
func unique(seen map[string]int, f file, line int, fm form, what string) error {
	k := strings.Join(fm.keys, "\x00")
	if prev, ok := seen[k]; ok {
		return errorf(f.path(), line, "duplicate %s %q (first at line %d)", what, fm.text, prev)
	}
	seen[k] = line
	return nil
}

// maxPrivateWords is the longest phrase of private.tsv, in tokens ("human
// rights activist"): it bounds the look past a demonym.
const maxPrivateWords = 3

// affiliation notes an affiliation column for checking once every id is
// known.
func (l *loader) affiliation(f file, line int, s string) string {
	s = single(s)
	if s != "" {
		l.affs = append(l.affs, pendingAff{id: s, file: f.path(), line: line})
	}
	return s
}

// finish checks cross-file references and surface forms, then sorts the
// actors by ID and fills their aliases.
func (l *loader) finish() error {
	for _, a := range l.affs {
		if _, ok := l.line[a.id]; !ok {
			return errorf(a.file, a.line, "affiliation %q is not a gazetteer id", a.id)
		}
	}
	if err := l.checkForms(); err != nil {
		return err
	}
	g := l.g
	order := make([]int, len(g.actors))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(g.actors[a].ID, g.actors[b].ID) })
	actors := make([]classifier.Actor, len(order))
	entries := make([]entry, len(order))
	g.index = make(map[string]int, len(order))
	for i, j := range order {
		actors[i], entries[i] = g.actors[j], g.entries[j]
		g.index[actors[i].ID] = i
		for _, fm := range entries[i].forms[1:] {
			if fm.flags&needsTitle == 0 {
				actors[i].Aliases = append(actors[i].Aliases, fm.text)
			}
		}
	}
	g.actors, g.entries = actors, entries
	g.people = make(map[string]int)
	for i := range actors {
		if actors[i].Kind != classifier.KindPerson {
			continue
		}
		g.people[string(appendKey(nil, actors[i].Name))] = i
		for _, al := range actors[i].Aliases {
			g.people[string(appendKey(nil, al))] = i
		}
	}
	return nil
}

// formRef says where a surface form was defined, to report duplicates.
type formRef struct {
	owner string // actor id, or "blocked"
	fm    *form
	file  string
}

// checkForms rejects a surface form that two actors share, or one actor
// twice, or that an actor shares with a blocked phrase: the matcher could
// only pick one of them silently. Case-sensitive forms may share a key when
// their exact spellings differ.
func (l *loader) checkForms() error {
	n := len(l.g.blocked)
	for i := range l.g.entries {
		n += len(l.g.entries[i].forms)
	}
	seen := make(map[string][]formRef, n) // sized once: one key per form, but for errors
	check := func(ref formRef) error {
		k := strings.Join(ref.fm.keys, "\x00")
		for _, old := range seen[k] {
			if ref.fm.flags&old.fm.flags&caseSensitive != 0 && !slices.Equal(ref.fm.exact, old.fm.exact) {
				continue
			}
			return errorf(ref.file, ref.fm.line, "surface form %q of %s duplicates %q of %s at %s:%d",
				ref.fm.text, ref.owner, old.fm.text, old.owner, old.file, old.fm.line)
		}
		seen[k] = append(seen[k], ref)
		return nil
	}
	for i := range l.g.entries {
		e := &l.g.entries[i]
		for j := range e.forms {
			if err := check(formRef{owner: l.g.actors[i].ID, fm: &e.forms[j], file: e.file}); err != nil {
				return err
			}
		}
	}
	for j := range l.g.blocked {
		if err := check(formRef{owner: "blocked phrase", fm: &l.g.blocked[j], file: blockedFile.path()}); err != nil {
			return err
		}
	}
	return nil
}

// validCountryID: "country/" and three upper-case ASCII letters.
func validCountryID(id string) bool {
	code, ok := strings.CutPrefix(id, "country/")
	if !ok || len(code) != 3 {
		return false
	}
	for i := range len(code) {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	return true
}

// validSlugID: prefix then lower-case ASCII letters and digits in runs
// joined by single hyphens.
func validSlugID(id, prefix string) bool {
	slug, ok := strings.CutPrefix(id, prefix)
	if !ok || slug == "" || slug[0] == '-' || slug[len(slug)-1] == '-' {
		return false
	}
	for i := range len(slug) {
		c := slug[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && slug[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
