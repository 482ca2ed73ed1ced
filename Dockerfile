# syntax=docker/dockerfile:1
#
# stancetag server image: a static binary on distroless, running as nonroot.
#   docker build -t stancetag:dev .
#   docker run --rm -p 50051:50051 -p 9090:9090 stancetag:dev
# Arguments after the image name go to `stancetag serve` (see --help);
# every flag can also be set as STANCETAG_<FLAG> in the environment.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first: this layer is rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# CGO off for a static binary that runs on distroless/static; -trimpath keeps
# build paths out of it. .git is in the context, so the build info carries the
# VCS revision that `stancetag version` reports.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/stancetag ./cmd/stancetag

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/stancetag /stancetag
USER nonroot
# 50051: gRPC (StanceService, health, reflection); 9090: HTTP /metrics.
EXPOSE 50051 9090
ENTRYPOINT ["/stancetag", "serve"]
