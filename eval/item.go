// Package eval scores a classifier.Classifier against labelled JSONL files
// (the format of ../shared/eval/README.md): macro-F1, accuracy, per-class
// precision/recall/F1 and a confusion matrix over the target labels
// {support, oppose, neutral}, relation precision/recall/F1 over
// (holder, target, label) triples, and, from the same run, a "sentence
// sentiment given to every target" baseline so the gain of the stance logic
// is visible.
//
// The package reads files and computes numbers; it never prints on its own.
// Report writers render results as aligned text or JSON; only WriteMisses
// renders item ids and texts, and it is meant for a terminal.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/stancetag/stancetag/classifier"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// maxLineBytes bounds one JSONL line; statements are limited to 64 KiB of
// text, so a line far beyond that is a broken file rather than an item.
const maxLineBytes = 4 << 20

// Item is one labelled statement.
type Item struct {
	// Line is the 1-based line of the item in its file.
	Line int
	// ID is the item's key, unique within its file.
	ID string
	// Text is the statement.
	Text string
	// Actors are passed to the classifier as Statement.Actors; every actor
	// has a non-empty, unique ID and a non-empty Name.
	Actors []classifier.Actor
	// SpeakerID optionally names the actor who said the statement.
	SpeakerID string
	// Targets are the gold stances toward listed actors (or gazetteer
	// actors, see Reader.Known); only these are scored.
	Targets []Target
	// Relations are the gold holder -> target stances, neutral ones
	// included.
	Relations []Triple
	// HasRelations reports whether the line carried a "relations" key (even
	// an empty list): only such items are scored on relations.
	HasRelations bool
	// Span is the optional [from, to) character span of the target mention
	// ("span" in NewsMTSC items); nil when absent.
	Span []int
}

// Target is the gold stance of a statement toward one listed actor.
type Target struct {
	ActorID string
	// Label is StanceSupport, StanceOppose or StanceNeutral.
	Label classifier.Stance
}

// Triple is a holder -> target stance, gold or predicted.
type Triple struct {
	HolderID, TargetID string
	// Label is StanceSupport, StanceOppose or StanceNeutral.
	Label classifier.Stance
}

// LineError is a bad line of a labelled file. Its text reads
// "file.jsonl:12: what is wrong".
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// Reader reads Items from a labelled JSONL stream, one line at a time.
// Blank lines are skipped; unknown fields are ignored.
type Reader struct {
	// Known, when set, reports the ids of actors the classifier finds on
	// its own (its gazetteer, "country/FRA"): gold targets and relations
	// may name them without listing them in "actors". Nil: every labelled
	// actor must be listed.
	Known func(id string) bool

	name string
	sc   *bufio.Scanner
	line int
	seen map[string]int // item id -> line, to reject duplicate ids
}

// NewReader returns a Reader over r; name (usually the file name) prefixes
// error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	return &Reader{name: name, sc: sc, seen: make(map[string]int)}
}

// Next returns the next item, or io.EOF after the last one. Any other error
// is a *LineError naming the line; the Reader should not be used after it.
func (r *Reader) Next() (Item, error) {
	for r.sc.Scan() {
		r.line++
		b := bytes.TrimSpace(r.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		it, err := parseItem(b, r.Known)
		if err == nil {
			if first, dup := r.seen[it.ID]; dup {
				err = fmt.Errorf("duplicate id %q (first on line %d)", it.ID, first)
			}
		}
		if err != nil {
			return Item{}, &LineError{File: r.name, Line: r.line, Err: err}
		}
		r.seen[it.ID] = r.line
		it.Line = r.line
		return it, nil
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes", maxLineBytes)
		}
		return Item{}, &LineError{File: r.name, Line: r.line + 1, Err: err}
	}
	return Item{}, io.EOF
}

// wireItem is the JSON shape of one line.
type wireItem struct {
	ID        string          `json:"id"`
	Text      string          `json:"text"`
	SpeakerID string          `json:"speaker_id"`
	Actors    []wireActor     `json:"actors"`
	Targets   []wireTarget    `json:"targets"`
	Relations *[]wireRelation `json:"relations"` // pointer: presence matters
	Span      []int           `json:"span"`
}

type wireActor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	// Kind is optional: an ActorKind name as protojson writes it
	// ("ACTOR_KIND_PERSON"), an extension of the shared format, whose
	// sets have none.
	Kind string `json:"kind"`
}

type wireTarget struct {
	ActorID string `json:"actor_id"`
	Label   string `json:"label"`
}

type wireRelation struct {
	HolderID string `json:"holder_id"`
	TargetID string `json:"target_id"`
	Label    string `json:"label"`
}

