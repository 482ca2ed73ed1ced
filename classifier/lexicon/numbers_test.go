package lexicon

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/sentiment"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
)

// Every number of every lexicon file must be finite and in its range, or the
// load fails with the file and line: a NaN cue weight passed a SIGHUP reload
// and every response then carried "confidence": "NaN" (issue 13, finding 2).
// The gazetteer files hold no numbers. The stance weights are checked by
// stance's parseWeight, the sentiment ones by sentiment's loader.
func TestNewRefusesBadNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file string
		line       int    // 1-based line of file to replace
		data       string // its new contents
	}{
		{"cue weight NaN", stance.CuesFile, 5, "condemn\tverb\tNaN\tsvo\tsrc=cameo"},
		{"cue weight nan", stance.CuesFile, 5, "condemn\tverb\tnan\tsvo"},
		{"cue weight +Inf", stance.CuesFile, 5, "condemn\tverb\t+Inf\tsvo"},
		{"cue weight -infinity", stance.CuesFile, 5, "condemn\tverb\t-infinity\tsvo"},
		{"cue weight out of range", stance.CuesFile, 5, "condemn\tverb\t-1.5\tsvo"},
		{"cue agent NaN", stance.CuesFile, 5, "condemn\tverb\t-0.9\tsvo\tagent=NaN"},
		{"portrayal weight NaN", stance.PortrayalFile, 6, "criticism\tNaN"},
		{"portrayal weight Inf", stance.PortrayalFile, 6, "criticism\tInf"},
		{"valence NaN", "sentiment/valence.tsv", 0, "abandon\tNaN"},
		{"valence out of range", "sentiment/valence.tsv", 0, "abandon\t9"},
		{"booster NaN", "sentiment/boosters.tsv", 0, "absolutely\tNaN"},
		{"idiom Inf", "sentiment/idioms.tsv", 0, "no problem\tInf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := copyData(t)
			line := tt.line
			if line == 0 {
				line = firstDataLine(t, m, tt.file)
			}
			m[tt.file] = &fstest.MapFile{Data: replaceLine(t, m[tt.file].Data, line, tt.data)}
			_, err := New(m)
			require.Error(t, err, "a load with %q at %s:%d", tt.data, tt.file, line)
			assert.Contains(t, err.Error(), tt.file+":"+itoa(line)+":")
			var pe *stance.ParseError
			var de *sentiment.DataError
			assert.True(t, errors.As(err, &pe) || errors.As(err, &de), "a typed error: %v", err)
		})
	}
}

// firstDataLine is the 1-based number of the first line of file that is
// neither blank nor a comment.
func firstDataLine(t *testing.T, m fstest.MapFS, file string) int {
	t.Helper()
	for i, l := range strings.Split(string(m[file].Data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			return i + 1
		}
	}
	t.Fatalf("%s has no data line", file)
	return 0
}

// replaceLine returns data with its 1-based line n replaced by s.
func replaceLine(t *testing.T, data []byte, n int, s string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	require.Less(t, n-1, len(lines))
	lines[n-1] = s
	return []byte(strings.Join(lines, "\n"))
}

func itoa(n int) string { return strconv.Itoa(n) }
