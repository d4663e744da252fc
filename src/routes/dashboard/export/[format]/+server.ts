import type { RequestHandler } from './$types';
import { appContext, db } from '$lib/server/context';
import { photosDir } from '$lib/server/photo-paths';
import { errorResponse } from '$lib/server/http';
import { appendAudit } from '$lib/server/repositories/audit';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import { EXPORT_FORMATS, parseExportFilter, type ExportFormat } from '$lib/domain/export-filter';
import { cutoffState } from '$lib/domain/cutoff';
import { countExportActivities } from '$lib/server/repositories/export-reads';
import { activitiesCsv } from '$lib/server/exports/csv';
import { workbookXlsx } from '$lib/server/exports/xlsx';
import { reportDocx } from '$lib/server/exports/docx';
import { fileStamp } from '$lib/server/exports/common';
import { staffActor } from '$lib/server/auth/guards';
import { isOneOf } from '$lib/domain/campaign';

const TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};
const NAMES: Record<ExportFormat, string> = {
	csv: 'lan-toa-hoat-dong',
	xlsx: 'lan-toa-so-lieu',
	docx: 'bao-cao-hoat-dong-sang-tao'
};

/**
 * Downloads for leaders and administrators, streamed: CSV of activities, the XLSX workbook and
 * the consolidated DOCX report, each for the filters on the dashboard.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const format = params.format;
	if (!isOneOf(EXPORT_FORMATS, format)) {
		return errorResponse(404, {
			format: ['Không có định dạng tải xuống này (chỉ csv, xlsx, docx)']
		});
	}
	const filter = parseExportFilter(url.searchParams);
	if (!filter.ok) return errorResponse(400, filter.errors);

	const campaign = await findActiveCampaign(db());
	const rows = await countExportActivities(db(), campaign.id, filter.value);
	const cutoff = cutoffState(campaign.cutoff_at);
	await appendAudit(db(), {
		actor: staffActor(locals),
		action: 'export.download',
		entityType: 'campaign',
		entityId: campaign.slug,
		after: { format, filter: filter.value, activities: rows }
	});

	const stream =
		format === 'csv'
			? activitiesCsv(db(), campaign, filter.value)
			: format === 'xlsx'
				? await workbookXlsx(db(), campaign, filter.value)
				: await reportDocx(db(), campaign, filter.value, photosDir(appContext().config));
	// The file's name says what it counts when only approved activities do.
	const name = `${NAMES[format]}${filter.value.status === 'approved' ? '-da-duyet' : ''}-${cutoff.kind === 'locked' ? 'da-chot' : 'tam-tinh'}-${fileStamp()}.${format}`;
	return new Response(stream, {
		headers: {
			'Content-Type': TYPES[format],
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store',
			// The page shows progress against this; the body's length is not known in advance.
			'X-Export-Activities': String(rows),
			'X-Export-Cutoff': cutoff.kind === 'locked' ? cutoff.at : ''
		}
	});
};
