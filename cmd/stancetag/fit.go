package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/classifier/lexicon/fit"
	"github.com/stancetag/stancetag/classifier/lexicon/stance"
	"github.com/stancetag/stancetag/eval"
)

// runFit implements "stancetag fit --train FILE… --out FILE": it fits the
// stance lexicon's weights (classifier/lexicon/fit) to labelled JSONL and
// writes fitted.tsv; with --check FILE it fits the same way (date and pins
// from FILE) and fails unless the result is FILE byte for byte. The fit's
// report (cross-validation, calibration, the largest changes) goes to
// stdout.
//
// Exit status: 0 done (or FILE matches); 1 failure or mismatch; 2 bad usage.
func runFit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var train multiFlag
	fs.Var(&train, "train", "labelled JSONL `file` to fit on (repeatable)")
	out := fs.String("out", "", "write fitted.tsv to this `file` (its pinned rows are kept)")
	check := fs.String("check", "", "fit with the date and pins of this fitted.tsv `file` and fail unless the result equals it")
	lexiconDir := fs.String("lexicon-dir", "", "fit the lexicon in this `dir` (layout of classifier/lexicon/data) instead of the embedded one; its fitted.tsv is ignored")
	date := fs.String("date", "", "the date in the header, YYYY-MM-DD (default: today, UTC)")
	o := fit.DefaultOptions()
	lambdas := fs.String("lambdas", joinFloats(o.Lambdas), "comma-separated L2 strengths; cross-validation picks one")
	fs.IntVar(&o.Folds, "folds", o.Folds, "k of the k-fold cross-validation")
	fs.IntVar(&o.MinCount, "min-count", o.MinCount, "contributions an entry needs to be fitted")
	fs.IntVar(&o.MinCandidateItems, "min-candidate-items", o.MinCandidateItems, "statements a word unknown to the lexicon must occur in to be fitted as a new portrayal word (0: none)")
	ctxLambdas := fs.String("context-lambdas", joinFloats(o.ContextLambdas), "comma-separated L2 strengths of the context words in the decision stage; cross-validation picks one (\"none\": no decision stage)")
	fs.IntVar(&o.MinContextItems, "min-context-items", o.MinContextItems, "targets with contributions a word must be a context word of to be fitted")
	fs.BoolVar(&o.CueRule, "cue-rule", o.CueRule, "keep the hand-set threshold's labels for targets a cue reaches")
	top := fs.Int("top", 15, "print the `N` parameters that changed most")
	if err := evalFlagsFromEnv(fs); err != nil {
		fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	var err error
	if o.Lambdas, err = parseFloats(*lambdas); err != nil || len(o.Lambdas) == 0 || o.Folds < 2 {
		fmt.Fprintf(stderr, "stancetag fit: want --lambdas of ascending numbers and --folds >= 2\n")
		return exitUsage
	}
	if *ctxLambdas == "none" {
		o.ContextLambdas = nil
	} else if o.ContextLambdas, err = parseFloats(*ctxLambdas); err != nil || len(o.ContextLambdas) == 0 || o.MinContextItems < 1 {
		fmt.Fprintf(stderr, "stancetag fit: want --context-lambdas of ascending numbers (or none) and --min-context-items >= 1\n")
		return exitUsage
	}
	if len(train) == 0 || (*out == "") == (*check == "") || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: stancetag fit --train FILE [--train FILE…] (--out FILE | --check FILE) [flags]")
		return exitUsage
	}

	data := lexicon.Data()
	if *lexiconDir != "" {
		data = os.DirFS(*lexiconDir)
	}
	// Pins and date: from the file checked, else from the file replaced.
	prev := *out
	if *check != "" {
		prev = *check
	}
	var prevBytes []byte
	if b, err := os.ReadFile(prev); err == nil {
		prevBytes = b
		rows, err := stance.ReadFitted(fstest.MapFS{stance.FittedFile: {Data: b}})
		if err != nil {
			fmt.Fprintf(stderr, "stancetag fit: %s: %v\n", prev, err)
			return exitFail
		}
		o.Pins = fit.Pins(rows)
		if *check != "" && *date == "" {
			*date = headerDate(b)
		}
	} else if *check != "" {
		fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
		return exitFail
	}
	if *date == "" {
		*date = time.Now().UTC().Format(time.DateOnly)
	}

	hdr := fit.Header{Date: *date, Command: "stancetag fit"}
	var items []eval.Item
	for _, path := range train {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
			return exitFail
		}
		its, err := fit.ReadItems(bytes.NewReader(b), path)
		if err != nil {
			fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
			return exitFail
		}
		sum := sha256.Sum256(b)
		hdr.Data = append(hdr.Data, fmt.Sprintf("%s (%d statements, sha256 %s)", path, len(its), hex.EncodeToString(sum[:])[:16]))
		hdr.Command += " --train " + path
		items = append(items, its...)
	}
	if def := fit.DefaultOptions(); *lambdas != joinFloats(def.Lambdas) || o.Folds != def.Folds || o.MinCount != def.MinCount || o.MinCandidateItems != def.MinCandidateItems ||
		*ctxLambdas != joinFloats(def.ContextLambdas) || o.MinContextItems != def.MinContextItems || o.CueRule != def.CueRule {
		hdr.Command += fmt.Sprintf(" --lambdas %s --folds %d --min-count %d --min-candidate-items %d --context-lambdas %s --min-context-items %d --cue-rule=%t",
			*lambdas, o.Folds, o.MinCount, o.MinCandidateItems, *ctxLambdas, o.MinContextItems, o.CueRule)
	}
	hdr.Command += " --out " + stance.FittedFile

	start := time.Now()
	res, err := fit.Run(data, items, o)
	if err != nil {
		fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
		return exitFail
	}
	var buf bytes.Buffer
	if err := fit.Write(&buf, hdr, res); err != nil {
		fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
		return exitFail
	}
	report(stdout, res, *top, time.Since(start))

	if *check != "" {
		if !bytes.Equal(buf.Bytes(), prevBytes) {
			fmt.Fprintf(stderr, "stancetag fit: %s differs from a fresh fit: run 'make lexicon-fit' and commit it\n", *check)
			return exitFail
		}
		fmt.Fprintf(stdout, "%s is what the trainer makes from %s\n", *check, strings.Join(train, ", "))
		return exitOK
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "stancetag fit: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return exitOK
}

