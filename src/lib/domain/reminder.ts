import { deadlineInstant } from './completeness';
import { formatDate } from './dates';

/**
 * What a reminder carries of the unit's link. none: the unit has no live link; legacy: its link
 * was issued before links could be shown again; recoverable: the link is in the text (for
 * administrators); withheld: the link exists but only administrators may hand it out.
 */
export type ReminderLink = 'none' | 'legacy' | 'recoverable' | 'withheld';

/** A composed reminder as the dashboard shows it. */
export interface Reminder {
	code: string;
	text: string;
	link: ReminderLink;
}

/**
 * The ready-to-copy reminder for a unit that has not sent its final report: polite
 * administrative Vietnamese, what is still missing, the deadline, and the unit's own link.
 */
export function reminderText(args: {
	unitName: string;
	issuer: string;
	activities: number;
	dueBefore: string;
	link?: string;
	now?: Date;
}): string {
	const now = args.now ?? new Date();
	const left = deadlineInstant(args.dueBefore).getTime() - now.getTime();
	const days = Math.ceil(left / 86_400_000);
	const due =
		left > 0
			? `trước ngày ${formatDate(args.dueBefore)} (còn ${days} ngày)`
			: `sớm nhất có thể (hạn báo cáo trước ngày ${formatDate(args.dueBefore)} đã qua)`;
	const what =
		args.activities > 0
			? `Đơn vị đã nhập ${args.activities} hoạt động; chỉ cần gửi thêm phần tóm tắt kết quả ở cuối trang báo cáo.`
			: 'Đơn vị nhập các hoạt động đã tổ chức và gửi tóm tắt kết quả; nếu không tổ chức hoạt động, chỉ cần chọn “Báo cáo không tổ chức hoạt động” và ghi lý do.';
	const link = args.link
		? `Đường liên kết báo cáo của đơn vị (không chia sẻ công khai): ${args.link}`
		: 'Đơn vị dùng đường liên kết báo cáo Sở đã gửi; nếu không còn, vui lòng liên hệ Sở để được cấp lại.';
	return [
		`Kính gửi: ${args.unitName}.`,
		`${args.issuer} đề nghị Quý đơn vị gửi báo cáo kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026 ${due}.`,
		what,
		link,
		'Trân trọng cảm ơn!'
	].join('\n');
}
