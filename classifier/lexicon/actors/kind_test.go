package actors

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPluralNoun checks which caller names of no kind are read as groups.
func TestPluralNoun(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"volunteers":        true,
		"party members":     true,
		"protesters":        true,
		"Volunteers United": false, // a capital: anyone's name
		"Brandt's rivals":   false,
		"press":             false, // -ss
		"status":            false, // -us
		"crisis":            false, // -is
		"union":             false, // singular
		"bus":               false, // too short
		"the league":        false,
	} {
		assert.Equal(t, want, pluralNoun(name), name)
	}
}