// report prints the fit's validation and its largest changes.
func report(w io.Writer, r *fit.Result, top int, took time.Duration) {
	fmt.Fprintf(w, "fit: %d targets (%d with contributions), %d parameters, %d candidate words, %.1fs\n",
		r.Examples, r.WithTerms, len(r.Layout.Params)+5, r.Candidates, took.Seconds())
	fmt.Fprintf(w, "cross-validation (%d folds), macro-F1 mean ± sd:\n", len(r.CV[0].MacroF1))
	for i, s := range r.CV {
		mark := ""
		if i == r.Chosen {
			mark = "  <- chosen"
		}
		fmt.Fprintf(w, "  lambda %-6g %.4f ± %.4f%s\n", s.Lambda, s.Mean(), s.Std(), mark)
	}
	if len(r.ContextCV) > 0 {
		fmt.Fprintf(w, "decision stage (context words, positive and negative parts), after the first stage's %.4f ± %.4f:\n", r.FirstCV.Mean(), r.FirstCV.Std())
		for i, s := range r.ContextCV {
			mark := ""
			if i == r.ContextChosen {
				mark = map[bool]string{true: "  <- chosen, used", false: "  <- chosen, not used (no paired gain over the first stage)"}[r.UseContext]
			}
			fmt.Fprintf(w, "  context lambda %-6g %.4f ± %.4f%s\n", s.Lambda, s.Mean(), s.Std(), mark)
		}
	}
	d := r.Decision
	fmt.Fprintf(w, "with the label shifts (support %+.2f, oppose %+.2f): macro-F1 %.4f ± %.4f\n",
		d.SupportShift, d.OpposeShift, r.ShiftedCV.Mean(), r.ShiftedCV.Std())
	fmt.Fprintf(w, "with the hand-set threshold's labels: macro-F1 %.4f ± %.4f; label rule used: %s\n",
		r.ThresholdCV.Mean(), r.ThresholdCV.Std(), map[bool]string{true: "threshold", false: "fitted"}[d.Threshold > 0])
	fmt.Fprintf(w, "decision: scale %.4f, support %.4f, oppose %.4f; parts (support/oppose): words + %.4f/%.4f, words − %.4f/%.4f, cues + %.4f/%.4f, cues − %.4f/%.4f; Platt a %.4f, b %.4f; none %.4f\n",
		d.Scale, d.Support, d.Oppose, d.PosSupport, d.PosOppose, d.NegSupport, d.NegOppose,
		d.CuePosSupport, d.CuePosOppose, d.CueNegSupport, d.CueNegOppose, d.CalA, d.CalB, d.None)
	fmt.Fprintf(w, "out-of-fold ECE: %.4f uncalibrated, %.4f calibrated\n", r.OOF.ECE(), r.OOFCalibrated.ECE())
	if top := r.TopContext(top); len(top) > 0 {
		fmt.Fprintf(w, "strongest context words (largest |logit| x targets):\n")
		for _, c := range top {
			fmt.Fprintf(w, "  %-20s %5d targets  support %+.3f  oppose %+.3f\n", c.Word, c.Count, c.Support, c.Oppose)
		}
	}
	fmt.Fprintf(w, "largest changes (|fitted - prior| x uses):\n")
	for _, c := range r.TopChanges(top) {
		fmt.Fprintf(w, "  %-8s %-28s %6d uses  %.3f -> %.3f\n", c.Kind, c.Key, c.Count, c.Prior, c.Fitted)
	}
}

// headerDate returns the "# date: " of a fitted.tsv, or "".
func headerDate(b []byte) string {
	for line := range strings.SplitSeq(string(b), "\n") {
		if d, ok := strings.CutPrefix(line, "# date: "); ok {
			return strings.TrimSpace(d)
		}
	}
	return ""
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func joinFloats(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}

func parseFloats(s string) ([]float64, error) {
	var out []float64
	for f := range strings.SplitSeq(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 || (len(out) > 0 && v <= out[len(out)-1]) {
			return nil, fmt.Errorf("bad lambda %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}
