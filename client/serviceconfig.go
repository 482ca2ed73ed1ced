package client

import (
	"encoding/json"
	"strconv"
	"time"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// serviceName is the full name of StanceService, as health-checked and as
// named in the service config.
var serviceName = stancev1.StanceService_ServiceDesc.ServiceName

// The service config's JSON form; see
// https://github.com/grpc/grpc/blob/master/doc/service_config.md.
type (
	serviceConfig struct {
		LoadBalancingConfig []map[string]struct{} `json:"loadBalancingConfig"`
		HealthCheckConfig   healthCheckConfig     `json:"healthCheckConfig"`
		MethodConfig        []methodConfig        `json:"methodConfig"`
	}
	healthCheckConfig struct {
		ServiceName string `json:"serviceName"`
	}
	methodConfig struct {
		Name        []methodName `json:"name"`
		RetryPolicy retryPolicy  `json:"retryPolicy"`
		Timeout     string       `json:"timeout,omitempty"`
	}
	methodName struct {
		Service string `json:"service"`
		Method  string `json:"method,omitempty"`
	}
	retryPolicy struct {
		MaxAttempts          int      `json:"maxAttempts"`
		InitialBackoff       string   `json:"initialBackoff"`
		MaxBackoff           string   `json:"maxBackoff"`
		BackoffMultiplier    float64  `json:"backoffMultiplier"`
		RetryableStatusCodes []string `json:"retryableStatusCodes"`
	}
)

// grpcRetry is gRPC's retry policy for every method: UNAVAILABLE is a replica
// gone or going, RESOURCE_EXHAUSTED one shedding load; another pick of
// round_robin usually lands elsewhere.
var grpcRetry = retryPolicy{
	MaxAttempts:          4,
	InitialBackoff:       "0.1s",
	MaxBackoff:           "2s",
	BackoffMultiplier:    2,
	RetryableStatusCodes: []string{"UNAVAILABLE", "RESOURCE_EXHAUSTED"},
}

// buildServiceConfig returns the client's service config: round_robin over
// healthy replicas, gRPC retries, and timeout on the unary methods only. The
// more specific method entry wins over the service-wide one, which leaves
// AnalyzeStream (and any method added later) without a timeout.
func buildServiceConfig(timeout time.Duration) string {
	unary := methodConfig{
		Name: []methodName{
			{Service: serviceName, Method: "Analyze"},
			{Service: serviceName, Method: "AnalyzeDocument"},
			{Service: serviceName, Method: "ListActors"},
		},
		RetryPolicy: grpcRetry,
	}
	if timeout > 0 {
		unary.Timeout = jsonDuration(timeout)
	}
	sc := serviceConfig{
		LoadBalancingConfig: []map[string]struct{}{{"round_robin": {}}},
		HealthCheckConfig:   healthCheckConfig{ServiceName: serviceName},
		MethodConfig: []methodConfig{
			unary,
			{Name: []methodName{{Service: serviceName}}, RetryPolicy: grpcRetry},
		},
	}
	b, err := json.Marshal(sc)
	if err != nil {
		// Unreachable: the types above always marshal.
		return ""
	}
	return string(b)
}

// jsonDuration formats d as the protobuf JSON Duration ("1.5s").
func jsonDuration(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}
