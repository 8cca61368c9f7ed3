import type { CounterChange } from './placement-figures.ts';
import type { WishAnswerKind } from './wish.ts';

/**
 * The wish figures, kept beside the placement figures on a municipality's counter item: wishes
 * made in a month, and the companies' answers to them by the month answered. Like a placement's,
 * what a wish adds is a function of the wish as it is ({@link wishContribution}); the writes,
 * the seeder and the recount add up the same contributions, so kept and recounted agree by
 * construction. An erased young person's wishes leave a stub that keeps exactly these facts.
 */

/** What the wish figures know of a wish: what a wish and its erased stub both hold. */
export interface WishFigureFacts {
  municipalityCode: string;
  createdAt: string;
  answer?: { kind: WishAnswerKind; answeredAt: string } | null | undefined;
}

const monthOf = (instant: string) => instant.slice(0, 7);

/** Every counter the wish figures keep (a month's wishes made and answers by kind). */
export const WISH_COUNTERS = ['WISHES', 'WISHES_INVITED', 'WISHES_DECLINED'] as const;

/** The counter of an answer of a kind. */
export function answerCounter(kind: WishAnswerKind): (typeof WISH_COUNTERS)[1 | 2] {
  return kind === 'INVITE' ? 'WISHES_INVITED' : 'WISHES_DECLINED';
}

/**
 * What one wish adds to its municipality's month counters: one wish in the month it was made,
 * and its company's answer in the month it came.
 *
 * @param wish - the wish (or its erased stub)
 */
export function wishContribution(wish: WishFigureFacts): CounterChange[] {
  const { municipalityCode } = wish;
  const changes: CounterChange[] = [
    { kind: 'month', municipalityCode, month: monthOf(wish.createdAt), counter: 'WISHES', by: 1 },
  ];
  if (wish.answer) {
    changes.push({
      kind: 'month',
      municipalityCode,
      month: monthOf(wish.answer.answeredAt),
      counter: answerCounter(wish.answer.kind),
      by: 1,
    });
  }
  return changes;
}
