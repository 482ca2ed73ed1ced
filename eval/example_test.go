package eval_test

import (
	"fmt"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/eval"
)

func ExampleConfusion() {
	var m eval.Confusion
	m.Add(classifier.StanceSupport, classifier.StanceSupport)
	m.Add(classifier.StanceOppose, classifier.StanceOppose)
	m.Add(classifier.StanceOppose, classifier.StanceNeutral)
	m.Add(classifier.StanceNeutral, classifier.StanceNeutral)
	// Support is perfect; one oppose item was predicted neutral.
	fmt.Printf("accuracy %.2f macro-F1 %.3f\n", m.Accuracy(), m.MacroF1())
	fmt.Printf("oppose recall %.2f\n", m.Class(classifier.StanceOppose).Recall)
	// Output:
	// accuracy 0.75 macro-F1 0.778
	// oppose recall 0.50
}

func ExampleScoreRelations() {
	gold := []eval.Triple{
		{HolderID: "canada", TargetID: "tariffs", Label: classifier.StanceOppose},
		// Gold neutral: any stance predicted for this pair is a false positive.
		{HolderID: "mexico", TargetID: "tariffs", Label: classifier.StanceNeutral},
	}
	pred := []classifier.Relation{
		{HolderID: "canada", TargetID: "tariffs", Stance: classifier.StanceOppose},
		{HolderID: "mexico", TargetID: "tariffs", Stance: classifier.StanceOppose},
	}
	listed := map[string]bool{"canada": true, "mexico": true, "tariffs": true}
	c := eval.ScoreRelations(gold, pred, listed)
	fmt.Printf("%+v precision %.2f recall %.2f\n", c, c.Precision(), c.Recall())
	// Output:
	// {TP:1 FP:1 FN:0} precision 0.50 recall 1.00
}
