// End-to-end tests of the client against a real stancetag server (see
// stancetag-server.mjs for how the server is found or started). They check
// what the client adds or must get right — transport, streaming, offsets as
// JS sees them, error codes and details — not the classifier's judgement.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  ActorKind,
  badRequestViolations,
  Code,
  ConnectError,
  createStanceClient,
  OffsetEncoding,
} from "../src/client.mjs";
import { startServer } from "./stancetag-server.mjs";

/** @type {import("./stancetag-server.mjs").Server} */
let server;
/** @type {import("../src/client.mjs").StanceClient} */
let client;

before(async () => {
  server = await startServer();
  client = createStanceClient(server.address, { timeoutMs: 15_000 });
});

after(async () => {
  client?.close();
  await server?.stop();
});

/**
 * mentionIds returns the distinct actor ids of an analysis's mentions.
 *
 * @param {import("../src/client.mjs").Analysis} analysis
 */
function mentionIds(analysis) {
  return [...new Set(analysis.mentions.map((m) => m.actorId))].sort();
}

describe("Analyze", () => {
  it("echoes the statement id and reports mentions with spans", async () => {
    const text = "France backed Germany's proposal.";
    const res = await client.analyze({ statements: [{ id: "s-1", text }] });

    assert.equal(res.analyses.length, 1);
    const [a] = res.analyses;
    assert.equal(a.statementId, "s-1");
    // Gazetteer ids are part of the public contract (API.md).
    assert.deepEqual(mentionIds(a), ["country/DEU", "country/FRA"]);
    // One target per mentioned actor.
    assert.deepEqual(a.targets.map((t) => t.actorId).sort(), mentionIds(a));
    for (const m of a.mentions) {
      // ASCII text: UTF-8 byte offsets (the default) equal JS string indexes.
      assert.ok(m.span, `mention ${m.actorId} has no span`);
      assert.equal(text.slice(m.span.begin, m.span.end), m.text);
    }
  });

  it("returns one analysis per statement, in request order", async () => {
    const statements = [
      { id: "b", text: "Germany criticised the decision." },
      { id: "a", text: "The weather in the capital was mild on Tuesday." },
      { id: "c", text: "France welcomed the agreement." },
    ];
    const res = await client.analyze({ statements });
    assert.deepEqual(
      res.analyses.map((a) => a.statementId),
      ["b", "a", "c"],
    );
  });

  // Each case puts non-ASCII text before the mention, so the three encodings
  // give three different offsets; only the requested one may index the text.
  const text = "🇺🇦✊ Délégués said Nordwind Energy welcomed the ruling.";
  const actor = { id: "nordwind", name: "Nordwind Energy", kind: ActorKind.ORGANIZATION };
  const utf8Begin = Buffer.byteLength(text.slice(0, text.indexOf("Nordwind")));
  /** @type {{name: string, encoding: OffsetEncoding, slice: (s: string, b: number, e: number) => string}[]} */
  const cases = [
    {
      name: "UTF16 indexes the JS string",
      encoding: OffsetEncoding.UTF16,
      slice: (s, b, e) => s.slice(b, e),
    },
    {
      name: "CODE_POINT indexes the code point array",
      encoding: OffsetEncoding.CODE_POINT,
      slice: (s, b, e) => Array.from(s).slice(b, e).join(""),
    },
    {
      name: "UTF8 indexes the UTF-8 bytes",
      encoding: OffsetEncoding.UTF8,
      slice: (s, b, e) => Buffer.from(s).subarray(b, e).toString(),
    },
  ];
  for (const c of cases) {
    it(`spans in offset encoding ${c.name}`, async () => {
      const res = await client.analyze({
        statements: [{ id: "emoji", text, actors: [actor] }],
        options: { offsetEncoding: c.encoding, disableGazetteer: true },
      });
      const mentions = res.analyses[0].mentions.filter((m) => m.actorId === "nordwind");
      assert.equal(mentions.length, 1, "want exactly one mention of the caller's actor");
      const { span, text: got } = mentions[0];
      assert.ok(span);
      assert.equal(got, "Nordwind Energy");
      assert.equal(c.slice(text, span.begin, span.end), got);
      if (c.encoding !== OffsetEncoding.UTF8) {
        // Guards the test itself: were the server to send byte offsets, the
        // slice above must not have matched by accident.
        assert.notEqual(span.begin, utf8Begin);
      }
    });
  }

  it("fails an empty text with InvalidArgument naming the field", async () => {
    const err = await rejection(
      client.analyze({
        statements: [
          { id: "ok", text: "Germany criticised the decision." },
          { id: "empty", text: "" },
        ],
      }),
    );
    assert.equal(err.code, Code.InvalidArgument, err.message);
    assertViolation(err, "statements[1].text", "TEXT_EMPTY");
  });
});

