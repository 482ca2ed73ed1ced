package client

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a goroutine outlives the tests: every
// client, server and AnalyzeAll worker must be gone once a test ends.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
