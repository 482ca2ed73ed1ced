package actors_test

import (
	"fmt"
	"testing/fstest"

	"github.com/stancetag/stancetag/classifier"
	"github.com/stancetag/stancetag/classifier/lexicon/actors"
	"github.com/stancetag/stancetag/classifier/lexicon/tokenize"
)

func Example() {
	fsys := fstest.MapFS{
		"gazetteer/countries.tsv": {Data: []byte("id\tname\tformal\taliases\tdemonyms\tcapitals\tun\n" +
			"country/RUS\tRussia\tRussian Federation\t-\tRussian\tMoscow|the Kremlin\tmember\n" +
			"country/USA\tUnited States\t-\t=US|U.S.\tAmerican\tWashington\tmember\n")},
		"gazetteer/organizations.tsv": {Data: []byte("id\tname\taliases\tseats\tkind\taffiliation\n")},
		"gazetteer/people.tsv": {Data: []byte("id\tname\taliases\tsurname\talone\tgender\taffiliation\trole\n" +
			"person/vladimir-putin\tVladimir Putin\t-\tPutin\tyes\tm\tcountry/RUS\tPresident of Russia\n")},
		"gazetteer/titles.tsv":  {Data: []byte("title\tgender\nPresident\t-\n")},
		"gazetteer/blocked.tsv": {Data: []byte("phrase\twhy\n")},
		"gazetteer/private.tsv": {Data: []byte("phrase\n")},
	}
	g, err := actors.LoadGazetteer(fsys)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := actors.NewMatcher(g)

	text := "President Putin told us the Kremlin’s line had not changed; the US disagreed."
	toks := tokenize.Tokenize(text, nil)
	// The caller's "Moscow" is a surface form of country/RUS, so every
	// mention of Russia is reported under the caller's id.
	caller := []classifier.Actor{{ID: "russia", Name: "Russia", Aliases: []string{"Moscow"}}}
	var s actors.Scratch
	for _, mt := range m.Match(nil, text, toks, caller, actors.Options{}, &s) {
		fmt.Printf("%s %q [%d,%d) via %s possessive=%v\n", mt.ID, text[mt.Start:mt.End], mt.Start, mt.End, mt.Via, mt.Possessive)
	}
	// Output:
	// person/vladimir-putin "President Putin" [0,15) via title possessive=false
	// russia "the Kremlin" [24,35) via capital possessive=true
	// country/USA "US" [66,68) via alias possessive=false
}
