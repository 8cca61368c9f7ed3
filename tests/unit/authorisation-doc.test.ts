import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorisationDoc } from '#schema/authorisation-doc';

describe('docs/authorisation.md', () => {
  it('is generated from the rules the subgraphs enforce, and the committed file is current', () => {
    // Act
    const generated = authorisationDoc();
    // Assess
    const committed = readFileSync(new URL('../../docs/authorisation.md', import.meta.url), 'utf8');
    expect(committed, 'docs/authorisation.md is stale: run npm run docs').toBe(generated);
    expect(generated).not.toContain('none: refused');
  });
});
