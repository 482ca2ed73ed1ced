package e2e

import (
	"context"
	"fmt"
	"log"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// Example_client is the Go client of the README: it is compiled with the
// tests so it cannot rot, and not run (it needs a server on :50051).
func Example_client() {
	conn, err := grpc.NewClient("localhost:50051", grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	client := stancev1.NewStanceServiceClient(conn)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := client.Analyze(ctx, &stancev1.AnalyzeRequest{
		Statements: []*stancev1.Statement{
			{Id: "s1", Text: "France backed Germany's proposal for a joint energy fund on Tuesday."},
		},
		// Caller actors are looked for in every statement, besides the gazetteer.
		Actors:  []*stancev1.Actor{{Name: "European Commission", Aliases: []string{"Brussels"}}},
		Options: &stancev1.AnalyzeOptions{IncludeEvidence: true},
	})
	if err != nil {
		// Bad input is INVALID_ARGUMENT with a BadRequest naming each field.
		if st := status.Convert(err); st.Code() == codes.InvalidArgument {
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					for _, v := range br.GetFieldViolations() {
						log.Printf("%s: %s", v.GetField(), v.GetDescription())
					}
				}
			}
		}
		log.Fatal(err)
	}
	for _, a := range resp.GetAnalyses() {
		fmt.Println(a.GetStatementId(), a.GetSentiment().GetLabel())
		for _, t := range a.GetTargets() {
			fmt.Println("  target", t.GetActorId(), t.GetStance(), t.GetScore())
		}
		for _, r := range a.GetRelations() {
			fmt.Println("  relation", r.GetHolderId(), "->", r.GetTargetId(), r.GetStance())
		}
	}
}
