package config

import (
	"bytes"
	"errors"
	"flag"
	iofs "io/fs"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/cmd/stancetag/internal/envflag"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string
		want    []Entry
		wantErr string
	}{
		{name: "empty file", data: ""},
		{name: "comments only", data: "# nothing set yet\n\n"},
		{
			name: "scalars of every YAML type arrive as text",
			data: "# serve settings\nlisten: \":50051\"\nmax-batch: 1000\nreflection: false\nshutdown-timeout: 30s\n",
			want: []Entry{
				{Key: "listen", Value: ":50051", Line: 2},
				{Key: "max-batch", Value: "1000", Line: 3},
				{Key: "reflection", Value: "false", Line: 4},
				{Key: "shutdown-timeout", Value: "30s", Line: 5},
			},
		},
		{
			// A quoted empty string is a value (e.g. the embedded lexicon), a bare key is not.
			name: "explicit empty string",
			data: "lexicon-dir: \"\"\n",
			want: []Entry{{Key: "lexicon-dir", Value: "", Line: 1}},
		},
		{name: "bare key", data: "listen: \":1\"\nlexicon-dir:\n", wantErr: "x.yaml:2: lexicon-dir: no value"},
		{name: "null", data: "listen: ~\n", wantErr: "x.yaml:1: listen: no value"},
		{name: "duplicate key", data: "listen: \":1\"\nmax-batch: 2\nlisten: \":3\"\n", wantErr: "x.yaml:3: listen: given twice (first on line 1)"},
		{name: "list value", data: "max-batch: 10\nlisten:\n  - \":1\"\n", wantErr: "x.yaml:2: listen: want a single value, not a list"},
		{name: "nested mapping", data: "server:\n  listen: \":1\"\n", wantErr: "x.yaml:1: server: want a single value, not a mapping"},
		{name: "not a mapping", data: "- listen\n", wantErr: "x.yaml:1: want a mapping of flag names"},
		{
			// key = value is not YAML: a plain scalar document, not a mapping.
			name: "key = value syntax", data: "listen = :50051\n", wantErr: "x.yaml:1: want a mapping of flag names",
		},
		{name: "syntax error keeps its line", data: "listen: \":1\"\nmax-batch: max: 2\n", wantErr: "x.yaml:2: mapping values are not allowed"},
		{name: "two documents", data: "listen: \":1\"\n---\nlisten: \":2\"\n", wantErr: "x.yaml:2: a second YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode("x.yaml", []byte(tt.data))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				var ce *Error
				assert.True(t, errors.As(err, &ce), "an *Error: %T", err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

type settings struct {
	config     string
	listen     string
	reflection bool
	timeout    time.Duration
	maxBatch   int
}

func newFlagSet(s *settings) *flag.FlagSet {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(new(bytes.Buffer))
	fs.StringVar(&s.config, "config", "", "config file")
	fs.StringVar(&s.listen, "listen", ":50051", "address")
	fs.BoolVar(&s.reflection, "reflection", true, "reflection")
	fs.DurationVar(&s.timeout, "shutdown-timeout", 10*time.Second, "grace")
	fs.IntVar(&s.maxBatch, "max-batch", 1000, "batch")
	return fs
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"/etc/st.yaml":   "listen: \":7000\"\nmax-batch: 10\nreflection: false\n",
		"/etc/other.yml": "listen: \":8000\"\n",
		"/etc/unknown":   "listen: \":7000\"\nmax-batchs: 10\n",
		"/etc/badvalue":  "# limits\nmax-batch: many\n",
		"/etc/self":      "config: /etc/other.yml\n",
	}
	defaults := settings{listen: ":50051", reflection: true, timeout: 10 * time.Second, maxBatch: 1000}
	with := func(f func(*settings)) settings {
		s := defaults
		f(&s)
		return s
	}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    settings
		wantErr string
	}{
		{name: "defaults without a file", want: defaults},
		{
			name: "file over defaults",
			args: []string{"-config", "/etc/st.yaml"},
			want: with(func(s *settings) { s.config, s.listen, s.maxBatch, s.reflection = "/etc/st.yaml", ":7000", 10, false }),
		},
		{
			name: "env over file",
			args: []string{"-config", "/etc/st.yaml"},
			env:  map[string]string{"STANCETAG_MAX_BATCH": "20"},
			want: with(func(s *settings) { s.config, s.listen, s.maxBatch, s.reflection = "/etc/st.yaml", ":7000", 20, false }),
		},
		{
			name: "flag over env over file",
			args: []string{"-config", "/etc/st.yaml", "-max-batch", "30", "-reflection=true"},
			env:  map[string]string{"STANCETAG_MAX_BATCH": "20", "STANCETAG_LISTEN": ":7100"},
			want: with(func(s *settings) { s.config, s.listen, s.maxBatch = "/etc/st.yaml", ":7100", 30 }),
		},
		{
			name: "file named by the environment",
			env:  map[string]string{"STANCETAG_CONFIG": "/etc/st.yaml"},
			want: with(func(s *settings) { s.config, s.listen, s.maxBatch, s.reflection = "/etc/st.yaml", ":7000", 10, false }),
		},
		{
			// The flag names the file even when the environment names another.
			name: "config flag over config env",
			args: []string{"-config", "/etc/other.yml"},
			env:  map[string]string{"STANCETAG_CONFIG": "/etc/st.yaml"},
			want: with(func(s *settings) { s.config, s.listen = "/etc/other.yml", ":8000" }),
		},
		{
			// An empty variable counts as unset, so the file's value stays.
			name: "empty env var",
			args: []string{"-config", "/etc/other.yml"},
			env:  map[string]string{"STANCETAG_LISTEN": ""},
			want: with(func(s *settings) { s.config, s.listen = "/etc/other.yml", ":8000" }),
		},
		{name: "unknown key", args: []string{"-config", "/etc/unknown"}, wantErr: `/etc/unknown:2: unknown key "max-batchs"`},
		{
			// Even when the flag would override it: a broken file is broken.
			name: "bad value under a flag", args: []string{"-config", "/etc/badvalue", "-max-batch", "5"},
			wantErr: `/etc/badvalue:2: max-batch: invalid value "many"`,
		},
		{name: "config in config", args: []string{"-config", "/etc/self"}, wantErr: "/etc/self:1: config: not allowed in a config file"},
		{name: "missing file", args: []string{"-config", "/etc/none.yaml"}, wantErr: "/etc/none.yaml: file does not exist"},
		{
			name: "bad env after good file", args: []string{"-config", "/etc/st.yaml"},
			env:     map[string]string{"STANCETAG_SHUTDOWN_TIMEOUT": "soon"},
			wantErr: `invalid value "soon" for STANCETAG_SHUTDOWN_TIMEOUT`,
		},
		{name: "bad flag", args: []string{"-max-batch", "x"}, wantErr: `invalid value "x" for flag -max-batch`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got settings
			fs := newFlagSet(&got)
			err := ParseFlags(fs, tt.args, Sources{
				EnvPrefix:  "STANCETAG",
				Lookup:     func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok },
				ConfigFlag: "config",
				ReadFile: func(p string) ([]byte, error) {
					if s, ok := files[p]; ok {
						return []byte(s), nil
					}
					return nil, &iofs.PathError{Op: "open", Path: p, Err: iofs.ErrNotExist}
				},
			})
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseFlagsErrorTypes(t *testing.T) {
	t.Parallel()
	var s settings
	src := Sources{
		EnvPrefix: "STANCETAG", ConfigFlag: "config",
		Lookup: func(k string) (string, bool) {
			return map[string]string{"STANCETAG_MAX_BATCH": "x"}[k], k == "STANCETAG_MAX_BATCH"
		},
		ReadFile: func(string) ([]byte, error) { return []byte("nope: 1\n"), nil },
	}
	err := ParseFlags(newFlagSet(&s), nil, src)
	assert.True(t, errors.As(err, new(*envflag.VarError)), "a bad variable is a *envflag.VarError: %v", err)

	err = ParseFlags(newFlagSet(&s), []string{"-config", "c.yaml"}, src)
	var ce *Error
	require.True(t, errors.As(err, &ce), "a bad file is an *Error: %v", err)
	assert.Equal(t, Error{Path: "c.yaml", Line: 1, Err: ce.Err}, *ce)

	err = ParseFlags(newFlagSet(&s), []string{"-h"}, src)
	assert.ErrorIs(t, err, flag.ErrHelp)

	// Usage documents the variables, as envflag.Parse does.
	fs := newFlagSet(&s)
	_ = ParseFlags(fs, []string{"-h"}, src)
	assert.Contains(t, fs.Lookup("listen").Usage, "(env STANCETAG_LISTEN)")
}

func TestParseFlagsNeedsConfigFlag(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	err := ParseFlags(fs, nil, Sources{ConfigFlag: "config", Lookup: func(string) (string, bool) { return "", false }})
	assert.ErrorContains(t, err, "flag -config is not defined")
}
