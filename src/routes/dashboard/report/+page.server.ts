import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import { parseExportFilter } from '$lib/domain/export-filter';
import { exportActivities, reportData, type ExportActivity } from '$lib/server/exports/data';
import { signatureLines } from '$lib/server/exports/docx';
import { agencyLines, reportText } from '$lib/server/exports/report-text';

/** The browser prints this many annex rows; the full list is in the DOCX and XLSX downloads. */
const PRINT_ANNEX_LIMIT = 2000;

export const load = (async ({ url, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	const filter = parseExportFilter(url.searchParams);
	if (!filter.ok) error(400, Object.values(filter.errors).flat().join(' '));
	const campaign = await findActiveCampaign(db());
	const data = await reportData(db(), campaign, filter.value);
	const annex: ExportActivity[] = [];
	for await (const page of exportActivities(db(), campaign.id, filter.value, 500)) {
		annex.push(...page.slice(0, PRINT_ANNEX_LIMIT - annex.length));
		if (annex.length >= PRINT_ANNEX_LIMIT) break;
	}
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { campaign: _, ...rest } = data;
	return {
		...rest,
		campaign: {
			title: campaign.title,
			issuer: campaign.issuer,
			year: campaign.event_day.slice(0, 4)
		},
		agency: agencyLines(campaign.issuer),
		signature: signatureLines(campaign.signer),
		text: reportText(data),
		annex,
		annexLimit: PRINT_ANNEX_LIMIT
	};
}) satisfies PageServerLoad;
