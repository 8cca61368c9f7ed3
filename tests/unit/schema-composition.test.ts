import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '#schema/composition';

describe('schema composition', () => {
  it('composes the four subgraphs, and the committed supergraph and SDL modules are current', () => {
    // Act: throws with every composition error when the subgraphs do not compose.
    const files = composeSupergraph();
    // Assess: a stale committed file means someone forgot `npm run compose`.
    for (const [path, content] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../../schema/${path}`, import.meta.url), 'utf8');
      expect(committed, `schema/${path} is stale: run npm run compose`).toBe(content);
    }
  });
});
