package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// shortArticle is a small article of our own: a quote whose speaker comes
// in the next sentence, a pronoun in the next sentence, a description of an
// office holder, and an em dash and curly quotes so that UTF-16 offsets
// differ from bytes.
const shortArticle = "BERLIN — “We condemn Iran’s missile tests.” Merz said this on Tuesday.\n" +
	"Merz flew to Warsaw on Wednesday. He praised Poland for its help.\n" +
	"The French president thanked Germany.\n"

// TestAnalyzeTextCLI runs `stancetag analyze --format text` on a file and
// checks its lines against AnalyzeDocument on a server: the same sentences,
// spans and analyses, in UTF-16 offsets.
func TestAnalyzeTextCLI(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "article.txt")
	require.NoError(t, os.WriteFile(path, []byte("\uFEFF"+shortArticle), 0o644))
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "analyze", "--format", "text", "--evidence", "--offset-encoding", "utf16", path)
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr:\n%s", stderr.String())

	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	var got []*stancev1.DocumentSentence
	for _, line := range lines {
		var s stancev1.DocumentSentence
		require.NoError(t, protojson.Unmarshal([]byte(line), &s), line)
		got = append(got, &s)
	}
	require.Len(t, got, 4, "stdout:\n%s", stdout.String())
	var rels []string
	for _, s := range got {
		for _, r := range s.GetAnalysis().GetRelations() {
			rels = append(rels, s.GetAnalysis().GetStatementId()+": "+r.GetHolderId()+" -> "+r.GetTargetId()+" "+r.GetStance().String())
		}
	}
	assert.Equal(t, []string{
		"1: person/friedrich-merz -> country/IRN STANCE_OPPOSE",
		"3: person/friedrich-merz -> country/POL STANCE_SUPPORT",
		"4: person/emmanuel-macron -> country/DEU STANCE_SUPPORT",
	}, rels)
	// "Merz" in the first sentence: after "BERLIN — “" (10 UTF-16 units) and
	// 33 more.
	assert.Equal(t, int32(44), got[0].GetAnalysis().GetMentions()[1].GetSpan().GetBegin())

	s := startServer(t)
	conn, err := grpc.NewClient(s.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	resp, err := stancev1.NewStanceServiceClient(conn).AnalyzeDocument(ctx, &stancev1.AnalyzeDocumentRequest{
		Document: &stancev1.Document{Text: shortArticle},
		Options:  &stancev1.AnalyzeOptions{IncludeEvidence: true, OffsetEncoding: stancev1.OffsetEncoding_OFFSET_ENCODING_UTF16},
	})
	require.NoError(t, err)
	require.Len(t, resp.GetSentences(), len(got))
	for i := range got {
		assert.True(t, proto.Equal(resp.GetSentences()[i], got[i]), "sentence %d:\nCLI %v\nRPC %v", i+1, got[i], resp.GetSentences()[i])
	}
}

// TestAnalyzeTextCLIBad: an empty file fails with the field and exit 1.
func TestAnalyzeTextCLIBad(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "analyze", "--format", "text")
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(" \n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "want a non-zero exit, got %v", err)
	assert.Equal(t, 1, exit.ExitCode())
	assert.Contains(t, stderr.String(), "stdin: document.text: text is only whitespace")
}
