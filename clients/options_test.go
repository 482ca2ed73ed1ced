package clients_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
)

// TestFileOptions pins the package options of stance.proto. Users import the
// generated code by these names, so a change breaks their builds although the
// wire and JSON forms stay the same. buf breaking does not check them (see
// buf.yaml): this test does.
func TestFileOptions(t *testing.T) {
	t.Parallel()
	opts, ok := stancev1.File_stance_v1_stance_proto.Options().(*descriptorpb.FileOptions)
	if !ok || opts == nil {
		t.Fatal("stance.proto has no file options")
	}
	want := &descriptorpb.FileOptions{
		CsharpNamespace:    proto.String("Stancetag.Stance.V1"),
		GoPackage:          proto.String("github.com/stancetag/stancetag/gen/stance/v1;stancev1"),
		JavaMultipleFiles:  proto.Bool(true),
		JavaOuterClassname: proto.String("StanceProto"),
		JavaPackage:        proto.String("dev.stancetag.stance.v1"),
		ObjcClassPrefix:    proto.String("STG"),
		PhpNamespace:       proto.String(`Stancetag\Stance\V1`),
		RubyPackage:        proto.String("Stancetag::Stance::V1"),
	}
	assert.True(t, proto.Equal(want, opts), "file options\n got: %v\nwant: %v", opts, want)
}
