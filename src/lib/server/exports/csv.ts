import type { ExportFilter } from '../../domain/export-filter';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import { campaignDates } from '../repositories/campaigns';
import { ACTIVITY_COLUMNS, activityCells, textOf } from './common';
import { exportActivities } from './data';

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a formula. */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(values: string[]): string {
	return values.map(csvField).join(',') + '\r\n';
}

/**
 * The activity list as UTF-8 CSV with a byte-order mark (so Excel shows Vietnamese), streamed
 * page by page.
 */
export function activitiesCsv(db: DB, campaign: Campaign, filter: ExportFilter): ReadableStream {
	const encoder = new TextEncoder();
	let index = 0;
	const window = campaignDates(campaign);
	const pages = exportActivities(db, campaign.id, filter);
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(
					encoder.encode('\uFEFF' + csvLine(ACTIVITY_COLUMNS.map((column) => column.header)))
				);
				return;
			}
			const page = await pages.next();
			if (page.done) {
				controller.close();
				return;
			}
			let chunk = '';
			for (const activity of page.value) {
				chunk += csvLine(activityCells(activity, ++index, window).map(textOf));
			}
			controller.enqueue(encoder.encode(chunk));
		},
		async cancel() {
			await pages.return(undefined);
		}
	});
}
