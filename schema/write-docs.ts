import { mkdirSync, writeFileSync } from 'node:fs';
import { authorisationDoc } from './authorisation-doc.ts';

// `npm run docs`: regenerates the documents made from the code (who may see what).
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/authorisation.md', import.meta.url), authorisationDoc());
console.log('wrote docs/authorisation.md');
