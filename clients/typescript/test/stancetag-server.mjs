// Test support: a stancetag server to run the client tests against.
//
// STANCETAG_ADDR=host:port  use an already running server (nothing started).
// STANCETAG_BIN=path        start `path serve --listen 127.0.0.1:0` and read the
//                           address it bound from its JSON "serving" log line
//                           on stderr; with an --http-listen argument, the
//                           HTTP address from the "http serving" line too.
// STANCETAG_HTTP_ADDR       with STANCETAG_ADDR: the server's --http-listen.
// Neither set: the tests fail, saying so (they are end-to-end tests; there is
// nothing to test without a server).

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const startTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;

/**
 * @typedef {object} Server
 * @property {string} address host:port the server listens on.
 * @property {string} httpAddress host:port of its --http-listen, or "".
 * @property {() => Promise<void>} stop Stops the server if we started it.
 */

/**
 * startServer returns a running server (see the file comment).
 *
 * @param {string[]} [args] more arguments of `stancetag serve`, such as
 *   ["--http-listen", "127.0.0.1:0"].
 * @returns {Promise<Server>}
 */
export async function startServer(args = []) {
  const addr = process.env.STANCETAG_ADDR;
  if (addr) {
    return { address: addr, httpAddress: process.env.STANCETAG_HTTP_ADDR ?? "", stop: async () => {} };
  }
  const bin = process.env.STANCETAG_BIN;
  if (!bin) {
    throw new Error(
      "set STANCETAG_BIN to a built stancetag binary (make ts-test does) or STANCETAG_ADDR to a running server",
    );
  }
  // Bound to 127.0.0.1 port 0: parallel runs never collide.
  const child = spawn(bin, ["serve", "--listen", "127.0.0.1:0", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  /** @type {Promise<[number | null, NodeJS.Signals | null]>} */
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
  /** @type {Promise<never>} */
  const spawnFailed = new Promise((_, reject) => child.once("error", reject));
  spawnFailed.catch(() => {}); // handled by the race below; never unhandled later
  // Should the test process end without stop() (a crash, process.exit), the
  // server must not outlive it.
  const reap = () => child.kill("SIGKILL");
  process.once("exit", reap);
  exited.then(() => process.off("exit", reap));
  /** @type {string[]} */
  const log = [];
  /** @type {{http: string}} */
  const seen = { http: "" };
  try {
    const address = await Promise.race([
      listenAddress(child, log, seen),
      spawnFailed,
      exited.then(([code, signal]) => {
        throw new Error(`${bin} serve exited (${signal ?? code}) before listening`);
      }),
      rejectAfter(startTimeoutMs, `${bin} serve logged no listen address within ${startTimeoutMs} ms`),
    ]);
    // Keep draining stderr so a chatty server never blocks on a full pipe.
    child.stderr?.resume();
    // The server logs "http serving" before "serving".
    return { address, httpAddress: seen.http, stop: () => stop(child, exited) };
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${/** @type {Error} */ (err).message}; its stderr:\n${log.join("\n")}`, { cause: err });
  }
}

/**
 * listenAddress resolves with the address in the server's "serving" log line
 * (cmd/stancetag/serve.go): {"msg":"serving","addr":"127.0.0.1:41873",...}.
 *
 * @param {import("node:child_process").ChildProcess} child
 * @param {string[]} log receives every stderr line, for error messages.
 * @param {{http: string}} seen receives the address of the "http serving"
 *   line, when there is one.
 * @returns {Promise<string>}
 */
async function listenAddress(child, log, seen) {
  if (!child.stderr) {
    throw new Error("server stderr is not piped");
  }
  for await (const line of createInterface({ input: child.stderr })) {
    log.push(line);
    seen.http ||= addrOf(line, "http serving");
    const addr = addrOf(line);
    if (addr) {
      return addr;
    }
  }
  throw new Error("server closed stderr before logging its listen address");
}

/**
 * addrOf returns the listen address logged on line with message msg (the
 * gRPC address of "serving" by default), or "".
 *
 * @param {string} line
 * @param {string} [want]
 * @returns {string}
 */
export function addrOf(line, want = "serving") {
  /** @type {unknown} */
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return "";
  }
  if (typeof rec !== "object" || rec === null) {
    return "";
  }
  // Only the "serving" line: the error line of a failed listen carries the
  // requested address (port 0) under the same key.
  const { msg, addr } = /** @type {Record<string, unknown>} */ (rec);
  return msg === want && typeof addr === "string" ? addr : "";
}

/**
 * stop sends SIGTERM (graceful stop) and escalates to SIGKILL when the server
 * has not exited within stopTimeoutMs.
 *
 * @param {import("node:child_process").ChildProcess} child
 * @param {Promise<unknown>} exited
 */
async function stop(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<never>}
 */
function rejectAfter(ms, message) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}
