// Package @stancetag/client: a Node client for stance.v1.StanceService.
//
// Contract: createStanceClient returns a Connect client speaking real gRPC
// (HTTP/2, binary protobuf) to a stancetag server, so it talks to the grpc-go
// server directly, without a proxy. Messages are the protobuf-es v2 types
// generated into ./gen by `buf generate --template buf.gen.ts.yaml`; the client
// adds nothing to them. Errors are ConnectError values whose `code` is the gRPC
// status code; badRequestViolations (./errors.mjs) decodes the
// google.rpc.BadRequest detail of INVALID_ARGUMENT errors.

import { createClient } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { StanceService } from "./gen/stance/v1/stance_pb.js";

export * from "./gen/stance/v1/stance_pb.js";
export { badRequestViolations, BadRequestSchema } from "./errors.mjs";
export { Code, ConnectError } from "@connectrpc/connect";

/**
 * @typedef {import("@connectrpc/connect").Client<typeof StanceService>} StanceServiceClient
 *
 * @typedef {StanceServiceClient & { close(): void }} StanceClient
 *   A StanceService client whose close() ends its HTTP/2 connection (and any
 *   call still open on it). Node keeps running while the connection is open,
 *   so scripts and tests call close() when done.
 *
 * @typedef {object} StanceClientOptions
 * @property {number} [timeoutMs] Deadline applied to every call, in
 *   milliseconds, unless the call sets its own `timeoutMs`. Default: none.
 * @property {import("@connectrpc/connect").Interceptor[]} [interceptors]
 *   Interceptors run on every call (auth headers, logging, retries).
 * @property {import("node:http2").SecureClientSessionOptions} [tls] Options
 *   for node:http2 connect() (CA, client certificate); only used with an
 *   https:// address.
 */

/**
 * createStanceClient connects to a stancetag server.
 *
 * The connection is opened lazily on the first call and reused by all calls,
 * concurrent ones included.
 *
 * @param {string} address "host:port" (plaintext HTTP/2, as `stancetag serve`
 *   listens by default), ":port" for localhost, or a full "http://host:port" /
 *   "https://host:port" URL.
 * @param {StanceClientOptions} [options]
 * @returns {StanceClient}
 */
export function createStanceClient(address, options = {}) {
  const baseUrl = baseUrlOf(address);
  // Our own session manager, so that close() can end the connection: the
  // transport would otherwise keep it open for its idle timeout (15 minutes).
  const sessionManager = new Http2SessionManager(baseUrl, {}, options.tls);
  const transport = createGrpcTransport({
    baseUrl,
    sessionManager,
    interceptors: options.interceptors,
    defaultTimeoutMs: options.timeoutMs,
  });
  const client = createClient(StanceService, transport);
  return Object.assign(client, {
    close() {
      sessionManager.abort();
    },
  });
}

/**
 * baseUrlOf turns a gRPC-style address into the URL the transport needs.
 *
 * @param {string} address
 * @returns {string}
 */
export function baseUrlOf(address) {
  const a = address.trim();
  if (a === "") {
    throw new TypeError("stancetag client: empty server address (want host:port)");
  }
  if (/^https?:\/\//.test(a)) {
    return a;
  }
  if (a.includes("://")) {
    throw new TypeError(`stancetag client: address ${JSON.stringify(address)}: only http:// and https:// are supported`);
  }
  // ":50051" is how Go spells "every interface, port 50051"; from a client
  // that means this machine.
  return a.startsWith(":") ? `http://localhost${a}` : `http://${a}`;
}
