package security_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a server or connection started by a test
// outlives it.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
