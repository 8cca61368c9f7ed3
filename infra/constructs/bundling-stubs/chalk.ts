/**
 * Stand-in for `chalk` (with `ansi-styles` and `color-convert`, ~20 KB), which
 * `@apollo/federation-internals` uses to colour its debug output. That output appears only with
 * `APOLLO_FEDERATION_DEBUG`, and Lambda's logs would not show colours anyway, but the debug
 * loggers are built at start-up: every style (`chalk.blue`, `chalk.bold.red`, …) is here a
 * function that returns its text unchanged.
 */
type Style = ((...text: unknown[]) => string) & { readonly [style: string]: Style };

const plain: Style = new Proxy((...text: unknown[]) => text.join(' '), {
  get: (target, property) => (property === 'prototype' ? Reflect.get(target, property) : plain),
}) as Style;

export default plain;
