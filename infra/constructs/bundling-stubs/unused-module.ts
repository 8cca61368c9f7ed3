/**
 * Stand-in for a package that a dependency `require`s at start-up but whose exports this
 * deployment never calls: Apollo's usage telemetry (OpenTelemetry SDK, exporters, cloud resource
 * detectors — off by `APOLLO_TELEMETRY_DISABLED`), composition (the supergraph is static),
 * query-plan graph rendering and pretty-printing (only with the gateway's `debug` option, which
 * is off). A call would fail loudly on `undefined`.
 */
export {};
