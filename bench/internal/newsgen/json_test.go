package newsgen

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Statement
	}{
		{"no actors", Statement{ID: "s1", Text: "France backed Germany."}},
		{"quotes and apostrophes", Statement{ID: "s2", Text: `"We stand with Kyiv," the farmers' union said.`}},
		{"non-ASCII", Statement{ID: "s3", Text: "President Erdoğan praised Côte d'Ivoire."}},
		// Never generated, but the encoder must not emit invalid JSON if
		// the vocabulary ever grows one.
		{"backslash and control bytes", Statement{ID: "s4", Text: "a\\b\tc\nd\x01"}},
		{"caller actors", Statement{ID: "s5", Text: "Hale met the city council.", Actors: []Actor{
			{ID: "local/marcus-hale", Name: "Marcus Hale", Aliases: []string{"Senator Marcus Hale", "Hale"}},
			{ID: "local/harbor-city-council", Name: "Harbor City Council", Aliases: []string{"the city council"}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			line := tt.in.AppendJSON([]byte("prefix "))
			require.Equal(t, "prefix ", string(line[:7]), "appends, keeps dst")
			var got struct {
				ID     string `json:"id"`
				Text   string `json:"text"`
				Actors []struct {
					ID      string   `json:"id"`
					Name    string   `json:"name"`
					Aliases []string `json:"aliases"`
				} `json:"actors"`
			}
			require.NoError(t, json.Unmarshal(line[7:], &got), "%s", line)
			assert.Equal(t, tt.in.ID, got.ID)
			assert.Equal(t, tt.in.Text, got.Text)
			require.Len(t, got.Actors, len(tt.in.Actors))
			for i, a := range tt.in.Actors {
				assert.Equal(t, a.ID, got.Actors[i].ID)
				assert.Equal(t, a.Name, got.Actors[i].Name)
				assert.Equal(t, a.Aliases, got.Actors[i].Aliases)
			}
			assert.NotContains(t, string(line), "\n", "one line")
		})
	}
}
