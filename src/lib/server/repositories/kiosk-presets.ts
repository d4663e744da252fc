import type { KioskConfig } from '../../kiosk/config';
import type { DB } from '../db/open';
import type { KioskPreset } from '../db/schema';
import { appendAudit, type Actor } from './audit';

export const PRESET_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export async function listKioskPresets(db: DB): Promise<KioskPreset[]> {
	return db.selectFrom('kiosk_presets').selectAll().orderBy('name').execute();
}

export async function findKioskPreset(db: DB, name: string): Promise<KioskPreset | undefined> {
	if (!PRESET_NAME.test(name)) return undefined;
	return db.selectFrom('kiosk_presets').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The language a preset shows the event screen in, if it has one (`/kiosk?preset=<name>`). */
export async function kioskPresetLocale(db: DB, name: string): Promise<'vi' | 'en' | undefined> {
	return (await findKioskPreset(db, name))?.lang ?? undefined;
}

export function presetConfig(preset: KioskPreset): KioskConfig {
	return {
		slides: preset.slides.split(',') as KioskConfig['slides'],
		interval: preset.interval,
		theme: preset.theme,
		unit: preset.unit_code,
		lang: preset.lang
	};
}

/** Create or replace a named preset (audited with what it was and what it is). */
export async function saveKioskPreset(db: DB, name: string, config: KioskConfig, actor: Actor) {
	await db.transaction().execute(async (trx) => {
		const before = await findKioskPreset(trx, name);
		const values = {
			slides: config.slides.join(','),
			interval: config.interval,
			theme: config.theme,
			unit_code: config.unit,
			lang: config.lang
		};
		if (before) {
			await trx
				.updateTable('kiosk_presets')
				.set({ ...values, updated_at: new Date().toISOString() })
				.where('id', '=', before.id)
				.execute();
		} else {
			await trx
				.insertInto('kiosk_presets')
				.values({ ...values, name })
				.execute();
		}
		await appendAudit(trx, {
			actor,
			action: 'kiosk_preset.save',
			entityType: 'kiosk_preset',
			entityId: name,
			before: before ? presetConfig(before) : undefined,
			after: config
		});
	});
}

export async function deleteKioskPreset(db: DB, name: string, actor: Actor): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const before = await findKioskPreset(trx, name);
		if (!before) return false;
		await trx.deleteFrom('kiosk_presets').where('id', '=', before.id).execute();
		await appendAudit(trx, {
			actor,
			action: 'kiosk_preset.delete',
			entityType: 'kiosk_preset',
			entityId: name,
			before: presetConfig(before)
		});
		return true;
	});
}
