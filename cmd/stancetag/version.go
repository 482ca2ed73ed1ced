package main

import (
	"fmt"
	"runtime/debug"
)

// version runs "stancetag version": the binary's module version, VCS
// revision and Go version (from the build info), then the lexicon's version.
func (a *app) version(args []string) int {
	fs := newFlagSet("version", "", "Prints the binary version and the lexicon version.", a.stderr)
	lexiconDir := fs.String("lexicon-dir", "", "report the lexicon in this `dir` instead of the embedded one")
	if code := a.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "stancetag version: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	fmt.Fprintf(a.stdout, "stancetag %s\n", binaryVersion(debug.ReadBuildInfo()))
	c, err := a.load(*lexiconDir)
	if err != nil {
		fmt.Fprintf(a.stderr, "stancetag version: loading lexicon: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(a.stdout, "lexicon %s\n", c.Version())
	return exitOK
}

// binaryVersion describes a build: "v1.2.3 (rev 0123456789ab, 2026-01-02T03:04:05Z, go1.26.1)",
// with "+dirty" after the revision when the tree had changes.
func binaryVersion(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "unknown (no build info)"
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	out := v + " ("
	if rev != "" {
		out += "rev " + rev + dirty + ", "
	}
	if at != "" {
		out += at + ", "
	}
	return out + bi.GoVersion + ")"
}

// buildVersion is the short form of a build's version, for metrics labels and
// traces: the module version, or "(devel)", then "+" and the first 12 digits
// of the VCS revision when known, and ".dirty" when the tree had changes
// ("(devel)+0123456789ab.dirty").
func buildVersion(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ".dirty"
			}
		}
	}
	if rev == "" {
		return v
	}
	return v + "+" + rev + dirty
}
