// Package syntax tags words with Universal POS tags and parses them into
// Universal Dependencies trees: an averaged-perceptron tagger in two passes
// and a greedy arc-eager dependency parser trained with a dynamic oracle,
// both over hashed features, with no neural network and no cgo.
//
// Contract:
//   - Train fits a Model on CoNLL-U sentences with gold UPOS, HEAD and
//     DEPREL (ReadConllu). It is deterministic: the same sentences and
//     TrainConfig give the same model, byte for byte once saved.
//   - Save writes the model file (format in Model.Save); ReadModel and Load
//     read it back, checking every count, class, weight and the body's
//     SHA-256, with errors that name the file and line (*LoadError).
//   - A Model is immutable and safe for concurrent use; a Parser (one per
//     goroutine) reuses its memory, so that parsing allocates nothing once
//     it has grown. Parse costs time linear in the sentence: every feature
//     reads a bounded neighbourhood of the parser state.
//   - AppendWords maps the tokens of package tokenize to UD words (clitics
//     and possessives split, byte offsets kept), so that the parser sees
//     words as UD English EWT writes them.
//
// The tagger's first pass reads the word, its affixes and shape, the words
// around it, the tags already chosen to its left and the tag dictionary's
// classes (the tags each frequent training word took); the second pass
// adds the first pass's tags of the next two words. The parser's features
// follow Zhang and Nivre (2011): words, tags, relations, distance, valency
// and relation sets of the stack top, the buffer front and their
// dependents, with the tag dictionary's classes. Moves are chosen by one
// perceptron and relations by another, keyed by the arc's direction. The
// parser is trained on jackknifed tags (each fold tagged by taggers that
// did not see it), so that it learns from tags as wrong as those it will
// be given, and on non-projective trees lifted to projective ones.
package syntax