describe("AnalyzeStream", () => {
  const subjects = ["France", "Germany", "NATO", "Russia", "The European Union"];
  const verbs = ["backed", "condemned", "praised", "rejected", "discussed"];
  const statements = Array.from({ length: 50 }, (_, i) => ({
    id: `st-${i}`,
    // Varied lengths, so a server answering out of order would be caught;
    // an emoji in front of every third, so UTF-16 offsets differ from bytes.
    text:
      (i % 3 === 0 ? "📰 " : "") +
      `${subjects[i % 5]} ${verbs[Math.floor(i / 5) % 5]} the proposal` +
      " on trade".repeat(i % 7) +
      ".",
  }));

  it("returns 50 analyses in request order", async () => {
    async function* requests() {
      for (const [i, statement] of statements.entries()) {
        // Actors and options only on the first message: they hold for the
        // whole stream.
        yield i === 0
          ? {
              statement,
              actors: [{ id: "proposal", name: "proposal", kind: ActorKind.OTHER }],
              options: { offsetEncoding: OffsetEncoding.UTF16 },
            }
          : { statement };
      }
    }
    /** @type {string[]} */
    const ids = [];
    for await (const res of client.analyzeStream(requests())) {
      assert.ok(res.analysis);
      ids.push(res.analysis.statementId);
      const st = statements[ids.length - 1];
      assert.ok(
        res.analysis.mentions.some((m) => m.actorId === "proposal"),
        `${st.id}: the stream's caller actor is not mentioned`,
      );
      for (const m of res.analysis.mentions) {
        assert.ok(m.span);
        assert.equal(st.text.slice(m.span.begin, m.span.end), m.text, `${st.id}: ${m.actorId}`);
      }
    }
    assert.deepEqual(
      ids,
      statements.map((s) => s.id),
    );
  });

  it("ends with InvalidArgument at a bad statement, after the good ones", async () => {
    async function* requests() {
      yield { statement: statements[0] };
      yield { statement: statements[1] };
      yield { statement: { id: "blank", text: "   " } };
      yield { statement: statements[3] };
    }
    /** @type {(string | undefined)[]} */
    const ids = [];
    const err = await rejection(
      (async () => {
        for await (const res of client.analyzeStream(requests())) {
          ids.push(res.analysis?.statementId);
        }
      })(),
    );
    assert.equal(err.code, Code.InvalidArgument, err.message);
    assert.deepEqual(ids, ["st-0", "st-1"]);
    // Stream positions are named "statement[i]", batch indexes "statements[i]".
    assertViolation(err, "statement[2].text", "TEXT_EMPTY");
  });
});

describe("ListActors", () => {
  it("pages through the whole gazetteer in id order", async () => {
    /** @type {string[]} */
    const ids = [];
    let pageToken = "";
    let total = -1;
    let pages = 0;
    do {
      // A small page size, so the test crosses page boundaries.
      const res = await client.listActors({ pageSize: 50, pageToken });
      assert.ok(res.actors.length <= 50);
      total = res.totalSize;
      ids.push(...res.actors.map((a) => a.id));
      pageToken = res.nextPageToken;
      pages++;
      assert.ok(pages <= 1000, "next_page_token never ran out");
    } while (pageToken !== "");

    assert.equal(ids.length, total);
    assert.deepEqual(ids, [...ids].sort(), "actors not ordered by id");
    assert.equal(new Set(ids).size, ids.length, "an actor appeared on two pages");
    for (const id of ["country/DEU", "country/FRA"]) {
      assert.ok(ids.includes(id), `gazetteer lacks ${id}`);
    }
  });

  it("rejects a negative page size with InvalidArgument", async () => {
    const err = await rejection(client.listActors({ pageSize: -1 }));
    assert.equal(err.code, Code.InvalidArgument, err.message);
    assertViolation(err, "page_size", "PAGE_SIZE_NEGATIVE");
  });
});

/**
 * rejection awaits p and returns the ConnectError it rejects with; it fails
 * the test when p resolves or rejects with anything else.
 *
 * @param {Promise<unknown>} p
 * @returns {Promise<ConnectError>}
 */
async function rejection(p) {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ConnectError, `want a ConnectError, got ${err}`);
    return err;
  }
  assert.fail("call succeeded, want an error");
}

/**
 * assertViolation fails unless err carries a google.rpc.BadRequest field
 * violation for field with the given reason (the server's documented Reason*
 * constants, which clients may switch on).
 *
 * @param {ConnectError} err
 * @param {string} field
 * @param {string} reason
 */
function assertViolation(err, field, reason) {
  const violations = badRequestViolations(err);
  const v = violations.find((x) => x.field === field);
  assert.ok(v, `want a BadRequest violation for ${field}, got ${JSON.stringify(violations)}`);
  assert.equal(v.reason, reason);
  assert.notEqual(v.description, "", "violation without a description");
}
