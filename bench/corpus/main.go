// Command corpus writes synthetic news statements for stancetag's speed, load
// and memory measurements, deterministically from a seed:
//
//	go run ./bench/corpus -n 100000 -seed 1 > /tmp/corpus.jsonl
//
// The default format is `stancetag analyze` input, one JSON statement per
// line: {"id":"s1","text":"…","actors":[{"id":…,"name":…,"aliases":[…]}]}.
// With -format ghz it writes instead a JSON array of stance.v1
// AnalyzeRequests of -batch statements each, for ghz's -D (ghz sends the
// array's elements round-robin).
//
// The statements come from bench/internal/newsgen: about 23 words on
// average, not labelled, not for judging accuracy. -stats prints their count
// and length to stderr. -mix actors3 lists at least three caller actors
// with every statement (the same texts as the default mix, for the same
// seed; the actors the text does not mention are local actors no gazetteer
// knows), which costs the classifier more per statement than the default
// mix, where most statements carry no caller actors.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stancetag/stancetag/bench/internal/newsgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of statements")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same statements")
	format := fs.String("format", "jsonl", "output `format`: jsonl (stancetag analyze input) or ghz (JSON array of AnalyzeRequests)")
	batch := fs.Int("batch", 1, "statements per AnalyzeRequest, with -format ghz")
	stats := fs.Bool("stats", false, "print the number of statements and words per statement to stderr")
	mix := fs.String("mix", "default", "statement `mix`: default (caller actors only where the text mentions local actors) or actors3 (at least 3 caller actors per statement)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "corpus: unexpected arguments %q\n", fs.Args())
		return 2
	case *n < 0:
		fmt.Fprintf(stderr, "corpus: -n must be >= 0, got %d\n", *n)
		return 2
	case *batch < 1:
		fmt.Fprintf(stderr, "corpus: -batch must be >= 1, got %d\n", *batch)
		return 2
	case *format != "jsonl" && *format != "ghz":
		fmt.Fprintf(stderr, "corpus: -format must be jsonl or ghz, got %q\n", *format)
		return 2
	case *mix != "default" && *mix != "actors3":
		fmt.Fprintf(stderr, "corpus: -mix must be default or actors3, got %q\n", *mix)
		return 2
	}
	gen := newsgen.New(*seed)
	if *mix == "actors3" {
		gen.SetCallerActors(3)
	}

	w := bufio.NewWriterSize(stdout, 64<<10)
	var st counts
	var err error
	if *format == "ghz" {
		err = writeGHZ(w, gen, *n, *batch, &st)
	} else {
		err = writeJSONL(w, gen, *n, &st)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "corpus: writing: %v\n", err)
		return 1
	}
	if *stats {
		fmt.Fprintf(stderr, "corpus: %d statements, %.1f words each on average (min %d, max %d), %d with caller actors\n",
			st.statements, st.mean(), st.minWords, st.maxWords, st.withActors)
	}
	return 0
}

// counts describes what was written.
type counts struct {
	statements, words, minWords, maxWords, withActors int
}

func (c *counts) add(s newsgen.Statement) {
	w := len(strings.Fields(s.Text))
	if c.statements == 0 || w < c.minWords {
		c.minWords = w
	}
	c.maxWords = max(c.maxWords, w)
	c.statements++
	c.words += w
	if len(s.Actors) > 0 {
		c.withActors++
	}
}

func (c *counts) mean() float64 {
	if c.statements == 0 {
		return 0
	}
	return float64(c.words) / float64(c.statements)
}

// writeJSONL writes n statements, one per line.
func writeJSONL(w *bufio.Writer, g *newsgen.Generator, n int, st *counts) error {
	var line []byte
	for range n {
		s := g.Next()
		st.add(s)
		line = append(s.AppendJSON(line[:0]), '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// writeGHZ writes n statements as a JSON array of AnalyzeRequests of up to
// batch statements each, one request per line.
func writeGHZ(w *bufio.Writer, g *newsgen.Generator, n, batch int, st *counts) error {
	var buf []byte
	buf = append(buf, '[')
	for i := range n {
		switch {
		case i == 0:
			buf = append(buf, "\n"+`{"statements":[`...)
		case i%batch == 0:
			buf = append(buf, "]},\n"+`{"statements":[`...)
		default:
			buf = append(buf, ',')
		}
		s := g.Next()
		st.add(s)
		buf = s.AppendJSON(buf)
		if _, err := w.Write(buf); err != nil {
			return err
		}
		buf = buf[:0]
	}
	if n > 0 {
		buf = append(buf, "]}"...)
	}
	buf = append(buf, "\n]\n"...)
	_, err := w.Write(buf)
	return err
}
