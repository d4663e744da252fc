import ExcelJS from 'exceljs';
import { ACTIVITY_TYPES } from '../../domain/campaign';
import {
	CHANNEL_LABELS,
	FORMAT_LABELS,
	QUANTITY_LABELS,
	TYPE_LABELS,
	GROUP_LABELS
} from '../../domain/campaign-labels';
import { COMPLETENESS_LABELS, COMPLETENESS_STATES } from '../../domain/completeness';
import { formatDateTime } from '../../domain/dates';
import { describeFilter, describeStatusScope } from '../../domain/export-filter';
import type { DB } from '../db/open';
import { ACTIVITY_COLUMNS, activityCells, cutoffLine, demoLine, type CellValue } from './common';
import { streamOfficeFile, xmlText } from './zip';
import { exportActivities, reportData } from './data';
import { campaignDates } from '../repositories/campaigns';
import type { Campaign } from '../db/schema';
import type { ExportFilter } from '../../domain/export-filter';

const HEADER_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FF9B1C1C' }
};
const HEADER_FONT: Partial<ExcelJS.Font> = {
	bold: true,
	color: { argb: 'FFFFFFFF' },
	name: 'Arial'
};
const TOTAL_FONT: Partial<ExcelJS.Font> = { bold: true, name: 'Arial' };
const INTEGER = '#,##0';
type Sheet = ExcelJS.Worksheet;

/** Rows above the header: the campaign and the sheet, then the scope and how final it is. */
const TITLE_ROWS = 2;
const HEADER_ROW = TITLE_ROWS + 1;
/** The first data row of every sheet. */
const FIRST_DATA_ROW = HEADER_ROW + 1;

/**
 * A sheet that reads and prints like a document: a title row (campaign, sheet, scope, "đã chốt" or
 * "tạm tính"), a styled header frozen on screen and repeated on every printed page, A4 landscape,
 * one page wide, gridlines and page numbers.
 */
function addSheet(
	workbook: ExcelJS.Workbook,
	name: string,
	titles: { title: string; status: string },
	columns: { header: string; width: number; numFmt?: string }[]
): Sheet {
	const sheet = workbook.addWorksheet(name, {
		views: [{ state: 'frozen', ySplit: HEADER_ROW }],
		pageSetup: {
			paperSize: 9, // A4
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			showGridLines: true,
			horizontalCentered: true,
			margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }
		},
		headerFooter: { oddFooter: `&L${name}&RTrang &P/&N` }
	});
	// Text wraps within its column (printed pages stay one page wide without tiny type).
	sheet.columns = columns.map((column) => ({
		width: column.width,
		style: {
			...(column.numFmt ? { numFmt: column.numFmt } : {}),
			alignment: { vertical: 'top', wrapText: true }
		}
	}));
	const last = columnLetter(columns.length);
	const title = sheet.getRow(1);
	title.getCell(1).value = `${titles.title} — ${name}`;
	title.getCell(1).font = { bold: true, size: 14, name: 'Arial', color: { argb: 'FF9B1C1C' } };
	title.height = 24;
	sheet.mergeCells(`A1:${last}1`);
	const status = sheet.getRow(2);
	status.getCell(1).value = titles.status;
	status.getCell(1).font = { italic: true, name: 'Arial' };
	sheet.mergeCells(`A2:${last}2`);
	title.getCell(1).alignment = { vertical: 'middle', horizontal: 'left' };
	// The scope, what counts and how final: wrapped over the sheet's width, as tall as it needs.
	status.getCell(1).alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
	const sheetWidth = columns.reduce((sum, column) => sum + column.width, 0);
	status.height = wrappedLines([titles.status], [sheetWidth]) * LINE_HEIGHT + 4;

	const header = sheet.getRow(HEADER_ROW);
	header.values = columns.map((column) => column.header);
	header.height = 30;
	header.eachCell((cell) => {
		cell.font = HEADER_FONT;
		cell.fill = HEADER_FILL;
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
	});
	sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
	return sheet;
}

function columnLetter(index: number): string {
	let letter = '';
	for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) {
		letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
	}
	return letter;
}

/** A bold totals row: SUM formulas whose cached results are the numbers computed here. */
function totalsRow(
	sheet: Sheet,
	dataRows: number,
	label: string,
	labelColumn: number,
	sums: Map<number, number>
) {
	const first = FIRST_DATA_ROW;
	const last = FIRST_DATA_ROW - 1 + dataRows;
	const values: ExcelJS.CellValue[] = [];
	values[labelColumn] = label;
	for (const [column, result] of sums) {
		const letter = columnLetter(column);
		values[column] = { formula: `SUM(${letter}${first}:${letter}${last})`, result };
	}
	const row = sheet.addRow(values);
	row.font = TOTAL_FONT;
}

/** Excel's serial day number for a calendar date (stored as UTC midnight). */
function excelDate(date: Date): number {
	return date.getTime() / 86_400_000 + 25_569;
}

function columnStyles(rowXml: string): Map<string, string> {
	const styles = new Map<string, string>();
	for (const match of rowXml.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>/g)) {
		const style = / s="(\d+)"/.exec(match[2])?.[1];
		if (style) styles.set(match[1], style);
	}
	return styles;
}

