package stance

import (
	"errors"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataFS returns the real stance data with some files replaced.
func dataFS(t *testing.T, replace map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, p := range []string{CuesFile, FunctionFile, IrregularFile, PortrayalFile} {
		b, err := os.ReadFile("../data/" + p)
		require.NoError(t, err)
		m[p] = &fstest.MapFile{Data: b}
	}
	for p, s := range replace {
		if s == "" {
			delete(m, p)
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func TestLoadRealData(t *testing.T) {
	t.Parallel()
	l := testLexicon(t)
	assert.Greater(t, len(l.Cues()), 300)
	byText := map[string]Cue{}
	for _, c := range l.Cues() {
		byText[c.Text+"/"+c.Frame.String()] = c
	}
	// Spot checks that fix the sign and frame of core cues.
	assert.Less(t, byText["condemn/svo"].Weight, float32(-0.5))
	assert.Greater(t, byText["praise/svo"].Weight, float32(0.5))
	assert.Greater(t, byText["support/prep"].Weight, float32(0))
	assert.Less(t, byText["come under fire from/inv"].Weight, float32(0))
	// Every cue word form resolves through the trie: "criticised" and
	// "voted against" are reachable.
	n := l.nodes[0].next["criticised"]
	require.NotZero(t, n)
	assert.NotEmpty(t, l.nodes[n].refs)
	n = l.nodes[0].next["voted"]
	require.NotZero(t, n)
	assert.NotZero(t, l.nodes[n].next["against"])
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		replace map[string]string
		want    string
	}{
		{"too few fields", map[string]string{CuesFile: "# c\ncondemn\tverb\t-0.9\n"}, `stance/cues.tsv:2: want 4 or 5 tab-separated fields (cue, pos, weight, frame, [options]), got 3`},
		{"unknown frame", map[string]string{CuesFile: "condemn\tverb\t-0.9\tsvox\n"}, `stance/cues.tsv:1: unknown frame "svox"`},
		{"unknown pos", map[string]string{CuesFile: "condemn\tverbal\t-0.9\tsvo\n"}, `stance/cues.tsv:1: unknown part of speech "verbal" (want verb, noun, adj, phrase, vphrase, prefix, suffix, tagprefix or tagsuffix)`},
		{"weight out of range", map[string]string{CuesFile: "condemn\tverb\t-1.5\tsvo\n"}, `stance/cues.tsv:1: weight: "-1.5" must be a number in [-1, 1]`},
		{"weight not a number", map[string]string{CuesFile: "\n\ncondemn\tverb\tstrong\tsvo\n"}, `stance/cues.tsv:3: weight: "strong" must be a number in [-1, 1]`},
		{"upper case cue", map[string]string{CuesFile: "Condemn\tverb\t-0.9\tsvo\n"}, `stance/cues.tsv:1: cue "Condemn" must be lower-case words separated by single spaces`},
		{"phrase with one word", map[string]string{CuesFile: "condemn\tphrase\t-0.9\tsvo\n"}, `stance/cues.tsv:1: cue "condemn": pos phrase needs several words`},
		{"unknown preposition", map[string]string{CuesFile: "support\tnoun\t0.7\tprep\ttp=unto\n"}, `stance/cues.tsv:1: tp: "unto" is not a preposition of stance/function.tsv`},
		{"unknown option", map[string]string{CuesFile: "support\tnoun\t0.7\tprep\tloud\n"}, `stance/cues.tsv:1: unknown option "loud"`},
		{"patient out of range", map[string]string{CuesFile: "shoot\tverb\t-0.6\tsvo\tpatient=2\n"}, `stance/cues.tsv:1: patient: "2" must be a number in [-1, 1]`},
		{"duplicate cue", map[string]string{CuesFile: "threat\tnoun\t-0.6\tprep\nthreat\tnoun\t-0.5\tdesc\nthreat\tnoun\t-0.4\tprep\n"}, `stance/cues.tsv:3: duplicate cue "threat" (noun, prep)`},
		{"to out of range", map[string]string{CuesFile: "extradite\tverb\t-0.3\tsvo\tto=3\n"}, `stance/cues.tsv:1: to: "3" must be a number in [-1, 1]`},
		{"bad prefix", map[string]string{CuesFile: "anti\tprefix\t-0.6\tdesc\n"}, `stance/cues.tsv:1: prefix "anti" must be one word ending in "-"`},
		{"bad suffix", map[string]string{CuesFile: "backed\tsuffix\t0.6\tsvo\n"}, `stance/cues.tsv:1: suffix "backed" must be one word starting with "-"`},
		{"suffix frame", map[string]string{CuesFile: "-backed\tsuffix\t0.6\tdesc\n"}, `stance/cues.tsv:1: suffix "-backed": frame must be svo`},
		{"guest frame", map[string]string{CuesFile: "welcome\tverb\t0.6\tprep\tguest\n"}, `stance/cues.tsv:1: guest: only for frame svo, not prep`},
		{"reaction frame", map[string]string{CuesFile: "protest\tverb\t-0.5\tsubj\treaction\n"}, `stance/cues.tsv:1: reaction: only for frame svo, not subj`},
		{"tag cue frame", map[string]string{CuesFile: "never\ttagprefix\t-0.6\tsvo\n"}, `stance/cues.tsv:1: tagprefix "never": frame must be desc`},
		{"tag cue options", map[string]string{CuesFile: "never\ttagprefix\t-0.6\tdesc\tnobase\n"}, `stance/cues.tsv:1: tagprefix "never": takes no options`},
		{"year before a mention", map[string]string{CuesFile: "<year>\ttagprefix\t0.6\tdesc\n"}, `stance/cues.tsv:1: tagprefix "<year>": <year> only follows a mention`},
		{"unknown class", map[string]string{FunctionFile: "the\tdet\nof\tpreposition\n"}, `stance/function.tsv:2: unknown class "preposition"`},
		{"duplicate irregular", map[string]string{IrregularFile: "go\twent\tgone\ngo\twent\tgone\n"}, `stance/irregular.tsv:2: duplicate verb "go"`},
		{"duplicate portrayal", map[string]string{PortrayalFile: "hero\t0.5\nhero\t0.6\n"}, `stance/portrayal.tsv:2: duplicate word "hero"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(dataFS(t, tt.replace))
			require.Error(t, err)
			assert.EqualError(t, err, tt.want)
			var pe *ParseError
			assert.True(t, errors.As(err, &pe))
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Parallel()
	_, err := Load(dataFS(t, map[string]string{PortrayalFile: ""}))
	require.Error(t, err)
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.Contains(t, err.Error(), "stance/portrayal.tsv")
}
