#!/usr/bin/env node
// example.mjs: analyse one statement with a running stancetag server.
//
//   node example.mjs ADDR TEXT      e.g. node example.mjs localhost:50051 "France backed Germany's proposal."
//
// Prints the Analysis as protojson (the same field names as `stancetag
// analyze`), with evidence, spans in UTF-8 byte offsets (the server default).
// Exits 1 on an RPC error, 2 on bad usage.

import { toJsonString } from "@bufbuild/protobuf";
import {
  AnalysisSchema,
  badRequestViolations,
  Code,
  ConnectError,
  createStanceClient,
} from "./src/client.mjs";

const [address, text, ...extra] = process.argv.slice(2);
if (!address || text === undefined || extra.length > 0) {
  process.stderr.write("usage: node example.mjs ADDR TEXT\n");
  process.exit(2);
}

const client = createStanceClient(address, { timeoutMs: 10_000 });
try {
  const res = await client.analyze({
    statements: [{ id: "example", text }],
    options: { includeEvidence: true },
  });
  for (const analysis of res.analyses) {
    process.stdout.write(toJsonString(AnalysisSchema, analysis, { prettySpaces: 2 }) + "\n");
  }
} catch (err) {
  if (!(err instanceof ConnectError)) {
    throw err;
  }
  process.stderr.write(`example: ${address}: ${Code[err.code]}: ${err.rawMessage}\n`);
  for (const v of badRequestViolations(err)) {
    process.stderr.write(`  ${v.field}: ${v.description}${v.reason ? ` (${v.reason})` : ""}\n`);
  }
  process.exitCode = 1;
} finally {
  client.close();
}