/**
 * Lines the tallest wrapped cell of a row needs. Neither Excel nor LibreOffice measures rows when
 * a file is opened, so without a height wrapped text would spill over the rows below it. (Arial
 * 10: a character of Vietnamese text is a little narrower than the column width unit.)
 */
function wrappedLines(values: unknown[], widths: number[]): number {
	let lines = 1;
	values.forEach((value, i) => {
		if (typeof value === 'string' && widths[i] && value.length > widths[i])
			lines = Math.max(lines, Math.min(Math.ceil(value.length / widths[i]), 8));
	});
	return lines;
}
const LINE_HEIGHT = 12.75;

/** After rows were added to a sheet: each tall enough for its wrapped text. */
function fitRowHeights(sheet: Sheet) {
	const widths = (sheet.columns ?? []).map((column) => column.width ?? 10);
	sheet.eachRow((row, number) => {
		if (number <= HEADER_ROW) return;
		const values = (row.values as unknown[]).slice(1);
		const lines = wrappedLines(values, widths);
		if (lines > 1) row.height = lines * LINE_HEIGHT;
	});
}

/** One activity row as SpreadsheetML: numbers as numbers, dates as date serials, inline text. */
export function activityRowXml(cells: CellValue[], row: number, styles: Map<string, string>) {
	const lines = wrappedLines(
		cells,
		ACTIVITY_COLUMNS.map((column) => column.width)
	);
	let xml =
		lines > 1
			? `<row r="${row}" ht="${(lines * LINE_HEIGHT).toFixed(2)}" customHeight="1">`
			: `<row r="${row}">`;
	cells.forEach((value, i) => {
		if (value === null || value === '') return;
		const ref = `${columnLetter(i + 1)}${row}`;
		const style = styles.get(columnLetter(i + 1));
		const s = style ? ` s="${style}"` : '';
		if (typeof value === 'number') xml += `<c r="${ref}"${s}><v>${value}</v></c>`;
		else if (value instanceof Date) xml += `<c r="${ref}"${s}><v>${excelDate(value)}</v></c>`;
		else
			xml += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
	});
	return xml + '</row>';
}

/**
 * The workbook: activities (streamed page by page), by unit, by type, completeness, and a sheet
 * saying what the numbers cover and when they were locked. Numbers are numbers, dates are dates.
 */
