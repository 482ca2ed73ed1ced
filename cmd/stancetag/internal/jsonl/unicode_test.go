package jsonl

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Text that encoding/json would turn into U+FFFD makes the line bad, as the
// API refuses it, since the offsets would no longer match the input; a
// byte-order mark on line 1 is skipped (issue 13, finding 4). Local and
// remote runs agree.
func TestRunUnicodeLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		lines []string
		bad   string // the message for line 2 (or line 1 when lines has one line); "" if good
	}{
		{"invalid UTF-8 in the text", []string{`{"id":"a","text":"Paris said so."}`, "{\"id\":\"b\",\"text\":\"Paris \xff said so.\"}"}, "line 2: invalid UTF-8 at byte 25"},
		{"invalid UTF-8 in an unknown field", []string{`{"id":"a","text":"Paris said so."}`, "{\"id\":\"b\",\"text\":\"Paris said so.\",\"x\":\"\xc3\"}"}, "line 2: invalid UTF-8 at byte"},
		{"lone high surrogate", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"Paris \ud83d said so."}`}, `line 2: unpaired surrogate escape \ud83d at byte 25`},
		{"lone low surrogate", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"Paris \udc00 said so."}`}, `line 2: unpaired surrogate escape \udc00`},
		{"high surrogate then a non-surrogate escape", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"\ud83d\u0041"}`}, `line 2: unpaired surrogate escape \ud83d`},
		{"truncated surrogate pair at the end", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"x\ud83d`}, `line 2: unpaired surrogate escape \ud83d`},
		{"a surrogate pair is a character", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"Paris \ud83c\uddeb\ud83c\uddf7 said so."}`}, ""},
		{"an escaped backslash before u", []string{`{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"C:\\ud800 said so."}`}, ""},
		{"byte-order mark on line 1", []string{"\xef\xbb\xbf" + `{"id":"a","text":"Paris said so."}`, `{"id":"b","text":"Paris said so."}`}, ""},
		{"byte-order mark on line 2", []string{`{"id":"a","text":"Paris said so."}`, "\xef\xbb\xbf" + `{"id":"b","text":"Paris said so."}`}, "line 2: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			input := strings.Join(tt.lines, "\n") + "\n"
			out, errs, st := run(t, newFake(), input, config(2))
			var rout, rerrs bytes.Buffer
			rst, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: 10}, strings.NewReader(input), &rout, &rerrs, remoteConfig())
			require.NoError(t, err)
			if tt.bad == "" {
				assert.Empty(t, errs)
				assert.Equal(t, 0, st.Bad)
				assert.Len(t, outputs(t, out), len(tt.lines))
			} else {
				assert.True(t, strings.HasPrefix(errs, tt.bad), "stderr %q, want prefix %q", errs, tt.bad)
				assert.Equal(t, 1, st.Bad)
				assert.Len(t, outputs(t, out), len(tt.lines)-1)
			}
			assert.Equal(t, errs, rerrs.String(), "remote reports the same")
			assert.Equal(t, st.Bad, rst.Bad)
		})
	}
}
