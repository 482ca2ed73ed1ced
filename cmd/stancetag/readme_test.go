package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/cmd/stancetag/internal/envflag"
)

var update = flag.Bool("update", false, "rewrite the generated tables of README.md and the golden files of testdata/")

// readmePath is the repository's README; tests run in cmd/stancetag.
var readmePath = filepath.Join("..", "..", "README.md")

// flagTable renders fs as a Markdown table, one row per flag in lexical
// order: flag, environment variable, config file key (when withKey),
// default and meaning (the usage, placeholders unquoted).
func flagTable(fs *flag.FlagSet, withKey bool) string {
	var b strings.Builder
	if withKey {
		b.WriteString("| flag | env | config key | default | meaning |\n|---|---|---|---|---|\n")
	} else {
		b.WriteString("| flag | env | default | meaning |\n|---|---|---|---|\n")
	}
	fs.VisitAll(func(f *flag.Flag) {
		_, usage := flag.UnquoteUsage(f)
		def := "none"
		if f.DefValue != "" {
			def = "`" + f.DefValue + "`"
		}
		fmt.Fprintf(&b, "| `--%s` | `%s` | ", f.Name, envflag.Name(envPrefix, f.Name))
		if withKey {
			key := "`" + f.Name + "`"
			if f.Name == configFlag {
				key = "—" // a config file cannot name another
			}
			b.WriteString(key + " | ")
		}
		fmt.Fprintf(&b, "%s | %s |\n", def, cellEscaper.Replace(usage))
	})
	return b.String()
}

// cellEscaper keeps text inside a Markdown table cell and out of HTML.
var cellEscaper = strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;")

// generated are the README sections made from the flag sets: name (as in
// the markers) and content.
func generated() []struct{ name, table string } {
	serveFS, _ := newServeFlags(io.Discard)
	analyzeFS, _ := newAnalyzeFlags(io.Discard)
	parseFS, _ := newParseFlags(io.Discard)
	return []struct{ name, table string }{
		{"serve flags", flagTable(serveFS, true)},
		{"analyze flags", flagTable(analyzeFS, false)},
		{"parse flags", flagTable(parseFS, false)},
	}
}

// markers returns the lines that open and close a generated section.
func markers(name string) (begin, end string) {
	return "<!-- BEGIN " + name + ": generated from the flags by TestREADMEFlagTables; go test ./cmd/stancetag -run README -update -->\n",
		"<!-- END " + name + " -->\n"
}

// replaceSection returns doc with the section called name replaced by
// content, or an error when its markers are missing or out of order.
func replaceSection(doc, name, content string) (string, error) {
	begin, end := markers(name)
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("README.md: no section %q: want the lines\n%s...\n%s", name, begin, end)
	}
	return doc[:i+len(begin)] + content + doc[j:], nil
}

// TestREADMEFlagTables fails when README's tables of flags disagree with the
// flags themselves: a flag added, removed, renamed, or with a new default or
// meaning. -update rewrites them.
func TestREADMEFlagTables(t *testing.T) {
	raw, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	doc := string(raw)
	want := doc
	for _, g := range generated() {
		want, err = replaceSection(want, g.name, g.table)
		require.NoError(t, err)
	}
	if *update {
		if want != doc {
			require.NoError(t, os.WriteFile(readmePath, []byte(want), 0o644))
		}
		return
	}
	assert.Equal(t, want, doc, "README.md's flag tables are stale: go test ./cmd/stancetag -run README -update")
}

func TestFlagTable(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.String(configFlag, "", "settings `file`")
	fs.Int("max-batch", 1000, "statements per call")
	fs.String("tls-key", "", "key `file` | <PEM>")
	want := "| flag | env | config key | default | meaning |\n|---|---|---|---|---|\n" +
		"| `--config` | `STANCETAG_CONFIG` | — | none | settings file |\n" + // no key: a file cannot name another
		"| `--max-batch` | `STANCETAG_MAX_BATCH` | `max-batch` | `1000` | statements per call |\n" +
		"| `--tls-key` | `STANCETAG_TLS_KEY` | `tls-key` | none | key file \\| &lt;PEM&gt; |\n" // a pipe would end the cell, <PEM> be a tag
	assert.Equal(t, want, flagTable(fs, true))
}

func TestReplaceSection(t *testing.T) {
	t.Parallel()
	begin, end := markers("x")
	doc := "intro\n" + begin + "old\n" + end + "outro\n"
	got, err := replaceSection(doc, "x", "new\n")
	require.NoError(t, err)
	assert.Equal(t, "intro\n"+begin+"new\n"+end+"outro\n", got)

	_, err = replaceSection("intro\n"+end+begin, "x", "new\n")
	assert.ErrorContains(t, err, `no section "x"`, "markers out of order")
	_, err = replaceSection("intro\n", "y", "new\n")
	assert.ErrorContains(t, err, `no section "y"`)
}

// TestREADMELimits checks the hand-written table of limits under "## Limits
// and security": one row per limit flag, with the flag's default.
func TestREADMELimits(t *testing.T) {
	raw, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(raw), "\n## Limits and security\n")
	require.True(t, ok, "README.md has a section \"## Limits and security\"")
	section, _, _ = strings.Cut(section, "\n## ")

	rows := map[string]string{} // flag -> default
	for line := range strings.Lines(section) {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`--") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`-")
		rows[name] = strings.Trim(strings.TrimSpace(cells[2]), "`")
	}
	fs, _ := newServeFlags(io.Discard)
	var want []string
	for _, l := range append(append([]limitFlag{}, statementLimitFlags...), serverLimitFlags...) {
		want = append(want, l.name)
		if assert.Contains(t, rows, l.name, "a row for --%s", l.name) {
			assert.Equal(t, fs.Lookup(l.name).DefValue, rows[l.name], "default of --%s", l.name)
		}
	}
	assert.Len(t, rows, len(want), "rows only for limit flags: %v", rows)
}
