package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDeriveActorID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"API example", "European Union", "european-union"},
		{"runs collapse", "  Hamas -- (militant group)  ", "hamas-militant-group"},
		{"digits kept", "G7 Summit 2026", "g7-summit-2026"},
		// Non-ASCII letters are alphanumerics too.
		{"cyrillic", "Владимир Путин", "владимир-путин"},
		{"precomposed accent", "Côte d'Ivoire", "côte-d-ivoire"},
		// A combining mark stays with its letter instead of splitting the word.
		{"combining mark", "Ame\u0301lie Nothomb", "ame\u0301lie-nothomb"},
		{"leading mark dropped", "\u0301Paris", "paris"},
		{"dots", "U.S. Senate", "u-s-senate"},
		{"cjk", "中国 外交部", "中国-外交部"},
		{"no letters", "!!! ???", ""},
		{"emoji only", "🇺🇳", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, DeriveActorID(tt.in))
		})
	}
}
