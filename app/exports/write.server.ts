// Writes rows to CSV or XLSX bytes as they come, batch by batch (exceljs's streaming writer for XLSX).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { BOM, csvLine, type Cell } from './csv';
import type { ExportColumn } from './lists.server';

export interface Written {
  bytes: Buffer;
  rows: number;
}

export async function writeCsv(columns: readonly ExportColumn[], batches: AsyncIterable<Cell[][]>): Promise<Written> {
  const parts: string[] = [BOM, csvLine(columns.map((c) => c.header))];
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) parts.push(csvLine(row));
    rows += batch.length;
  }
  return { bytes: Buffer.from(parts.join(''), 'utf8'), rows };
}

/** An Excel sheet name: at most 31 characters, none of : \ / ? * [ ]. */
const sheetNameOf = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

/**
 * XLSX with one sheet: a bold, frozen header row, then the rows. Text is stored as text (an XLSX string cell is
 * never run as a formula), numbers as numbers.
 */
export async function writeXlsx(sheetName: string, columns: readonly ExportColumn[], batches: AsyncIterable<Cell[][]>): Promise<Written> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Fivefold';
  const sheet = workbook.addWorksheet(sheetNameOf(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(row.map((v) => (v === undefined ? null : v))).commit();
    rows += batch.length;
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return { bytes: Buffer.concat(chunks), rows };
}
