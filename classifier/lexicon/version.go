package lexicon

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/stancetag/stancetag/classifier/lexicon/syntax"
)

// Release is the version of the rules (the Go code); the data's hash is
// appended to it in Version.
const Release = "1.2.0"

// dataHash returns the first 8 hex digits of a SHA-256 over every data file
// of fsys except *.md, in sorted path order, each hashed as path, NUL,
// content, NUL. The parser model counts by its header (syntax.ReadHeader),
// which holds the SHA-256 of the rest: reading and hashing its 16 MB at
// every start took 30–100 ms and 32 MB of memory, whether or not the
// parser was used.
func dataHash(fsys fs.FS) (string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("lexicon: listing data files: %w", err)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		var b []byte
		if p == syntax.ModelPath {
			b, err = readModelHeader(fsys)
		} else {
			b, err = fs.ReadFile(fsys, p)
		}
		if err != nil {
			return "", fmt.Errorf("lexicon: hashing data: %w", err)
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:8], nil
}

func readModelHeader(fsys fs.FS) ([]byte, error) {
	f, err := fsys.Open(syntax.ModelPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := syntax.ReadHeader(f)
	if err != nil {
		// Not a model: it counts by its bytes, and only WithSyntax, which
		// reads it, reports it.
		return fs.ReadFile(fsys, syntax.ModelPath)
	}
	return b, nil
}
