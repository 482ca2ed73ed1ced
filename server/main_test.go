package server

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any goroutine outlives the tests: every
// server, stream and worker started by a test must be gone after Stop.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
