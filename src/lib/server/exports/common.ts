import {
	CHANNEL_LABELS,
	CONTENT_AREA_LABELS,
	FORMAT_LABELS,
	GROUP_LABELS,
	MODE_LABELS,
	QUANTITY_LABELS,
	TYPE_LABELS,
	type ContentArea,
	type EventFormat,
	type EventMode,
	type MediaChannel
} from '../../domain/campaign';
import type { CutoffState } from '../../domain/cutoff';
import { formatDate, formatDateTime } from '../../domain/dates';
import type { ExportActivity } from './data';

export const STATUS_LABELS = {
	pending: 'Chờ duyệt',
	approved: 'Đã duyệt',
	rejected: 'Không duyệt'
} as const;

/** The line every export carries about how final its numbers are. */
export function cutoffLine(cutoff: CutoffState, generatedAt: string): string {
	return cutoff.kind === 'locked'
		? `Số liệu đã chốt lúc ${formatDateTime(cutoff.at)}.`
		: `Số liệu tạm tính đến ${formatDateTime(generatedAt)} (chưa chốt).`;
}

/** Columns of the activity list, shared by the CSV and the XLSX sheet. */
export const ACTIVITY_COLUMNS = [
	{ header: 'STT', width: 7 },
	{ header: 'Mã đơn vị', width: 11 },
	{ header: 'Đơn vị', width: 36 },
	{ header: 'Nhóm đơn vị', width: 22 },
	{ header: 'Hình thức', width: 30 },
	{ header: 'Tên hoạt động', width: 48 },
	{ header: 'Từ ngày', width: 12 },
	{ header: 'Đến ngày', width: 12 },
	{ header: 'Địa điểm', width: 24 },
	{ header: 'Số lượng', width: 10 },
	{ header: 'Đơn vị tính', width: 30 },
	{ header: 'Người tham gia', width: 12 },
	{ header: 'Kênh truyền thông', width: 22 },
	{ header: 'Loại sự kiện', width: 20 },
	{ header: 'Cách thức', width: 16 },
	{ header: 'Nội dung hưởng ứng', width: 40 },
	{ header: 'Mô tả', width: 48 },
	{ header: 'Liên kết minh chứng', width: 36 },
	{ header: 'Trạng thái', width: 12 },
	{ header: 'Điển hình', width: 10 },
	{ header: 'Thời điểm gửi', width: 17 }
] as const;

export type CellValue = string | number | Date | null;

const dateValue = (iso: string | null): Date | null => {
	if (!iso) return null;
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
};

/** One activity as the row of cells both list exports write; dates as real dates. */
export function activityCells(activity: ExportActivity, index: number): CellValue[] {
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
		activity.channels.map((c) => CHANNEL_LABELS[c as MediaChannel] ?? c).join('; ') || null,
		activity.format ? (FORMAT_LABELS[activity.format as EventFormat] ?? activity.format) : null,
		activity.mode ? (MODE_LABELS[activity.mode as EventMode] ?? activity.mode) : null,
		activity.contentAreas.map((c) => CONTENT_AREA_LABELS[c as ContentArea] ?? c).join('; ') || null,
		activity.description,
		activity.links.join(' ') || null,
		STATUS_LABELS[activity.status],
		activity.exemplary ? 'Có' : null,
		formatDateTime(activity.createdAt)
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
