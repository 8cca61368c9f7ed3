/**
 * Stand-in for `node-fetch` v2, which `@apollo/gateway` uses only for its `Headers` class:
 * Node 22's own WHATWG classes do the same job without pulling `whatwg-url` and `tr46`.
 */
export const Headers = globalThis.Headers;
/** Node's own `Request`. */
export const Request = globalThis.Request;
/** Node's own `Response`. */
export const Response = globalThis.Response;
/** Node's own `fetch`. */
export default globalThis.fetch;
