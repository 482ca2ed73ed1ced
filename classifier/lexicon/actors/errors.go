package actors

import "fmt"

// DataError reports a problem in the gazetteer data. Its text names the file
// and, when it concerns one line, the line: "gazetteer/people.tsv:42:
// duplicate id "person/vladimir-putin"". The text may reach operators
// through server start-up errors; it never holds anything but the data's own
// content.
type DataError struct {
	// File is the path inside the fs.FS, e.g. "gazetteer/people.tsv".
	File string
	// Line is 1-based; 0 when the error concerns the whole file.
	Line int
	// Msg says what is wrong.
	Msg string
	// Err is the underlying error, if any (e.g. from fs.ReadFile).
	Err error
}

func (e *DataError) Error() string {
	msg := e.Msg
	if e.Err != nil {
		if msg == "" {
			msg = e.Err.Error()
		} else {
			msg += ": " + e.Err.Error()
		}
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return e.File + ": " + msg
}

// Unwrap returns the underlying error.
func (e *DataError) Unwrap() error { return e.Err }

// errorf returns a *DataError for file:line.
func errorf(file string, line int, format string, args ...any) *DataError {
	return &DataError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
