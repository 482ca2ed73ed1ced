package fit

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
	"github.com/stancetag/stancetag/eval"
)

// Example is one labelled target: the engine's contributions toward it and
// its gold label.
type Example struct {
	// Label is 0 support, 1 oppose, 2 neutral.
	Label int
	Terms []lexicon.Term
	// Context holds the target's context words (stance.EachContextWord).
	Context []lexicon.ContextWord
	// Group decides the cross-validation fold: a hash of the statement's
	// text, so that the targets of one sentence share a fold.
	Group uint32
}

// Label indexes of Example.Label.
const (
	labelSupport = iota
	labelOppose
	labelNeutral
)

func labelIndex(s classifier.Stance) int {
	switch s {
	case classifier.StanceSupport:
		return labelSupport
	case classifier.StanceOppose:
		return labelOppose
	}
	return labelNeutral
}

// ReadItems reads labelled JSONL (the format of ../shared/eval/README.md).
func ReadItems(r io.Reader, name string) ([]eval.Item, error) {
	rd := eval.NewReader(r, name)
	var items []eval.Item
	for {
		it, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
}

// Candidates returns the words that may become new portrayal words: words
// of at least minItems items, three or more letters (a-z, inner hyphens
// and apostrophes), that the lexicon does not know (base.KnownWord) and
// that are not part of an actor's name (the items' actors and the
// gazetteer), in sorted order. Only texts are read, not labels.
func Candidates(base *lexicon.Classifier, items []eval.Item, minItems int) []string {
	names := map[string]bool{}
	addName := func(s string) {
		for _, w := range strings.Fields(string(tokenize.AppendLower(nil, s))) {
			names[strings.Trim(w, ".,'’-")] = true
		}
	}
	for _, a := range base.Gazetteer() {
		addName(a.Name)
		for _, al := range a.Aliases {
			addName(al)
		}
	}
	for _, it := range items {
		for _, a := range it.Actors {
			addName(a.Name)
			for _, al := range a.Aliases {
				addName(al)
			}
		}
	}
	df := map[string]int{}
	var (
		toks   []tokenize.Token
		sents  []tokenize.Sentence
		folded tokenize.Folded
		seen   = map[string]bool{}
	)
	for _, it := range items {
		toks, sents = tokenize.Split(it.Text, toks, sents, &folded)
		clear(seen)
		for i, t := range toks {
			if t.Kind != tokenize.Word {
				continue
			}
			w := folded.At(i)
			if !seen[string(w)] && plainWord(w) {
				seen[string(w)] = true
				df[string(w)]++
			}
		}
	}
	var out []string
	for w, n := range df {
		if n >= minItems && !names[w] && !base.KnownWord(w) {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// plainWord reports whether w is three or more ASCII letters, with hyphens
// or apostrophes only between letters.
func plainWord(w []byte) bool {
	if len(w) < 3 {
		return false
	}
	for i, c := range w {
		switch {
		case c >= 'a' && c <= 'z':
		case (c == '-' || c == '\'') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return true
}

// ProbeData returns the data tree the trainer analyses with: data without
// FittedFile, so that contributions come at the hand-set weights, and with
// every candidate word appended to portrayal.tsv at weight 1, so that its
// contribution is its reach (PortrayalWeight times the distance, clause and
// quote factors) and its fitted value becomes a portrayal weight.
func ProbeData(data fs.FS, candidates []string) (fs.FS, error) {
	m := fstest.MapFS{}
	err := fs.WalkDir(data, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || p == stance.FittedFile {
			return err
		}
		b, err := fs.ReadFile(data, p)
		if err != nil {
			return err
		}
		m[p] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fit: reading lexicon data: %w", err)
	}
	if len(candidates) > 0 {
		pf := m[stance.PortrayalFile]
		if pf == nil {
			return nil, fmt.Errorf("fit: lexicon data has no %s", stance.PortrayalFile)
		}
		var b bytes.Buffer
		b.Write(pf.Data)
		b.WriteString("\n# candidate words of the trainer\n")
		for _, w := range candidates {
			b.WriteString(w + "\t1\n")
		}
		pf.Data = b.Bytes()
	}
	return m, nil
}

// Extract analyses every scored target of items with c (a classifier
// loaded from ProbeData) and returns one Example per target.
func Extract(c *lexicon.Classifier, items []eval.Item) []Example {
	var out []Example
	for _, it := range items {
		st := classifier.Statement{ID: it.ID, Text: it.Text, Actors: it.Actors, SpeakerID: it.SpeakerID}
		h := fnv.New32a()
		h.Write([]byte(it.Text))
		g := h.Sum32()
		for _, t := range it.Targets {
			terms, ctx, _ := c.TargetTerms(st, t.ActorID, nil, nil)
			out = append(out, Example{Label: labelIndex(t.Label), Terms: terms, Context: ctx, Group: g})
		}
	}
	return out
}

func stanceOf(label int) classifier.Stance {
	switch label {
	case labelSupport:
		return classifier.StanceSupport
	case labelOppose:
		return classifier.StanceOppose
	}
	return classifier.StanceNeutral
}
