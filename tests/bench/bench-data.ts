import { DATA_SET_NAMES, dataSetDir, ensureDataSet } from './world/data-sets.ts';
import { DATA_SETS, type DataSetName } from './world/scaled-world.ts';

// `npm run bench:data [-- --force] [-- national]`: generates the benchmark's data sets, each
// into its own folder (`.data/bench/data-sets/<name>`), from a fixed seed, through the
// subgraphs' own seeders. `npm run bench` does this by itself for any that are missing or
// outdated. A data set's folder is laid out like `npm start`'s, so
// `DATA_DIR=.data/bench/data-sets/national npm start` serves the national data set.
const started = Date.now();
const log = (message: string) =>
  console.log(
    `[bench:data] ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s  ${message}`,
  );

const named = process.argv.slice(2).filter((arg): arg is DataSetName => arg in DATA_SETS);
for (const name of named.length > 0 ? named : DATA_SET_NAMES) {
  const marker = await ensureDataSet(name, {
    force: process.argv.includes('--force'),
    onProgress: log,
  });
  log(`${name}: ${marker.items} items in ${dataSetDir(name)}`);
}
