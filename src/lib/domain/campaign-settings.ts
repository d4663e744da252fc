import { z } from 'zod';
import { text } from './text';
import { isValidIsoDate } from './dates';

const date = (label: string) =>
	z
		.string({ error: `Nhập ${label}` })
		.trim()
		.refine(isValidIsoDate, { error: `${label[0].toUpperCase()}${label.slice(1)} không hợp lệ` });

/** An optional date: empty text is null ("use the default"). */
const optionalDate = (label: string) =>
	z
		.string()
		.trim()
		.transform((value) => value || null)
		.refine((value) => value === null || isValidIsoDate(value), {
			error: `${label[0].toUpperCase()}${label.slice(1)} không hợp lệ`
		})
		.optional()
		.transform((value) => value ?? null);

/** What an administrator may change about the active campaign. */
export const campaignSettingsSchema = z
	.strictObject({
		title: text()
			.trim()
			.min(10, { error: 'Tên đợt hưởng ứng cần ít nhất 10 ký tự' })
			.max(300, { error: 'Tên đợt hưởng ứng tối đa 300 ký tự' }),
		issuer: text()
			.trim()
			.min(5, { error: 'Nhập cơ quan ban hành' })
			.max(200, { error: 'Tên cơ quan tối đa 200 ký tự' }),
		slogan: text()
			.trim()
			.min(10, { error: 'Khẩu hiệu cần ít nhất 10 ký tự' })
			.max(200, { error: 'Khẩu hiệu tối đa 200 ký tự (để đọc được trên màn hình sự kiện)' }),
		themes: z
			.array(
				text()
					.trim()
					.min(5, { error: 'Mỗi chủ đề cần ít nhất 5 ký tự' })
					.max(200, { error: 'Mỗi chủ đề tối đa 200 ký tự' })
			)
			.min(1, { error: 'Nhập ít nhất một chủ đề' })
			.max(4, { error: 'Tối đa 4 chủ đề' }),
		eventDay: date('ngày sự kiện'),
		windowFrom: date('ngày bắt đầu đợt'),
		windowTo: date('ngày kết thúc đợt'),
		reportDueBefore: date('hạn báo cáo'),
		/** empty: the default range (30 days before the window to the report deadline) */
		acceptFrom: optionalDate('ngày sớm nhất nhận hoạt động'),
		acceptTo: optionalDate('ngày muộn nhất nhận hoạt động'),
		moderation: z.boolean()
	})
	.superRefine((value, ctx) => {
		const add = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (value.windowTo < value.windowFrom)
			add('windowTo', 'Ngày kết thúc đợt không được trước ngày bắt đầu');
		const days = (Date.parse(value.windowTo) - Date.parse(value.windowFrom)) / 86_400_000;
		if (days > 92) add('windowTo', 'Đợt hoạt động không dài quá 3 tháng');
		if (value.reportDueBefore <= value.windowTo) {
			add('reportDueBefore', 'Hạn báo cáo phải sau ngày kết thúc đợt hoạt động');
		}
		if (value.acceptFrom && value.acceptFrom > value.windowFrom) {
			add('acceptFrom', 'Ngày sớm nhất nhận hoạt động không được sau ngày bắt đầu đợt');
		}
		if (value.acceptTo && value.acceptTo < value.windowTo) {
			add('acceptTo', 'Ngày muộn nhất nhận hoạt động không được trước ngày kết thúc đợt');
		}
	});

export type CampaignSettings = z.output<typeof campaignSettingsSchema>;
