/**
 * Stand-in for `make-fetch-happen`, the HTTP client `@apollo/gateway` builds in every
 * `RemoteGraphQLDataSource` constructor and for Apollo Uplink. Our subgraph transport passes its
 * own fetcher and the supergraph is static, so this one is created but never called; leaving
 * the real one out drops its HTTP cache, proxy agents and `iconv-lite` from the bundle.
 */
function unusedFetch(): never {
  throw new Error('make-fetch-happen is left out of this bundle: pass a fetcher');
}

/** Mirrors `makeFetchHappen.defaults(options)`, which returns a configured fetch. */
unusedFetch.defaults = (): typeof unusedFetch => unusedFetch;

export default unusedFetch;
