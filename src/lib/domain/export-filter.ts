// No zod here: the dashboard builds its export links with these.
import {
	ACTIVITY_TYPES,
	isOneOf,
	UNIT_GROUPS,
	type ActivityType,
	type UnitGroup
} from './campaign';
import { GROUP_LABELS, TYPE_SHORT_LABELS } from './campaign-labels';
import { formatDate, isValidIsoDate } from './dates';

/** What an export covers: the filters chosen on the dashboard. Empty means everything. */
export interface ExportFilter {
	group?: UnitGroup;
	type?: ActivityType;
	/** activities starting on or after this day (YYYY-MM-DD) */
	from?: string;
	/** activities starting on or before this day */
	to?: string;
}

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
	if (value.from && value.to && value.from > value.to) {
		errors.to = ['Ngày kết thúc phải sau hoặc trùng ngày bắt đầu'];
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

export function filterQuery(filter: ExportFilter): string {
	const params = new URLSearchParams();
	for (const key of ['group', 'type', 'from', 'to'] as const) {
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
