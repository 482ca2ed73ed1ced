package sentiment_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenSentences are news-style sentences whose full scoring (hits, rules,
// scores) is kept in testdata/score.golden, so that a data or rule change
// shows up as a reviewable diff. Regenerate with `go test -update`.
var goldenSentences = []string{
	"Russian forces launched an invasion of Ukraine, drawing sweeping sanctions from the EU.",
	"Negotiators hailed the ceasefire as a landmark breakthrough.",
	"The senator lambasted the deal as a disgrace, but later praised parts of it.",
	"Despite the truce, shelling continued in the east, killing at least 12 civilians.",
	"Although critics slammed the plan, the vote was a clear victory for the government.",
	"The minister did not condemn the attack.",
	"The court found the former mayor not guilty of bribery.",
	"There was a lack of progress at the talks, and no problem with the venue.",
	"The opposition failed to stop the bill.",
	"Officials said the talks were very constructive and somewhat encouraging.",
	"Is the ceasefire really holding?",
	"This is an OUTRAGE, the spokesman told reporters!!",
	"UN WARNS OF FAMINE AS WAR DRAGS ON",
	"Voters like the candidate, pollsters said, but don't like his party.",
	"The Justice Department and the United Nations declined to comment.",
	"It was not the worst outcome for the coalition.",
	"The economy is not in great shape, yet investors remain optimistic.",
	"Protesters clashed with police after the disputed election.",
	"The president thanked allies for their support and vowed to rebuild.",
	"Kindly direct all enquiries to the press office.",
}

func TestScoreGolden(t *testing.T) {
	t.Parallel()
	l := lexicon(t)
	var b strings.Builder
	for _, text := range goldenSentences {
		r, toks := scoreAll(t, l, text)
		fmt.Fprintf(&b, "%s\n  score=%.3f pos=%.3f neg=%.3f magnitude=%.3f rules=%v\n", text, r.Score, r.Pos, r.Neg, r.Magnitude, r.Rules)
		for _, h := range r.Hits {
			fmt.Fprintf(&b, "  %q base=%.2f valence=%.3f %v\n", cue(text, toks, h), h.Base, h.Valence, h.Rules)
		}
		toks = tokenize.Tokenize(text, toks)
		s := l.Statement(text, toks, tokenize.Sentences(text, toks, nil), nil)
		fmt.Fprintf(&b, "  statement: %v score=%.3f magnitude=%.3f\n\n", s.Label, s.Score, s.Magnitude)
	}
	path := filepath.Join("testdata", "score.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String(), "run go test -update and review the diff")
}
