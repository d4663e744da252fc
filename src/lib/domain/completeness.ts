// No zod here: the dashboard imports these labels and must not carry the schema library.

/** Where each unit stands with its final report. */
export const COMPLETENESS_STATES = [
	'notStarted',
	'activitiesOnly',
	'reportedOnTime',
	'reportedLate',
	'noActivity'
] as const;
export type CompletenessState = (typeof COMPLETENESS_STATES)[number];

export const COMPLETENESS_LABELS: Record<CompletenessState, string> = {
	notStarted: 'Chưa có hoạt động, chưa gửi báo cáo kết quả',
	activitiesOnly: 'Có hoạt động, chưa gửi báo cáo kết quả',
	reportedOnTime: 'Gửi báo cáo kết quả đúng hạn',
	reportedLate: 'Gửi báo cáo kết quả muộn',
	noActivity: 'Báo cáo không tổ chức hoạt động'
};

/** The same states in a table column of the report (the activity columns beside it tell the rest). */
export const COMPLETENESS_SHORT_LABELS: Record<CompletenessState, string> = {
	notStarted: 'Chưa báo cáo',
	activitiesOnly: 'Chưa báo cáo',
	reportedOnTime: 'Đúng hạn',
	reportedLate: 'Muộn',
	noActivity: 'Không tổ chức'
};

export interface Completeness {
	total: number;
	reportedOnTime: number;
	reportedLate: number;
	noActivity: number;
	activitiesOnly: number;
	notStarted: number;
}

// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975; the offset is fixed.
const VIETNAM_OFFSET = '+07:00';

/**
 * "Report before 10/5" means the report is on time until 9/5 23:59:59.999 in Vietnam, whatever
 * the server's own time zone: the deadline instant is the start of the due date in Vietnam.
 */
export function deadlineInstant(dueBefore: string): Date {
	return new Date(`${dueBefore}T00:00:00.000${VIETNAM_OFFSET}`);
}

export function isOnTime(reportedAt: string | Date, dueBefore: string): boolean {
	const at = typeof reportedAt === 'string' ? new Date(reportedAt) : reportedAt;
	return at.getTime() < deadlineInstant(dueBefore).getTime();
}

export function completenessState(args: {
	activities: number;
	report: { kind: 'summary' | 'no_activity'; reportedAt: string } | null;
	dueBefore: string;
}): CompletenessState {
	const { report } = args;
	if (report?.kind === 'no_activity') return 'noActivity';
	if (report)
		return isOnTime(report.reportedAt, args.dueBefore) ? 'reportedOnTime' : 'reportedLate';
	return args.activities > 0 ? 'activitiesOnly' : 'notStarted';
}
