import {
	AlignmentType,
	BorderStyle,
	Document,
	ImageRun,
	LineRuleType,
	Packer,
	Paragraph,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TabStopType,
	TextRun,
	VerticalAlign,
	WidthType,
	type IParagraphOptions,
	type IRunOptions
} from 'docx';
import { streamOfficeFile, xmlText } from './zip';
import { ACTIVITY_TYPES } from '../../domain/campaign';
import {
	TYPE_LABELS,
	QUANTITY_LABELS,
	TYPE_SHORT_LABELS,
	STATUS_LABELS
} from '../../domain/campaign-labels';
import { COMPLETENESS_SHORT_LABELS } from '../../domain/completeness';
import { formatDate, formatNumber } from '../../domain/dates';
import type { ExportFilter } from '../../domain/export-filter';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import { agencyLines, reportText, unitNameInProvince } from './report-text';
import {
	exportActivities,
	photoAnnex,
	reportData,
	type ExportActivity,
	type PhotoAnnexItem,
	type ReportData
} from './data';

/** Twips: 1 mm ≈ 56.7. A4, margins as Decree 30/2020/NĐ-CP sets for administrative documents. */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
	top: Math.round(20 * MM),
	bottom: Math.round(20 * MM),
	left: Math.round(30 * MM),
	right: Math.round(15 * MM)
};
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'Times New Roman';
/** docx sizes are half-points */
const PT = (points: number) => points * 2;

export const REPORT_TITLE =
	'Kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026';
const ANNEX_MARKER = '@@LANTOA_ANNEX_ROWS@@';
/**
 * Column widths (twips, 1/1440 inch) chosen so the longest value of each column stays whole at
 * 11 pt Times New Roman with 60-twip cell margins: a six-digit row number, a dd/mm/yyyy date
 * ("– dd/mm/yyyy" on the second line of a range), 1.000.000, and the header words. Checked by
 * rendering the report with LibreOffice (tests/integration/report-render.test.ts).
 */
const ANNEX_COLUMNS = [
	{ header: 'STT', width: 800 },
	{ header: 'Đơn vị', width: 1500 },
	{ header: 'Hình thức', width: 1000 },
	{ header: 'Tên hoạt động', width: 1554 },
	{ header: 'Thời gian', width: 1300 },
	{ header: 'Số lượng', width: 1000 },
	{ header: 'Người tham gia', width: 1100 },
	// whether the Department has checked it ("Chờ duyệt" whole): what the totals rest on
	{ header: 'Trạng thái', width: 1100 }
];

type RunText = string | (IRunOptions & { text: string });

function para(
	content: RunText | RunText[],
	options: Omit<IParagraphOptions, 'children' | 'text'> & { size?: number } = {}
): Paragraph {
	const { size = 14, ...rest } = options;
	const runs = (Array.isArray(content) ? content : [content]).map((item) =>
		typeof item === 'string'
			? new TextRun({ text: item, size: PT(size) })
			: new TextRun({ size: PT(size), ...item })
	);
	return new Paragraph({ children: runs, ...rest });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt before. */
function body(content: RunText | RunText[]): Paragraph {
	return para(content, {
		alignment: AlignmentType.JUSTIFIED,
		indent: { firstLine: Math.round(10 * MM) },
		spacing: { before: 120, line: 288, lineRule: LineRuleType.AUTO }
	});
}

function heading(text: string): Paragraph {
	return para(
		{ text, bold: true },
		{
			alignment: AlignmentType.JUSTIFIED,
			indent: { firstLine: Math.round(10 * MM) },
			spacing: { before: 200, after: 60 }
		}
	);
}

function centered(content: RunText | RunText[], size = 14, spacing = {}): Paragraph {
	return para(content, { alignment: AlignmentType.CENTER, size, spacing });
}

/** The short rule under the agency name and the national motto. */
function rule(indent: number): Paragraph {
	return new Paragraph({
		border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
		indent: { left: indent, right: indent },
		spacing: { after: 120 },
		children: []
	});
}

/** Lines to write on by hand: a dot leader to the right margin, exactly one line each. */
function dots(lines = 3): Paragraph[] {
	return Array.from(
		{ length: lines },
		() =>
			new Paragraph({
				tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH, leader: 'dot' }],
				spacing: { before: 120 },
				children: [new TextRun({ text: '\t', size: PT(14) })]
			})
	);
}