// parseItem decodes and validates one line. Validation covers what
// classifier.Classifier.Analyze expects of its caller (unique actor ids,
// every actor named) and that every gold label refers to a listed actor or
// to one that known (nil: none) reports.
func parseItem(b []byte, known func(string) bool) (Item, error) {
	var w wireItem
	if err := json.Unmarshal(b, &w); err != nil {
		return Item{}, err
	}
	switch {
	case w.ID == "":
		return Item{}, errors.New(`"id" is missing or empty`)
	case w.Text == "":
		return Item{}, errors.New(`"text" is missing or empty`)
	}
	it := Item{ID: w.ID, Text: w.Text, SpeakerID: w.SpeakerID, HasRelations: w.Relations != nil}

	it.Actors = make([]classifier.Actor, 0, len(w.Actors))
	ids := make(map[string]bool, len(w.Actors))
	for i, a := range w.Actors {
		switch {
		case a.ID == "":
			return Item{}, fmt.Errorf("actors[%d]: \"id\" is missing or empty", i)
		case a.Name == "":
			return Item{}, fmt.Errorf("actors[%d] %q: \"name\" is missing or empty", i, a.ID)
		case ids[a.ID]:
			return Item{}, fmt.Errorf("actors[%d]: duplicate actor id %q", i, a.ID)
		}
		ids[a.ID] = true
		var kind classifier.ActorKind
		if a.Kind != "" {
			k, ok := stancev1.ActorKind_value[a.Kind]
			if !ok {
				return Item{}, fmt.Errorf("actors[%d] %q: unknown kind %q (want an ActorKind name such as ACTOR_KIND_PERSON)", i, a.ID, a.Kind)
			}
			// The domain kinds use the API's numbers (server/convert.go).
			kind = classifier.ActorKind(k)
		}
		it.Actors = append(it.Actors, classifier.Actor{ID: a.ID, Name: a.Name, Aliases: a.Aliases, Kind: kind})
	}
	if it.SpeakerID != "" && !ids[it.SpeakerID] {
		return Item{}, fmt.Errorf("speaker_id %q is not a listed actor", it.SpeakerID)
	}

	labelled := func(id string) bool { return ids[id] || (known != nil && known(id)) }

	it.Targets = make([]Target, 0, len(w.Targets))
	scored := make(map[string]bool, len(w.Targets))
	for i, t := range w.Targets {
		l, err := parseLabel(t.Label)
		switch {
		case err != nil:
			return Item{}, fmt.Errorf("targets[%d]: %w", i, err)
		case !labelled(t.ActorID):
			return Item{}, fmt.Errorf("targets[%d]: actor_id %q is not a listed actor", i, t.ActorID)
		case scored[t.ActorID]:
			return Item{}, fmt.Errorf("targets[%d]: actor %q labelled twice", i, t.ActorID)
		}
		scored[t.ActorID] = true
		it.Targets = append(it.Targets, Target{ActorID: t.ActorID, Label: l})
	}

	if w.Relations != nil {
		rels := *w.Relations
		it.Relations = make([]Triple, 0, len(rels))
		pairs := make(map[[2]string]bool, len(rels))
		for i, r := range rels {
			l, err := parseLabel(r.Label)
			pair := [2]string{r.HolderID, r.TargetID}
			switch {
			case err != nil:
				return Item{}, fmt.Errorf("relations[%d]: %w", i, err)
			case !labelled(r.HolderID):
				return Item{}, fmt.Errorf("relations[%d]: holder_id %q is not a listed actor", i, r.HolderID)
			case !labelled(r.TargetID):
				return Item{}, fmt.Errorf("relations[%d]: target_id %q is not a listed actor", i, r.TargetID)
			case r.HolderID == r.TargetID:
				return Item{}, fmt.Errorf("relations[%d]: holder and target are both %q", i, r.HolderID)
			case pairs[pair]:
				// Two labels for one pair would make the gold contradict itself.
				return Item{}, fmt.Errorf("relations[%d]: pair %q -> %q labelled twice", i, r.HolderID, r.TargetID)
			}
			pairs[pair] = true
			it.Relations = append(it.Relations, Triple{HolderID: r.HolderID, TargetID: r.TargetID, Label: l})
		}
	}

	if w.Span != nil {
		if len(w.Span) != 2 || w.Span[0] < 0 || w.Span[1] < w.Span[0] {
			return Item{}, fmt.Errorf("span %v: want [from, to) with 0 <= from <= to", w.Span)
		}
		it.Span = w.Span
	}
	return it, nil
}

// parseLabel maps a gold label to a Stance.
func parseLabel(s string) (classifier.Stance, error) {
	switch s {
	case "support":
		return classifier.StanceSupport, nil
	case "oppose":
		return classifier.StanceOppose, nil
	case "neutral":
		return classifier.StanceNeutral, nil
	default:
		return classifier.StanceUnspecified, fmt.Errorf("label %q: want support, oppose or neutral", s)
	}
}
