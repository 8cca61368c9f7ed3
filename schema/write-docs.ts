import { mkdirSync, writeFileSync } from 'node:fs';
import { authorisationDoc } from './authorisation-doc.ts';
import { personalFieldNamesModule } from './personal-field-names.ts';

// `npm run docs`: regenerates the documents made from the code (who may see what).
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/authorisation.md', import.meta.url), authorisationDoc());
console.log('wrote docs/authorisation.md');
writeFileSync(
  new URL('../subgraphs/kernel/personal-field-names.ts', import.meta.url),
  personalFieldNamesModule(),
);
console.log('wrote subgraphs/kernel/personal-field-names.ts');
