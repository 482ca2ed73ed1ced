// Package @stancetag/client/web: a browser client for stance.v1.StanceService.
//
// Contract: createStanceWebClient returns a Connect client over fetch(), for
// a stancetag server's --http-listen address, speaking the Connect protocol
// (JSON, the default) or gRPC-Web. It imports nothing of Node, so bundlers
// can take it into a web page; Node >= 18 runs it too (the tests do). Calls
// from a page of another origin need the server's --http-cors-origins.
// Messages, errors and badRequestViolations are those of ./client.mjs.

import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { StanceService } from "./gen/stance/v1/stance_pb.js";

export * from "./gen/stance/v1/stance_pb.js";
export { badRequestViolations, BadRequestSchema } from "./errors.mjs";
export { Code, ConnectError } from "@connectrpc/connect";

/**
 * @typedef {object} StanceWebClientOptions
 * @property {"connect" | "grpc-web"} [protocol] Default "connect".
 * @property {boolean} [binary] Send protobuf instead of JSON (Connect only;
 *   gRPC-Web is always binary). Default false: JSON, readable in the
 *   browser's network panel.
 * @property {number} [timeoutMs] Deadline of every call that sets none.
 * @property {import("@connectrpc/connect").Interceptor[]} [interceptors]
 *   Run on every call: an "Authorization: Bearer …" header, for instance.
 */

/**
 * createStanceWebClient returns a client of the server at baseUrl, the
 * URL of its --http-listen ("https://stancetag.example.com").
 *
 * @param {string} baseUrl
 * @param {StanceWebClientOptions} [options]
 * @returns {import("@connectrpc/connect").Client<typeof StanceService>}
 */
export function createStanceWebClient(baseUrl, options = {}) {
  const common = {
    baseUrl,
    interceptors: options.interceptors,
    defaultTimeoutMs: options.timeoutMs,
  };
  const transport =
    options.protocol === "grpc-web"
      ? createGrpcWebTransport(common)
      : createConnectTransport({ ...common, useBinaryFormat: options.binary ?? false });
  return createClient(StanceService, transport);
}
