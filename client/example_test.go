package client_test

import (
	"bufio"
	"context"
	"encoding/json"
	"log"
	"os"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/stancetag/stancetag/client"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// ExampleClient_AnalyzeAll tags a JSONL corpus on stdin with a fleet of three
// replicas and writes one analysis per line, in input order. It is compiled
// with the tests, not run: it needs the servers.
func ExampleClient_AnalyzeAll() {
	c, err := client.Dial("10.0.0.11:50051,10.0.0.12:50051,10.0.0.13:50051", client.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	in := bufio.NewScanner(os.Stdin)
	statements := func(yield func(*stancev1.Statement) bool) {
		for in.Scan() {
			st := &stancev1.Statement{}
			if err := protojson.Unmarshal(in.Bytes(), st); err != nil {
				log.Fatal(err)
			}
			if !yield(st) {
				return
			}
		}
	}
	out := json.NewEncoder(os.Stdout)
	err = c.AnalyzeAll(context.Background(), client.Corpus{
		Statements: statements,
		Options:    &stancev1.AnalyzeOptions{IncludeEvidence: true},
	}, func(a *stancev1.Analysis) error {
		b, err := protojson.Marshal(a)
		if err != nil {
			return err
		}
		return out.Encode(json.RawMessage(b))
	})
	if err != nil {
		log.Fatal(err)
	}
}

// ExampleDial connects to the pods behind a Kubernetes headless service:
// DNS returns one address per ready pod and calls are spread over all of
// them.
func ExampleDial() {
	c, err := client.Dial("dns:///stancetag-headless.nlp.svc.cluster.local:50051",
		client.WithInsecure(),
		client.WithConcurrency(4*6), // six replicas
	)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	resp, err := c.Analyze(context.Background(), &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{{Id: "s1", Text: "Poland backed the new sanctions package on Monday."}},
	})
	if err != nil {
		log.Fatal(err)
	}
	log.Println(resp.GetAnalyses()[0].GetSentiment().GetLabel())
}
