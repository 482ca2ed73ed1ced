package observe_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a server, stream or span exporter started by
// a test outlives it.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
