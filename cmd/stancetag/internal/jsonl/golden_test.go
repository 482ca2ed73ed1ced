package jsonl

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestRunGolden")

// echo writes back everything it was given, so that the golden output shows
// every decoded field: the speaker as a relation, each actor as a target
// whose evidence carries its name, kind and aliases, and the text as a
// mention.
type echo struct{ fake }

func (*echo) Analyze(_ context.Context, st classifier.Statement, _ classifier.Options) (classifier.Analysis, error) {
	whole := classifier.Span{End: len(st.Text)}
	a := classifier.Analysis{
		StatementID: st.ID,
		Sentiment:   classifier.Sentiment{Label: classifier.SentimentNeutral, Score: float32(len(st.Text)) / 1000},
		Mentions:    []classifier.Mention{{ActorID: "text", Span: whole, Text: st.Text}},
	}
	if st.SpeakerID != "" {
		a.Relations = append(a.Relations, classifier.Relation{HolderID: st.SpeakerID, TargetID: "text", Stance: classifier.StanceSupport})
	}
	for _, act := range st.Actors {
		a.Targets = append(a.Targets, classifier.TargetStance{
			ActorID: act.ID,
			Stance:  classifier.StanceNeutral,
			Evidence: []classifier.Evidence{{
				Span: whole, Cue: act.Name, Weight: float32(act.Kind), Rule: strings.Join(act.Aliases, "|"),
			}},
		})
	}
	return a, nil
}

// TestRunGolden runs testdata/golden/input.jsonl (good lines, every form of
// JSON the decoder must read as encoding/json does, bad lines of every kind)
// and compares stdout and stderr byte for byte with the golden files, which
// were written by the pipeline built on encoding/json: a faster decoder or
// pipeline must not change a byte. Rewrite them with -update only for an
// intended change of output.
func TestRunGolden(t *testing.T) {
	t.Parallel()
	input, err := os.ReadFile(filepath.Join("testdata", "golden", "input.jsonl"))
	require.NoError(t, err)
	small := server.DefaultLimits()
	small.MaxTextBytes, small.MaxRecvMsgBytes = 100, 400
	// Several runs share a golden file: the bytes must not depend on how
	// lines are cut into chunks or spread over workers.
	tests := []struct {
		name, golden string
		c            classifier.Classifier
		cfg          Config
	}{
		{"fake-utf8", "fake-utf8", newFake(), Config{Workers: 2, Limits: server.DefaultLimits()}},
		{"fake-utf8 chunks of 2", "fake-utf8", newFake(), Config{Workers: 2, Window: 8, Limits: server.DefaultLimits()}},
		{"echo-utf8", "echo-utf8", &echo{*newFake()}, Config{Workers: 1, Limits: server.DefaultLimits()}},
		{"echo-utf8 chunks of 5", "echo-utf8", &echo{*newFake()}, Config{Workers: 3, Window: 30, Limits: server.DefaultLimits()}},
		{"echo-utf16-small", "echo-utf16-small", &echo{*newFake()}, Config{Workers: 3, Window: 3, Limits: small, Encoding: stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16}},
		{
			"echo-codepoint-options", "echo-codepoint-options", &echo{*newFake()},
			Config{
				Workers: 2, Limits: server.DefaultLimits(), Encoding: stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT,
				Options: classifier.Options{IncludeEvidence: true, DisableGazetteer: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errs bytes.Buffer
			st, err := Run(t.Context(), tt.c, bytes.NewReader(input), &out, &errs, tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, st.Lines, bytes.Count(input, []byte{'\n'})+1, "the last line has no newline")
			assert.Equal(t, st.Written, bytes.Count(out.Bytes(), []byte{'\n'}))
			assert.Equal(t, st.Bad, bytes.Count(errs.Bytes(), []byte{'\n'}))
			base := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if tt.name != tt.golden {
					return // written by the run it is named after
				}
				require.NoError(t, os.WriteFile(base+".out", out.Bytes(), 0o644))
				require.NoError(t, os.WriteFile(base+".err", errs.Bytes(), 0o644))
				return
			}
			wantOut, err := os.ReadFile(base + ".out")
			require.NoError(t, err)
			wantErr, err := os.ReadFile(base + ".err")
			require.NoError(t, err)
			assert.Equal(t, string(wantOut), out.String())
			assert.Equal(t, string(wantErr), errs.String())
		})
	}
}