/** Short column heads for the five forms in the table by unit (named in full in section II). */
const TYPE_COLUMN_HEADS = {
	banner: 'Băng rôn',
	media: 'Truyền thông',
	event: 'Sự kiện',
	movement: 'Phong trào',
	honor: 'Khen thưởng'
} as const;

function cell(
	content: RunText | RunText[],
	width: number,
	options: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right' } = {}
): TableCell {
	const { size = 12, bold = false, align = 'left' } = options;
	const runs = (Array.isArray(content) ? content : [content]).map((item) =>
		typeof item === 'string' ? { text: item, bold } : { bold, ...item }
	);
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		verticalAlign: VerticalAlign.CENTER,
		margins: { left: 60, right: 60, top: 20, bottom: 20 },
		children: [
			para(runs, {
				size,
				// Single lines, no paragraph spacing: sixty units fit in two pages.
				spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
				alignment:
					align === 'center'
						? AlignmentType.CENTER
						: align === 'right'
							? AlignmentType.RIGHT
							: AlignmentType.LEFT
			})
		]
	});
}

function table(
	widths: number[],
	header: string[],
	rows: (string | number)[][],
	options: { size?: number; headerSize?: number; totals?: (string | number)[] } = {}
): Table {
	const size = options.size ?? 12;
	const headerSize = options.headerSize ?? size;
	const render = (row: (string | number)[], bold: boolean) =>
		new TableRow({
			cantSplit: true,
			children: row.map((value, i) =>
				cell(typeof value === 'number' ? formatNumber(value) : value, widths[i], {
					size,
					bold,
					align: typeof value === 'number' ? 'right' : i === 0 && !bold ? 'center' : 'left'
				})
			)
		});
	return new Table({
		layout: TableLayoutType.FIXED,
		width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		columnWidths: widths,
		rows: [
			new TableRow({
				tableHeader: true,
				cantSplit: true,
				children: header.map((text, i) =>
					cell(text, widths[i], { size: headerSize, bold: true, align: 'center' })
				)
			}),
			...rows.map((row) => render(row, false)),
			...(options.totals ? [render(options.totals, true)] : [])
		]
	});
}

/** "KT. Giám đốc — Phó Giám đốc Bùi Thị Lệ Dung" → the signature block's lines. */
export function signatureLines(signer: string | null): { titles: string[]; name: string } {
	if (!signer) return { titles: ['GIÁM ĐỐC'], name: '' };
	const [authority, rest] = signer.split(/\s+—\s+/);
	const role = /^(Phó Giám đốc|Giám đốc)\s+(.+)$/i.exec(rest ?? authority);
	if (rest && role) {
		return {
			titles: [authority.toLocaleUpperCase('vi'), role[1].toLocaleUpperCase('vi')],
			name: role[2]
		};
	}
	if (role) return { titles: [role[1].toLocaleUpperCase('vi')], name: role[2] };
	return { titles: [signer.toLocaleUpperCase('vi')], name: '' };
}

function mottoBlock(campaign: Campaign): Table {
	const { parent, agency, place } = agencyLines(campaign.issuer);
	const year = campaign.event_day.slice(0, 4);
	// Decree 30/2020: the agency on the left, the national motto on the right, each line whole
	// (the motto in 12 pt bold needs about 9.3 cm; the agency in 12 pt bold about 6.3 cm).
	const left = Math.round(CONTENT_WIDTH * 0.41);
	const right = CONTENT_WIDTH - left;
	const column = (children: Paragraph[], width: number) =>
		new TableCell({
			width: { size: width, type: WidthType.DXA },
			margins: { left: 0, right: 0 },
			children
		});
	return new Table({
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		width: { size: CONTENT_WIDTH, type: WidthType.DXA },
		columnWidths: [left, right],
		rows: [
			new TableRow({
				children: [
					column(
						[
							...(parent ? [centered(parent, 12)] : []),
							centered({ text: agency, bold: true }, 12),
							rule(Math.round(left * 0.3)),
							centered('Số:        /BC-SKHCN', 13)
						],
						left
					),
					column(
						[
							centered({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }, 12),
							centered({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }, 13),
							rule(Math.round(right * 0.22)),
							centered(
								{
									text: `${place || '…'}, ngày      tháng      năm ${year}`,
									italics: true
								},
								13
							)
						],
						right
					)
				]
			})
		]
	});
}

