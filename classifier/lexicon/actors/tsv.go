package actors

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// readTSV reads one gazetteer file: UTF-8 lines of tab-separated columns;
// blank lines and lines starting with "#" are skipped; the first other line
// must be the header, exactly the column names in order. fn gets each data
// line's 1-based number and its columns, trimmed of spaces.
func readTSV(fsys fs.FS, name string, header []string, fn func(line int, cols []string) error) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &DataError{File: name, Err: pathless(err)}
	}
	// One string for the file, whose substrings are the lines and
	// columns: no allocation per line.
	text := strings.TrimPrefix(string(data), "\ufeff")
	sawHeader := false
	cols := make([]string, 0, len(header))
	for n := 1; len(text) > 0; n++ {
		var s string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			s, text = text[:i], text[i+1:]
		} else {
			s, text = text, ""
		}
		s = strings.TrimSuffix(s, "\r")
		if !utf8.ValidString(s) {
			return errorf(name, n, "invalid UTF-8")
		}
		if t := strings.TrimSpace(s); t == "" || t[0] == '#' {
			continue
		}
		cols = cols[:0]
		for c := range strings.SplitSeq(s, "\t") {
			cols = append(cols, strings.TrimSpace(c))
		}
		if !sawHeader {
			if strings.Join(cols, "\t") != strings.Join(header, "\t") {
				return errorf(name, n, "header: want the columns %s, got %s",
					strings.Join(header, ", "), strings.Join(cols, ", "))
			}
			sawHeader = true
			continue
		}
		if len(cols) != len(header) {
			return errorf(name, n, "want %d tab-separated columns (%s), got %d",
				len(header), strings.Join(header, ", "), len(cols))
		}
		if err := fn(n, cols); err != nil {
			return err
		}
	}
	if !sawHeader {
		return errorf(name, 0, "no header line (want the columns %s)", strings.Join(header, ", "))
	}
	return nil
}

// splitList splits a list column: items separated by "|"; "" or "-" is the
// empty list.
func splitList(file string, line int, column, s string) ([]string, error) {
	if s == "" || s == "-" {
		return nil, nil
	}
	var items []string
	for it := range strings.SplitSeq(s, "|") {
		it = strings.TrimSpace(it)
		if it == "" || it == "-" {
			return nil, errorf(file, line, "%s: empty item in %q", column, s)
		}
		items = append(items, it)
	}
	return items, nil
}

// single returns a one-value column, "" for "-".
func single(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// pathless drops the path from an *fs.PathError, which DataError.File
// already names.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
