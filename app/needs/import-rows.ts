// Spreadsheet rows (the paper ledger, 台账) into needs: reading CSV, matching column headers in Chinese or English,
// and checking each row, so that the report names every bad row and why. Pure, apart from reading XLSX bytes.
import ExcelJS from 'exceljs';
import { translator } from '../i18n/messages';
import { raiseSchema, type RaiseInput } from './schemas';
import type { NeedCategory } from './settings';
import { beneficiaryTypes, recurrences, urgencies } from './values';

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a byte-order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const values = (r.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

export class SpreadsheetError extends Error {}

export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    try {
      return await parseXlsx(bytes);
    } catch {
      throw new SpreadsheetError('needs.import.unreadable');
    }
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(new TextDecoder('utf-8').decode(bytes));
  throw new SpreadsheetError('needs.import.fileType');
}

/** Accepted headers for each column, in both languages (compared lower-cased, without spaces). */
export const importColumns = {
  title: ['title', '标题', '需求', '需求标题'],
  description: ['description', '描述', '详细描述', '说明'],
  category: ['category', '类别', '分类'],
  urgency: ['urgency', '紧急程度', '紧急'],
  place: ['place', '地点', '位置', '楼栋', '网格'],
  beneficiary: ['beneficiary', '受益对象', '受益'],
  quantity: ['quantity', '数量'],
  quantityUnit: ['unit', '单位'],
  recurrence: ['recurrence', '频次', '频率'],
  wantedFrom: ['wanted_from', '开始日期', '期望开始'],
  wantedUntil: ['wanted_until', '结束日期', '期望结束'],
  contactName: ['contact_name', '联系人', '姓名'],
  phone: ['phone', '电话', '联系电话'],
  address: ['address', '地址', '住址'],
  healthNotes: ['health_notes', '健康状况', '健康或残障情况', '备注'],
  raisedOn: ['raised_on', '提出日期', '登记日期'],
} as const;
export type ImportColumn = keyof typeof importColumns;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

export function mapHeader(header: string[]): Partial<Record<ImportColumn, number>> {
  const map: Partial<Record<ImportColumn, number>> = {};
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [col, names] of Object.entries(importColumns) as [ImportColumn, readonly string[]][]) {
      if (names.some((x) => norm(x) === n) && map[col] === undefined) map[col] = i;
    }
  });
  return map;
}

export interface ImportContext {
  categories: NeedCategory[];
  /** Places of the community that a row may name, by name in either language; the community itself for blank. */
  places: { id: string; nameZh: string; nameEn: string }[];
  communityId: string;
  now: Date;
}

export interface GoodRow {
  row: number;
  input: RaiseInput;
  raisedAt: Date;
}
export interface BadRow {
  row: number;
  errors: string[];
}

const zh = translator('zh-CN');
const en = translator('en');

/** Matches a value against enum keys or their labels in either language (e.g. 紧急程度 "高" → high). */
function matchEnum<T extends string>(value: string, keys: readonly T[], prefix: string): T | undefined {
  const n = norm(value);
  if (!n) return undefined;
  return keys.find((k) => norm(k) === n || norm(zh(`${prefix}.${k}`)) === n || norm(en(`${prefix}.${k}`)) === n);
}

function matchCategory(value: string, categories: NeedCategory[]) {
  const n = norm(value);
  return categories.find((c) => norm(c.key) === n || norm(c.zh ?? zh(`needs.category.${c.key}`)) === n || norm(c.en ?? en(`needs.category.${c.key}`)) === n)?.key;
}

/** Checks every data row; rows that are entirely blank are skipped and not counted. Row numbers are as in the sheet (header = 1). */
export function checkRows(table: string[][], ctx: ImportContext, firstDataRow = 2): { good: GoodRow[]; bad: BadRow[]; headerErrors: string[] } {
  const [header = [], ...data] = table;
  const cols = mapHeader(header);
  const missing = (['title', 'category'] as const).filter((c) => cols[c] === undefined);
  if (missing.length) return { good: [], bad: [], headerErrors: missing.map((c) => `${c}:needs.import.missingColumn`) };
  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  data.forEach((cells, i) => {
    const rowNumber = i + firstDataRow;
    if (cells.every((c) => !c || !c.trim())) return;
    const get = (c: ImportColumn) => (cols[c] === undefined ? '' : (cells[cols[c]!] ?? '').trim());
    const errors: string[] = [];
    const category = matchCategory(get('category'), ctx.categories);
    if (!category) errors.push(get('category') ? 'category:needs.v.category' : 'category:v.required');
    const urgency = get('urgency') ? matchEnum(get('urgency'), urgencies, 'needs.urgency') : 'normal';
    if (!urgency) errors.push('urgency:v.invalid');
    const beneficiary = get('beneficiary') ? matchEnum(get('beneficiary'), beneficiaryTypes, 'needs.beneficiary') : 'person';
    if (!beneficiary) errors.push('beneficiary:v.invalid');
    const recurrence = get('recurrence') ? matchEnum(get('recurrence'), recurrences, 'needs.recurrence') : 'once';
    if (!recurrence) errors.push('recurrence:v.invalid');
    let placeId = ctx.communityId;
    const placeName = norm(get('place'));
    if (placeName) {
      const found = ctx.places.filter((p) => norm(p.nameZh) === placeName || norm(p.nameEn) === placeName);
      if (found.length === 1) placeId = found[0].id;
      else errors.push(found.length ? 'place:needs.import.ambiguousPlace' : 'place:needs.v.place');
    }
    let raisedAt = ctx.now;
    const raisedOn = get('raisedOn');
    if (raisedOn) {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(raisedOn) ? new Date(`${raisedOn}T09:00:00+08:00`) : new Date(NaN);
      if (Number.isNaN(d.getTime()) || d > ctx.now) errors.push('raisedOn:needs.v.date');
      else raisedAt = d;
    }
    const parsed = raiseSchema.safeParse({
      placeId,
      title: get('title'),
      description: get('description'),
      category: category ?? 'other',
      beneficiary: beneficiary ?? 'person',
      quantity: get('quantity') || undefined,
      quantityUnit: get('quantityUnit'),
      recurrence: recurrence ?? 'once',
      wantedFrom: get('wantedFrom'),
      wantedUntil: get('wantedUntil'),
      urgency: urgency ?? 'normal',
      contactName: get('contactName'),
      phone: get('phone'),
      address: get('address'),
      healthNotes: get('healthNotes'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${String(issue.path[0] ?? '_')}:${issue.message}`);
    }
    if (errors.length || !parsed.success) bad.push({ row: rowNumber, errors: [...new Set(errors)] });
    else good.push({ row: rowNumber, input: parsed.data, raisedAt });
  });
  return { good, bad, headerErrors: [] };
}