function signatureBlock(campaign: Campaign): Table {
	const left = Math.round(CONTENT_WIDTH * 0.5);
	const right = CONTENT_WIDTH - left;
	const { titles, name } = signatureLines(campaign.signer);
	return new Table({
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		width: { size: CONTENT_WIDTH, type: WidthType.DXA },
		columnWidths: [left, right],
		rows: [
			new TableRow({
				children: [
					new TableCell({
						width: { size: left, type: WidthType.DXA },
						children: [
							para({ text: 'Nơi nhận:', bold: true, italics: true }, { size: 12 }),
							...[
								'- Bộ Khoa học và Công nghệ;',
								'- UBND tỉnh (b/c);',
								'- Ban Giám đốc Sở;',
								'- Lưu: VT, QL.'
							].map((line) => para(line, { size: 11 }))
						]
					}),
					new TableCell({
						width: { size: right, type: WidthType.DXA },
						children: [
							...titles.map((title) => centered({ text: title, bold: true }, 14)),
							...Array.from({ length: 4 }, () => centered('', 14)),
							centered({ text: name, bold: true }, 14)
						]
					})
				]
			})
		]
	});
}

/** The report's body from its data: every number in it comes from `data`. */
function reportChildren(data: ReportData): (Paragraph | Table)[] {
	const { campaign } = data;
	const t = data.byType;
	const text = reportText(data);

	const { place } = agencyLines(campaign.issuer);
	const typeWidths = [600, 3555, 1500, 1300, 2399];
	// Sixty units in two pages: names without the province, each status whole on one line.
	// (measured with Liberation Serif, Times New Roman's metrics: "Không tổ chức" at 11 pt is 1,305
	// twips plus 120 of margins; the header words at 10 pt bold up to 634).
	const unitWidths = [500, 2824, 800, 800, 800, 800, 800, 580, 1450];

	return [
		mottoBlock(campaign),
		centered({ text: 'BÁO CÁO', bold: true }, 14, { before: 360 }),
		centered({ text: REPORT_TITLE, bold: true }, 14),
		rule(Math.round(CONTENT_WIDTH * 0.38)),
		centered('Kính gửi: Bộ Khoa học và Công nghệ.', 14, { after: 120 }),
		body(text.intro),
		heading('I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI'),
		...text.direction.map((sentence) => body(sentence)),
		body({ text: text.stamp, italics: true }),
		...(text.scope ? [body({ text: text.scope, italics: true })] : []),
		body({ text: text.counting, italics: true }),
		...(text.demo ? [body({ text: text.demo, bold: true, italics: true })] : []),
		heading('II. KẾT QUẢ THỰC HIỆN'),
		...text.results.map((result) => body([{ text: result.label, bold: true }, result.text])),
		body(text.total),
		...(text.outsideWindow ? [body({ text: text.outsideWindow, italics: true })] : []),
		centered({ text: 'Bảng 1. Kết quả theo hình thức hoạt động', bold: true }, 13, {
			before: 160,
			after: 80
		}),
		table(
			typeWidths,
			['STT', 'Hình thức', 'Số hoạt động', 'Số lượng', 'Đơn vị tính'],
			ACTIVITY_TYPES.map((type, i) => [
				String(i + 1),
				TYPE_LABELS[type],
				t[type].activities,
				t[type].quantity,
				QUANTITY_LABELS[type]
			]),
			{ totals: ['', 'Tổng cộng', data.totals.activities, '', ''] }
		),
		centered({ text: 'Bảng 2. Kết quả theo đơn vị', bold: true }, 13, { before: 240, after: 80 }),
		table(
			unitWidths,
			[
				'STT',
				'Đơn vị',
				...ACTIVITY_TYPES.map((type) => TYPE_COLUMN_HEADS[type]),
				'Tổng',
				'Báo cáo kết quả'
			],
			data.units.map((unit, i) => [
				String(i + 1),
				unitNameInProvince(unit.name, place),
				...ACTIVITY_TYPES.map((type) => unit.byType[type]),
				unit.activities,
				COMPLETENESS_SHORT_LABELS[unit.state]
			]),
			{
				size: 11,
				headerSize: 10,
				totals: [
					'',
					'Tổng cộng',
					...ACTIVITY_TYPES.map((type) => t[type].activities),
					data.totals.activities,
					''
				]
			}
		),
		heading('III. ĐÁNH GIÁ CHUNG'),
		body({ text: '1. Ưu điểm', bold: true }),
		...dots(),
		body({ text: '2. Tồn tại, hạn chế và nguyên nhân', bold: true }),
		...dots(),
		heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
		...dots(),
		heading(`V. ĐƠN VỊ CHƯA GỬI BÁO CÁO KẾT QUẢ (${formatNumber(data.missing.length)} đơn vị)`),
		...text.missing.map((line) => body(line)),
		body(text.closing),
		signatureBlock(campaign)
	];
}

