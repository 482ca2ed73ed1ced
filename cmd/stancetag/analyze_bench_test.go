package main

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/stancetag/stancetag/classifier"
)

// BenchmarkAnalyzeCorpus runs `stancetag analyze` in process with the
// embedded lexicon over the JSONL file named by $STANCETAG_CORPUS, e.g. from
// `go run ./bench/corpus -n 20000 > /tmp/corpus.jsonl`: the whole pipeline
// (read, decode, check, analyse on every CPU, encode, write) without the
// process start. Skipped when the variable is unset. For pprof:
//
//	STANCETAG_CORPUS=/tmp/corpus.jsonl go test ./cmd/stancetag -run '^$' \
//	    -bench AnalyzeCorpus -cpuprofile /tmp/cpu.pprof
func BenchmarkAnalyzeCorpus(b *testing.B) {
	path := os.Getenv("STANCETAG_CORPUS")
	if path == "" {
		b.Skip("set STANCETAG_CORPUS to a JSONL corpus (go run ./bench/corpus)")
	}
	input, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	n := bytes.Count(input, []byte{'\n'})
	if _, err := loadLexicon("", false); err != nil { // loaded once, outside the timing
		b.Fatal(err)
	}
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		a := &app{
			stdin: bytes.NewReader(input), stdout: io.Discard, stderr: io.Discard, load: func(dir string) (classifier.Classifier, error) { return loadLexicon(dir, false) },
			env: func(string) (string, bool) { return "", false },
		}
		if code := a.analyze(b.Context(), nil); code != exitOK {
			b.Fatalf("exit status %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/statement")
}
