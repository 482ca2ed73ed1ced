// Package config sets the flags of a flag.FlagSet from four sources, in
// increasing precedence: the flags' defaults, a YAML config file, the
// environment (STANCETAG_<FLAG>, see package envflag) and the command line.
//
// The config file is one YAML mapping whose keys are exactly the flag names
// and whose values are scalars, read as the flag would read them on the
// command line:
//
//	listen: ":50051"
//	max-batch: 1000
//	reflection: false
//	shutdown-timeout: 30s
//
// A key that is not a flag, a key given twice, a value that is not a scalar
// (a list, a mapping, null) or a value the flag rejects is an *Error naming
// the file and line. The file itself is named by one flag (conventionally
// -config) or its environment variable, and cannot name another file.
//
// Values are set with flag.FlagSet.Set, possibly more than once for the same
// flag (the command line is parsed before the file, to find it, and again
// after, to win over it), so every flag's Set must replace its value rather
// than accumulate: true of every flag type of package flag.
package config

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/stancetag/stancetag/cmd/stancetag/internal/envflag"
)

// Entry is one key of a config file.
type Entry struct {
	// Key is the flag name; Value its value as on the command line.
	Key, Value string
	// Line is where the key is, from 1.
	Line int
}

// Error is a problem with a config file. Its text starts with
// "path:line: " (or "path: " for the file as a whole).
type Error struct {
	Path string
	// Line is the line of the problem, from 1; 0 when it concerns the whole
	// file (unreadable, say).
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Decode parses the config file data read from path (used in errors only).
// An empty file, or one holding only comments, has no entries. Entries come
// in file order.
func Decode(path string, data []byte) ([]Entry, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(path, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, yamlError(path, err)
		}
		return nil, &Error{Path: path, Line: extra.Line, Err: errors.New("a second YAML document; want one mapping of flag names to values")}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, nil
		}
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil // a file of comments only
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Path: path, Line: root.Line, Err: errors.New("want a mapping of flag names to values, like \"listen: ':50051'\"")}
	}
	entries := make([]Entry, 0, len(root.Content)/2)
	seen := make(map[string]int, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, &Error{Path: path, Line: k.Line, Err: errors.New("a key must be a flag name")}
		}
		if prev, ok := seen[k.Value]; ok {
			return nil, &Error{Path: path, Line: k.Line, Err: fmt.Errorf("%s: given twice (first on line %d)", k.Value, prev)}
		}
		seen[k.Value] = k.Line
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
			return nil, &Error{Path: path, Line: k.Line, Err: fmt.Errorf("%s: no value (write \"\" for an empty string, or remove the key for the default)", k.Value)}
		case v.Kind != yaml.ScalarNode:
			return nil, &Error{Path: path, Line: k.Line, Err: fmt.Errorf("%s: want a single value, not a %s", k.Value, kindName(v.Kind))}
		}
		entries = append(entries, Entry{Key: k.Value, Value: v.Value, Line: k.Line})
	}
	return entries, nil
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	default:
		return "document"
	}
}

// yamlError turns a YAML syntax error, whose text is "yaml: line N: ...",
// into an *Error at that line.
func yamlError(path string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok {
			if line, convErr := strconv.Atoi(n); convErr == nil {
				return &Error{Path: path, Line: line, Err: errors.New(text)}
			}
		}
	}
	return &Error{Path: path, Err: errors.New(msg)}
}

// Apply sets each entry's flag on fs. It fails, naming path and the line, at
// the first key that is not a flag of fs or is one of forbidden, or whose
// value the flag rejects.
func Apply(fs *flag.FlagSet, path string, entries []Entry, forbidden ...string) error {
	for _, e := range entries {
		for _, name := range forbidden {
			if e.Key == name {
				return &Error{Path: path, Line: e.Line, Err: fmt.Errorf("%s: not allowed in a config file", e.Key)}
			}
		}
		if fs.Lookup(e.Key) == nil {
			return &Error{Path: path, Line: e.Line, Err: fmt.Errorf("unknown key %q (keys are the flag names of \"stancetag %s -h\")", e.Key, fs.Name())}
		}
		if err := fs.Set(e.Key, e.Value); err != nil {
			return &Error{Path: path, Line: e.Line, Err: fmt.Errorf("%s: invalid value %q: %w", e.Key, e.Value, err)}
		}
	}
	return nil
}

// Sources are where ParseFlags reads flag values besides the command line.
type Sources struct {
	// EnvPrefix is the prefix of the environment variables (envflag.Name).
	EnvPrefix string
	// Lookup reads an environment variable: os.LookupEnv or a stand-in.
	Lookup func(string) (string, bool)
	// ConfigFlag is the name of the flag of the config file's path, which
	// must be defined on the flag set. When neither it nor its variable is
	// given, there is no config file.
	ConfigFlag string
	// ReadFile reads the config file; nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
}

// ParseFlags sets fs from its defaults, then the config file, then the
// environment, then args, each overriding the ones before, and annotates
// every flag's usage with its variable as envflag.Parse does.
//
// Errors: those of fs.Parse (including flag.ErrHelp), which fs has already
// printed; an *Error for the config file; an *envflag.VarError for a
// variable. The command line is checked first, then the file, then the
// environment.
func ParseFlags(fs *flag.FlagSet, args []string, src Sources) error {
	cf := fs.Lookup(src.ConfigFlag)
	if cf == nil {
		return fmt.Errorf("config: flag -%s is not defined", src.ConfigFlag)
	}
	envflag.Annotate(fs, src.EnvPrefix)
	// The command line alone first: for -h, bad flags and -config.
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := cf.Value.String()
	if path == "" {
		path, _ = src.Lookup(envflag.Name(src.EnvPrefix, src.ConfigFlag))
	}
	if path != "" {
		read := src.ReadFile
		if read == nil {
			read = os.ReadFile
		}
		data, err := read(path)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the path is in Error already
			}
			return &Error{Path: path, Err: err}
		}
		entries, err := Decode(path, data)
		if err != nil {
			return err
		}
		if err := Apply(fs, path, entries, src.ConfigFlag); err != nil {
			return err
		}
	}
	if err := envflag.Apply(fs, src.EnvPrefix, src.Lookup); err != nil {
		return err
	}
	// The command line again, to win over the file and the environment.
	return fs.Parse(args)
}
