// Package envflag lets every flag of a flag.FlagSet also be set from an
// environment variable named after it: with prefix "STANCETAG", flag
// -lexicon-dir is STANCETAG_LEXICON_DIR. Flags on the command line win over
// the environment, which wins over the defaults. Empty variables count as
// unset.
package envflag

import (
	"flag"
	"fmt"
	"strings"
)

// Name returns the environment variable for the flag called name: prefix, an
// underscore, and the name in upper case with "-" and "." as "_".
func Name(prefix, name string) string {
	var b strings.Builder
	b.Grow(len(prefix) + 1 + len(name))
	b.WriteString(prefix)
	b.WriteByte('_')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c == '-' || c == '.':
			c = '_'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Parse applies the environment to fs and then parses args, so that a flag
// given in args overrides its variable. lookup is os.LookupEnv or a stand-in
// for tests. Every flag's usage gets its variable's name appended first, so
// -h documents it. An unparsable variable is a *VarError, reported before args
// are looked at; errors from args are fs.Parse's (including flag.ErrHelp),
// which fs has already printed.
func Parse(fs *flag.FlagSet, prefix string, args []string, lookup func(string) (string, bool)) error {
	Annotate(fs, prefix)
	if err := Apply(fs, prefix, lookup); err != nil {
		return err
	}
	return fs.Parse(args)
}

// Annotate appends " (env NAME)" to the usage of every flag of fs, so that
// -h documents the variables. Call it once, before parsing.
func Annotate(fs *flag.FlagSet, prefix string) {
	fs.VisitAll(func(f *flag.Flag) {
		f.Usage += " (env " + Name(prefix, f.Name) + ")"
	})
}

// Apply sets every flag of fs whose variable is set and not empty, in the
// flags' lexical order, and stops at the first value a flag rejects, which it
// returns as a *VarError. It does not parse arguments.
func Apply(fs *flag.FlagSet, prefix string, lookup func(string) (string, bool)) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if err != nil {
			return
		}
		env := Name(prefix, f.Name)
		v, ok := lookup(env)
		if !ok || v == "" {
			return
		}
		if serr := fs.Set(f.Name, v); serr != nil {
			err = &VarError{Var: env, Flag: f.Name, Value: v, Err: serr}
		}
	})
	return err
}

// VarError is an environment variable whose value its flag rejects.
type VarError struct {
	Var, Flag, Value string
	Err              error
}

func (e *VarError) Error() string {
	return fmt.Sprintf("invalid value %q for %s (flag -%s): %v", e.Value, e.Var, e.Flag, e.Err)
}

func (e *VarError) Unwrap() error { return e.Err }
