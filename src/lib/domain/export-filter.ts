// No zod here: the dashboard builds its export links with these.
import {
	ACTIVITY_TYPES,
	isOneOf,
	UNIT_GROUPS,
	type ActivityType,
	type UnitGroup
} from './campaign';
import { GROUP_LABELS, TYPE_SHORT_LABELS } from './campaign-labels';
import { formatDate, formatNumber, isValidIsoDate } from './dates';

/** What an export covers: the filters chosen on the dashboard. Empty means everything. */
export interface ExportFilter {
	group?: UnitGroup;
	type?: ActivityType;
	/** activities starting on or after this day (YYYY-MM-DD) */
	from?: string;
	/** activities starting on or before this day */
	to?: string;
	/**
	 * Which activities count: only those the Department approved, or (absent, the default) every
	 * one not rejected or withdrawn — what the live board counts (domain/counting.ts).
	 */
	status?: 'approved';
}

/** The choices of what counts in an export, the default first. */
export const EXPORT_STATUSES = ['counted', 'approved'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type FilterResult =
	{ ok: true; value: ExportFilter } | { ok: false; errors: Record<string, string[]> };

export function parseExportFilter(params: URLSearchParams): FilterResult {
	const errors: Record<string, string[]> = {};
	const value: ExportFilter = {};
	const group = params.get('group') ?? '';
	if (group !== '') {
		if (isOneOf(UNIT_GROUPS, group)) value.group = group;
		else errors.group = ['Nhóm đơn vị không hợp lệ'];
	}
	const type = params.get('type') ?? '';
	if (type !== '') {
		if (isOneOf(ACTIVITY_TYPES, type)) value.type = type;
		else errors.type = ['Hình thức hoạt động không hợp lệ'];
	}
	for (const key of ['from', 'to'] as const) {
		const raw = params.get(key) ?? '';
		if (raw === '') continue;
		if (isValidIsoDate(raw)) value[key] = raw;
		else errors[key] = ['Ngày phải có dạng năm-tháng-ngày (YYYY-MM-DD) và là ngày có thật'];
	}
	const status = params.get('status') ?? '';
	if (status === 'approved') value.status = 'approved';
	else if (status !== '' && status !== 'counted') {
		errors.status = [
			'Cách tính hoạt động không hợp lệ (approved: chỉ hoạt động đã duyệt; counted: tất cả trừ hoạt động bị từ chối hoặc đã rút)'
		];
	}
	if (value.from && value.to && value.from > value.to) {
		errors.to = ['Ngày kết thúc phải sau hoặc trùng ngày bắt đầu'];
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

export function filterQuery(filter: ExportFilter): string {
	const params = new URLSearchParams();
	for (const key of ['group', 'type', 'from', 'to', 'status'] as const) {
		const value = filter[key];
		if (value) params.set(key, value);
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** "Các sở, ban, ngành; hình thức Truyền thông; từ 18/04/2026" — or "" for everything. */
export function describeFilter(filter: ExportFilter): string {
	const parts: string[] = [];
	if (filter.group) parts.push(GROUP_LABELS[filter.group]);
	if (filter.type) parts.push(`hình thức ${TYPE_SHORT_LABELS[filter.type]}`);
	if (filter.from && filter.to)
		parts.push(`hoạt động từ ${formatDate(filter.from)} đến ${formatDate(filter.to)}`);
	else if (filter.from) parts.push(`hoạt động từ ${formatDate(filter.from)}`);
	else if (filter.to) parts.push(`hoạt động đến ${formatDate(filter.to)}`);
	return parts.join('; ');
}

/**
 * Which activities an export counted, said in every file and on the print view — the choice is
 * always stated, the default too. `pending`: activities in scope still waiting for the
 * Department's review (counted by default, left out when only approved ones count).
 */
export function describeStatusScope(filter: ExportFilter, pending: number): string {
	const waiting = `${formatNumber(pending)} hoạt động đang chờ duyệt`;
	const none = ' (không có hoạt động nào đang chờ duyệt)';
	const excluded = 'hoạt động bị từ chối hoặc đơn vị đã rút';
	if (filter.status === 'approved') {
		return pending
			? `Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt; không tính ${waiting} và ${excluded}.`
			: `Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt${none}; không tính ${excluded}.`;
	}
	return pending
		? `Hoạt động được tính: các hoạt động đã được Sở duyệt và ${waiting}; không tính ${excluded}.`
		: `Hoạt động được tính: các hoạt động đã được Sở duyệt${none}; không tính ${excluded}.`;
}
