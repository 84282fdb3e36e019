// Input schemas of exports: the format asked for, and the hours record's filters (the hours pages have none of their own).
import { z } from 'zod';
import { hoursStatuses } from '../shifts/values';
import { exportLists } from './values';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

export const exportListParam = z.enum(exportLists);
export const exportFormatParam = z.enum(['csv', 'xlsx']).catch('csv');

export const hoursExportQuery = z.object({
  /** mine: one's own hours; team: the hours of the shifts and places one runs (the certifier's view). */
  scope: z.enum(['mine', 'team']).catch('mine').default('mine'),
  status: z.enum(hoursStatuses).optional().catch(undefined),
  from: isoDate,
  to: isoDate,
});
