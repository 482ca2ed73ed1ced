package security_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/security"
)

func TestLoadTokens(t *testing.T) {
	t.Parallel()
	const a, b = "a1b2c3d4e5f6a7b8c9d0", "Zm9vYmFyYmF6cXV4LXRva2VuLTI="
	tests := []struct {
		name    string
		content string
		wantLen int
		wantErr string // substring; "" for success
	}{
		{"one token", a + "\n", 1, ""},
		{"no final newline", a, 1, ""},
		{"comments and blanks", "# ops team\n\n" + a + "\n   \n# ci\n" + b + "\n", 2, ""},
		{"CRLF and indentation", "  " + a + "\r\n\t" + b + "\r\n", 2, ""},
		{"indented comment", "   # retired: " + b + "\n" + a + "\n", 1, ""},
		{"duplicates count once", a + "\n" + a + "\n", 1, ""},
		{"empty file", "", 0, "no token"},
		{"only comments", "# nothing yet\n\n", 0, "no token"},
		// An inline comment would become part of the token: refuse it.
		{"inline comment", a + " # ops\n", 0, "tokens:1: token has a space"},
		{"short token on line 3", "# c\n" + a + "\nsecret\n", 0, "tokens:3: token is 6 bytes, shorter than the minimum 16"},
		{"non-ASCII", "tökentökentökentöken\n", 0, "tokens:1: token has a space or non-printable or non-ASCII byte at byte 2"},
		{"control byte", a + "\x00\n", 0, "non-printable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := filepath.Join(t.TempDir(), "tokens")
			require.NoError(t, os.WriteFile(p, []byte(tt.content), 0o600))
			toks, err := security.LoadTokens(p)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), p, "error names the file")
				// Errors end up in logs: no token in them, good or bad.
				for _, line := range strings.Split(tt.content, "\n") {
					if tok := strings.TrimSpace(line); len(tok) > 4 && !strings.HasPrefix(tok, "#") {
						assert.NotContains(t, err.Error(), tok)
					}
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantLen, toks.Len())
		})
	}
}

func TestLoadTokensMissingFile(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "absent")
	_, err := security.LoadTokens(p)
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), p)
}

func TestNewTokens(t *testing.T) {
	t.Parallel()
	toks, err := security.NewTokens("0123456789abcdef0123", "0123456789abcdef0123")
	require.NoError(t, err)
	assert.Equal(t, 1, toks.Len())

	_, err = security.NewTokens()
	require.Error(t, err)
	_, err = security.NewTokens("0123456789abcdef0123", "short")
	require.ErrorContains(t, err, "token 2:")
}
