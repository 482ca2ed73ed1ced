package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/stancetag/stancetag/classifier"
)

// Baseline thresholds on Analysis.Sentiment.Score (VADER's usual cut-offs,
// the ones of the published govader baseline): at or above BaselineSupport a
// target is labelled support, at or below BaselineOppose oppose, else
// neutral.
const (
	BaselineSupport = 0.05
	BaselineOppose  = -0.05
)

// BaselineLabel is the "sentence sentiment given to every target" label for
// a sentence sentiment score in [-1, 1].
func BaselineLabel(score float32) classifier.Stance {
	switch {
	case score >= BaselineSupport:
		return classifier.StanceSupport
	case score <= BaselineOppose:
		return classifier.StanceOppose
	default:
		return classifier.StanceNeutral
	}
}

// Published is a peer's published score on a file, printed beside ours.
type Published struct {
	// Name says whose score it is.
	Name string `json:"name"`
	// MacroF1 is in [0, 1].
	MacroF1 float64 `json:"macro_f1"`
}

// PublishedBaseline returns the published baseline for a file, keyed by its
// base name: govader (VADER's sentence compound given to the target) on the
// NewsMTSC dev sets, as quoted in ../shared/eval/README.md.
func PublishedBaseline(file string) (Published, bool) {
	switch filepath.Base(file) {
	case "newsmtsc-mt-dev.jsonl":
		return Published{Name: "govader", MacroF1: 0.526}, true
	case "newsmtsc-rw-dev.jsonl":
		return Published{Name: "govader", MacroF1: 0.511}, true
	default:
		return Published{}, false
	}
}

// Options tune an evaluation.
type Options struct {
	// MaxMisses is how many misclassified items Result.Misses keeps, the
	// first ones in file order; 0 keeps none.
	MaxMisses int
}

// Result is the evaluation of one file.
type Result struct {
	// File is the name the file was evaluated under.
	File string
	// Items is the number of statements read.
	Items int
	// Stance counts the classifier's target stances against the gold.
	Stance Confusion
	// Baseline counts the sentence-sentiment baseline against the gold.
	Baseline Confusion
	// Found is how many scored targets the classifier reported in
	// Analysis.Targets at all (the others were not recognised as mentioned).
	Found int
	// Relations counts relation triples; nil when no item of the file
	// carries relations.
	Relations *RelationCounts
	// Calibration counts the reported targets by their Confidence: whether
	// a confidence of 0.8 is right 80% of the time.
	Calibration Reliability
	// Published is a peer's published score for this file, if known.
	Published *Published
	// Misses are the first Options.MaxMisses misclassified items.
	Misses []Miss
}

// Miss is one item the classifier got wrong, for tuning. It carries the
// item's text: render it only where that is acceptable (see WriteMisses).
type Miss struct {
	Line int
	ID   string
	Text string
	// SpanText is the item's gold mention span ("span", in characters)
	// cut out of Text; empty when the item has none.
	SpanText string
	// Targets are the wrongly labelled targets.
	Targets []TargetMiss
	// Spurious are predicted relations not in the gold (false positives);
	// Missed are gold relations not predicted (false negatives).
	Spurious, Missed []Triple
}

// TargetMiss is one wrongly labelled target.
type TargetMiss struct {
	ActorID, Name   string
	Gold, Predicted classifier.Stance
	// Score and Confidence are the classifier's, 0 when it did not report
	// the actor.
	Score, Confidence float32
	// Mentions are the actor's mentions as the classifier found them
	// ("text@offset"); empty when it found none.
	Mentions []string
	// Cues are the classifier's evidence for the actor ("cue +0.40 rule").
	Cues []string
}

// EvaluateFile opens path and evaluates it; see Evaluate.
func EvaluateFile(ctx context.Context, c classifier.Classifier, path string, opts Options) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	return Evaluate(ctx, c, path, f, opts)
}

// Evaluate runs c over every item read from r (labelled JSONL; name is used
// in errors and to find a published baseline) with Options{} — the gazetteer
// on, as a user runs it — and scores the result. The predicted label of a
// listed actor is its stance in Analysis.Targets, neutral when absent;
// predicted relations are the non-neutral Analysis.Relations. The baseline
// labels every target of an item with BaselineLabel of the item's sentence
// sentiment, from the same run. Gold labels may name c's gazetteer actors
// by id without listing them in "actors" (Reader.Known); relations are
// scored over the listed actors and the gazetteer actors the gold names.
// It stops at the first bad line (a *LineError) or when ctx is done.
func Evaluate(ctx context.Context, c classifier.Classifier, name string, r io.Reader, opts Options) (Result, error) {
	res := Result{File: name}
	if p, ok := PublishedBaseline(name); ok {
		res.Published = &p
	}
	rd := NewReader(r, name)
	gaz := c.Gazetteer()
	known := make(map[string]bool, len(gaz))
	for _, a := range gaz {
		known[a.ID] = true
	}
	rd.Known = func(id string) bool { return known[id] }
	for {
		it, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return Result{}, err
		}
		if err := res.add(ctx, c, it, opts); err != nil {
			return Result{}, err
		}
	}
}

