import * as z from 'zod';
import { BadUserInputError } from '#kernel/errors';
import { EntityIdSchema, MunicipalityCodeSchema, textSchema } from '#kernel/validation';

/** How many words of a title are indexed (a title is at most 200 characters). */
export const MAX_TITLE_WORDS = 40;

/** How many tags a learning may carry. */
export const MAX_TAGS = 10;

/** Lower case, composed form, single spaces: how tags and words are compared. */
function normalise(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A tag: 2 or more letters, digits, spaces or hyphens (at most 40: the SDL's `@text`), stored in lower case. */
export const TagSchema = z
  .string()
  .transform(normalise)
  .pipe(
    z
      .string()
      .min(2, 'must be at least 2 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, 'must hold only letters, digits, spaces and -'),
  );

/**
 * A learning from practice that a team shared with NEXTWORK United: readable and searchable by
 * every team and the programme office.
 */
export const PracticeLearningSchema = z.object({
  id: EntityIdSchema,
  title: textSchema(),
  body: textSchema(),
  tags: z.array(TagSchema).max(MAX_TAGS),
  municipalityCode: MunicipalityCodeSchema,
  sharedByStaffId: EntityIdSchema,
  sharedAt: z.string(),
});

/** A practice learning. */
export type PracticeLearning = z.infer<typeof PracticeLearningSchema>;

/**
 * The words of a text as the title index holds them: lower case, whole words of two characters
 * or more, each once, in order of appearance.
 */
export function wordsOf(text: string): string[] {
  const words = normalise(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  return [...new Set(words)].slice(0, MAX_TITLE_WORDS);
}

/** A search of learnings: by a tag, by title words, or neither (the most recent). */
export interface LearningSearch {
  tag?: string;
  words: string[];
}

const SearchSchema = z.object({
  tag: TagSchema.nullish(),
  words: z.string().nullish(),
});

/**
 * A search from the API's input; words that hold nothing searchable (only short words or
 * punctuation) are `BAD_USER_INPUT` rather than a search that silently returns everything.
 */
export function parseLearningSearch(input: unknown): LearningSearch {
  const parsed = SearchSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new BadUserInputError(
      `Invalid search: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const words = parsed.data.words ? wordsOf(parsed.data.words).slice(0, 5) : [];
  if (parsed.data.words && words.length === 0) {
    throw new BadUserInputError('Invalid search: words must hold a word of two letters or more', [
      { path: 'words', message: 'must hold a word of two letters or more' },
    ]);
  }
  return { ...(parsed.data.tag ? { tag: parsed.data.tag } : {}), words };
}

/** Whether an indexed learning (its tags and title words) matches a search. */
export function matchesSearch(
  indexed: { tags: readonly string[]; titleWords: readonly string[] },
  search: LearningSearch,
): boolean {
  return (
    (!search.tag || indexed.tags.includes(search.tag)) &&
    search.words.every((word) => indexed.titleWords.includes(word))
  );
}