/** An annex's first lines, on a page of its own: its number, its title, the report it goes with. */
function annexHeading(data: ReportData, number: string, title: string): Paragraph[] {
	return [
		// The break belongs to the heading: a paragraph holding only a page break, landing at the
		// foot of a full page, left a blank page before the annex.
		para(
			{ text: `PHỤ LỤC${number ? ` ${number}` : ''}`, bold: true },
			{ alignment: AlignmentType.CENTER, pageBreakBefore: true }
		),
		centered({ text: title, bold: true }, 14),
		centered(
			{
				text: `(Kèm theo Báo cáo số        /BC-SKHCN ngày      /      /${data.campaign.event_day.slice(0, 4)})`,
				italics: true
			},
			13,
			{ after: 160 }
		)
	];
}

/** The list of activities; numbered "1" when the photo annex follows it. */
function annexChildren(data: ReportData, number: string): (Paragraph | Table)[] {
	return [
		...annexHeading(data, number, 'DANH SÁCH HOẠT ĐỘNG HƯỞNG ỨNG CỦA CÁC ĐƠN VỊ'),
		table(
			ANNEX_COLUMNS.map((column) => column.width),
			ANNEX_COLUMNS.map((column) => column.header),
			[[ANNEX_MARKER, ...ANNEX_COLUMNS.slice(1).map(() => '')]],
			{ size: 11 }
		)
	];
}

/** A photo's size on the page, in the pixels (1/96 inch) docx measures images in: two side by side. */
const PHOTO_BOX = { width: 296, height: 236 };

function fitted(photo: { width: number; height: number }): { width: number; height: number } {
	const scale = Math.min(PHOTO_BOX.width / photo.width, PHOTO_BOX.height / photo.height);
	return { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) };
}

/**
 * Phụ lục 2: photos of the exemplary activities — the evidence the Ministry asks of a report. Each
 * activity under its unit's name, title and date, its photos side by side.
 */
function photoAnnexChildren(
	data: ReportData,
	annex: { items: PhotoAnnexItem[]; more: number }
): Paragraph[] {
	if (annex.items.length === 0) return [];
	const { place } = agencyLines(data.campaign.issuer);
	const when = (item: PhotoAnnexItem) =>
		item.endDate && item.endDate !== item.startDate
			? `${formatDate(item.startDate)} – ${formatDate(item.endDate)}`
			: formatDate(item.startDate);
	return [
		...annexHeading(data, '2', 'HÌNH ẢNH CÁC MÔ HÌNH, HOẠT ĐỘNG ĐIỂN HÌNH'),
		...annex.items.flatMap((item, index) => [
			para(
				[
					{ text: `${index + 1}. ${unitNameInProvince(item.unitName, place)}: `, bold: true },
					{ text: item.title, bold: true },
					` (${when(item)})`
				],
				{ keepNext: true, keepLines: true, spacing: { before: 200, after: 60 }, size: 13 }
			),
			...(item.note
				? [
						para(
							{ text: item.note, italics: true },
							{ keepNext: true, size: 13, spacing: { after: 60 } }
						)
					]
				: []),
			new Paragraph({
				alignment: AlignmentType.CENTER,
				keepLines: true,
				spacing: { before: 60, after: 120 },
				children: item.photos.flatMap((photo, n) => [
					...(n > 0 ? [new TextRun({ text: '  ' })] : []),
					new ImageRun({
						type: 'jpg',
						data: photo.data,
						transformation: fitted(photo),
						altText: {
							name: `Ảnh ${index + 1}.${n + 1}`,
							title: item.title,
							description: `Ảnh ${n + 1} của hoạt động: ${item.title}`
						}
					})
				])
			})
		]),
		...(annex.more
			? [
					para(
						{
							text: `Ngoài ra còn ${formatNumber(annex.more)} hoạt động điển hình khác có hình ảnh, được lưu trên hệ thống Lan Tỏa.`,
							italics: true
						},
						{ spacing: { before: 200 }, size: 13 }
					)
				]
			: [])
	];
}

