package server_test

import (
	"fmt"

	"github.com/stancetag/stancetag/server"
)

func ExampleDeriveActorID() {
	for _, name := range []string{"European Union", "U.S. Senate", "Côte d'Ivoire", "???"} {
		fmt.Printf("%q\n", server.DeriveActorID(name))
	}
	// Output:
	// "european-union"
	// "u-s-senate"
	// "côte-d-ivoire"
	// ""
}

func ExampleValidationError() {
	err := &server.ValidationError{Position: -1, Violations: []server.FieldViolation{
		{Field: "statements[3].text", Reason: server.ReasonTextEmpty, Description: "text is empty"},
		{Field: "statements[7].actors[0].name", Reason: server.ReasonActorNameEmpty, Description: "name is empty"},
	}}
	fmt.Println(err)
	// Output:
	// statements[3].text: text is empty (and 1 more violation)
}