// add analyses one item and counts it.
func (res *Result) add(ctx context.Context, c classifier.Classifier, it Item, opts Options) error {
	st := classifier.Statement{ID: it.ID, Text: it.Text, Actors: it.Actors, SpeakerID: it.SpeakerID}
	an, err := c.Analyze(ctx, st, classifier.Options{})
	if err != nil {
		return fmt.Errorf("%s:%d: analyze %q: %w", res.File, it.Line, it.ID, err)
	}
	res.Items++

	pred := make(map[string]classifier.TargetStance, len(an.Targets))
	for _, ts := range an.Targets {
		pred[ts.ActorID] = ts
	}
	base := BaselineLabel(an.Sentiment.Score)
	var wrong []TargetMiss
	for _, g := range it.Targets {
		ts, found := pred[g.ActorID]
		if found {
			res.Found++
		}
		p := ts.Stance
		if !found {
			p = classifier.StanceNeutral
		} else {
			res.Calibration.Add(float64(ts.Confidence), index(p) == index(g.Label))
		}
		res.Stance.Add(g.Label, p)
		res.Baseline.Add(g.Label, base)
		if index(p) != index(g.Label) {
			wrong = append(wrong, TargetMiss{
				ActorID: g.ActorID, Gold: g.Label, Predicted: p,
				Score: ts.Score, Confidence: ts.Confidence,
			})
		}
	}

	var spurious, missed []Triple
	if it.HasRelations {
		listed := labelledActors(it)
		var tp int
		tp, spurious, missed = diffRelations(it.Relations, an.Relations, listed)
		if res.Relations == nil {
			res.Relations = &RelationCounts{}
		}
		res.Relations.Add(RelationCounts{TP: tp, FP: len(spurious), FN: len(missed)})
	}

	if len(res.Misses) >= opts.MaxMisses || (len(wrong) == 0 && len(spurious) == 0 && len(missed) == 0) {
		return nil
	}
	// Evidence only for the few misses shown: the scored run above used
	// Options{} exactly as a user would.
	withEv, err := c.Analyze(ctx, st, classifier.Options{IncludeEvidence: true})
	if err != nil {
		return fmt.Errorf("%s:%d: analyze %q: %w", res.File, it.Line, it.ID, err)
	}
	res.Misses = append(res.Misses, newMiss(it, withEv, wrong, spurious, missed))
	return nil
}

// labelledActors returns the actors an item's relations are scored over: its
// listed actors and the gazetteer actors its gold names. A predicted
// relation with any other actor (a gazetteer actor the gold is silent on) is
// skipped.
func labelledActors(it Item) map[string]bool {
	listed := make(map[string]bool, len(it.Actors)+len(it.Targets)+2*len(it.Relations))
	for _, a := range it.Actors {
		listed[a.ID] = true
	}
	for _, t := range it.Targets {
		listed[t.ActorID] = true
	}
	for _, r := range it.Relations {
		listed[r.HolderID] = true
		listed[r.TargetID] = true
	}
	return listed
}

// newMiss describes a misclassified item; wrong holds the scored run's
// labels, an (the same statement analysed with evidence) adds names,
// mentions and cues.
func newMiss(it Item, an classifier.Analysis, wrong []TargetMiss, spurious, missed []Triple) Miss {
	m := Miss{Line: it.Line, ID: it.ID, Text: it.Text, Targets: wrong, Spurious: spurious, Missed: missed}
	if it.Span != nil {
		m.SpanText = runeSlice(it.Text, it.Span[0], it.Span[1])
	}
	for i := range m.Targets {
		tm := &m.Targets[i]
		for _, a := range it.Actors {
			if a.ID == tm.ActorID {
				tm.Name = a.Name
				break
			}
		}
		for _, ts := range an.Targets {
			if ts.ActorID != tm.ActorID {
				continue
			}
			for _, ev := range ts.Evidence {
				tm.Cues = append(tm.Cues, fmt.Sprintf("%s %+.2f %s", ev.Cue, ev.Weight, ev.Rule))
			}
			break
		}
		for _, mn := range an.Mentions {
			if mn.ActorID == tm.ActorID {
				tm.Mentions = append(tm.Mentions, mn.Text+"@"+strconv.Itoa(mn.Span.Begin))
			}
		}
	}
	return m
}

// runeSlice returns s[from:to] counted in code points (the unit of NewsMTSC
// spans), clamped to s.
func runeSlice(s string, from, to int) string {
	begin, end := len(s), len(s)
	n := 0
	for i := range s {
		if n == from {
			begin = i
		}
		if n == to {
			end = i
			break
		}
		n++
	}
	if begin > end {
		return ""
	}
	return s[begin:end]
}
