import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  enforceTextInputs,
  stringInputsWithoutLimit,
  type TextLimit,
} from '#kernel/text-inputs';
import { SUBGRAPHS } from '#schema/subgraphs';

/** The subgraph's schema as its SDL file (the source of truth) declares it. */
function schemaOf(file: string) {
  const sdl = readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

/** A small subgraph schema with the directive, and whatever inputs a test gives it. */
function schemaWith(sdl: string) {
  return buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      directive @text(max: Int!, multiline: Boolean = false) on INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION
      ${sdl}`),
  });
}

const LINE: TextLimit = { max: 20, multiline: false };
const LINES: TextLimit = { max: 20, multiline: true };

describe('every string input has a limit, from the schema', () => {
  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.file] as const))(
    '%s: every String input field and argument carries @text(max)',
    (name, file) => {
      // Prepare
      const schema = schemaOf(file);
      // Act
      const missing = stringInputsWithoutLimit(schema);
      // Assess: the message names each input without a limit.
      expect(missing, `String inputs without @text in ${name}: ${missing.join(', ')}`).toEqual([]);
    },
  );

  it('names a String argument or input field without @text, through lists and nesting', () => {
    // Prepare
    const schema = schemaWith(`
      input Inner { free: [String!] kept: String @text(max: 5) }
      input Outer { inner: [Inner!]! }
      type Query { find(words: String, outer: Outer, id: ID): String }`);
    // Act
    const missing = stringInputsWithoutLimit(schema);
    // Assess: an ID needs no directive.
    expect(missing.sort()).toEqual(['Inner.free', 'Query.find(words)']);
  });

  it('refuses to build a server whose schema has a String input without @text', () => {
    // Prepare
    const schema = schemaWith('type Query { find(words: String): String }');
    // Act
    const build = () => enforceTextInputs(schema);
    // Assess
    expect(build).toThrow(/Query\.find\(words\)/);
  });
});

describe('cleanText', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['an ANSI escape', 'red \u001b[31mtext'],
    ['a C1 control (CSI)', 'a\u009b31m'],
    ['DEL', 'a\u007f'],
    ['a line feed in a single-line field', 'two\nlines'],
    ['a tab in a single-line field', 'a\tb'],
    ['a carriage return in a single-line field', 'a\rb'],
  ])('refuses %s as a control character', (_what, value) => {
    // Act
    const result = cleanText(value, LINE);
    // Assess
    expect(result).toEqual({ ok: false, message: expect.stringContaining('control characters') });
  });

  it.each([
    ['a right-to-left override', 'invoice\u202Etxt.exe'],
    ['a left-to-right embedding', '\u202Aabc'],
    ['a first-strong isolate', 'a\u2068b\u2069'],
  ])('refuses %s', (_what, value) => {
    // Act
    const result = cleanText(value, LINES);
    // Assess
    expect(result).toEqual({ ok: false, message: expect.stringContaining('bidirectional') });
  });

  it.each([
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00'],
  ])('refuses %s', (_what, value) => {
    // Act
    const result = cleanText(value, LINE);
    // Assess
    expect(result).toEqual({ ok: false, message: 'must not contain lone surrogates' });
  });

  it('keeps line feeds and tabs in a multi-line field, and makes every line break a line feed', () => {
    // Act
    const result = cleanText('one\r\ntwo\rthree\n\tfour', LINES);
    // Assess
    expect(result).toEqual({ ok: true, value: 'one\ntwo\nthree\n\tfour' });
  });

  it('refuses an escape in a multi-line field too', () => {
    // Act
    const result = cleanText('line\n\u001b[2J', LINES);
    // Assess
    expect(result.ok).toBe(false);
  });

  it('normalises to NFC', () => {
    // Act
    const result = cleanText('Cafe\u0301', LINE);
    // Assess
    expect(result).toEqual({ ok: true, value: 'Café' });
  });

  it('counts characters after NFC, an emoji and a composed letter as one each', () => {
    // Prepare
    const limit = { max: 3, multiline: false };
    // Act
    const fits = cleanText('e\u0301👍a', limit);
    const over = cleanText('e\u0301👍ab', limit);
    // Assess
    expect(fits).toEqual({ ok: true, value: 'é👍a' });
    expect(over).toEqual({ ok: false, message: 'must be at most 3 characters' });
  });

  it('keeps ordinary text as it is, Danish letters, right-to-left scripts and emoji included', () => {
    // Prepare
    const value = 'Søren Ærø, مرحبا, שלום 👋';
    // Act
    const result = cleanText(value, { max: 100, multiline: false });
    // Assess
    expect(result).toEqual({ ok: true, value });
  });
});
