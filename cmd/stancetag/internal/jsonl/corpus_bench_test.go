package jsonl

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stancetag/stancetag/server"
)

// benchLines returns the lines of the JSONL file named by $STANCETAG_CORPUS
// (`go run ./bench/corpus -n 20000 > corpus.jsonl` writes a realistic one),
// else a few lines shaped like it.
func benchLines(b *testing.B) [][]byte {
	if path := os.Getenv("STANCETAG_CORPUS"); path != "" {
		input, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return bytes.Split(bytes.TrimSuffix(input, []byte{'\n'}), []byte{'\n'})
	}
	return [][]byte{
		[]byte(`{"id":"s1","text":"Officials in Lisbon said Portugal would back the proposal on fishing quotas at next week's summit, but gave no details.","actors":[]}`),
		[]byte(`{"id":"s2","text":"The Harbour Workers Union accused Spain of stalling the talks, a spokesman said on Friday.","actors":[{"id":"local/harbour-union","name":"Harbour Workers Union","aliases":["the union"]}]}`),
		[]byte(`{"id":"s3","text":"\"We will not accept this,\" the Norwegian minister told reporters in Oslo after Sweden rejected the plan.","actors":[]}`),
		[]byte(`{"id":"s4","text":"Greece and Türkiye agreed to resume talks, while the Aegean Fishers Guild welcomed the move.","actors":[{"id":"local/aegean-fishers","name":"Aegean Fishers Guild","aliases":["the guild","AFG"]}]}`),
	}
}

// BenchmarkDecode measures decoding alone, per line.
func BenchmarkDecode(b *testing.B) {
	lines := benchLines(b)
	var d lineDecoder
	var in inStatement
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := d.decode(lines[i%len(lines)], &in); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkParse measures decoding and checking, per line.
func BenchmarkParse(b *testing.B) {
	lines := benchLines(b)
	p := parser{chk: &checker{lim: server.DefaultLimits(), gazetteer: newFake().gazetteer}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, msg, ok := p.local(lines[i%len(lines)], 2, 0); !ok {
			b.Fatal(msg)
		}
		i++
	}
}

// BenchmarkDecodeEncodingJSON is what BenchmarkDecode replaces, for
// comparison in the same run.
func BenchmarkDecodeEncodingJSON(b *testing.B) {
	lines := benchLines(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var in inStatement
		if err := json.Unmarshal(lines[i%len(lines)], &in); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
