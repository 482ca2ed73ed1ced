package stance

import (
	"errors"
	"os"
	"path"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stanceFiles are the data files FuzzLoad replaces, one at a time.
var stanceFiles = [...]string{CuesFile, FunctionFile, IrregularFile, PortrayalFile}

// FuzzLoad feeds arbitrary bytes to one stance data file while the others
// stay as shipped: Load must not panic and must report bad data as a
// *ParseError naming that file and a line.
func FuzzLoad(f *testing.F) {
	base := fstest.MapFS{}
	for _, p := range stanceFiles {
		b, err := os.ReadFile(path.Join("..", "data", p))
		require.NoError(f, err)
		base[p] = &fstest.MapFile{Data: b}
		f.Add(uint8(len(base)-1), b[:min(300, len(b))])
	}
	f.Add(uint8(0), []byte("praise\tverb\t+0.8\tsvo\n\xff\tnoun\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		p := stanceFiles[int(which)%len(stanceFiles)]
		fsys[p] = &fstest.MapFile{Data: data}
		l, err := Load(fsys)
		if err != nil {
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "not a ParseError: %v", err)
			assert.NotEmpty(t, pe.Path)
			return
		}
		require.NotNil(t, l)
	})
}
