import { placeCompanyChildren } from '#companies/maintenance/place-children';
import { withMaintenanceTable } from './maintenance-table.ts';

// `npm run place-children [-- --fix]`: checks that every company's contacts and opportunities
// sit under their company on gsi3, where a page of companies reads them in one query (items
// stored before the index held them do not), and with --fix moves those that do not. Against the
// table `withMaintenanceTable` names. Maintenance: it reads whole partitions, never on a request
// path.
const fix = process.argv.includes('--fix');
await withMaintenanceTable(async (table) => {
  const report = await placeCompanyChildren(table, { fix });
  console.log(
    `[place-children] ${report.childrenCompared} contacts and opportunities compared, ${report.misplaced.length} misplaced${report.fixed ? ', moved' : ''}`,
  );
  for (const key of report.misplaced) console.log(`  ${key.pk} ${key.sk}`);
  process.exitCode = report.misplaced.length > 0 && !fix ? 1 : 0;
});
