// Unit tests of baseUrlOf: the address forms users pass to
// createStanceClient. No server needed.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { baseUrlOf } from "../src/client.mjs";

describe("baseUrlOf", () => {
  const cases = [
    { in: "localhost:50051", want: "http://localhost:50051" },
    // Go's "all interfaces" listen form, as in `stancetag serve --listen :50051`.
    { in: ":50051", want: "http://localhost:50051" },
    { in: "[::1]:50051", want: "http://[::1]:50051" },
    // Pasted with a trailing newline from a log or a file.
    { in: "10.0.0.7:50051\n", want: "http://10.0.0.7:50051" },
    { in: "https://stance.example.org", want: "https://stance.example.org" },
    { in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080" },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.in)} -> ${c.want}`, () => assert.equal(baseUrlOf(c.in), c.want));
  }

  it("rejects an empty address and other schemes", () => {
    assert.throws(() => baseUrlOf(" "), TypeError);
    // The transport speaks TCP only; unix sockets would need another session manager.
    assert.throws(() => baseUrlOf("unix:///tmp/stance.sock"), TypeError);
  });
});
