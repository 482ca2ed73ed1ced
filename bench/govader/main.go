// Command govader is the baseline of bench/compare.sh: it reads the same
// JSONL statements as `stancetag analyze` (stdin, one
// {"id":…,"text":…,…} per line) and writes one line per statement,
// "id<TAB>compound", with the VADER compound sentiment score computed by
// github.com/jonreiter/govader, in input order.
//
// It lives in its own module so that govader stays out of stancetag's
// go.mod. It does less than stancetag (sentence sentiment only, a tiny
// output line), so the comparison flatters the baseline, not stancetag.
//
// -workers N scores N chunks of lines in parallel (govader's analyzer is
// read-only after construction); the default 1 is govader as it is usually
// run, one goroutine.
//
// Exit status: 0 every line scored; 1 some lines were not valid JSON (each
// reported on stderr as "line N: …") or reading or writing failed; 2 bad
// usage.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/jonreiter/govader"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// chunkLines is the number of lines scored between two writes.
const chunkLines = 4096

type line struct {
	no   int
	raw  []byte
	id   string
	out  float64
	fail error
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("govader", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", 1, "goroutines scoring in parallel")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *workers < 1 {
		fmt.Fprintln(stderr, "usage: govader [-workers N] < statements.jsonl")
		return 2
	}

	sia := govader.NewSentimentIntensityAnalyzer()
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 0, 64<<10), 1<<20)
	out := bufio.NewWriterSize(stdout, 64<<10)
	chunk := make([]line, 0, chunkLines)
	bad, no := 0, 0
	var buf []byte

	flush := func() error {
		score(sia, chunk, *workers)
		for i := range chunk {
			l := &chunk[i]
			if l.fail != nil {
				bad++
				fmt.Fprintf(stderr, "line %d: %v\n", l.no, l.fail)
				continue
			}
			buf = append(buf[:0], l.id...)
			buf = append(buf, '\t')
			buf = strconv.AppendFloat(buf, l.out, 'f', 4, 64)
			buf = append(buf, '\n')
			if _, err := out.Write(buf); err != nil {
				return err
			}
		}
		chunk = chunk[:0]
		return nil
	}

	for in.Scan() {
		no++
		if len(in.Bytes()) == 0 {
			continue
		}
		chunk = append(chunk, line{no: no, raw: append([]byte(nil), in.Bytes()...)})
		if len(chunk) == chunkLines {
			if err := flush(); err != nil {
				fmt.Fprintf(stderr, "govader: writing: %v\n", err)
				return 1
			}
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(stderr, "govader: reading line %d: %v\n", no+1, err)
		return 1
	}
	if err := flush(); err != nil {
		fmt.Fprintf(stderr, "govader: writing: %v\n", err)
		return 1
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "govader: writing: %v\n", err)
		return 1
	}
	if bad > 0 {
		return 1
	}
	return 0
}

// score decodes and scores every line of chunk, split among workers.
func score(sia *govader.SentimentIntensityAnalyzer, chunk []line, workers int) {
	one := func(part []line) {
		for i := range part {
			var s struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(part[i].raw, &s); err != nil {
				part[i].fail = err
				continue
			}
			part[i].id = s.ID
			part[i].out = sia.PolarityScores(s.Text).Compound
		}
	}
	if workers == 1 {
		one(chunk)
		return
	}
	var wg sync.WaitGroup
	size := (len(chunk) + workers - 1) / workers
	for start := 0; start < len(chunk); start += size {
		part := chunk[start:min(start+size, len(chunk))]
		wg.Go(func() { one(part) })
	}
	wg.Wait()
}
