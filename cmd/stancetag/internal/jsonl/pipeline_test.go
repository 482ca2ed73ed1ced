package jsonl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fake is a deterministic stand-in for the lexicon classifier: it mentions
// every caller or gazetteer actor whose name occurs in the text, gives the
// statement a score from its length, and takes its time on texts containing
// "slowly" so that workers finish out of order.
type fake struct {
	gazetteer []classifier.Actor
	calls     atomic.Int64
	// block, when set, holds every Analyze call until closed.
	block chan struct{}
}

func (f *fake) Analyze(ctx context.Context, st classifier.Statement, opts classifier.Options) (classifier.Analysis, error) {
	f.calls.Add(1)
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return classifier.Analysis{}, ctx.Err()
		}
	}
	if strings.Contains(st.Text, "slowly") {
		time.Sleep(2 * time.Millisecond)
	}
	a := classifier.Analysis{
		StatementID: st.ID,
		Sentiment:   classifier.Sentiment{Label: classifier.SentimentNeutral, Score: float32(len(st.Text)%7) / 10},
	}
	actors := st.Actors
	if !opts.DisableGazetteer {
		actors = append(actors[:len(actors):len(actors)], f.gazetteer...)
	}
	for _, act := range actors {
		if i := strings.Index(st.Text, act.Name); i >= 0 {
			a.Mentions = append(a.Mentions, classifier.Mention{
				ActorID: act.ID, Span: classifier.Span{Begin: i, End: i + len(act.Name)}, Text: act.Name,
			})
			a.Targets = append(a.Targets, classifier.TargetStance{ActorID: act.ID, Stance: classifier.StanceNeutral})
		}
	}
	return a, nil
}

func (f *fake) Gazetteer() []classifier.Actor { return f.gazetteer }
func (f *fake) Version() string               { return "fake/1" }

func newFake() *fake {
	return &fake{gazetteer: []classifier.Actor{
		{ID: "country/DEU", Name: "Germany", Kind: classifier.KindCountry},
		{ID: "country/FRA", Name: "France", Kind: classifier.KindCountry},
	}}
}

func config(workers int) Config {
	return Config{Workers: workers, Limits: server.DefaultLimits()}
}

func run(t *testing.T, c classifier.Classifier, input string, cfg Config) (out, errs string, st Stats) {
	t.Helper()
	var o, e bytes.Buffer
	st, err := Run(t.Context(), c, strings.NewReader(input), &o, &e, cfg)
	require.NoError(t, err)
	return o.String(), e.String(), st
}

// outputs parses every output line as a stance.v1.Analysis.
func outputs(t *testing.T, out string) []*stancev1.Analysis {
	t.Helper()
	var list []*stancev1.Analysis
	for line := range strings.Lines(out) {
		var a stancev1.Analysis
		require.NoError(t, protojson.Unmarshal([]byte(line), &a), "line %q", line)
		list = append(list, &a)
	}
	return list
}

func TestRunKeepsInputOrder(t *testing.T) {
	t.Parallel()
	// Every third statement is slow, so later ones finish first and must
	// wait in the reorder window.
	var in strings.Builder
	const n = 300
	for i := range n {
		speed := "quickly"
		if i%3 == 0 {
			speed = "slowly"
		}
		fmt.Fprintf(&in, `{"id":"s%d","text":"France moved %s on the Germany file, round %d."}`+"\n", i, speed, i)
	}
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			t.Parallel()
			out, errs, st := run(t, newFake(), in.String(), config(workers))
			assert.Empty(t, errs)
			assert.Equal(t, Stats{Lines: n, Written: n}, st)
			got := outputs(t, out)
			require.Len(t, got, n)
			for i, a := range got {
				require.Equal(t, fmt.Sprint("s", i), a.GetStatementId())
				require.Len(t, a.GetMentions(), 2, "both gazetteer actors are found")
			}
		})
	}
}

