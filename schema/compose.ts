import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './composition.ts';

// `npm run compose`: regenerates the committed supergraph and SDL modules.
for (const [path, content] of Object.entries(composeSupergraph())) {
  writeFileSync(new URL(path, import.meta.url), content);
  console.log(`wrote schema/${path}`);
}
