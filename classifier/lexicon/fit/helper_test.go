package fit_test

import (
	"io/fs"
	"testing/fstest"

	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

func mapFS(fitted []byte) fs.FS { return fstest.MapFS{stance.FittedFile: {Data: fitted}} }
