package actors

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

// benchText is a 25-word news sentence with gazetteer and caller mentions.
const benchText = "Russian President Vladimir Putin told U.S. envoy Steve Witkoff on Tuesday that " +
	"Moscow would back the ceasefire plan only if Kyiv and NATO allies accepted it."

var benchCaller = []classifier.Actor{
	{ID: "putin", Name: "Vladimir Putin", Aliases: []string{"Putin"}, Kind: classifier.KindPerson},
	{ID: "ceasefire-plan", Name: "ceasefire plan", Aliases: []string{"the plan"}},
	{ID: "european-allies", Name: "European allies", Aliases: []string{"Europeans"}},
}

func BenchmarkMatch(b *testing.B) {
	_, m := loadReal(b)
	toks := tokenize.Tokenize(benchText, nil)
	var s Scratch
	dst := m.Match(nil, benchText, toks, benchCaller, Options{}, &s)
	require.Len(b, dst, 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		dst = m.Match(dst[:0], benchText, toks, benchCaller, Options{}, &s)
	}
}

// BenchmarkMatchNoCaller is BenchmarkMatch without caller actors: the cost
// of the gazetteer alone.
func BenchmarkMatchNoCaller(b *testing.B) {
	_, m := loadReal(b)
	toks := tokenize.Tokenize(benchText, nil)
	var s Scratch
	var dst []Match
	b.ReportAllocs()
	for b.Loop() {
		dst = m.Match(dst[:0], benchText, toks, nil, Options{}, &s)
	}
}

// BenchmarkMatchGazetteerSize shows that the cost does not depend on the
// number of gazetteer entries: 100 and 10,000 synthetic people (with
// the same real text) should take about the same time.
func BenchmarkMatchGazetteerSize(b *testing.B) {
	toks := tokenize.Tokenize(benchText, nil)
	for _, n := range []int{100, 10_000} {
		g, err := LoadGazetteer(syntheticFS(n))
		require.NoError(b, err)
		m := NewMatcher(g)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			var s Scratch
			var dst []Match
			b.ReportAllocs()
			for b.Loop() {
				dst = m.Match(dst[:0], benchText, toks, benchCaller, Options{}, &s)
			}
		})
	}
}

// syntheticFS is a gazetteer of n people whose names share the text's
// first names ("Vladimir Zq12", "Steve Zq7") so that walks go deep, plus the
// text's real countries.
func syntheticFS(n int) fstest.MapFS {
	var p strings.Builder
	p.WriteString("id\tname\taliases\tsurname\talone\tgender\taffiliation\trole\n")
	first := []string{"Vladimir", "Steve", "Moscow", "Kyiv", "President"}
	for i := range n {
		fmt.Fprintf(&p, "person/p%d\t%s Zq%d\t-\tZq%d\tyes\tm\t-\t-\n", i, first[i%len(first)], i, i)
	}
	fsys := testFS(map[string]*string{"people.tsv": ptr(p.String())})
	return fsys
}

func BenchmarkLoadGazetteer(b *testing.B) {
	_, _ = loadReal(b)
	fsys := realFS()
	b.ReportAllocs()
	for b.Loop() {
		g, err := LoadGazetteer(fsys)
		if err != nil {
			b.Fatal(err)
		}
		_ = NewMatcher(g)
	}
}
