import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import { newId } from '#kernel/keys';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { danishToday } from '#kernel/today';
import { IntroductionEntity } from '../repository/introduction-entity.ts';
import { loadIntroduction } from '../repository/introduction-repository.ts';
import {
  type CompanyFacts,
  companyStillActive,
  loadCompanyFacts,
  loadYouthFacts,
  type YouthFacts,
} from '../repository/shared-items.ts';
import { callerStaffId } from './command-inputs.ts';
import {
  type IntroduceYouthToCompanyInput,
  IntroduceYouthToCompanyInputSchema,
  type Introduction,
} from './introduction.ts';
import { requireYouthAndTheirActiveCompany } from './wish-rules.ts';

async function readIntroductionFacts(
  context: SubgraphContext,
  input: IntroduceYouthToCompanyInput,
): Promise<{ youth: YouthFacts | undefined; company: CompanyFacts | undefined }> {
  const loader = createItemLoader(context.table);
  const [[youth], [company]] = await Promise.all([
    loadYouthFacts(loader, [input.youthId]),
    loadCompanyFacts(loader, [input.companyId]),
  ]);
  return { youth, company };
}

/**
 * The municipal team introduces a young person to a company of their municipality, so that the
 * company may invite them (`invitation-rules.ts`). Staged with the tie it adds and a check that
 * the company is still active. Introducing the same pair again records another introduction:
 * each is the team's act, and the tie holds either way.
 */
export const introduceYouthToCompanyCommand = defineCommand({
  name: 'introduceYouthToCompany',
  input: IntroduceYouthToCompanyInputSchema,
  async execute(context, input, work): Promise<Introduction> {
    const facts = await readIntroductionFacts(context, input);
    const { youth, company } = requireYouthAndTheirActiveCompany(facts.youth, facts.company);
    work.add(companyStillActive(company.id));
    const now = context.now();
    const introduction = work.create(IntroductionEntity, {
      id: newId(now.getTime()),
      municipalityCode: youth.municipalityCode,
      youthId: youth.id,
      companyId: company.id,
      note: input.note ?? null,
      introducedBy: callerStaffId(context),
      createdAt: now.toISOString(),
      version: 1,
    });
    work.add(
      youthCompanyTieAdded({
        youthId: youth.id,
        companyId: company.id,
        municipalityCode: youth.municipalityCode,
        source: tieSource.introduction(introduction.id),
        way: 'INTRODUCTION',
        day: danishToday(now),
      }),
    );
    return introduction;
  },
  ...answeredById<Introduction>('The introduction', (context, id) =>
    loadIntroduction(context.loader, id),
  ),
});
