package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"strings"

	"github.com/stancetag/stancetag/classifier/lexicon"
	"github.com/stancetag/stancetag/client"
	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/server"
)

// The examples below talk to real servers: each starts stancetag in
// process, on a free loopback port, with the embedded lexicon, so that
// `go test` checks their Output against what the service answers. In your
// program the address is that of a running `stancetag serve`.

// startServer serves the embedded lexicon on a free 127.0.0.1 port and
// returns its address and a function that stops it (ExampleClient_Analyze
// shows the same steps inline).
func startServer() (addr string, stop func()) {
	clf, err := lexicon.New(lexicon.Data())
	if err != nil {
		log.Fatal(err)
	}
	srv, err := server.New(clf, server.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		log.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	return lis.Addr().String(), func() {
		srv.GRPCServer().Stop()
		if err := <-served; err != nil { // nil after Stop
			log.Print(err)
		}
	}
}

// ExampleClient_Analyze analyses one batch of statements and prints who
// supports or opposes whom. The server is started in process here; against
// a running `stancetag serve` only the Dial target changes.
func ExampleClient_Analyze() {
	// A server on a free loopback port, with the embedded lexicon.
	clf, err := lexicon.New(lexicon.Data())
	if err != nil {
		log.Fatal(err)
	}
	srv, err := server.New(clf, server.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		log.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	defer srv.GRPCServer().Stop()

	// The client: Dial takes "host:port" (or a list, or a gRPC name).
	c, err := client.Dial(lis.Addr().String(), client.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	resp, err := c.Analyze(context.Background(), &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{
			{Id: "s1", Text: "France backed Germany's proposal for a joint energy fund on Tuesday."},
			{Id: "s2", SpeakerId: "country/FRA", Text: "We will not accept the Commission's plan in its current form."},
		},
		// Caller actors are looked for beside the built-in gazetteer.
		Actors: []*stancev1.Actor{{
			Id: "eu-commission", Name: "European Commission", Aliases: []string{"Commission"},
			Kind: stancev1.ActorKind_ACTOR_KIND_ORGANIZATION,
		}},
	})
	if err != nil {
		fmt.Println(err) // status.Convert(err).Details() holds a *errdetails.BadRequest for INVALID_ARGUMENT
		return
	}
	for _, a := range resp.GetAnalyses() {
		fmt.Println(a.GetStatementId(), a.GetSentiment().GetLabel())
		for _, r := range a.GetRelations() {
			fmt.Printf("  %s -> %s %s %.2f\n", r.GetHolderId(), r.GetTargetId(), r.GetStance(), r.GetScore())
		}
	}
	// Output:
	// s1 SENTIMENT_LABEL_POSITIVE
	//   country/FRA -> country/DEU STANCE_SUPPORT 0.67
	// s2 SENTIMENT_LABEL_NEGATIVE
	//   country/FRA -> eu-commission STANCE_OPPOSE -0.54
}

// ExampleClient_AnalyzeStream sends statements one message at a time on a
// stream and reads one analysis back per message, in order. Spans are asked
// for in UTF-16 code units (OFFSET_ENCODING_UTF16), as JavaScript and Java
// index strings: the "é" of "café" is one unit but two bytes, so "Germany"
// spans units 23-30 (bytes 24-31).
func ExampleClient_AnalyzeStream() {
	addr, stop := startServer()
	defer stop()
	c, err := client.Dial(addr, client.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := c.AnalyzeStream(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	texts := []string{
		"After the café summit, Germany thanked France for its support.",
		"Russia condemned the new NATO deployment.",
	}
	go func() {
		opts := &stancev1.AnalyzeOptions{OffsetEncoding: stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16}
		for i, text := range texts {
			req := &stancev1.AnalyzeStreamRequest{
				Statement: &stancev1.Statement{Id: fmt.Sprint("m", i+1), Text: text},
				Options:   opts,
			}
			if err := stream.Send(req); err != nil {
				return // Recv reports why
			}
		}
		_ = stream.CloseSend()
	}()
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		a := resp.GetAnalysis()
		var mentions []string
		for _, m := range a.GetMentions() {
			mentions = append(mentions, fmt.Sprintf("%s@%d-%d", m.GetText(), m.GetSpan().GetBegin(), m.GetSpan().GetEnd()))
		}
		fmt.Println(a.GetStatementId(), strings.Join(mentions, " "))
		for _, r := range a.GetRelations() {
			fmt.Println("  ", r.GetHolderId(), "->", r.GetTargetId(), r.GetStance())
		}
	}
	// Output:
	// m1 Germany@23-30 France@39-45
	//    country/DEU -> country/FRA STANCE_SUPPORT
	// m2 Russia@0-6 NATO@25-29
	//    country/RUS -> org/nato STANCE_OPPOSE
}

// ExampleClient_AnalyzeAll tags a corpus on a fleet of three replicas:
// AnalyzeAll cuts it into batches, spreads them over the replicas with round
// robin, retries a batch whose replica fails, and hands every analysis back
// exactly once, in input order. The corpus is an iterator, so it can be a
// file of any size read line by line (`stancetag analyze --remote` does
// that).
func ExampleClient_AnalyzeAll() {
	var addrs []string
	var stops []func()
	defer func() {
		for _, stop := range stops {
			stop()
		}
	}()
	for range 3 {
		addr, stop := startServer()
		addrs, stops = append(addrs, addr), append(stops, stop)
	}
	c, err := client.Dial(strings.Join(addrs, ","), client.WithInsecure(), client.WithBatchSize(2))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	texts := []string{
		"Poland backed Ukraine's bid to join the European Union.",
		"Hungary criticised the European Commission over the frozen funds.",
		"The United States praised Japan for its leadership.",
		"China criticised Australia over the inquiry.",
		"Spain and Portugal signed a water-sharing treaty.",
	}
	statements := func(yield func(*stancev1.Statement) bool) {
		for i, text := range texts {
			if !yield(&stancev1.Statement{Id: fmt.Sprint("s", i+1), Text: text}) {
				return
			}
		}
	}
	err = c.AnalyzeAll(context.Background(), client.Corpus{Statements: statements},
		func(a *stancev1.Analysis) error {
			fmt.Print(a.GetStatementId(), ":")
			for _, r := range a.GetRelations() {
				fmt.Print(" ", r.GetHolderId(), " -> ", r.GetTargetId(), " ", r.GetStance())
			}
			fmt.Println()
			return nil
		})
	if err != nil {
		fmt.Println(err) // a *client.BatchError names the statements of the batch that failed
	}
	// Output:
	// s1: country/POL -> country/UKR STANCE_SUPPORT
	// s2: country/HUN -> org/european-commission STANCE_OPPOSE
	// s3: country/USA -> country/JPN STANCE_SUPPORT
	// s4: country/CHN -> country/AUS STANCE_OPPOSE
	// s5: country/PRT -> country/ESP STANCE_SUPPORT country/ESP -> country/PRT STANCE_SUPPORT
}

// ExampleDial connects to the pods behind a Kubernetes headless service:
// DNS returns one address per ready pod and calls are spread over all of
// them. It is compiled with the tests but not run: it needs the cluster.
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
		fmt.Println(err)
		return
	}
	fmt.Println(resp.GetAnalyses()[0].GetSentiment().GetLabel())
}
