import { bundleBudgetOf } from '#infra/config/bundling';
import { bundleLambda, LAMBDA_ENTRIES } from './lambda-bundle.ts';

// `npx tsx tests/bench/cold-start/bundle-report.ts [name…]`: builds each Lambda's bundle as CDK
// does and prints its size against its budget, what it still imports at run time, and its
// largest contributors from esbuild's metafile — where to look when a bundle grows.
const only = new Set(process.argv.slice(2));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
for (const lambda of LAMBDA_ENTRIES.filter((l) => only.size === 0 || only.has(l.name))) {
  const bundle = await bundleLambda(lambda);
  console.log(
    `${lambda.name}: ${kb(bundle.bytes)} (budget ${kb(bundleBudgetOf(lambda.name))}); ` +
      `imports at run time: ${bundle.externalImports.join(', ') || 'Node only'}`,
  );
  for (const [name, bytes] of bundle.largest) console.log(`  ${kb(bytes).padStart(9)}  ${name}`);
}
