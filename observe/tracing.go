package observe

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc/filters"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"google.golang.org/grpc"
)

// TracingEnabled reports whether the environment asks for traces: it does
// when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
// set, unless OTEL_SDK_DISABLED is "true" or OTEL_TRACES_EXPORTER is "none"
// (the OpenTelemetry ways of turning an SDK off).
func TracingEnabled() bool {
	return tracingEnabled(os.Getenv)
}

func tracingEnabled(getenv func(string) string) bool {
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") ||
		strings.EqualFold(strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER")), "none") {
		return false
	}
	return getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// SetupTracing turns on OpenTelemetry tracing of the server's RPCs when
// TracingEnabled. It then returns one server option, a
// grpc.StatsHandler(otelgrpc.NewServerHandler(...)) that starts a server span
// per RPC named after the method ("stance.v1.StanceService/Analyze"), joins
// the caller's trace (W3C traceparent and baggage headers), and exports the
// spans in batches over OTLP/gRPC; health checks are not traced. Endpoint,
// headers, TLS, timeouts and sampling come from the standard OTEL_* variables,
// and the resource gets service.name = serviceName and service.version =
// version unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES override them.
//
// When tracing is not enabled it returns no options, a no-op shutdown and no
// error. Otherwise shutdown flushes the spans not yet exported and stops the
// exporter: call it after the gRPC server has stopped. The exporter connects
// lazily, so an unreachable collector is not an error here; spans are then
// dropped.
//
// Global OpenTelemetry state (otel.SetTracerProvider, propagators) is left
// untouched.
func SetupTracing(ctx context.Context, serviceName, version string) (opts []grpc.ServerOption, shutdown func(context.Context) error, err error) {
	noop := func(context.Context) error { return nil }
	if !TracingEnabled() {
		return nil, noop, nil
	}
	res, err := newResource(ctx, serviceName, version)
	if err != nil {
		return nil, noop, err
	}
	exp, err := otlptracegrpc.New(ctx)
	if err != nil {
		return nil, noop, fmt.Errorf("observe: creating OTLP trace exporter: %w", err)
	}
	opts, shutdown = newTracing(sdktrace.WithResource(res), sdktrace.WithBatcher(exp))
	return opts, shutdown, nil
}

// newResource describes this process to the trace backend.
func newResource(ctx context.Context, serviceName, version string) (*resource.Resource, error) {
	res, err := resource.New(ctx,
		resource.WithTelemetrySDK(),
		resource.WithAttributes(semconv.ServiceName(serviceName), semconv.ServiceVersion(version)),
		resource.WithFromEnv(), // last, so the environment overrides the defaults
	)
	if err != nil && !errors.Is(err, resource.ErrPartialResource) {
		return nil, fmt.Errorf("observe: describing the service for traces: %w", err)
	}
	// A partial resource (e.g. malformed OTEL_RESOURCE_ATTRIBUTES) still names
	// the service; traces are more useful than a server that will not start.
	return res, nil
}

// newTracing builds the tracer provider from tpOpts and the stats handler
// over it. Tests pass a synchronous in-memory exporter here.
func newTracing(tpOpts ...sdktrace.TracerProviderOption) ([]grpc.ServerOption, func(context.Context) error) {
	tp := sdktrace.NewTracerProvider(tpOpts...)
	handler := otelgrpc.NewServerHandler(
		otelgrpc.WithTracerProvider(tp),
		otelgrpc.WithPropagators(propagation.NewCompositeTextMapPropagator(
			propagation.TraceContext{}, propagation.Baggage{},
		)),
		otelgrpc.WithFilter(filters.Not(filters.HealthCheck())),
	)
	return []grpc.ServerOption{grpc.StatsHandler(handler)}, tp.Shutdown
}
