package e2e

import (
	"net"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Stopping make stops the server of `make run` (issue 13, finding 6): make
// passes SIGTERM on to its child, which must be the server itself, not
// `go run`, which died and left the server holding the port.
func TestMakeRunStopsWithMake(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())

	cmd := exec.Command("make", "--no-print-directory", "run", "LISTEN="+addr)
	cmd.Dir = repoRoot(t)
	cmd.Env = cleanEnv()
	// Its own process group, so that whatever make started can be ended
	// with it should the test fail.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	pgid := cmd.Process.Pid
	t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGKILL) })
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	waitServing(t, addr)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM), "kill make's PID only")
	select {
	case err := <-waited:
		// make exits non-zero when its child dies of the signal: that is fine,
		// only that it ended matters here.
		t.Logf("make ended: %v", err)
	case <-time.After(shutdownTimeout + 10*time.Second):
		t.Fatal("make did not end")
	}
	deadline := time.Now().Add(shutdownTimeout + 5*time.Second)
	for {
		l, err := net.Listen("tcp", addr)
		if err == nil {
			require.NoError(t, l.Close())
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("port %s still taken after make ended: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
