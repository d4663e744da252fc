import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { liveSnapshot } from '$lib/server/live-stats';
import { DEFAULT_CONFIG, readKioskConfig } from '$lib/kiosk/config';
import { m } from '$lib/paraglide/messages';
import { findKioskPreset, presetConfig } from '$lib/server/repositories/kiosk-presets';

/**
 * The event screen. Settings come from a saved preset (`?preset=<name>`, or the short `/k/<name>`)
 * and then the URL (`slides`, `interval`, `theme`, `unit`), so a nightly reload picks up an
 * administrator's changes to the preset.
 */
export const load = (async ({ url, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	const problems: string[] = [];
	let base = DEFAULT_CONFIG;
	const presetName = url.searchParams.get('preset');
	if (presetName) {
		const preset = await findKioskPreset(db(), presetName);
		if (preset) base = presetConfig(preset);
		else problems.push(m.kiosk_problem_preset({ name: presetName }));
	}
	const read = readKioskConfig(
		{
			slides: url.searchParams.get('slides'),
			interval: url.searchParams.get('interval'),
			theme: url.searchParams.get('theme'),
			unit: url.searchParams.get('unit'),
			lang: url.searchParams.get('lang')
		},
		base
	);
	problems.push(...read.problems);
	const config = read.config;
	const snapshot = await liveSnapshot('public', config.unit ?? undefined);
	if (config.unit && !snapshot.stats.byUnit.some((unit) => unit.code === config.unit)) {
		problems.push(m.kiosk_problem_no_unit({ code: config.unit }));
		config.unit = null;
	}
	const publicUrl = `${url.origin}/`;
	return {
		...snapshot,
		config,
		problems,
		publicUrl
	};
}) satisfies PageServerLoad;
