package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protojson"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// curl runs curl (a Debian package, installed by .ci/debian-packages) with
// args, adding -w so that the HTTP status comes last on its own line, and
// returns the body and the status.
func curl(t *testing.T, args ...string) (body, status string) {
	t.Helper()
	path, err := exec.LookPath("curl")
	require.NoError(t, err, "curl is needed: .ci/debian-packages installs it")
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, append([]string{"-sS", "-w", `\n%{http_code}`}, args...)...).Output()
	require.NoError(t, err, "curl %q: %s", args, out)
	i := strings.LastIndexByte(string(out), '\n')
	require.GreaterOrEqual(t, i, 0, "curl output %q", out)
	return string(out[:i]), string(out[i+1:])
}

// TestHTTPCurl calls --http-listen as the README does: a POST of JSON with
// only Content-Type (and the token) set.
func TestHTTPCurl(t *testing.T) {
	t.Parallel()
	const token = "5b1e0c7a9d3f48e2b6a1c0d9e8f7a6b5"
	tokens := filepath.Join(t.TempDir(), "tokens")
	require.NoError(t, os.WriteFile(tokens, []byte(token+"\n"), 0o600))
	s := startServer(t, "--http-listen", "127.0.0.1:0", "--auth-token-file", tokens)
	addr, _ := s.waitLog(t, "http serving")["addr"].(string)
	require.NotEmpty(t, addr)
	url := "http://" + addr + "/stance.v1.StanceService/Analyze"
	post := func(body string, headers ...string) (string, string) {
		args := []string{"-H", "Content-Type: application/json"}
		for _, h := range headers {
			args = append(args, "-H", h)
		}
		return curl(t, append(args, "-d", body, url)...)
	}
	bearer := "Authorization: Bearer " + token

	t.Run("success", func(t *testing.T) {
		body, status := post(analyzeReq, bearer)
		require.Equal(t, "200", status, body)
		var resp stancev1.AnalyzeResponse
		require.NoError(t, protojson.Unmarshal([]byte(body), &resp), body)
		require.Len(t, resp.GetAnalyses(), 1)
		a := resp.GetAnalyses()[0]
		assert.Equal(t, "s1", a.GetStatementId())
		var rel []string
		for _, r := range a.GetRelations() {
			rel = append(rel, r.GetHolderId()+" -> "+r.GetTargetId()+" "+r.GetStance().String())
		}
		assert.Contains(t, rel, "country/FRA -> country/DEU STANCE_SUPPORT")
		assert.NotEmpty(t, resp.GetLexiconVersion())
	})

	t.Run("bad request", func(t *testing.T) {
		body, status := post(`{"statements":[{"id":"s3","text":""}]}`, bearer)
		require.Equal(t, "400", status, body)
		var e struct {
			Code    string
			Message string
			Details []struct {
				Type  string
				Debug struct {
					FieldViolations []struct{ Field, Description, Reason string }
				}
			}
		}
		require.NoError(t, json.Unmarshal([]byte(body), &e), body)
		assert.Equal(t, "invalid_argument", e.Code)
		assert.Equal(t, "statements[0].text: text is empty", e.Message)
		var fields []string
		for _, d := range e.Details {
			if d.Type == "google.rpc.BadRequest" {
				for _, v := range d.Debug.FieldViolations {
					fields = append(fields, v.Field+" "+v.Reason)
				}
			}
		}
		assert.Equal(t, []string{"statements[0].text TEXT_EMPTY"}, fields, body)
	})

	t.Run("no token", func(t *testing.T) {
		body, status := post(analyzeReq)
		require.Equal(t, "401", status, body)
		assert.Contains(t, body, `"code":"unauthenticated"`)
	})

	t.Run("health without token", func(t *testing.T) {
		body, status := curl(t, "-H", "Content-Type: application/json", "-d", "{}",
			"http://"+addr+"/grpc.health.v1.Health/Check")
		require.Equal(t, "200", status, body)
		assert.JSONEq(t, `{"status":"SERVING"}`, body)
	})
}
