package lexicon_test

import (
	"context"
	"fmt"
	"log"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon"
)

// ExampleNew builds the classifier from the embedded lexicon and analyses a
// statement in process, without a server. New takes any fs.FS with the
// layout of the data folder (os.DirFS of a copy, to try changed word lists);
// build it once and share it: Analyze is safe for concurrent use.
func ExampleNew() {
	clf, err := lexicon.New(lexicon.Data())
	if err != nil {
		log.Fatal(err) // names the file and line of bad data
	}
	a, err := clf.Analyze(context.Background(), classifier.Statement{
		ID:   "s1",
		Text: "France backed Germany's proposal for a joint energy fund on Tuesday.",
	}, classifier.Options{})
	if err != nil {
		log.Fatal(err) // only when the context is done
	}
	fmt.Println(a.StatementID, a.Sentiment.Label)
	for _, m := range a.Mentions {
		// Offsets are UTF-8 byte offsets into Text.
		fmt.Printf("mention %s %q [%d,%d)\n", m.ActorID, m.Text, m.Span.Begin, m.Span.End)
	}
	for _, t := range a.Targets {
		fmt.Printf("target %s %s %.2f\n", t.ActorID, t.Stance, t.Score)
	}
	for _, r := range a.Relations {
		fmt.Printf("relation %s -> %s %s %.2f\n", r.HolderID, r.TargetID, r.Stance, r.Score)
	}
	// Output:
	// s1 positive
	// mention country/FRA "France" [0,6)
	// mention country/DEU "Germany" [14,21)
	// target country/FRA neutral 0.00
	// target country/DEU support 0.67
	// relation country/FRA -> country/DEU support 0.67
}

// ExampleClassifier_Analyze passes the caller's own actors and the speaker
// of a quote, and asks for the evidence behind each stance: the cue word,
// its span, its weight and the rule that attached it to the target.
func ExampleClassifier_Analyze() {
	clf, err := lexicon.Default() // the embedded lexicon, loaded once per process
	if err != nil {
		log.Fatal(err)
	}
	st := classifier.Statement{
		ID:        "s2",
		Text:      "We will not accept the Commission's plan in its current form.",
		SpeakerID: "country/FRA",
		Actors: []classifier.Actor{{
			ID: "eu-commission", Name: "European Commission", Aliases: []string{"Commission"},
			Kind: classifier.KindOrganization,
		}},
	}
	a, err := clf.Analyze(context.Background(), st, classifier.Options{IncludeEvidence: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range a.Relations {
		fmt.Printf("%s -> %s %s\n", r.HolderID, r.TargetID, r.Stance)
		for _, e := range r.Evidence {
			fmt.Printf("  cue %q at [%d,%d) weight %.2f rule %s\n", e.Cue, e.Span.Begin, e.Span.End, e.Weight, e.Rule)
		}
	}
	// Output:
	// country/FRA -> eu-commission oppose
	//   cue "accept" at [12,18) weight -0.35 rule negated
}
