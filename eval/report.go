package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Report is the evaluation of several files by one classifier.
type Report struct {
	// Classifier is the classifier's Version().
	Classifier string
	Results    []Result
}

// WriteText renders the report as aligned plain text: one block per file
// (scores, baselines, per-class scores, confusion matrix, relations) and a
// summary table. It carries no item ids or texts.
func WriteText(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "classifier %s\n", r.Classifier)
	for _, res := range r.Results {
		b.WriteByte('\n')
		writeBlock(&b, res)
	}
	b.WriteString("\nsummary\n")
	sum := table{{"file", "items", "targets", "macro-F1", "accuracy", "baseline", "gain", "published", "rel-F1", "ECE"}}
	for _, res := range r.Results {
		pub, rel := "-", "-"
		if res.Published != nil {
			pub = fmt.Sprintf("%.3f %s", res.Published.MacroF1, res.Published.Name)
		}
		if res.Relations != nil {
			rel = num(res.Relations.F1())
		}
		sum = append(sum, []string{
			res.File, strconv.Itoa(res.Items), strconv.Itoa(res.Stance.Total()),
			num(res.Stance.MacroF1()), num(res.Stance.Accuracy()), num(res.Baseline.MacroF1()),
			fmt.Sprintf("%+.3f", res.Stance.MacroF1()-res.Baseline.MacroF1()), pub, rel,
			num(res.Calibration.ECE()),
		})
	}
	sum.write(&b, "  ")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeBlock(b *strings.Builder, res Result) {
	fmt.Fprintf(b, "%s\n", res.File)
	fmt.Fprintf(b, "  %d items, %d targets scored, %d of them reported by the classifier\n",
		res.Items, res.Stance.Total(), res.Found)

	scores := table{
		{"targets", "macro-F1", "accuracy"},
		{"stance", num(res.Stance.MacroF1()), num(res.Stance.Accuracy())},
		{"sentence baseline", num(res.Baseline.MacroF1()), num(res.Baseline.Accuracy())},
	}
	if p := res.Published; p != nil {
		scores = append(scores, []string{p.Name + " (published)", num(p.MacroF1), "-"})
	}
	scores.write(b, "  ")

	b.WriteByte('\n')
	classes := table{{"class", "precision", "recall", "F1", "gold", "predicted"}}
	for _, l := range labels {
		cs := res.Stance.Class(l)
		classes = append(classes, []string{
			l.String(), num(cs.Precision), num(cs.Recall), num(cs.F1),
			strconv.Itoa(cs.Gold), strconv.Itoa(cs.Predicted),
		})
	}
	classes.write(b, "  ")

	b.WriteByte('\n')
	conf := table{{"gold \\ predicted", "support", "oppose", "neutral"}}
	for i, l := range labels {
		row := []string{l.String()}
		for _, n := range res.Stance[i] {
			row = append(row, strconv.Itoa(n))
		}
		conf = append(conf, row)
	}
	conf.write(b, "  ")

	if res.Calibration.Total() > 0 {
		b.WriteByte('\n')
		writeReliability(b, &res.Calibration)
	}

	if rc := res.Relations; rc != nil {
		b.WriteByte('\n')
		table{
			{"relations", "precision", "recall", "F1", "tp", "fp", "fn"},
			{"", num(rc.Precision()), num(rc.Recall()), num(rc.F1()),
				strconv.Itoa(rc.TP), strconv.Itoa(rc.FP), strconv.Itoa(rc.FN)},
		}.write(b, "  ")
	}
}

