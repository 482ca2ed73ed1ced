package stance

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInflectVerb(t *testing.T) {
	t.Parallel()
	irr := map[string]irregular{
		"draw":  {past: "drew", part: "drawn"},
		"expel": {past: "expelled", part: "expelled", ing: "expelling"},
		"have":  {past: "had", part: "had", ing: "having", s: "has"},
	}
	tests := []struct {
		base string
		want map[Form]string
	}{
		{"condemn", map[Form]string{FormBase: "condemn", FormS: "condemns", FormPastPart: "condemned", FormIng: "condemning"}},
		// e-drop before -ing, -d after e.
		{"criticise", map[Form]string{FormS: "criticises", FormPastPart: "criticised", FormIng: "criticising"}},
		// consonant + y -> ies / ied; -ing keeps the y.
		{"ally", map[Form]string{FormS: "allies", FormPastPart: "allied", FormIng: "allying"}},
		// vowel + y is regular.
		{"betray", map[Form]string{FormS: "betrays", FormPastPart: "betrayed"}},
		// one-syllable CVC doubles; w, x, y never double.
		{"snub", map[Form]string{FormPastPart: "snubbed", FormIng: "snubbing"}},
		{"slam", map[Form]string{FormPastPart: "slammed"}},
		{"vow", map[Form]string{FormPastPart: "vowed"}},
		// two-syllable verbs do not double unless listed as irregular.
		{"target", map[Form]string{FormPastPart: "targeted", FormIng: "targeting"}},
		{"expel", map[Form]string{FormPastPart: "expelled", FormIng: "expelling"}},
		// sibilants and consonant + o take -es.
		{"punish", map[Form]string{FormS: "punishes"}},
		{"veto", map[Form]string{FormS: "vetoes", FormPastPart: "vetoed"}},
		// ie -> ying; ee keeps its e.
		{"lie", map[Form]string{FormIng: "lying"}},
		{"agree", map[Form]string{FormPastPart: "agreed", FormIng: "agreeing"}},
		// irregular: distinct past and participle; -s override.
		{"draw", map[Form]string{FormPast: "drew", FormPart: "drawn", FormIng: "drawing"}},
		{"have", map[Form]string{FormS: "has", FormPastPart: "had"}},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			t.Parallel()
			got := map[Form]string{}
			for _, in := range inflectVerb(nil, tt.base, irr) {
				got[in.form] = in.text
			}
			for f, w := range tt.want {
				assert.Equal(t, w, got[f], "form %d", f)
			}
		})
	}
}

func TestInflectNoun(t *testing.T) {
	t.Parallel()
	tests := map[string]string{"criticism": "criticisms", "ally": "allies", "sanction": "sanctions", "speech": "speeches"}
	for base, plural := range tests {
		forms := inflectNoun(nil, base)
		assert.Equal(t, []inflection{{base, FormBase}, {plural, FormPlural}}, forms)
	}
}
