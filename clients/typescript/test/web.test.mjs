// End-to-end tests of the browser client (src/web.mjs: fetch-based Connect
// and gRPC-Web transports of @connectrpc/connect-web) against a real server's
// --http-listen, with a bearer token as a web page would send it.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { badRequestViolations, Code, ConnectError, createStanceWebClient } from "../src/web.mjs";
import { startServer } from "./stancetag-server.mjs";

const token = "web-test-token-4f1c2a9e7d3b8c60";

/** @type {import("./stancetag-server.mjs").Server} */
let server;
/** @type {string} */
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "stancetag-web-"));
  const tokens = join(dir, "tokens");
  writeFileSync(tokens, `${token}\n`, { mode: 0o600 });
  server = await startServer(["--http-listen", "127.0.0.1:0", "--auth-token-file", tokens]);
  assert.ok(server.httpAddress, "the server logged its --http-listen address");
});

after(async () => {
  await server?.stop();
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** @type {import("@connectrpc/connect").Interceptor} */
const withToken = (next) => async (req) => {
  req.header.set("Authorization", `Bearer ${token}`);
  return next(req);
};

for (const [name, options] of /** @type {const} */ ([
  ["Connect JSON", { protocol: "connect" }],
  ["Connect binary", { protocol: "connect", binary: true }],
  ["gRPC-Web", { protocol: "grpc-web" }],
])) {
  describe(`web client over ${name}`, () => {
    /** @param {import("@connectrpc/connect").Interceptor[]} interceptors */
    const client = (interceptors) =>
      createStanceWebClient(`http://${server.httpAddress}`, { ...options, interceptors, timeoutMs: 15_000 });

    it("analyzes a statement", async () => {
      const text = "France backed Germany's proposal.";
      const res = await client([withToken]).analyze({ statements: [{ id: "w1", text }] });
      assert.equal(res.analyses.length, 1);
      const [a] = res.analyses;
      assert.equal(a.statementId, "w1");
      assert.deepEqual(
        a.relations.map((r) => `${r.holderId} -> ${r.targetId}`),
        ["country/FRA -> country/DEU"],
      );
      assert.match(res.lexiconVersion, /^lexicon\//);
    });

    it("reports a bad field with INVALID_ARGUMENT and its BadRequest", async () => {
      await assert.rejects(
        client([withToken]).analyze({ statements: [{ id: "ok", text: "Paris is calm." }, { id: "bad", text: "" }] }),
        (err) => {
          assert.ok(err instanceof ConnectError);
          assert.equal(err.code, Code.InvalidArgument);
          assert.deepEqual(badRequestViolations(err), [
            { field: "statements[1].text", description: "text is empty", reason: "TEXT_EMPTY" },
          ]);
          return true;
        },
      );
    });

    it("is refused without a token", async () => {
      await assert.rejects(client([]).analyze({ statements: [{ text: "Paris is calm." }] }), (err) => {
        assert.ok(err instanceof ConnectError);
        assert.equal(err.code, Code.Unauthenticated);
        return true;
      });
    });
  });
}
