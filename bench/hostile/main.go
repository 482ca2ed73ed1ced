// Command hostile measures what oversized and malformed requests cost a real
// `stancetag serve`: for each case it starts a fresh server (so that VmHWM,
// the peak resident set, starts from the server's own baseline), sends the
// case once or CONC times at once, and prints the status the client got and
// the server's peak RSS before and after.
//
//	go build -o /tmp/stancetag ./cmd/stancetag
//	go run ./bench/hostile -bin /tmp/stancetag
//
// Requests are built as raw protobuf bytes, so that cases a Go client would
// refuse to encode (or would take long to build as messages) go on the wire
// as they are.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// token is the bearer token of the servers started with auth.
const token = "hostile-measurement-token-0123456789"

type testCase struct {
	name   string
	auth   bool // serve with -auth-token-file; the client sends no token
	conc   int  // calls at once
	stream bool // send as one AnalyzeStream message
	build  func() []byte
}

func main() {
	bin := flag.String("bin", "", "stancetag binary to serve with")
	only := flag.String("only", "", "run only the cases whose name contains this")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "usage: hostile -bin PATH [-only NAME]")
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "hostile")
	check(err)
	defer os.RemoveAll(dir)
	tokens := filepath.Join(dir, "tokens")
	check(os.WriteFile(tokens, []byte(token+"\n"), 0o600))

	fmt.Printf("%-34s %6s %4s %10s  %-18s %9s %9s %9s\n", "case", "auth", "conc", "wire MiB", "code", "base MiB", "peak MiB", "grew MiB")
	for _, c := range cases() {
		if *only != "" && !strings.Contains(c.name, *only) {
			continue
		}
		run(*bin, tokens, c)
	}
}

func cases() []testCase {
	const n = 2_000_000
	return []testCase{
		{name: "2M empty statements", conc: 1, build: func() []byte { return repeated(1, n, nil, nil) }},
		{name: "2M empty statements", conc: 4, build: func() []byte { return repeated(1, n, nil, nil) }},
		{name: "2M empty statements", auth: true, conc: 1, build: func() []byte { return repeated(1, n, nil, nil) }},
		{name: "2M empty statements", auth: true, conc: 4, build: func() []byte { return repeated(1, n, nil, nil) }},
		{name: "1 statement + 2M empty actors", conc: 1, build: func() []byte { return repeated(2, n, okStatement(), nil) }},
		{name: "1 actor with 2M empty aliases", conc: 1, build: func() []byte {
			return append(okStatement(), protowire.AppendBytes(wireOf(2), repeated(3, n, nil, nil))...)
		}},
		{name: "stream: statement with 2M actors", conc: 1, stream: true, build: func() []byte {
			return protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), repeated(3, n, field(2, "Paris backed the plan."), nil))
		}},
		{name: "garbage bytes (4 MiB)", conc: 1, build: func() []byte { return garbage(4 << 20) }},
		{name: "accepted: 1000 x 15 KiB texts", conc: 1, build: func() []byte { return texts(1000, 15<<10) }},
		{name: "accepted: 1000 x 15 KiB texts", auth: true, conc: 1, build: func() []byte { return texts(1000, 15<<10) }},
		{name: "accepted: 1000 x 60 KiB texts", conc: 1, build: func() []byte { return texts(1000, 60<<10) }},
		{name: "accepted: 1000 x 60 KiB, no actors", conc: 1, build: func() []byte { return textsOf(plain, 1000, 60<<10) }},
		{name: "rejected: 1000 x 60 KiB + 1 bad", conc: 1, build: func() []byte {
			return append(texts(1000, 60<<10), protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), field(2, ""))...)
		}},
	}
}

// wireOf returns the tag of a length-delimited field num.
func wireOf(num protowire.Number) []byte { return protowire.AppendTag(nil, num, protowire.BytesType) }

// field encodes a string field 2 (text) or any length-delimited field.
func field(num protowire.Number, s string) []byte {
	return protowire.AppendString(protowire.AppendTag(nil, num, protowire.BytesType), s)
}