// WriteMisses renders the kept misclassified items of every file: line, id,
// text, and per wrong target the gold and predicted labels, the mentions the
// classifier found and its cues. Meant for a terminal while tuning: the
// texts of development sets must not be written to files in the repository.
func WriteMisses(w io.Writer, r Report) error {
	var b strings.Builder
	for _, res := range r.Results {
		if len(res.Misses) == 0 {
			continue
		}
		fmt.Fprintf(&b, "misclassified in %s (%d shown)\n", res.File, len(res.Misses))
		for _, m := range res.Misses {
			fmt.Fprintf(&b, "\n  line %d  id %s\n  text %q\n", m.Line, m.ID, m.Text)
			if m.SpanText != "" {
				fmt.Fprintf(&b, "  gold mention %q\n", m.SpanText)
			}
			for _, t := range m.Targets {
				fmt.Fprintf(&b, "  target %s (%s): gold %s, predicted %s (score %.2f, confidence %.2f)\n",
					t.ActorID, t.Name, t.Gold, t.Predicted, t.Score, t.Confidence)
				mentions := "none found"
				if len(t.Mentions) > 0 {
					mentions = strings.Join(t.Mentions, ", ")
				}
				fmt.Fprintf(&b, "    mentions: %s\n", mentions)
				if len(t.Cues) > 0 {
					fmt.Fprintf(&b, "    cues: %s\n", strings.Join(t.Cues, "; "))
				}
			}
			for _, t := range m.Spurious {
				fmt.Fprintf(&b, "  spurious relation %s -> %s %s\n", t.HolderID, t.TargetID, t.Label)
			}
			for _, t := range m.Missed {
				fmt.Fprintf(&b, "  missed relation %s -> %s %s\n", t.HolderID, t.TargetID, t.Label)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON renders the report as indented JSON for machines: every score
// of WriteText, no item ids or texts (misses are left out).
func WriteJSON(w io.Writer, r Report) error {
	out := jsonReport{Classifier: r.Classifier, Files: make([]jsonFile, 0, len(r.Results))}
	for _, res := range r.Results {
		f := jsonFile{
			File: res.File, Items: res.Items, Targets: res.Stance.Total(), Found: res.Found,
			Stance: newJSONScores(res.Stance), Baseline: newJSONScores(res.Baseline),
			Published: res.Published,
		}
		if rc := res.Relations; rc != nil {
			f.Relations = &jsonRelations{
				Precision: rc.Precision(), Recall: rc.Recall(), F1: rc.F1(),
				TP: rc.TP, FP: rc.FP, FN: rc.FN,
			}
		}
		out.Files = append(out.Files, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type jsonReport struct {
	Classifier string     `json:"classifier"`
	Files      []jsonFile `json:"files"`
}

type jsonFile struct {
	File      string         `json:"file"`
	Items     int            `json:"items"`
	Targets   int            `json:"targets"`
	Found     int            `json:"found"`
	Stance    jsonScores     `json:"stance"`
	Baseline  jsonScores     `json:"baseline"`
	Published *Published     `json:"published,omitempty"`
	Relations *jsonRelations `json:"relations,omitempty"`
}

type jsonScores struct {
	MacroF1  float64 `json:"macro_f1"`
	Accuracy float64 `json:"accuracy"`
	// Classes are keyed "support", "oppose", "neutral".
	Classes map[string]jsonClass `json:"classes"`
	// Confusion rows are gold labels, columns predicted labels, both in the
	// order of Labels.
	Labels    []string  `json:"labels"`
	Confusion [3][3]int `json:"confusion"`
}

type jsonClass struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
}

type jsonRelations struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

func newJSONScores(m Confusion) jsonScores {
	s := jsonScores{
		MacroF1: m.MacroF1(), Accuracy: m.Accuracy(),
		Classes: make(map[string]jsonClass, len(labels)), Confusion: m,
	}
	for _, l := range labels {
		cs := m.Class(l)
		s.Classes[l.String()] = jsonClass(cs)
		s.Labels = append(s.Labels, l.String())
	}
	return s
}

// num formats a score in [0, 1] with three decimals: one item of a few
// hundred moves accuracy by about 0.003.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

// table is rows of cells; the first column is left-aligned, the others
// right-aligned, each as wide as its widest cell.
type table [][]string

func (t table) write(b *strings.Builder, indent string) {
	var width []int
	for _, row := range t {
		for i, c := range row {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range t {
		line := indent
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				line += c + pad
			} else {
				line += "  " + pad + c
			}
		}
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
}

// writeReliability renders a reliability table: per confidence bin the
// count, mean confidence and accuracy, and the expected calibration error.
func writeReliability(b *strings.Builder, r *Reliability) {
	t := table{{"confidence", "count", "mean conf", "accuracy"}}
	for i, bin := range r.Bins {
		lo, hi := float64(i)/ReliabilityBins, float64(i+1)/ReliabilityBins
		row := []string{fmt.Sprintf("%.1f-%.1f", lo, hi), strconv.Itoa(bin.Count), "-", "-"}
		if bin.Count > 0 {
			row[2], row[3] = num(bin.MeanConfidence()), num(bin.Accuracy())
		}
		t = append(t, row)
	}
	t.write(b, "  ")
	fmt.Fprintf(b, "  ECE %.3f over %d reported targets\n", r.ECE(), r.Total())
}
