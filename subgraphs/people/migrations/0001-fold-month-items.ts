import { key, PREFIX } from '#kernel/keys';
import { foldMonthItemsMigration } from '#kernel/migrations/fold-month-items';
import { allMunicipalitiesQuery, MunicipalityEntity } from '../repository/municipality-entity.ts';
import { YOUTH_STATS_ENTITY, youthStatsKey } from '../repository/youth-stats-entity.ts';

/**
 * The months of young people's figures folded into the counter item (commit 4eadb06): before
 * it, each municipality kept one item a month, `MUNI#<code>` / `STATS#YOUTH#MONTH#<YYYY-MM>`.
 */
export const foldYouthMonthItems = foldMonthItemsMigration(
  '0001',
  'people: month items of young people’s figures folded into the counter item',
  {
    async municipalities(table) {
      const municipalities = await MunicipalityEntity.readAll(table, allMunicipalitiesQuery);
      return municipalities.map(({ code }) => code);
    },
    monthItems: (code) => ({
      partition: key(PREFIX.municipality, code),
      prefix: `${key(PREFIX.stats, PREFIX.youth, 'MONTH')}#`,
    }),
    counterItem: (code) => ({
      key: youthStatsKey(code),
      names: { entity: YOUTH_STATS_ENTITY, municipalityCode: code },
    }),
  },
);
