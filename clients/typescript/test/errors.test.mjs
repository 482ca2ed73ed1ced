// Unit tests of badRequestViolations on errors built here, byte for byte as
// a gRPC server sends them (google.rpc.BadRequest in the status details). No
// server needed; client.test.mjs checks the real server's errors.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { create, toBinary } from "@bufbuild/protobuf";
import { BadRequestSchema, badRequestViolations, Code, ConnectError } from "../src/client.mjs";

/**
 * withDetail returns an INVALID_ARGUMENT error carrying one detail, as the
 * gRPC transport hands it over after reading grpc-status-details-bin.
 *
 * @param {string} type
 * @param {Uint8Array} value
 */
function withDetail(type, value) {
  const err = new ConnectError("invalid request", Code.InvalidArgument);
  err.details.push({ type, value });
  return err;
}

describe("badRequestViolations", () => {
  it("decodes every violation, in order", () => {
    const value = toBinary(
      BadRequestSchema,
      create(BadRequestSchema, {
        fieldViolations: [
          { field: "statements[1].text", description: "text is empty", reason: "TEXT_EMPTY" },
          { field: "statements[4].actors[0].name", description: "name is empty", reason: "ACTOR_NAME_EMPTY" },
        ],
      }),
    );
    assert.deepEqual(badRequestViolations(withDetail("google.rpc.BadRequest", value)), [
      { field: "statements[1].text", description: "text is empty", reason: "TEXT_EMPTY" },
      { field: "statements[4].actors[0].name", description: "name is empty", reason: "ACTOR_NAME_EMPTY" },
    ]);
  });

  it("skips fields it does not describe", () => {
    // FieldViolation.localized_message (4, a message) is not described
    // here; a server that sends it must not break decoding. Hand-encoded:
    // field 1 = "a", field 4 = {} , field 3 = "R".
    const violation = Uint8Array.of(0x0a, 0x01, 0x61, 0x22, 0x00, 0x1a, 0x01, 0x52);
    const value = Uint8Array.of(0x0a, violation.length, ...violation);
    assert.deepEqual(badRequestViolations(withDetail("google.rpc.BadRequest", value)), [
      { field: "a", description: "", reason: "R" },
    ]);
  });

  it("ignores details of other types", () => {
    // google.rpc.ErrorInfo travels next to BadRequest in stancetag's errors.
    assert.deepEqual(badRequestViolations(withDetail("google.rpc.ErrorInfo", Uint8Array.of(0x0a, 0x01, 0x58))), []);
  });

  it("returns [] for errors without details and for non-Connect errors", () => {
    assert.deepEqual(badRequestViolations(new ConnectError("boom", Code.Internal)), []);
    assert.deepEqual(badRequestViolations(new Error("boom")), []);
    assert.deepEqual(badRequestViolations(undefined), []);
  });
});
