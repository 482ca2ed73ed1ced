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

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/client"
	"github.com/stancetag/stancetag/cmd/stancetag/internal/analysisjson"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// fleet stands for client.Client: it cuts the corpus into batches, checks
// each batch as the server does (unique ids within a batch included),
// analyses it with c and hands back the analyses as the server converts
// them.
type fleet struct {
	c     classifier.Classifier
	batch int
	// failAt, when > 0, fails the batch holding the statement at that
	// position (0-based) with errFleet.
	failAt int

	mu   sync.Mutex
	ids  []string // ids of the statements sent
	opts *stancev1.AnalyzeOptions
}

var errFleet = errors.New("batch failed: UNAVAILABLE")

func (f *fleet) AnalyzeAllVersioned(ctx context.Context, corpus client.Corpus, out func(*stancev1.Analysis, string) error) error {
	f.mu.Lock()
	f.opts = corpus.Options
	f.mu.Unlock()
	var batch []*stancev1.Statement
	pos := 0
	flush := func() error {
		defer func() { batch = batch[:0] }()
		if f.failAt > 0 && pos > f.failAt && pos-len(batch) <= f.failAt {
			return errFleet
		}
		seen := map[string]bool{}
		for _, st := range batch {
			if seen[st.GetId()] {
				return fmt.Errorf("INVALID_ARGUMENT: duplicate id %q in a batch", st.GetId())
			}
			seen[st.GetId()] = true
			dst, err := server.CheckStatement(server.DefaultLimits(), st, f.c.Gazetteer())
			if err != nil {
				return fmt.Errorf("INVALID_ARGUMENT: %w", err)
			}
			a, err := f.c.Analyze(ctx, dst, classifier.Options{
				IncludeEvidence:  corpus.Options.GetIncludeEvidence(),
				DisableGazetteer: corpus.Options.GetDisableGazetteer(),
			})
			if err != nil {
				return err
			}
			p, err := server.AnalysisToProto(&a, st.GetId(), st.GetText(), corpus.Options.GetOffsetEncoding())
			if err != nil {
				return err
			}
			if err := out(p, f.c.Version()); err != nil {
				return err
			}
		}
		return nil
	}
	for st := range corpus.Statements {
		f.mu.Lock()
		f.ids = append(f.ids, st.GetId())
		f.mu.Unlock()
		batch = append(batch, st)
		pos++
		if len(batch) == f.batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(batch) > 0 {
		return flush()
	}
	return nil
}

func remoteConfig() RemoteConfig {
	return RemoteConfig{Limits: server.DefaultLimits(), Gazetteer: newFake().gazetteer}
}

// mixedInput has good lines with repeated, missing and multi-byte ids and
// texts (emoji outside the BMP, CJK, accents), bad lines and blank lines.
func mixedInput(n int) string {
	texts := []string{
		"France backed Germany's plan 🇫🇷🤝🇩🇪 on Tuesday.",
		"Zürich bankers said Germany would not move.",
		"東京 officials met France's envoy; Ruritania objected 😠.",
		"Plain ASCII: Germany and France agreed.",
	}
	var b strings.Builder
	for i := range n {
		switch {
		case i%17 == 5:
			fmt.Fprintf(&b, `{"id":"x%d","text":""}`+"\n", i) // empty text
		case i%23 == 7:
			b.WriteString("{not json\n")
		case i%19 == 3:
			b.WriteString("  \r\n") // blank: skipped silently
		case i%29 == 11:
			fmt.Fprintf(&b, `{"id":"s%d","text":"France spoke.","speaker_id":"person/nobody"}`+"\n", i)
		case i%5 == 0:
			// The same id on many lines: fine locally, so fine remotely.
			fmt.Fprintf(&b, `{"id":"dup","text":%q,"actors":[{"name":"Ruritania"}]}`+"\r\n", texts[i%len(texts)])
		case i%7 == 0:
			fmt.Fprintf(&b, `{"text":%q,"speaker_id":"country/FRA"}`+"\n", texts[i%len(texts)]) // no id
		default:
			fmt.Fprintf(&b, `{"id":"é%d","text":%q}`+"\n", i, texts[i%len(texts)])
		}
	}
	return b.String()
}

func TestRunRemoteMatchesRun(t *testing.T) {
	t.Parallel()
	input := mixedInput(200)
	encodings := []stancev1.OffsetEncoding{
		stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8,
		stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16,
		stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT,
	}
	for _, enc := range encodings {
		for _, batch := range []int{1, 7, 1000} {
			t.Run(fmt.Sprint(enc, " batch ", batch), func(t *testing.T) {
				t.Parallel()
				cfg := config(3)
				cfg.Encoding = enc
				wantOut, wantErrs, wantSt := run(t, newFake(), input, cfg)

				rc := remoteConfig()
				rc.Encoding = enc
				var out, errs bytes.Buffer
				st, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: batch}, strings.NewReader(input), &out, &errs, rc)
				require.NoError(t, err)
				assert.Equal(t, map[string]int{newFake().Version(): wantSt.Written}, st.Lexicons, "every analysis counted under its lexicon")
				st.Lexicons = nil
				assert.Equal(t, wantSt, st)
				assert.Equal(t, wantOut, out.String())
				assert.Equal(t, wantErrs, errs.String())
				assert.Positive(t, st.Bad, "the input has bad lines")
			})
		}
	}
}

