package client

import (
	"fmt"
	"net"
	"strings"

	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
)

// fleetScheme is the scheme of the resolver that feeds a comma-separated list
// of addresses to one ClientConn. The resolver is given to that ClientConn
// alone (grpc.WithResolvers), never registered globally, so the scheme only
// has to be unique within one client.
const fleetScheme = "stancetag-fleet"

// target is a parsed Dial target.
type target struct {
	// name is what grpc.NewClient dials.
	name string
	// fleet feeds the addresses of a list; nil for any other target.
	fleet *manual.Resolver
	// addrs is the number of addresses of a list, 0 for any other target.
	addrs int
}

// parseTarget reads a Dial target: a comma-separated list of two or more
// host:port addresses, or anything else grpc.NewClient understands (checked
// there).
func parseTarget(s string) (target, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return target{}, fmt.Errorf("client: empty target")
	}
	if !strings.Contains(s, ",") {
		return target{name: s}, nil
	}
	parts := strings.Split(s, ",")
	seen := make(map[string]bool, len(parts))
	eps := make([]resolver.Endpoint, 0, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if err := checkAddr(p); err != nil {
			return target{}, fmt.Errorf("client: target %q, address %d: %w", s, i+1, err)
		}
		if seen[p] {
			return target{}, fmt.Errorf("client: target %q, address %d: %q listed twice", s, i+1, p)
		}
		seen[p] = true
		eps = append(eps, resolver.Endpoint{Addresses: []resolver.Address{{Addr: p}}})
	}
	r := manual.NewBuilderWithScheme(fleetScheme)
	// The state is kept by the resolver and given again whenever the channel
	// leaves idleness and rebuilds it.
	r.InitialState(resolver.State{Endpoints: eps})
	return target{name: fleetScheme + ":///fleet", fleet: r, addrs: len(eps)}, nil
}

// checkAddr accepts host:port with a non-empty host and port; a list holds
// addresses, not names with schemes.
func checkAddr(a string) error {
	if a == "" {
		return fmt.Errorf("empty address")
	}
	if strings.Contains(a, "/") {
		return fmt.Errorf("%q: a list holds host:port addresses, not target names", a)
	}
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return fmt.Errorf("%q: %w", a, err)
	}
	if host == "" || port == "" {
		return fmt.Errorf("%q: want host:port", a)
	}
	return nil
}
