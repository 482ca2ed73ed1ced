package observe

import (
	"context"

	"google.golang.org/grpc"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// countUnary counts the analyses of a successful Analyze call. Counting the
// response rather than the request means a batch rejected as a whole
// (INVALID_ARGUMENT, RESOURCE_EXHAUSTED) counts nothing.
func (m *Metrics) countUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	resp, err := handler(ctx, req)
	if err == nil {
		if r, ok := resp.(*stancev1.AnalyzeResponse); ok {
			m.analyzed.Add(float64(len(r.GetAnalyses())))
		}
	}
	return resp, err
}

// countStream counts each analysis an AnalyzeStream call sends back; other
// streams pass through unwrapped.
func (m *Metrics) countStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	if info.FullMethod != stancev1.StanceService_AnalyzeStream_FullMethodName {
		return handler(srv, ss)
	}
	return handler(srv, &countingStream{ServerStream: ss, analyzed: m.streamAnalyzed.Inc})
}

// countingStream calls analyzed after each analysis sent.
type countingStream struct {
	grpc.ServerStream
	analyzed func()
}

func (c *countingStream) SendMsg(msg any) error {
	err := c.ServerStream.SendMsg(msg)
	if r, ok := msg.(*stancev1.AnalyzeStreamResponse); ok && err == nil && r.GetAnalysis() != nil {
		c.analyzed()
	}
	return err
}