func TestRunRemoteSendsPositionsAndOptions(t *testing.T) {
	t.Parallel()
	f := &fleet{c: newFake(), batch: 2}
	rc := remoteConfig()
	rc.Encoding = stancev1.OffsetEncoding_OFFSET_ENCODING_CODE_POINT
	rc.Options = classifier.Options{IncludeEvidence: true, DisableGazetteer: true}
	input := `{"id":"a","text":"France."}` + "\n" + `{"id":"b","text":""}` + "\n" + `{"id":"a","text":"Germany."}` + "\n" + `{"text":"Again."}`
	var out bytes.Buffer
	st, err := RunRemote(t.Context(), f, strings.NewReader(input), &out, io.Discard, rc)
	require.NoError(t, err)
	assert.Equal(t, Stats{Lines: 4, Written: 3, Bad: 1, Lexicons: map[string]int{"fake/1": 3}}, st)
	// Positions among the statements sent, not line numbers: the bad line is
	// not sent.
	assert.Equal(t, []string{"0", "1", "2"}, f.ids)
	// Offsets are converted here, so the servers are asked for UTF-8.
	assert.Equal(t, stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8, f.opts.GetOffsetEncoding())
	assert.True(t, f.opts.GetIncludeEvidence())
	assert.True(t, f.opts.GetDisableGazetteer())
	var ids []string
	for _, a := range outputs(t, out.String()) {
		ids = append(ids, a.GetStatementId())
	}
	assert.Equal(t, []string{"a", "a", ""}, ids, "the lines' own ids are restored")
}

func TestRunRemoteSpeakerUsesGivenGazetteer(t *testing.T) {
	t.Parallel()
	// The servers' gazetteer decides, not the classifier's; it need not come
	// sorted.
	rc := remoteConfig()
	rc.Gazetteer = []classifier.Actor{{ID: "person/jane-roe"}, {ID: "country/ZZZ"}}
	input := `{"text":"She spoke.","speaker_id":"country/ZZZ"}` + "\n" + `{"text":"France spoke.","speaker_id":"country/FRA"}` + "\n"
	f := &fleet{c: &fake{gazetteer: []classifier.Actor{{ID: "country/FRA", Name: "France"}, {ID: "country/ZZZ", Name: "Zedland"}}}, batch: 10}
	var errs bytes.Buffer
	st, err := RunRemote(t.Context(), f, strings.NewReader(input), io.Discard, &errs, rc)
	require.NoError(t, err)
	assert.Equal(t, Stats{Lines: 2, Written: 1, Bad: 1, Lexicons: map[string]int{"fake/1": 1}}, st)
	assert.Contains(t, errs.String(), `line 2: speaker_id: speaker_id "country/FRA" is neither`)
}

func TestRunRemoteFleetFailure(t *testing.T) {
	t.Parallel()
	// The batch holding statement 25 (statements 20..29) fails: the 20
	// analyses before it are written, and the run ends with the error.
	var in strings.Builder
	for i := range 100 {
		fmt.Fprintf(&in, `{"id":"s%d","text":"France and Germany."}`+"\n", i)
	}
	var out bytes.Buffer
	st, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: 10, failAt: 25}, strings.NewReader(in.String()), &out, io.Discard, remoteConfig())
	require.ErrorIs(t, err, errFleet)
	assert.Equal(t, 20, st.Written)
	got := outputs(t, out.String())
	require.Len(t, got, 20)
	assert.Equal(t, "s19", got[19].GetStatementId())
}

// lineSource yields one statement line per Read, without end, counting them.
type lineSource struct{ n atomic.Int64 }

func (s *lineSource) Read(p []byte) (int, error) {
	i := s.n.Add(1)
	return copy(p, fmt.Sprintf(`{"id":"s%d","text":"France."}`+"\n", i)), nil
}

func TestRunRemoteBoundsReadAhead(t *testing.T) {
	t.Parallel()
	// The fleet takes 50 statements and then answers nothing, as AnalyzeAll
	// does once its batches are all in flight: the reader may run only
	// remoteQueue lines ahead of what was taken. Cancelling then ends the
	// run, reader included (goleak checks).
	f := &stallAfter{after: 50}
	src := &lineSource{}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := RunRemote(ctx, f, src, io.Discard, io.Discard, remoteConfig())
		done <- err
	}()
	require.Eventually(t, func() bool { return src.n.Load() >= 50+remoteQueue }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond) // time to go wrong, if it would
	assert.Equal(t, int64(50), f.pulled.Load())
	// Besides the queue: one line decoded and waiting for room.
	assert.LessOrEqual(t, src.n.Load(), int64(50+remoteQueue+1))
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
}

