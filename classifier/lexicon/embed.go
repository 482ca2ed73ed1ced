package lexicon

import (
	"embed"
	"io/fs"
)

//go:embed data
var embedded embed.FS

// Data returns the embedded data tree, rooted so that New(Data()) loads the
// built-in lexicon.
func Data() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		// fs.Sub fails only for an invalid path; "data" is valid.
		return embedded
	}
	return sub
}
