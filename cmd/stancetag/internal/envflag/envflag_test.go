package envflag

import (
	"bytes"
	"errors"
	"flag"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestName(t *testing.T) {
	t.Parallel()
	tests := []struct{ flag, want string }{
		{"listen", "STANCETAG_LISTEN"},
		{"lexicon-dir", "STANCETAG_LEXICON_DIR"},
		{"max-text-bytes", "STANCETAG_MAX_TEXT_BYTES"},
		{"log.level", "STANCETAG_LOG_LEVEL"}, // dots are separators too
		{"workers2", "STANCETAG_WORKERS2"},   // digits stay
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Name("STANCETAG", tt.flag), tt.flag)
	}
}

type config struct {
	listen     string
	reflection bool
	timeout    time.Duration
	workers    int
}

func newFlagSet(c *config) *flag.FlagSet {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(new(bytes.Buffer))
	fs.StringVar(&c.listen, "listen", ":50051", "address to listen on")
	fs.BoolVar(&c.reflection, "reflection", true, "serve gRPC reflection")
	fs.DurationVar(&c.timeout, "shutdown-timeout", 10*time.Second, "graceful stop limit")
	fs.IntVar(&c.workers, "workers", 2, "analysers")
	return fs
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    config
		wantErr string
	}{
		{
			name: "defaults",
			want: config{listen: ":50051", reflection: true, timeout: 10 * time.Second, workers: 2},
		},
		{
			name: "env sets every kind of flag",
			env: map[string]string{
				"STANCETAG_LISTEN": "127.0.0.1:0", "STANCETAG_REFLECTION": "false",
				"STANCETAG_SHUTDOWN_TIMEOUT": "3s", "STANCETAG_WORKERS": "8",
			},
			want: config{listen: "127.0.0.1:0", timeout: 3 * time.Second, workers: 8},
		},
		{
			name: "flags win over env",
			env:  map[string]string{"STANCETAG_LISTEN": ":1", "STANCETAG_WORKERS": "8"},
			args: []string{"-listen", ":2"},
			want: config{listen: ":2", reflection: true, timeout: 10 * time.Second, workers: 8},
		},
		{
			// An exported but empty variable is the usual way to unset one.
			name: "empty env is unset",
			env:  map[string]string{"STANCETAG_WORKERS": ""},
			want: config{listen: ":50051", reflection: true, timeout: 10 * time.Second, workers: 2},
		},
		{
			// Variables of other programs or other prefixes are ignored.
			name: "other variables ignored",
			env:  map[string]string{"LISTEN": ":1", "OTHER_LISTEN": ":2"},
			want: config{listen: ":50051", reflection: true, timeout: 10 * time.Second, workers: 2},
		},
		{
			name:    "bad env names variable and flag",
			env:     map[string]string{"STANCETAG_WORKERS": "many"},
			wantErr: `invalid value "many" for STANCETAG_WORKERS (flag -workers)`,
		},
		{
			name:    "bad flag",
			args:    []string{"-workers", "many"},
			wantErr: `invalid value "many" for flag -workers`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c config
			err := Parse(newFlagSet(&c), "STANCETAG", tt.args, env(tt.env))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c)
		})
	}
}

func TestParseHelpNamesVariables(t *testing.T) {
	t.Parallel()
	var c config
	fs := newFlagSet(&c)
	var out bytes.Buffer
	fs.SetOutput(&out)
	err := Parse(fs, "STANCETAG", []string{"-h"}, env(nil))
	require.True(t, errors.Is(err, flag.ErrHelp))
	assert.Contains(t, out.String(), "address to listen on (env STANCETAG_LISTEN)")
	assert.Contains(t, out.String(), `(default ":50051")`)
	assert.Contains(t, out.String(), "(env STANCETAG_SHUTDOWN_TIMEOUT)")
}

func TestParseKeepsPositionalArgs(t *testing.T) {
	t.Parallel()
	var c config
	fs := newFlagSet(&c)
	require.NoError(t, Parse(fs, "STANCETAG", []string{"-workers", "3", "in.jsonl"}, env(nil)))
	assert.Equal(t, []string{"in.jsonl"}, fs.Args())
	assert.Equal(t, 3, c.workers)
}

func TestParseVarErrorIsTyped(t *testing.T) {
	t.Parallel()
	var c config
	err := Parse(newFlagSet(&c), "STANCETAG", nil, env(map[string]string{"STANCETAG_REFLECTION": "maybe"}))
	var ve *VarError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, VarError{Var: "STANCETAG_REFLECTION", Flag: "reflection", Value: "maybe", Err: ve.Err}, *ve)
}