// stallAfter takes after statements of the corpus, then waits for ctx.
type stallAfter struct {
	after  int64
	pulled atomic.Int64
}

func (s *stallAfter) AnalyzeAllVersioned(ctx context.Context, corpus client.Corpus, _ func(*stancev1.Analysis, string) error) error {
	for range corpus.Statements {
		if s.pulled.Add(1) == s.after {
			break
		}
	}
	<-ctx.Done()
	return ctx.Err()
}

func TestRunRemoteReadAndWriteErrors(t *testing.T) {
	t.Parallel()
	t.Run("read", func(t *testing.T) {
		t.Parallel()
		var out bytes.Buffer
		_, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: 10}, &errReader{strings.NewReader("{\"text\":\"France.\"}\n")}, &out, io.Discard, remoteConfig())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "reading line 2: connection reset")
		assert.Equal(t, 1, strings.Count(out.String(), "\n"), "lines before the error are written")
	})
	t.Run("write", func(t *testing.T) {
		t.Parallel()
		_, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: 10}, strings.NewReader(`{"text":"France."}`), errWriter{}, io.Discard, remoteConfig())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "writing output: disk full")
	})
	t.Run("bad limits", func(t *testing.T) {
		t.Parallel()
		_, err := RunRemote(t.Context(), &fleet{c: newFake(), batch: 10}, strings.NewReader(""), io.Discard, io.Discard, RemoteConfig{})
		require.ErrorContains(t, err, "Limits.MaxBatch must be > 0")
	})
}

func TestDecoderRoundTrip(t *testing.T) {
	t.Parallel()
	// What the server sends, decoded and encoded here in each encoding, must
	// be what the local encoder writes for the original analysis.
	text := "🇫🇷 France, then Zürich: Germany praised 東京's plan."
	at := func(s string) classifier.Span {
		i := strings.Index(text, s)
		return classifier.Span{Begin: i, End: i + len(s)}
	}
	ev := func(cue string, w float32, rule string) classifier.Evidence {
		return classifier.Evidence{Span: at(cue), Cue: cue, Weight: w, Rule: rule}
	}
	analyses := []classifier.Analysis{
		{StatementID: "empty"},
		{
			StatementID: "full",
			Sentiment:   classifier.Sentiment{Label: classifier.SentimentMixed, Score: -0.25, Magnitude: 1.5},
			Targets: []classifier.TargetStance{
				{ActorID: "country/FRA", Stance: classifier.StanceNeutral},
				{ActorID: "tokyo", Stance: classifier.StanceSupport, Score: 0.6, Confidence: 0.9,
					Evidence: []classifier.Evidence{ev("praised", 0.6, "active"), ev("plan", 0.1, "possessive")}},
			},
			Relations: []classifier.Relation{
				{HolderID: "country/DEU", TargetID: "tokyo", Stance: classifier.StanceSupport, Score: 0.6, Confidence: 0.8,
					Evidence: []classifier.Evidence{ev("praised", 0.6, "active")}},
				{HolderID: "country/DEU", TargetID: "country/FRA", Stance: classifier.StanceOppose, Score: -1e-7},
			},
			Mentions: []classifier.Mention{
				{ActorID: "country/FRA", Span: at("France")},
				{ActorID: "country/DEU", Span: at("Germany"), Text: "Germany"},
				{ActorID: "tokyo", Span: at("東京")},
			},
		},
	}
	var d decoder
	for _, a := range analyses {
		for enc := range stancev1.OffsetEncoding_name {
			p, err := server.AnalysisToProto(&a, a.StatementID, text, stancev1.OffsetEncoding_OFFSET_ENCODING_UTF8)
			require.NoError(t, err)
			want := analysisjson.Append(nil, &a, text, stancev1.OffsetEncoding(enc))
			got := analysisjson.Append(nil, d.analysis(p, a.StatementID), text, stancev1.OffsetEncoding(enc))
			assert.Equal(t, string(want), string(got), "%s in %s", a.StatementID, stancev1.OffsetEncoding(enc))
		}
	}
}

// BenchmarkRunRemote measures what a remote run costs on the client, per
// 1000 lines: reading, checking, decoding the servers' analyses and writing
// them (the fake fleet's own analysis and conversion included).
func BenchmarkRunRemote(b *testing.B) {
	var in strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&in, `{"id":"s%d","text":"France backed Germany's proposal on energy prices on Tuesday, officials in Paris said.","actors":[{"id":"eu","name":"European Union","aliases":["EU","Brussels"]}]}`+"\n", i)
	}
	input := in.String()
	f := &fleet{c: newFake(), batch: 100}
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		f.ids = f.ids[:0]
		if _, err := RunRemote(b.Context(), f, strings.NewReader(input), io.Discard, io.Discard, remoteConfig()); err != nil {
			b.Fatal(err)
		}
	}
}