func TestRunBadLines(t *testing.T) {
	t.Parallel()
	lim := server.DefaultLimits()
	lim.MaxTextBytes = 64
	lim.MaxRecvMsgBytes = 200
	input := strings.Join([]string{
		`{"id":"a","text":"France backed Germany's proposal."}`, // 1 good
		`{"id":"b","text":""}`,                                                                                 // 2 empty text
		`{"id":"c","text":"  \t "}`,                                                                            // 3 whitespace only
		`{"id":"d","text":` + strings.Repeat("x", 10),                                                          // 4 truncated JSON
		`{"id":"e","text":"` + strings.Repeat("long ", 20) + `"}`,                                              // 5 over MaxTextBytes
		`{"id":"f","text":"` + strings.Repeat("y", 300) + `"}`,                                                 // 6 over the line limit
		`{"id":"g","text":"Paris said so.","speaker_id":"person/nobody"}`,                                      // 7 unknown speaker
		`{"id":"h","text":"Paris said so.","actors":[{"name":"Paris","kind":"CITY"}]}`,                         // 8 unknown kind
		`{"id":"i","text":"Paris said so.","actors":[{"name":"Paris"},{"id":"paris","name":"Paris, France"}]}`, // 9 duplicate derived id
		`{"id":"j","text":"Paris said so.","actors":[{"name":"--"}]}`,                                          // 10 underivable id
		`{"id":"k","text":"Paris said so.","actors":[{"name":"Paris","aliases":["", "x"]}],"text2":1}`,         // 11 empty alias
		`["not","an","object"]`,                                                                                // 12 wrong JSON type
		`{"id":"l","text":"Germany agreed."}`,                                                                  // 13 good, last line without newline
	}, "\n")
	var o, e bytes.Buffer
	st, err := Run(t.Context(), newFake(), strings.NewReader(input), &o, &e, Config{Workers: 2, Limits: lim})
	require.NoError(t, err)
	assert.Equal(t, Stats{Lines: 13, Written: 2, Bad: 11}, st)

	got := outputs(t, o.String())
	require.Len(t, got, 2)
	assert.Equal(t, "a", got[0].GetStatementId())
	assert.Equal(t, "l", got[1].GetStatementId())

	want := []string{
		"line 2: text: text is empty",
		"line 3: text: text is only whitespace",
		"line 4: invalid JSON: invalid character 'x'",
		"line 5: text: text is 100 bytes, at most 64",
		"line 6: line is 320 bytes, at most 200",
		`line 7: speaker_id: speaker_id "person/nobody" is neither`,
		`line 8: actors[0].kind: kind "CITY" is not a known ActorKind`,
		`line 9: actors[1].id: id "paris" is already the id of an earlier actor`,
		"line 10: actors[0].id: id is empty and the name has no letter or digit",
		"line 11: actors[0].aliases[0]: alias is empty",
		"line 12: invalid JSON: json: cannot unmarshal array",
	}
	msgs := strings.Split(strings.TrimSuffix(e.String(), "\n"), "\n")
	require.Len(t, msgs, len(want), "stderr:\n%s", e.String())
	for i := range want {
		assert.True(t, strings.HasPrefix(msgs[i], want[i]), "message %d: got %q, want prefix %q", i, msgs[i], want[i])
	}
}

func TestRunInputForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		input   string
		wantIDs []string
		// wantMention is the actor id of the first mention of the first
		// output, when it matters.
		wantMention string
	}{
		{
			name:    "blank lines and CRLF",
			input:   "\n{\"id\":\"a\",\"text\":\"France.\"}\r\n   \r\n\n{\"id\":\"b\",\"text\":\"Germany.\"}\r\n",
			wantIDs: []string{"a", "b"},
		},
		{
			// Labelled evaluation files carry extra fields.
			name:    "unknown fields ignored",
			input:   `{"id":"a","text":"France.","targets":[{"actor_id":"x","label":"support"}],"span":[1,2]}`,
			wantIDs: []string{"a"},
		},
		{
			// protojson accepts the JSON name as well as the proto name.
			name:        "speakerId and caller actor",
			input:       `{"id":"a","text":"The minister praised Ruritania.","speakerId":"rur","actors":[{"id":"rur","name":"Ruritania","kind":"ACTOR_KIND_COUNTRY"}]}`,
			wantIDs:     []string{"a"},
			wantMention: "rur",
		},
		{
			name:        "kind as number and short name, id derived",
			input:       `{"text":"Ruritania and the Blue Party met.","actors":[{"name":"Blue Party","kind":"organization"},{"name":"Ruritania","kind":2}]}`,
			wantIDs:     []string{""},
			wantMention: "blue-party", // the fake lists mentions in actor order
		},
		{
			name:        "gazetteer speaker",
			input:       `{"id":"a","text":"We back Germany.","speaker_id":"country/FRA"}`,
			wantIDs:     []string{"a"},
			wantMention: "country/DEU",
		},
		{
			name:    "empty input",
			input:   "",
			wantIDs: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errs, _ := run(t, newFake(), tt.input, config(2))
			assert.Empty(t, errs)
			got := outputs(t, out)
			var ids []string
			for _, a := range got {
				ids = append(ids, a.GetStatementId())
			}
			assert.Equal(t, tt.wantIDs, ids)
			if tt.wantMention != "" {
				require.NotEmpty(t, got[0].GetMentions())
				assert.Equal(t, tt.wantMention, got[0].GetMentions()[0].GetActorId())
			}
		})
	}
}

func TestRunOptionsReachClassifierAndEncoder(t *testing.T) {
	t.Parallel()
	cfg := config(1)
	cfg.Options.DisableGazetteer = true
	cfg.Encoding = stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16
	// "Zürich" is 7 bytes and 6 UTF-16 units, so Ruritania starts at byte
	// 17 but UTF-16 unit 16.
	out, errs, _ := run(t, newFake(), `{"text":"Zürich, France, Ruritania","actors":[{"name":"Ruritania"}]}`, cfg)
	assert.Empty(t, errs)
	got := outputs(t, out)
	require.Len(t, got, 1)
	require.Len(t, got[0].GetMentions(), 1, "the gazetteer (France) is disabled")
	assert.Equal(t, int32(16), got[0].GetMentions()[0].GetSpan().GetBegin())
}

