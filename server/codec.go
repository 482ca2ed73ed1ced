package server

import (
	"fmt"
	"sync"

	"google.golang.org/grpc/encoding"
	grpcproto "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
)

// utf8Codec is grpc-go's proto codec, except for requests whose string
// fields hold invalid UTF-8. protobuf-go refuses to decode those, and
// grpc-go turns any decoding error into INTERNAL ("error unmarshalling
// request") before a handler runs, so the client would not learn which
// field was wrong. utf8Codec decodes such a request anyway, with the bytes
// as sent, so that validation answers INVALID_ARGUMENT with a BadRequest
// naming the field, as for any other bad input.
//
// Only the UTF-8 check is relaxed: the fallback decodes the request as a
// "mirror" message whose string fields are bytes fields (the same wire
// format), and a request it cannot decode either gets the original error.
// Strings in messages of other files (imports) are not relaxed.
type utf8Codec struct {
	encoding.CodecV2
}

func newUTF8Codec() utf8Codec {
	return utf8Codec{CodecV2: encoding.GetCodecV2(grpcproto.Name)}
}

// Unmarshal decodes data into v, falling back to decodeRelaxed when the
// proto codec fails. A *wireRequest (request.go) only keeps the bytes: the
// service decodes them itself, after authorizing the call, and never fails
// here.
func (c utf8Codec) Unmarshal(data mem.BufferSlice, v any) error {
	if w, ok := v.(*wireRequest); ok {
		w.receive(data)
		return nil
	}
	err := c.CodecV2.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	m, ok := v.(proto.Message)
	if !ok {
		return err
	}
	if decodeRelaxed(data.Materialize(), m) != nil {
		return err
	}
	return nil
}

// decodeRelaxed decodes b into m without checking that strings are UTF-8.
func decodeRelaxed(b []byte, m proto.Message) error {
	md := m.ProtoReflect().Descriptor()
	mirror, err := mirrorOf(md)
	if err != nil {
		return err
	}
	dyn := dynamicpb.NewMessage(mirror)
	if err := proto.Unmarshal(b, dyn); err != nil {
		return err
	}
	proto.Reset(m)
	return copyRelaxed(m.ProtoReflect(), dyn)
}

// mirrors caches mirrorOf by the message's full name.
var mirrors sync.Map // protoreflect.FullName -> mirrorResult

type mirrorResult struct {
	md  protoreflect.MessageDescriptor
	err error
}

// mirrorOf returns the descriptor of md in a copy of its file where every
// string field is a bytes field.
func mirrorOf(md protoreflect.MessageDescriptor) (protoreflect.MessageDescriptor, error) {
	if r, ok := mirrors.Load(md.FullName()); ok {
		res := r.(mirrorResult)
		return res.md, res.err
	}
	res := buildMirror(md)
	mirrors.Store(md.FullName(), res)
	return res.md, res.err
}

func buildMirror(md protoreflect.MessageDescriptor) mirrorResult {
	fdp := protodesc.ToFileDescriptorProto(md.ParentFile())
	// The copy is never registered; its own name keeps it apart from the
	// original in error messages.
	fdp.Name = proto.String(fdp.GetName() + "#relaxed-utf8")
	for _, m := range fdp.GetMessageType() {
		stringsToBytes(m)
	}
	fd, err := protodesc.NewFile(fdp, protoregistry.GlobalFiles)
	if err != nil {
		return mirrorResult{err: fmt.Errorf("server: mirror of %s: %w", md.FullName(), err)}
	}
	mirror := findMessage(fd, md)
	if mirror == nil {
		return mirrorResult{err: fmt.Errorf("server: mirror of %s: not found", md.FullName())}
	}
	return mirrorResult{md: mirror}
}

// findMessage finds the counterpart of md, top-level or nested, in fd.
func findMessage(fd protoreflect.FileDescriptor, md protoreflect.MessageDescriptor) protoreflect.MessageDescriptor {
	var path []protoreflect.Name
	for d := protoreflect.Descriptor(md); d != nil; d = d.Parent() {
		if _, ok := d.(protoreflect.FileDescriptor); ok {
			break
		}
		path = append([]protoreflect.Name{d.Name()}, path...)
	}
	if len(path) == 0 {
		return nil
	}
	cur := fd.Messages().ByName(path[0])
	for _, name := range path[1:] {
		if cur == nil {
			return nil
		}
		cur = cur.Messages().ByName(name)
	}
	return cur
}

// stringsToBytes makes every string field of m and its nested messages a
// bytes field, but for map keys, which cannot be bytes (a map key with
// invalid UTF-8 still fails to decode).
func stringsToBytes(m *descriptorpb.DescriptorProto) {
	for _, f := range m.GetField() {
		if m.GetOptions().GetMapEntry() && f.GetNumber() == 1 {
			continue
		}
		if f.GetType() == descriptorpb.FieldDescriptorProto_TYPE_STRING {
			f.Type = descriptorpb.FieldDescriptorProto_TYPE_BYTES.Enum()
		}
	}
	for _, n := range m.GetNestedType() {
		stringsToBytes(n)
	}
}

// copyRelaxed copies every field of src (a mirror message) into dst (the
// real one), turning bytes back into strings, and keeps unknown fields.
func copyRelaxed(dst, src protoreflect.Message) error {
	fields := dst.Descriptor().Fields()
	var err error
	src.Range(func(sfd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		fd := fields.ByNumber(sfd.Number())
		if fd == nil {
			err = fmt.Errorf("server: field %d of %s has no counterpart", sfd.Number(), dst.Descriptor().FullName())
			return false
		}
		switch {
		case fd.IsList():
			err = copyList(dst.Mutable(fd).List(), v.List(), fd)
		case fd.IsMap():
			err = copyMap(dst.Mutable(fd).Map(), v.Map(), fd)
		case fd.Message() != nil:
			err = copyRelaxed(dst.Mutable(fd).Message(), v.Message())
		default:
			dst.Set(fd, scalar(fd, v))
		}
		return err == nil
	})
	if err != nil {
		return err
	}
	if u := src.GetUnknown(); len(u) > 0 {
		dst.SetUnknown(u)
	}
	return nil
}

func copyList(dst, src protoreflect.List, fd protoreflect.FieldDescriptor) error {
	for i := range src.Len() {
		if fd.Message() != nil {
			e := dst.NewElement()
			if err := copyRelaxed(e.Message(), src.Get(i).Message()); err != nil {
				return err
			}
			dst.Append(e)
			continue
		}
		dst.Append(scalar(fd, src.Get(i)))
	}
	return nil
}

func copyMap(dst, src protoreflect.Map, fd protoreflect.FieldDescriptor) error {
	var err error
	src.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
		key := k // keys stay strings in the mirror
		if vd := fd.MapValue(); vd.Message() != nil {
			e := dst.NewValue()
			if err = copyRelaxed(e.Message(), v.Message()); err != nil {
				return false
			}
			dst.Set(key, e)
			return true
		}
		dst.Set(key, scalar(fd.MapValue(), v))
		return true
	})
	return err
}

// scalar converts a mirror's value for field fd: bytes back to a string
// where fd is a string field.
func scalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	if fd.Kind() == protoreflect.StringKind {
		return protoreflect.ValueOfString(string(v.Bytes()))
	}
	return v
}
