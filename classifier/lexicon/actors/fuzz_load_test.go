package actors

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// gazetteerFiles are the data files FuzzLoadGazetteer replaces, one at a time.
var gazetteerFiles = [...]string{countriesFile.name, orgsFile.name, peopleFile.name, titlesFile.name, blockedFile.name}

// shippedGazetteer returns the shipped gazetteer files as an in-memory FS.
func shippedGazetteer(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	for _, name := range gazetteerFiles {
		b, err := os.ReadFile(path.Join("..", "data", Dir, name))
		require.NoError(tb, err)
		m[path.Join(Dir, name)] = &fstest.MapFile{Data: b}
	}
	return m
}

// FuzzLoadGazetteer feeds arbitrary bytes to one gazetteer file while the
// others stay as shipped: LoadGazetteer must not panic, must report bad data
// as a *DataError naming a file and a line, and a gazetteer it accepts must
// serve a matcher.
func FuzzLoadGazetteer(f *testing.F) {
	base := shippedGazetteer(f)
	for i, name := range gazetteerFiles {
		f.Add(uint8(i), base[path.Join(Dir, name)].Data[:min(400, len(base[path.Join(Dir, name)].Data))])
	}
	f.Add(uint8(2), []byte("person/x\tX\t\tX\tyes\tm\tcountry/NOPE\tnobody\n"))
	f.Add(uint8(0), []byte("\xef\xbb\xbfcountry/ABC\tA\r\n#\n\t\t\t\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		name := path.Join(Dir, gazetteerFiles[int(which)%len(gazetteerFiles)])
		fsys[name] = &fstest.MapFile{Data: data}
		g, err := LoadGazetteer(fsys)
		if err != nil {
			var de *DataError
			if errors.As(err, &de) {
				assert.NotEmpty(t, de.File)
				assert.GreaterOrEqual(t, de.Line, 0)
				return
			}
			require.ErrorIs(t, err, fs.ErrNotExist, "error neither a DataError nor a missing file: %v", err)
			return
		}
		text := "Russia’s foreign minister met President Macron in the White House."
		toks := tokenize.Tokenize(text, nil)
		for _, m := range NewMatcher(g).Match(nil, text, toks, nil, Options{}, nil) {
			require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(text), "match %+v", m)
		}
	})
}