func TestRunWindowBoundsLinesInFlight(t *testing.T) {
	t.Parallel()
	// While every analysis is held, the reader may take only Window lines;
	// the rest of the input stays unread.
	f := newFake()
	f.block = make(chan struct{})
	var in strings.Builder
	for i := range 100 {
		fmt.Fprintf(&in, `{"id":"s%d","text":"France."}`+"\n", i)
	}
	var out bytes.Buffer
	var st Stats
	var err error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		st, err = Run(t.Context(), f, strings.NewReader(in.String()), &out, io.Discard, Config{Workers: 3, Window: 5, Limits: server.DefaultLimits()})
	}()
	require.Eventually(t, func() bool { return f.calls.Load() == 3 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond) // time to go wrong, if it would
	assert.Equal(t, int64(3), f.calls.Load(), "only the workers' lines are being analysed")
	close(f.block)
	<-finished
	require.NoError(t, err)
	assert.Equal(t, 100, st.Written)
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRunReportsWriteError(t *testing.T) {
	t.Parallel()
	_, err := Run(t.Context(), newFake(), strings.NewReader(`{"text":"France."}`), errWriter{}, io.Discard, config(2))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "writing output: disk full")
}

// errReader fails after its content.
type errReader struct{ r io.Reader }

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, errors.New("connection reset")
	}
	return n, err
}

func TestRunReportsReadError(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	_, err := Run(t.Context(), newFake(), &errReader{strings.NewReader("{\"text\":\"France.\"}\n")}, &out, io.Discard, config(2))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading line 2: connection reset")
	assert.Equal(t, 1, strings.Count(out.String(), "\n"), "lines before the error are written")
}

func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	// Input that never ends: Run must still return once ctx is done. The
	// reader goroutine ends when the pipe closes (goleak checks in TestMain).
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() {
		_, _ = io.WriteString(pw, `{"text":"France."}`+"\n")
	})
	var err error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		_, err = Run(ctx, newFake(), pr, io.Discard, io.Discard, config(2))
	}()
	wg.Wait()
	cancel()
	<-finished
	require.ErrorIs(t, err, context.Canceled)
	require.NoError(t, pw.Close())
}

func TestRunRejectsBadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no workers", Config{Limits: server.DefaultLimits()}, "Workers must be >= 1"},
		{"window below workers", Config{Workers: 4, Window: 2, Limits: server.DefaultLimits()}, "Window (2) must be >= Workers (4)"},
		{"zero limits", Config{Workers: 1}, "Limits.MaxBatch must be > 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Run(t.Context(), newFake(), strings.NewReader(""), io.Discard, io.Discard, tt.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func BenchmarkRun(b *testing.B) {
	var in strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&in, `{"id":"s%d","text":"France backed Germany's proposal on energy prices on Tuesday, officials in Paris said.","actors":[{"id":"eu","name":"European Union","aliases":["EU","Brussels"]}]}`+"\n", i)
	}
	input := in.String()
	c := newFake()
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		if _, err := Run(b.Context(), c, strings.NewReader(input), io.Discard, io.Discard, config(2)); err != nil {
			b.Fatal(err)
		}
	}
}

// failing breaks the Classifier contract by failing with a live context.
type failing struct{ fake }

func (f *failing) Analyze(context.Context, classifier.Statement, classifier.Options) (classifier.Analysis, error) {
	return classifier.Analysis{}, errors.New("lexicon exploded")
}

func TestRunReportsClassifierError(t *testing.T) {
	t.Parallel()
	// Nothing may be silently dropped, even when the classifier misbehaves.
	out, errs, st := run(t, &failing{}, `{"text":"France."}`, config(1))
	assert.Empty(t, out)
	assert.Equal(t, "line 1: analysing: lexicon exploded\n", errs)
	assert.Equal(t, Stats{Lines: 1, Bad: 1}, st)
}

func TestRunLongLines(t *testing.T) {
	t.Parallel()
	// Lines longer than the 64 KiB read buffer arrive in several chunks:
	// a long good line is kept whole, a longer bad one is skipped to its end
	// and the next line keeps its number.
	lim := server.DefaultLimits()
	lim.MaxTextBytes = 300 << 10
	lim.MaxRecvMsgBytes = 400 << 10
	long := strings.Repeat("France and Germany. ", 10<<10) // 200 KiB
	huge := strings.Repeat("x", 500<<10)
	input := `{"id":"long","text":"` + long + `"}` + "\n" +
		`{"id":"huge","text":"` + huge + `"}` + "\n" +
		`{"id":"after","text":""}` + "\n" +
		`{"id":"last","text":"Germany."}`
	var o, e bytes.Buffer
	st, err := Run(t.Context(), newFake(), strings.NewReader(input), &o, &e, Config{Workers: 2, Limits: lim})
	require.NoError(t, err)
	assert.Equal(t, Stats{Lines: 4, Written: 2, Bad: 2}, st)
	assert.Equal(t, "line 2: line is 512023 bytes, at most 409600\nline 3: text: text is empty\n", e.String())
	got := outputs(t, o.String())
	require.Len(t, got, 2)
	assert.Equal(t, "long", got[0].GetStatementId())
	assert.Equal(t, "last", got[1].GetStatementId())
}
