import { key, PREFIX } from '#kernel/keys';
import { foldMonthItemsMigration } from '#kernel/migrations/fold-month-items';
import { listMunicipalityCodes } from '../repository/company-figures-repository.ts';
import { CompanyFiguresEntity, companyStatsKey } from '../repository/company-stats-entity.ts';

/**
 * The months of company figures folded into the counter item (commit 4eadb06): before it, each
 * municipality kept one item a month, `MUNI#<code>` / `STATS#COMPANY#MONTH#<YYYY-MM>`.
 */
export const foldCompanyMonthItems = foldMonthItemsMigration(
  '0002',
  'companies: month items of company figures folded into the counter item',
  {
    municipalities: listMunicipalityCodes,
    monthItems: (code) => ({
      partition: key(PREFIX.municipality, code),
      prefix: `${key(PREFIX.stats, PREFIX.company, 'MONTH')}#`,
    }),
    counterItem: (code) => ({
      key: companyStatsKey(code),
      names: { entity: CompanyFiguresEntity.name, municipalityCode: code },
    }),
  },
);
