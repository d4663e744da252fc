import {
	CHANNEL_LABELS,
	CONTENT_AREA_LABELS,
	FORMAT_LABELS,
	MODE_LABELS,
	QUANTITY_LABELS,
	TYPE_LABELS,
	GROUP_LABELS,
	STATUS_LABELS
} from '../../domain/campaign-labels';
import type { CutoffState } from '../../domain/cutoff';
import { isOutsideWindow } from '../../domain/activity-dates';
import { formatDate, formatDateTime, formatNumber } from '../../domain/dates';
import type { ExportActivity } from './data';

/** The line every export carries about how final its numbers are. */
export function cutoffLine(cutoff: CutoffState, generatedAt: string): string {
	return cutoff.kind === 'locked'
		? `Số liệu đã chốt lúc ${formatDateTime(cutoff.at)}.`
		: `Số liệu tạm tính đến ${formatDateTime(generatedAt)} (chưa chốt).`;
}

/**
 * Columns of the activity list, shared by the CSV and the XLSX sheet. Widths (XLSX only, in
 * characters) are narrow and the text wraps, so a printed A4 landscape page one page wide stays
 * legible.
 */
export const ACTIVITY_COLUMNS = [
	{ header: 'STT', width: 6 },
	{ header: 'Mã đơn vị', width: 9 },
	{ header: 'Đơn vị', width: 20 },
	{ header: 'Nhóm đơn vị', width: 12 },
	{ header: 'Hình thức', width: 15 },
	{ header: 'Tên hoạt động', width: 32 },
	{ header: 'Từ ngày', width: 11 },
	{ header: 'Đến ngày', width: 11 },
	{ header: 'Địa điểm', width: 15 },
	{ header: 'Số lượng', width: 9 },
	{ header: 'Đơn vị tính', width: 13 },
	{ header: 'Người tham gia', width: 9 },
	{ header: 'Kênh truyền thông', width: 12 },
	{ header: 'Loại sự kiện', width: 12 },
	{ header: 'Cách thức', width: 9 },
	{ header: 'Nội dung hưởng ứng', width: 24 },
	{ header: 'Mô tả', width: 28 },
	{ header: 'Liên kết minh chứng', width: 18 },
	{ header: 'Trạng thái', width: 10 },
	{ header: 'Điển hình', width: 8 },
	{ header: 'Thời điểm gửi', width: 15 },
	{ header: 'Dữ liệu mẫu', width: 8 },
	{ header: 'Ngoài đợt', width: 8 }
] as const;

export type CellValue = string | number | Date | null;

const dateValue = (iso: string | null): Date | null => {
	if (!iso) return null;
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
};

/** One activity as the row of cells both list exports write; dates as real dates. */
export function activityCells(
	activity: ExportActivity,
	index: number,
	window: { windowFrom: string; windowTo: string }
): CellValue[] {
	return [
		index,
		activity.unit.code,
		activity.unit.name,
		GROUP_LABELS[activity.group],
		TYPE_LABELS[activity.type],
		activity.title,
		dateValue(activity.startDate),
		dateValue(activity.endDate),
		activity.location,
		activity.quantity,
		activity.quantity === null ? null : QUANTITY_LABELS[activity.type],
		activity.participants,
		activity.channels.map((c) => CHANNEL_LABELS[c]).join('; ') || null,
		activity.format ? FORMAT_LABELS[activity.format] : null,
		activity.mode ? MODE_LABELS[activity.mode] : null,
		activity.contentAreas.map((c) => CONTENT_AREA_LABELS[c]).join('; ') || null,
		activity.description,
		activity.links.join(' ') || null,
		STATUS_LABELS[activity.status],
		activity.exemplary ? 'Có' : null,
		formatDateTime(activity.createdAt),
		activity.demo ? 'Mẫu' : null,
		isOutsideWindow(activity.startDate, window) ? 'Ngoài đợt' : null
	];
}

export function textOf(value: CellValue): string {
	if (value === null) return '';
	if (value instanceof Date) return formatDate(value.toISOString().slice(0, 10));
	return String(value);
}

/** "lan-toa-hoat-dong-2026-11-26-1405" — ASCII file names that every browser keeps. */
export function fileStamp(now: Date = new Date()): string {
	const local = new Date(now.getTime() + 7 * 3600_000).toISOString();
	return `${local.slice(0, 10)}-${local.slice(11, 13)}${local.slice(14, 16)}`;
}

/** What every export says while sample activities of `cli demo` are among its numbers. */
export function demoLine(demo: number): string | null {
	return demo > 0
		? `Lưu ý: số liệu gồm ${formatNumber(demo)} hoạt động mẫu (chạy thử bằng lệnh demo), không phải báo cáo của đơn vị; cần xóa trước khi dùng chính thức.`
		: null;
}