// repeated appends n empty occurrences of field num to prefix (then suffix).
func repeated(num protowire.Number, n int, prefix, suffix []byte) []byte {
	b := make([]byte, 0, len(prefix)+2*n+len(suffix))
	b = append(b, prefix...)
	for range n {
		b = protowire.AppendTag(b, num, protowire.BytesType)
		b = protowire.AppendVarint(b, 0)
	}
	return append(b, suffix...)
}

// okStatement is statements[0] of a valid request.
func okStatement() []byte {
	b, err := proto.Marshal(&stancev1.AnalyzeRequest{Statements: []*stancev1.Statement{{Id: "s", Text: "Paris backed the plan."}}})
	check(err)
	return b
}

// dense is a sentence with two actors and a cue: the analysis of a text of
// it repeated is as large as analyses get.
const dense = "France backed Germany's proposal for a joint energy fund on Tuesday. "

// plain is a sentence without actors.
const plain = "The committee discussed the budget on Tuesday and agreed to meet again. "

// texts is a request of n statements of size bytes of dense text.
func texts(n, size int) []byte { return textsOf(dense, n, size) }

// textsOf is a request of n statements of size bytes of sentence repeated.
func textsOf(sentence string, n, size int) []byte {
	text := strings.Repeat(sentence, size/len(sentence)+1)[:size]
	req := &stancev1.AnalyzeRequest{}
	for i := range n {
		req.Statements = append(req.Statements, &stancev1.Statement{Id: strconv.Itoa(i), Text: text})
	}
	b, err := proto.Marshal(req)
	check(err)
	return b
}

// garbage is n bytes that are no protobuf message.
func garbage(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 0xff)
	}
	return b
}

func run(bin, tokens string, c testCase) {
	args := []string{"serve", "--listen", "127.0.0.1:0", "--log-level", "INFO"}
	if c.auth {
		args = append(args, "--auth-token-file", tokens)
	}
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	check(err)
	check(cmd.Start())
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	addr := serving(stderr)
	go func() { _, _ = io.Copy(io.Discard, stderr) }()

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(1<<30), grpc.MaxCallRecvMsgSize(1<<30)))
	check(err)
	defer conn.Close()
	// One small call first, so that the baseline includes a warm server.
	warm := okStatement()
	_ = invoke(conn, c.auth, false, warm)
	time.Sleep(200 * time.Millisecond)
	base := hwm(cmd.Process.Pid)

	body := c.build()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		codes []string
	)
	for range c.conc {
		wg.Go(func() {
			err := invoke(conn, false, c.stream, body)
			mu.Lock()
			codes = append(codes, status.Code(err).String())
			mu.Unlock()
		})
	}
	wg.Wait()
	time.Sleep(200 * time.Millisecond)
	peak := hwm(cmd.Process.Pid)
	auth := "off"
	if c.auth {
		auth = "no token"
	}
	fmt.Printf("%-34s %6s %4d %10.1f  %-18s %9.1f %9.1f %9.1f\n", c.name, auth, c.conc, float64(len(body))/(1<<20),
		strings.Join(uniq(codes), ","), base, peak, peak-base)
}

// invoke sends body as an Analyze request, or as the one message of an
// AnalyzeStream, with the token when withToken.
func invoke(conn *grpc.ClientConn, withToken, stream bool, body []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if withToken {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}
	if !stream {
		var resp []byte
		return conn.Invoke(ctx, stancev1.StanceService_Analyze_FullMethodName, &body, &resp, grpc.ForceCodecV2(rawCodec{}))
	}
	s, err := conn.NewStream(ctx, &stancev1.StanceService_ServiceDesc.Streams[0], stancev1.StanceService_AnalyzeStream_FullMethodName, grpc.ForceCodecV2(rawCodec{}))
	if err != nil {
		return err
	}
	if err := s.SendMsg(&body); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	_ = s.CloseSend()
	var resp []byte
	return s.RecvMsg(&resp)
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// serving reads the server's log until the "serving" line and returns its
// address.
func serving(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var line struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "serving" {
			return line.Addr
		}
	}
	check(errors.New("server ended before serving"))
	return ""
}

// hwm returns the peak RSS of pid so far, in MiB.
func hwm(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			check(err)
			return float64(kb) / 1024
		}
	}
	return 0
}

// rawCodec sends *[]byte as it is and keeps replies as bytes.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}
func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}