/** One cell; several lines are joined by line breaks within one paragraph. */
function xmlCell(
	text: string | string[],
	width: number,
	align: 'left' | 'center' | 'right'
): string {
	const jc = align === 'left' ? '' : `<w:jc w:val="${align}"/>`;
	const lines = (Array.isArray(text) ? text : [text])
		.map((line) => `<w:t xml:space="preserve">${xmlText(line)}</w:t>`)
		.join('<w:br/>');
	return (
		`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/><w:tcMar><w:left w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="60"/></w:tcMar></w:tcPr>` +
		`<w:p><w:pPr>${jc}</w:pPr><w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>${lines}</w:r></w:p></w:tc>`
	);
}

/** One annex row written as WordprocessingML directly, so 100,000 rows never become objects. */
export function annexRowXml(activity: ExportActivity, index: number, place = ''): string {
	// A range takes two lines, each date whole: "18/04/2026" and "– 26/04/2026".
	const when =
		activity.endDate && activity.endDate !== activity.startDate
			? [formatDate(activity.startDate), `– ${formatDate(activity.endDate)}`]
			: formatDate(activity.startDate);
	const cells: [string | string[], 'left' | 'center' | 'right'][] = [
		[String(index), 'center'],
		[unitNameInProvince(activity.unit.name, place), 'left'],
		[TYPE_SHORT_LABELS[activity.type], 'left'],
		[activity.title, 'left'],
		[when, 'center'],
		[activity.quantity === null ? '' : formatNumber(activity.quantity), 'right'],
		[activity.participants === null ? '' : formatNumber(activity.participants), 'right'],
		[STATUS_LABELS[activity.status], 'center']
	];
	return (
		'<w:tr><w:trPr><w:cantSplit/></w:trPr>' +
		cells.map(([text, align], i) => xmlCell(text, ANNEX_COLUMNS[i].width, align)).join('') +
		'</w:tr>'
	);
}

/**
 * The consolidated report as DOCX. The `docx` library lays out everything but the annex rows;
 * those are streamed into document.xml page by page while the zip is written, so memory stays
 * flat for any number of activities.
 */
export async function reportDocx(
	db: DB,
	campaign: Campaign,
	filter: ExportFilter,
	photosDir?: string
): Promise<ReadableStream> {
	const data = await reportData(db, campaign, filter);
	const photos = photosDir
		? await photoAnnex(db, campaign.id, filter, photosDir)
		: { items: [], more: 0 };
	const document = new Document({
		creator: 'Lan Tỏa',
		title: `Báo cáo ${REPORT_TITLE}`,
		styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
		sections: [
			{
				properties: {
					page: {
						size: PAGE,
						margin: { ...MARGIN, header: 720, footer: 720, gutter: 0 }
					}
				},
				children: [
					...reportChildren(data),
					...annexChildren(data, photos.items.length ? '1' : ''),
					...photoAnnexChildren(data, photos)
				]
			}
		]
	});
	async function* annexRows() {
		let index = 0;
		const { place } = agencyLines(campaign.issuer);
		for await (const page of exportActivities(db, campaign.id, filter)) {
			let chunk = '';
			for (const activity of page) chunk += annexRowXml(activity, ++index, place);
			yield chunk;
		}
		if (index === 0) {
			yield (
				'<w:tr>' +
				xmlCell('Chưa có hoạt động nào trong phạm vi số liệu.', CONTENT_WIDTH, 'left').replace(
					'<w:tcPr>',
					`<w:tcPr><w:gridSpan w:val="${ANNEX_COLUMNS.length}"/>`
				) +
				'</w:tr>'
			);
		}
	}

	return streamOfficeFile(
		await Packer.toBuffer(document),
		'word/document.xml',
		(xml) => {
			const marker = xml.indexOf(ANNEX_MARKER);
			const rowStart = xml.lastIndexOf('<w:tr>', marker);
			const rowEnd = xml.indexOf('</w:tr>', marker) + '</w:tr>'.length;
			if (marker < 0 || rowStart < 0) throw new Error('DOCX annex placeholder not found');
			return { before: xml.slice(0, rowStart), after: xml.slice(rowEnd) };
		},
		annexRows
	);
}
