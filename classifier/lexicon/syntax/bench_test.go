package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// benchModelPath is the model the benchmarks and the scorer equivalence
// test load: $STANCETAG_PARSER_MODEL, else the embedded model of the
// lexicon data directory.
func benchModelPath() string {
	if p := os.Getenv("STANCETAG_PARSER_MODEL"); p != "" {
		return p
	}
	return filepath.Join("..", "data", ModelPath)
}

var (
	benchOnce  sync.Once
	benchModel *Model
	benchErr   error
)

// loadBenchModel returns the model at benchModelPath, or skips tb when
// there is none.
func loadBenchModel(tb testing.TB) *Model {
	tb.Helper()
	benchOnce.Do(func() {
		path := benchModelPath()
		data, err := os.ReadFile(path)
		if err != nil {
			benchErr = err
			return
		}
		benchModel, benchErr = ReadModel(data, path)
	})
	if benchModel == nil {
		if os.IsNotExist(benchErr) {
			tb.Skipf("no parser model: %v (set STANCETAG_PARSER_MODEL)", benchErr)
		}
		tb.Fatal(benchErr)
	}
	return benchModel
}

// devSentences returns the UD English EWT dev words, or skips tb.
func devSentences(tb testing.TB) [][]string {
	tb.Helper()
	path := os.Getenv("STANCETAG_UD_DEV")
	if path == "" {
		path = "/work/shared/ud/en_ewt-ud-dev.conllu"
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("no UD dev data: %v (set STANCETAG_UD_DEV)", err)
	}
	defer f.Close()
	sents, err := ReadConllu(f)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([][]string, len(sents))
	for i, s := range sents {
		for _, w := range s.Words {
			out[i] = append(out[i], w.Form)
		}
	}
	return out
}

// news25 is a 25-word news sentence in UD words (clitics split).
var news25 = strings.Fields("The United Nations said Tuesday that it would send more peacekeepers to the region , where fighting has displaced thousands of people since March .")

func benchParse(b *testing.B, words []string) {
	benchParseBeam(b, words, 0)
}

// benchParseBeam parses words with the model's beam, or with a beam of k
// when k > 0.
func benchParseBeam(b *testing.B, words []string, k int) {
	m := loadBenchModel(b)
	if k > 0 {
		m = m.WithBeam(k)
	}
	p := m.NewParser()
	var t Tree
	p.Parse(words, &t)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p.Parse(words, &t)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkParse25Words(b *testing.B) {
	if len(news25) != 25 {
		b.Fatalf("news25 has %d words", len(news25))
	}
	benchParse(b, news25)
}

// BenchmarkParse25WordsGreedy parses the same sentence greedily (a beam of
// one item), the cost beam search multiplies.
func BenchmarkParse25WordsGreedy(b *testing.B) { benchParseBeam(b, news25, 1) }

// BenchmarkParse25WordsBeam4 parses it with a beam of 4.
func BenchmarkParse25WordsBeam4(b *testing.B) { benchParseBeam(b, news25, 4) }

// BenchmarkParse300Words parses twelve news sentences run together, to
// show that the cost is linear in length.
func BenchmarkParse300Words(b *testing.B) {
	var words []string
	for len(words) < 300 {
		words = append(words, news25...)
	}
	benchParse(b, words[:300])
}

// BenchmarkParseDev parses every sentence of UD EWT dev once per op.
func BenchmarkParseDev(b *testing.B) {
	m := loadBenchModel(b)
	dev := devSentences(b)
	nw := 0
	for _, s := range dev {
		nw += len(s)
	}
	p := m.NewParser()
	var t Tree
	for _, s := range dev {
		p.Parse(s, &t)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range dev {
			p.Parse(s, &t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nw), "ns/word")
}

// BenchmarkReadModel decodes the model file (the start-up cost of
// --syntax, besides reading the file).
func BenchmarkReadModel(b *testing.B) {
	path := benchModelPath()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no parser model: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadModel(data, path); err != nil {
			b.Fatal(err)
		}
	}
}
