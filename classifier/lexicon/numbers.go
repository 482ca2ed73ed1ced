package lexicon

import (
	"bufio"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// checkStanceNumbers fails with a *stance.ParseError (file:line) on the first
// weight of the stance data files that is not a finite number: the weight of
// a cue and its agent= option in stance.CuesFile, and the weight of a word in
// stance.PortrayalFile. stance.Load checks that each weight is in [-1, 1],
// but a comparison with NaN is false, so "NaN" passed, and every response
// then carried "confidence": "NaN". The sentiment loader checks finiteness
// itself; the gazetteer holds no numbers.
//
// The check belongs in stance's own weight parser, which reads the same
// columns; it is here because that package is being reworked elsewhere
// (issue 13, finding 2). Once stance refuses NaN, delete this file and keep
// TestNewRefusesBadNumbers.
func checkStanceNumbers(fsys fs.FS) error {
	if err := eachStanceLine(fsys, stance.CuesFile, func(f []string) string {
		if len(f) > 2 && !finite(f[2]) {
			return fmt.Sprintf("weight: %q is not a finite number", f[2])
		}
		if len(f) > 4 {
			for opt := range strings.FieldsSeq(f[4]) {
				if v, ok := strings.CutPrefix(opt, "agent="); ok && !finite(v) {
					return fmt.Sprintf("agent: %q is not a finite number", v)
				}
			}
		}
		return ""
	}); err != nil {
		return err
	}
	return eachStanceLine(fsys, stance.PortrayalFile, func(f []string) string {
		if len(f) > 1 && !finite(f[1]) {
			return fmt.Sprintf("weight: %q is not a finite number", f[1])
		}
		return ""
	})
}

// finite reports whether s, if it is a number at all, is a finite one;
// anything else is left for the stance loader to report.
func finite(s string) bool {
	v, err := strconv.ParseFloat(s, 32)
	return err != nil || !(math.IsNaN(v) || math.IsInf(v, 0))
}

// eachStanceLine calls check with the tab-separated fields of each data line
// of path, skipping the lines the stance loader skips; a message from check
// becomes the error at that line. A missing file is left for the loader.
func eachStanceLine(fsys fs.FS, path string, check func(fields []string) string) error {
	f, err := fsys.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if msg := check(strings.Split(line, "\t")); msg != "" {
			return &stance.ParseError{Path: path, Line: n, Msg: msg}
		}
	}
	return nil
}
