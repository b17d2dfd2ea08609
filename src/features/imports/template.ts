/**
 * The import template (GET /office/import/template.xlsx): the import columns with Korean headers
 * in row 1 and keys in row 2 (as in the registry's xlsx export), a help sheet describing every
 * column and its allowed values, and drop-down lists for coded items from a hidden 'codes' sheet.
 */
import type ExcelJS from 'exceljs';
import { excel } from '../../platform/excel/excel.ts';
import type { Labels } from '../disclosure/codes.ts';
import { IMPORT_COLUMNS, allowedValues, type ImportColumn } from './import.columns.ts';
import { MAX_MB, MAX_ROWS, columnLetter } from './import.read.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIRST_DATA_ROW = 3;
const LAST_DATA_ROW = FIRST_DATA_ROW + MAX_ROWS - 1;
const TEXT_FORMAT_KEYS = new Set(['public_id', 'body_code', 'contact_phone']);

const required = (c: ImportColumn) => !!c.field?.required;

export async function templateWorkbook(): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = '경기도 공공부문 AI 등록부';
  wb.created = new Date(Date.UTC(2025, 0, 1));
  const data = wb.addWorksheet('서비스', { views: [{ state: 'frozen', ySplit: 2, xSplit: 0, activeCell: 'A3' }] });
  const help = wb.addWorksheet('도움말');
  const codes = wb.addWorksheet('codes', { state: 'hidden' });

  // Hidden code lists: one column per list, Korean labels (the import also accepts the codes).
  const listRanges = new Map<Labels, string>();
  let listCol = 0;
  const listFor = (labels: Labels, name: string) => {
    if (listRanges.has(labels)) return listRanges.get(labels)!;
    const col = columnLetter(listCol++);
    codes.getCell(`${col}1`).value = name;
    Object.values(labels).forEach((l, i) => { codes.getCell(`${col}${i + 2}`).value = l.ko; });
    const range = `codes!$${col}$2:$${col}$${Object.keys(labels).length + 1}`;
    listRanges.set(labels, range);
    return range;
  };

  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.label.ko, key: c.key,
    width: c.field?.kind === 'datasets' || c.field?.kind === 'outcomes' || /_ko$|_how$/.test(c.key) ? 40 : 18,
    ...(TEXT_FORMAT_KEYS.has(c.key) ? { style: { numFmt: '@' } } : {}),
  }));
  // exceljs 4.4 writes range validations (optimised into one <dataValidation> each) but does not type them.
  const validations = (data as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  const header = data.getRow(1);
  const keys = data.getRow(2);
  IMPORT_COLUMNS.forEach((c, i) => {
    const h = header.getCell(i + 1);
    h.font = { bold: true, color: { argb: required(c) ? 'FFB00020' : 'FF1D1D1D' } };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    h.alignment = { wrapText: true, vertical: 'top' };
    h.note = `${required(c) ? '[필수] ' : ''}${c.label.en}\n${allowedValues(c).ko}`.slice(0, 1000);
    const k = keys.getCell(i + 1);
    k.value = c.key;
    k.font = { italic: true, size: 9, color: { argb: 'FF6B6B6B' } };
    k.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F4F4' } };
    const col = columnLetter(i);
    const range = `${col}${FIRST_DATA_ROW}:${col}${LAST_DATA_ROW}`;
    const kind = c.field?.kind;
    if (kind === 'code') {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [listFor(c.field!.codes!, c.key)],
        showErrorMessage: true, errorStyle: 'warning', errorTitle: c.label.ko, error: '목록에서 고르십시오. 코드를 직접 입력해도 됩니다.',
      });
    } else if (kind === 'bool') {
      validations.add(range, { type: 'list', allowBlank: true, formulae: ['"예,아니오"'], showErrorMessage: true, errorStyle: 'warning', errorTitle: c.label.ko, error: '예 또는 아니오를 고르십시오.' });
    } else if (kind === 'date') {
      validations.add(range, { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1990, 0, 1))], showErrorMessage: true, errorStyle: 'warning', errorTitle: c.label.ko, error: 'YYYY-MM-DD 형식의 날짜를 입력하십시오.' });
    }
  });
  header.height = 36;

  // Help: how to fill the sheet, then one line per column.
  help.columns = [{ width: 8 }, { width: 30 }, { width: 34 }, { width: 34 }, { width: 8 }, { width: 80 }];
  const intro = [
    'AI 서비스 일괄 등록 서식 (Bulk registration template)',
    '1. 「서비스」 시트의 3행부터 한 행에 서비스 하나씩 적습니다. 1행(항목명)과 2행(키)은 지우거나 바꾸지 마십시오.',
    `2. 한 파일에 ${MAX_ROWS.toLocaleString('ko-KR')}행, ${MAX_MB}MB까지 올릴 수 있습니다. 빨간 항목명은 필수입니다.`,
    '3. 등록번호를 비워 두면 새 서비스 초안이, 우리 기관의 등록번호를 적으면 그 서비스의 변경 제안 초안이 만들어집니다 (변경 사유 필수).',
    '4. 올리면 먼저 모든 행을 검사해 결과(행·열·문제)를 보여 줍니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다.',
    '5. 등록부에서 내려받은 xlsx·CSV 파일도 그대로 다시 올릴 수 있습니다. CSV는 UTF-8이나 CP949(EUC-KR) 모두 됩니다.',
  ];
  intro.forEach((t, i) => { const cell = help.getCell(`A${i + 1}`); cell.value = t; if (i === 0) cell.font = { bold: true, size: 13 }; });
  const top = intro.length + 2;
  const head = help.getRow(top);
  head.values = ['열', '키 (key)', '항목', 'Item', '필수', '입력 방법과 허용 값 (Allowed values)'];
  head.font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    const allowed = allowedValues(c);
    const row = help.getRow(top + 1 + i);
    row.values = [columnLetter(i), c.key, c.label.ko, c.label.en, required(c) ? '필수' : '', allowed.ko + (allowed.en ? `\n${allowed.en}` : '')];
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  help.views = [{ state: 'frozen', ySplit: top }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}
