import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { IsoDateSchema } from './validation.ts';

function parseDate(value: unknown): string {
  const parsed = IsoDateSchema.safeParse(value);
  if (!parsed.success) {
    throw new GraphQLError(
      `Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return parsed.data;
}

/** `Date`: a calendar date in ISO 8601 (`2026-04-29`), validated on the way in. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date in ISO 8601, YYYY-MM-DD.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `DateTime`: an instant in ISO 8601 with time zone (`2026-04-29T09:30:00Z`). */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with a time zone, e.g. 2026-04-29T09:30:00Z.',
  serialize: (value) => String(value),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): string {
  if (
    typeof value === 'string' &&
    !Number.isNaN(Date.parse(value)) &&
    /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)
  ) {
    return new Date(value).toISOString();
  }
  throw new GraphQLError(
    `DateTime must be ISO 8601 with a time zone, got ${JSON.stringify(value)}`,
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}
