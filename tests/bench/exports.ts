import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../helpers/server';

const TYPES = ['banner', 'media', 'event', 'movement', 'honor'] as const;

/** Fill the database directly with `count` activities spread over every active unit. */
export function seedActivities(dbPath: string, count: number): void {
	const db = new Database(dbPath);
	try {
		const units = db.prepare('select id from units where active = 1').all() as { id: number }[];
		const campaign = db.prepare('select id from campaigns where active = 1').get() as {
			id: number;
		};
		const insert = db.prepare(
			`insert into activities (campaign_id, unit_id, type, title, description, start_date, location,
			 participants, quantity, channels, format, mode, content_areas, links, idempotency_key,
			 request_hash, source)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 'bench', 'api')`
		);
		db.transaction(() => {
			for (let i = 0; i < count; i++) {
				const type = TYPES[i % TYPES.length];
				insert.run(
					campaign.id,
					units[i % units.length].id,
					type,
					`Hoạt động hưởng ứng số ${i + 1}: tọa đàm “Đổi mới sáng tạo – hành động đột phá”`,
					'Mô tả ngắn về hoạt động, kết quả đạt được và số người tham gia.',
					`2026-04-${String(18 + (i % 9)).padStart(2, '0')}`,
					'Hội trường UBND',
					type === 'event' ? null : 20 + (i % 50),
					1 + (i % 30),
					type === 'media' ? '["social","radio"]' : '[]',
					type === 'event' ? 'talk' : null,
					type === 'event' ? 'onsite' : null,
					'["awareness"]',
					`bench-${i}`
				);
			}
			// Rows written behind the app's back: rebuild the kept tallies (server/changes.ts) as the
			// migration that introduced them does.
			db.prepare('delete from activity_tallies').run();
			db.prepare(
				`insert into activity_tallies
					(campaign_id, unit_id, type, start_date, activities, quantity, participants, demo)
				 select campaign_id, unit_id, type, start_date, count(*), coalesce(sum(quantity), 0),
					coalesce(sum(participants), 0), coalesce(sum(demo), 0)
				 from activities where status <> 'rejected' and withdrawn_at is null
				 group by campaign_id, unit_id, type, start_date`
			).run();
			db.prepare('update campaigns set seq = seq + 1').run();
		})();
	} finally {
		db.close();
	}
}

/** The resident memory of a process, from /proc (Linux). */
export function rssKb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/**
 * Download each export as a browser would (reading the stream to its end) while sampling the
 * server's resident memory every 20 ms: seconds to the last byte, size, and peak memory over
 * the idle server.
 */
export async function measureExports(server: RunningServer, cookie: string) {
	const pid = server.pid()!;
	const results: Record<
		string,
		{ seconds: number; megabytes: number; peakRssMb: number; baseRssMb: number }
	> = {};
	for (const format of ['csv', 'xlsx', 'docx'] as const) {
		global.gc?.();
		await new Promise((resolve) => setTimeout(resolve, 500));
		const base = rssKb(pid);
		let peak = base;
		const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
		const started = performance.now();
		const response = await fetch(`${server.url}/dashboard/export/${format}`, {
			headers: { Cookie: cookie }
		});
		if (!response.ok || !response.body) throw new Error(`${format}: ${response.status}`);
		let bytes = 0;
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
		}
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		results[format] = {
			seconds: Math.round(seconds * 10) / 10,
			megabytes: Math.round((bytes / 1_048_576) * 10) / 10,
			peakRssMb: Math.round(peak / 1024),
			baseRssMb: Math.round(base / 1024)
		};
	}
	return results;
}
