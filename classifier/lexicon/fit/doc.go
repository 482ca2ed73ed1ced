// Package fit learns the fitted layer of the stance lexicon
// (stance.FittedFile, data/stance/fitted.tsv) from labelled statements: a
// multiplier for each sentiment or portrayal word's valence toward targets,
// for each cue's weight toward targets, for each way a word reaches a
// mention (Via: distance bucket, other clause, across a quote, predicate)
// and for each rule of a cue; values for new portrayal words; and the
// decision — three logits, support scale·raw + b₊, oppose −scale·raw + b₋,
// neutral 0 — with a temperature that calibrates its probabilities.
//
// The fit maximises the likelihood of the gold labels with an L2 penalty
// pulling every multiplier toward 1 (the hand-set weights) and every new
// word toward 0, by L-BFGS from the hand-set values in a fixed order, so the
// same data and options give the same bits. Its strength is chosen by k-fold
// cross-validation on the training data alone (folds by a hash of the
// statement text); the temperature is fitted on the out-of-fold predictions
// of the chosen strength. Development sets are never read here.
//
// Train, Write and Pins are the steps; Run does them all from a data tree.
package fit
