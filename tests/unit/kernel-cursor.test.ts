import { describe, expect, it } from 'vitest';
import { createCursorCodec } from '#kernel/cursor';

describe('cursors', () => {
  const codec = createCursorCodec('a-secret-of-at-least-sixteen-chars');

  it('round-trips a position within the listing it was issued for', () => {
    // Prepare
    const position = { pk: 'YOUTH#y-1', gsi1pk: 'MUNI#265#YOUTH', gsi1sk: 'ENROLLED#2026-01-01' };
    // Act
    const cursor = codec.encode(position, 'MUNI#265#YOUTH');
    // Assess
    expect(codec.decode(cursor, 'MUNI#265#YOUTH')).toEqual(position);
    expect(cursor).not.toContain('YOUTH#');
  });

  it('refuses a cursor replayed against another listing', () => {
    // Prepare
    const cursor = codec.encode({ pk: 'YOUTH#y-1' }, 'MUNI#265#YOUTH');
    // Act and assess
    expect(() => codec.decode(cursor, 'MUNI#101#YOUTH')).toThrow(/not valid/);
  });

  it('refuses a tampered cursor', () => {
    // Prepare
    const cursor = codec.encode({ pk: 'YOUTH#y-1' }, 'scope');
    const [, mac] = cursor.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ pk: 'YOUTH#y-2' })).toString('base64url');
    // Act and assess
    expect(() => codec.decode(`${forgedBody}.${mac}`, 'scope')).toThrow(/not valid/);
    expect(() => codec.decode('garbage', 'scope')).toThrow(/not valid/);
  });

  it('refuses a cursor signed with another secret', () => {
    // Prepare
    const other = createCursorCodec('another-secret-of-sixteen-chars');
    // Act and assess
    expect(() => codec.decode(other.encode({ pk: 'x' }, 'scope'), 'scope')).toThrow(/not valid/);
  });
});