export async function workbookXlsx(
	db: DB,
	campaign: Campaign,
	filter: ExportFilter
): Promise<ReadableStream> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Lan Tỏa';
	workbook.created = new Date();
	const data = await reportData(db, campaign, filter);
	const scope = describeFilter(filter);
	const titles = {
		title: campaign.title,
		status: [
			scope ? `Phạm vi: ${scope}.` : '',
			cutoffLine(data.cutoff, data.generatedAt),
			describeStatusScope(filter, data.totals.pending),
			demoLine(data.totals.demo) ?? ''
		]
			.filter(Boolean)
			.join(' ')
	};
	let styles = new Map<string, string>();
	const activities = addSheet(
		workbook,
		'Hoạt động',
		titles,
		ACTIVITY_COLUMNS.map((column, i) => ({
			...column,
			numFmt: [6, 7].includes(i) ? 'dd/mm/yyyy' : [0, 9, 11].includes(i) ? INTEGER : undefined
		}))
	);
	// One sample row carries each column's style; the real rows are streamed in its place.
	activities.addRow(
		ACTIVITY_COLUMNS.map((_, i) =>
			[6, 7].includes(i) ? new Date(0) : [0, 9, 11].includes(i) ? 0 : 'x'
		)
	);

	const byUnit = addSheet(workbook, 'Theo đơn vị', titles, [
		{ header: 'STT', width: 6, numFmt: INTEGER },
		{ header: 'Mã đơn vị', width: 11 },
		{ header: 'Đơn vị', width: 38 },
		{ header: 'Nhóm đơn vị', width: 22 },
		...ACTIVITY_TYPES.map((type) => ({
			header: `${TYPE_LABELS[type]} (số hoạt động)`,
			width: 16,
			numFmt: INTEGER
		})),
		{ header: 'Tổng số hoạt động', width: 12, numFmt: INTEGER },
		{ header: 'Người tham gia', width: 12, numFmt: INTEGER },
		...ACTIVITY_TYPES.map((type) => ({
			header: QUANTITY_LABELS[type],
			width: 16,
			numFmt: INTEGER
		})),
		{ header: 'Tình hình báo cáo kết quả', width: 30 }
	]);
	data.units.forEach((unit, i) => {
		byUnit.addRow([
			i + 1,
			unit.code,
			unit.name,
			GROUP_LABELS[unit.group],
			...ACTIVITY_TYPES.map((type) => unit.byType[type]),
			unit.activities,
			unit.participants,
			...ACTIVITY_TYPES.map((type) => unit.quantityByType[type]),
			COMPLETENESS_LABELS[unit.state]
		]);
	});
	const unitSums = new Map<number, number>();
	ACTIVITY_TYPES.forEach((type, i) => {
		unitSums.set(5 + i, data.byType[type].activities);
		unitSums.set(12 + i, data.byType[type].quantity);
	});
	unitSums.set(10, data.totals.activities);
	unitSums.set(11, data.totals.participants);
	totalsRow(byUnit, data.units.length, 'Cộng', 3, unitSums);

	const byType = addSheet(workbook, 'Theo hình thức', titles, [
		{ header: 'Hình thức', width: 40 },
		{ header: 'Số hoạt động', width: 14, numFmt: INTEGER },
		{ header: 'Số lượng', width: 14, numFmt: INTEGER },
		{ header: 'Đơn vị tính', width: 36 },
		{ header: 'Người tham gia', width: 14, numFmt: INTEGER }
	]);
	for (const type of ACTIVITY_TYPES) {
		const tally = data.byType[type];
		byType.addRow([
			TYPE_LABELS[type],
			tally.activities,
			tally.quantity,
			QUANTITY_LABELS[type],
			tally.participants
		]);
	}
	totalsRow(
		byType,
		ACTIVITY_TYPES.length,
		'Cộng',
		1,
		new Map([
			[2, data.totals.activities],
			[5, data.totals.participants]
		])
	);
	byType.addRow([]);
	byType.addRow(['Truyền thông theo kênh', 'Số hoạt động', 'Số tin, bài']).font = TOTAL_FONT;
	for (const row of data.mediaByChannel) {
		byType.addRow([CHANNEL_LABELS[row.channel], row.activities, row.quantity]);
	}
	byType.addRow([]);
	byType.addRow(['Sự kiện theo loại', 'Số sự kiện', 'Số người tham dự']).font = TOTAL_FONT;
	for (const row of data.eventsByFormat) {
		byType.addRow([
			row.format ? FORMAT_LABELS[row.format] : 'Không ghi',
			row.activities,
			row.attendees
		]);
	}

	const completeness = addSheet(workbook, 'Tình hình báo cáo', titles, [
		{ header: 'STT', width: 6, numFmt: INTEGER },
		{ header: 'Mã đơn vị', width: 11 },
		{ header: 'Đơn vị', width: 38 },
		{ header: 'Nhóm đơn vị', width: 22 },
		{ header: 'Tình hình báo cáo kết quả', width: 32 },
		{ header: 'Số hoạt động', width: 12, numFmt: INTEGER },
		{ header: 'Thời điểm báo cáo', width: 18 },
		{ header: 'Tóm tắt kết quả / lý do', width: 60 },
		{ header: 'Người liên hệ', width: 40 }
	]);
	data.units.forEach((unit, i) => {
		completeness.addRow([
			i + 1,
			unit.code,
			unit.name,
			GROUP_LABELS[unit.group],
			COMPLETENESS_LABELS[unit.state],
			unit.activities,
			unit.reportedAt ? formatDateTime(unit.reportedAt) : null,
			unit.reportSummary ?? unit.reportReason,
			unit.contact
		]);
	});

	const about = addSheet(workbook, 'Thông tin', titles, [
		{ header: 'Mục', width: 36 },
		{ header: 'Giá trị', width: 80 }
	]);
	const c = data.completeness;
	for (const row of [
		['Đợt hưởng ứng', campaign.title],
		['Cơ quan tổng hợp', campaign.issuer],
		['Phạm vi số liệu', describeFilter(filter) || 'Tất cả đơn vị, hình thức và ngày'],
		['Cách tính', describeStatusScope(filter, data.totals.pending)],
		['Tình trạng số liệu', cutoffLine(data.cutoff, data.generatedAt)],
		['Thời điểm xuất', formatDateTime(data.generatedAt)],
		['Số đơn vị', data.totals.units],
		['Đơn vị có hoạt động', data.totals.unitsWithActivities],
		...COMPLETENESS_STATES.map((state) => [COMPLETENESS_LABELS[state], c[state]])
	] as [string, string | number][]) {
		about.addRow(row);
	}

	for (const sheet of [byUnit, byType, completeness, about]) fitRowHeights(sheet);

	return streamOfficeFile(
		await workbook.xlsx.writeBuffer(),
		'xl/worksheets/sheet1.xml',
		(xml) => {
			const start = xml.indexOf(`<row r="${FIRST_DATA_ROW}"`);
			const end = xml.indexOf('</row>', start) + '</row>'.length;
			if (start < 0) throw new Error('XLSX sample row not found');
			styles = columnStyles(xml.slice(start, end));
			// The dimension is only a hint and the row count is not known yet: leave it out.
			return {
				before: xml.slice(0, start).replace(/<dimension [^>]*\/>/, ''),
				after: xml.slice(end)
			};
		},
		async function* rows() {
			const window = campaignDates(campaign);
			let index = 0;
			for await (const page of exportActivities(db, campaign.id, filter)) {
				let chunk = '';
				for (const activity of page) {
					index++;
					chunk += activityRowXml(
						activityCells(activity, index, window),
						index + FIRST_DATA_ROW - 1,
						styles
					);
				}
				yield chunk;
			}
		}
	);
}
