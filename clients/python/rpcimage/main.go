// Command rpcimage writes a protobuf FileDescriptorSet of google/rpc/status.proto
// and google/rpc/error_details.proto (with their imports any.proto and
// duration.proto) to the file named by its argument, for
// `make python-generate` to give to `buf generate`.
//
// The descriptors are the ones compiled into google.golang.org/genproto, the
// same that the server uses to build its error details, so the Python client
// decodes exactly what the server encodes. Debian has no package of the
// googleapis common protos for Python, and the repository keeps no copy of
// their .proto files; where pip's googleapis-common-protos is installed, the
// Python client uses it instead (clients/python/src/stancetag/_rpc.py).
package main

import (
	"fmt"
	"os"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rpcimage OUT.binpb")
		os.Exit(2)
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(set(
		status.File_google_rpc_status_proto,
		errdetails.File_google_rpc_error_details_proto,
	))
	if err == nil {
		err = os.WriteFile(os.Args[1], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rpcimage:", err)
		os.Exit(1)
	}
}

// set returns files and everything they import, each file after its imports,
// as protoc and buf expect.
func set(files ...protoreflect.FileDescriptor) *descriptorpb.FileDescriptorSet {
	fds := &descriptorpb.FileDescriptorSet{}
	seen := map[string]bool{}
	var add func(f protoreflect.FileDescriptor)
	add = func(f protoreflect.FileDescriptor) {
		if seen[f.Path()] {
			return
		}
		seen[f.Path()] = true
		imports := f.Imports()
		for i := range imports.Len() {
			add(imports.Get(i).FileDescriptor)
		}
		fds.File = append(fds.File, protodesc.ToFileDescriptorProto(f))
	}
	for _, f := range files {
		add(f)
	}
	return fds
}
