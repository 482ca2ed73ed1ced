package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string // name dialled
		addrs   int
		wantErr string
	}{
		{name: "single address goes to grpc as is", in: "localhost:50051", want: "localhost:50051"},
		{name: "gRPC name goes to grpc as is", in: "dns:///stancetag.nlp.svc:50051", want: "dns:///stancetag.nlp.svc:50051"},
		{name: "list uses the client's own resolver", in: "10.0.0.1:50051,10.0.0.2:50051,10.0.0.3:50051", want: fleetScheme + ":///fleet", addrs: 3},
		// Lists are often built by hand in shell scripts.
		{name: "list with spaces", in: " 10.0.0.1:50051 , [::1]:50051 ", want: fleetScheme + ":///fleet", addrs: 2},
		{name: "empty", in: "  ", wantErr: "empty target"},
		{name: "trailing comma", in: "a:1,b:2,", wantErr: "address 3: empty address"},
		{name: "missing port", in: "a:1,b", wantErr: "address 2"},
		{name: "empty port", in: "a:1,b:", wantErr: "want host:port"},
		// A scheme per element cannot work: one resolver feeds the list.
		{name: "names in a list", in: "dns:///a:1,dns:///b:1", wantErr: "not target names"},
		// Two connections to one replica would double its share.
		{name: "duplicate", in: "a:1,b:2,a:1", wantErr: `"a:1" listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseTarget(tt.in)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.name)
			assert.Equal(t, tt.addrs, got.addrs)
			assert.Equal(t, tt.addrs > 0, got.fleet != nil)
		})
	}
}
