import { CHANNEL_LABELS, FORMAT_LABELS } from '../../domain/campaign-labels';
import { formatDate, formatNumber as n } from '../../domain/dates';
import { describeFilter, describeStatusScope } from '../../domain/export-filter';
import { cutoffLine, demoLine } from './common';
import type { ReportData } from './data';

/** The sentences of the consolidated report, written once for the DOCX and the print view. */
export interface ReportText {
	intro: string;
	/** section I */
	direction: string[];
	/** "Số liệu đã chốt lúc …" or "tạm tính đến …" */
	stamp: string;
	/** "Phạm vi số liệu: …", when filtered */
	scope: string | null;
	/** which activities count: approved only, or all but rejected — always said */
	counting: string;
	/** while sample activities are among the numbers */
	demo: string | null;
	/** section II: each of the letter's five forms, in its order */
	results: { label: string; text: string }[];
	total: string;
	/** the activities outside the window, stated separately (null when there are none) */
	outsideWindow: string | null;
	/** section V: one line per unit that has not reported, or one line saying all did */
	missing: string[];
	closing: string;
}

/** "Sở Khoa học và Công nghệ tỉnh Lai Châu" → the governing body and the agency lines. */
export function agencyLines(issuer: string): {
	parent: string;
	agency: string;
	name: string;
	place: string;
} {
	const match = /^(.*?)\s+tỉnh\s+(.+)$/i.exec(issuer.trim());
	if (!match)
		return { parent: '', agency: issuer.toLocaleUpperCase('vi'), name: issuer, place: '' };
	return {
		parent: `UBND TỈNH ${match[2].toLocaleUpperCase('vi')}`,
		agency: match[1].toLocaleUpperCase('vi'),
		name: match[1],
		place: match[2]
	};
}

/** Within the province the report is about, "Sở Y tế tỉnh Lai Châu" is "Sở Y tế". */
export function unitNameInProvince(name: string, place: string): string {
	const suffix = place ? ` tỉnh ${place}` : '';
	return suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/**
 * Section V, as a report to the Ministry words it: the units that have not reported, in two
 * groups (reported activities but no final report; nothing at all), each one sentence.
 */
function missingLines(data: ReportData): string[] {
	if (!data.missing.length) return ['Tất cả các đơn vị đã gửi báo cáo kết quả.'];
	const { place } = agencyLines(data.campaign.issuer);
	const groups = [
		{
			state: 'activitiesOnly',
			lead: 'Có hoạt động nhưng chưa gửi báo cáo kết quả'
		},
		{ state: 'notStarted', lead: 'Chưa có hoạt động và chưa gửi báo cáo kết quả' }
	] as const;
	return groups
		.flatMap((group) => {
			const units = data.missing.filter((unit) => unit.state === group.state);
			return units.length
				? [
						`${group.lead} (${n(units.length)} đơn vị): ${units.map((unit) => unitNameInProvince(unit.name, place)).join('; ')}.`
					]
				: [];
		})
		.map((line, i) => `${i + 1}. ${line}`);
}

export function reportText(data: ReportData): ReportText {
	const { campaign, totals, completeness: c } = data;
	const t = data.byType;
	const count = (group: string) => data.units.filter((unit) => unit.group === group).length;
	const reported = c.reportedOnTime + c.reportedLate + c.noActivity;
	const scope = describeFilter(data.filter);
	const channels = data.mediaByChannel
		.map(
			(row) =>
				`${CHANNEL_LABELS[row.channel]} ${n(row.activities)} hoạt động (${n(row.quantity)} tin, bài)`
		)
		.join('; ');
	const formats = data.eventsByFormat
		.map(
			(row) =>
				`${row.format ? FORMAT_LABELS[row.format] : 'khác'} ${n(row.activities)} (${n(row.attendees)} người)`
		)
		.join('; ');

	return {
		intro: `Thực hiện ${campaign.based_on ?? 'văn bản của Bộ Khoa học và Công nghệ'} về việc hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4 năm 2026, ${campaign.issuer} báo cáo kết quả triển khai như sau:`,
		direction: [
			`${agencyLines(campaign.issuer).name} đã ban hành văn bản đề nghị ${n(totals.units)} cơ quan, đơn vị (${n(count('front'))} Mặt trận Tổ quốc tỉnh; ${n(count('sectors'))} sở, ban, ngành; ${n(count('localities'))} xã, phường) tổ chức các hoạt động hưởng ứng từ ngày ${formatDate(campaign.window_from)} đến hết ngày ${formatDate(campaign.window_to)}, báo cáo kết quả trước ngày ${formatDate(campaign.report_due_before)}.`,
			`Có ${n(totals.unitsWithActivities)}/${n(totals.units)} đơn vị tổ chức hoạt động hưởng ứng; ${n(reported)}/${n(totals.units)} đơn vị đã gửi báo cáo kết quả (${n(c.reportedOnTime)} đúng hạn, ${n(c.reportedLate)} muộn, ${n(c.noActivity)} báo cáo không tổ chức hoạt động); ${n(data.missing.length)} đơn vị chưa gửi báo cáo kết quả.`
		],
		stamp: cutoffLine(data.cutoff, data.generatedAt),
		scope: scope ? `Phạm vi số liệu: ${scope}.` : null,
		counting: describeStatusScope(data.filter, totals.pending),
		demo: demoLine(data.totals.demo),
		results: [
			{
				label: '1. Treo băng rôn, khẩu hiệu: ',
				text: `${n(t.banner.activities)} hoạt động, ${n(t.banner.quantity)} băng rôn, khẩu hiệu.`
			},
			{
				label: '2. Truyền thông đa nền tảng: ',
				text: `${n(t.media.activities)} hoạt động, ${n(t.media.quantity)} tin, bài, sản phẩm truyền thông${channels ? `; theo kênh: ${channels}` : ''}.`
			},
			{
				label: '3. Hội nghị, hội thảo, tọa đàm, triển lãm: ',
				text: `${n(t.event.activities)} sự kiện với ${n(t.event.quantity)} lượt người tham dự${formats ? `; gồm: ${formats}` : ''}.`
			},
			{
				label: '4. Phong trào thi đua, cuộc thi, sáng kiến: ',
				text: `${n(t.movement.activities)} hoạt động, ${n(t.movement.quantity)} sáng kiến, giải pháp.`
			},
			{
				label: '5. Biểu dương, tôn vinh, khen thưởng: ',
				text: `${n(t.honor.activities)} hoạt động, ${n(t.honor.quantity)} tập thể, cá nhân được biểu dương, khen thưởng.`
			}
		],
		total: `Tổng cộng: ${n(totals.activities)} hoạt động, ${n(totals.participants)} lượt người tham gia.`,
		outsideWindow: totals.outsideWindow
			? `Trong tổng số trên có ${n(totals.outsideWindow)} hoạt động diễn ra ngoài đợt (trước ngày ${formatDate(campaign.window_from)} hoặc sau ngày ${formatDate(campaign.window_to)}), đã được đơn vị xác nhận khi báo cáo.`
			: null,
		missing: missingLines(data),
		closing: `Trên đây là báo cáo kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026 của ${campaign.issuer}./.`
	};
}
