// Decoding of google.rpc.BadRequest, the error detail stancetag attaches to
// INVALID_ARGUMENT errors (one field violation per bad field, e.g.
// `statements[3].text`).
//
// protobuf-es ships no google.rpc types and the Buf Schema Registry is not
// used, so the two messages are described here at run time, field for field
// as published in googleapis google/rpc/error_details.proto (only the fields
// stancetag sends: field, description, reason; the decoder skips the others).

import { create, createFileRegistry } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import { ConnectError } from "@connectrpc/connect";

const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "google/rpc/error_details.proto",
    package: "google.rpc",
    syntax: "proto3",
    messageType: [
      {
        name: "BadRequest",
        field: [
          {
            name: "field_violations",
            jsonName: "fieldViolations",
            number: 1,
            label: Label.REPEATED,
            type: Type.MESSAGE,
            typeName: ".google.rpc.BadRequest.FieldViolation",
          },
        ],
        nestedType: [
          {
            name: "FieldViolation",
            field: [
              { name: "field", jsonName: "field", number: 1, label: Label.OPTIONAL, type: Type.STRING },
              { name: "description", jsonName: "description", number: 2, label: Label.OPTIONAL, type: Type.STRING },
              { name: "reason", jsonName: "reason", number: 3, label: Label.OPTIONAL, type: Type.STRING },
            ],
          },
        ],
      },
    ],
  }),
  () => undefined,
);

/**
 * Descriptor of google.rpc.BadRequest, for ConnectError.findDetails().
 */
export const BadRequestSchema = /** @type {import("@bufbuild/protobuf").DescMessage} */ (
  registry.getMessage("google.rpc.BadRequest")
);

/**
 * @typedef {object} FieldViolation
 * @property {string} field Path of the bad field, e.g. "statements[0].text".
 * @property {string} description Why it is bad, for a human.
 * @property {string} reason Machine-readable cause, e.g. "TEXT_EMPTY" (the
 *   server's Reason* constants); "" when the server sends none.
 */

/**
 * badRequestViolations returns the field violations carried by err's
 * google.rpc.BadRequest details, in order; [] when err is not a ConnectError
 * or carries no such detail.
 *
 * @param {unknown} err
 * @returns {FieldViolation[]}
 */
export function badRequestViolations(err) {
  if (!(err instanceof ConnectError)) {
    return [];
  }
  return err.findDetails(BadRequestSchema).flatMap((detail) =>
    /** @type {{fieldViolations: FieldViolation[]}} */ (/** @type {unknown} */ (detail)).fieldViolations.map(
      (v) => ({ field: v.field, description: v.description, reason: v.reason }),
    ),
  );
}
