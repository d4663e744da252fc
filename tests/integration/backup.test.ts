import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, startServer, type RunningServer } from '../helpers/server';
import { phonePhoto, postReport } from '../helpers/photos';

// Issue 12, backups: `cli backup` while the server takes a write load gives a copy that passes
// SQLite's integrity check and holds every report acknowledged before the backup began; `cli
// restore` checks a backup before using it, never replaces a database a server is using, and
// never deletes what it replaces; the server backs itself up on a schedule and keeps the newest.

const servers: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const server of servers) await server.cleanup();
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	dirs.push(dir);
	return dir;
}

/** The real CLI against any database. */
function cli(args: string[], env: Record<string, string>) {
	return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
		const proc = spawn(
			process.execPath,
			[join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/cli.ts'), ...args],
			{ cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let stdout = '';
		let stderr = '';
		proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		proc.once('close', (status) => resolve({ status, stdout, stderr }));
	});
}

function keysIn(dbPath: string): Set<string> {
	const db = new Database(dbPath, { readonly: true });
	try {
		return new Set(
			(
				db
					.prepare(
						"select idempotency_key as key from activities where idempotency_key like 'sl-%'"
					)
					.all() as { key: string }[]
			).map((row) => row.key)
		);
	} finally {
		db.close();
	}
}

describe('cli backup and restore', () => {
	it('backs up under load; the restore holds every report acknowledged before, and opens', async () => {
		const server = await startServer({
			env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0', BACKUP_INTERVAL_HOURS: '0' }
		});
		servers.push(server);
		const token = await server.issueToken('SO-YT');
		// Two reports with photos (three photos in all), stored before the backup.
		for (const [n, shades] of [
			[1, [30, 60]],
			[2, [90]]
		] as const) {
			const sent = await postReport(
				server.url,
				token,
				{
					type: 'banner',
					title: `Băng rôn có ảnh số ${n}`,
					startDate: '2026-04-21',
					quantity_banner: '2',
					idempotencyKey: `anh-${n}`
				},
				await Promise.all(
					shades.map(async (shade) => ({
						name: `hoi-nghi-${shade}.jpg`,
						type: 'image/jpeg',
						bytes: await phonePhoto(shade)
					}))
				)
			);
			expect(sent.status).toBe(200);
		}
		const acknowledged = new Set<string>();
		let stop = false;
		const load = (async () => {
			for (let i = 0; !stop; i++) {
				const response = await fetch(`${server.url}/api/v1/activities`, {
					method: 'POST',
					headers: {
						Authorization: `Bearer ${token}`,
						'Content-Type': 'application/json',
						'Idempotency-Key': `sl-${i}`
					},
					body: JSON.stringify({
						type: 'banner',
						title: `Băng rôn số ${i} — trong lúc sao lưu`,
						startDate: '2026-04-21',
						quantity: 1
					})
				});
				if (response.status === 201) acknowledged.add(`sl-${i}`);
				await response.arrayBuffer();
			}
		})();
		await new Promise((resolve) => setTimeout(resolve, 700));

		const out = tempDir('lantoa-backups-');
		const before = new Set(acknowledged);
		const backup = await cli(['backup', out], { DATABASE_URL: server.dbPath });
		await new Promise((resolve) => setTimeout(resolve, 300));
		stop = true;
		await load;
		expect(backup.status, backup.stderr).toBe(0);
		expect(backup.stdout).toContain('Đã sao lưu vào');
		const [folder] = readdirSync(out).map((name) => join(out, name));
		expect(readdirSync(folder).sort()).toEqual([
			'lantoa.db',
			'lantoa.secret',
			'manifest.json',
			'photos'
		]);
		expect(backup.stdout).toContain('Ảnh: 3');
		expect(before.size).toBeGreaterThan(10);

		// Restored somewhere new: checked, whole, and every report acknowledged before is there.
		const restoredDir = tempDir('lantoa-restored-');
		const restoredDb = join(restoredDir, 'lantoa.db');
		const restore = await cli(['restore', folder], { DATABASE_URL: restoredDb });
		expect(restore.status, restore.stderr).toBe(0);
		expect(restore.stdout).toContain('Đã khôi phục bản sao lưu');
		const restoredKeys = keysIn(restoredDb);
		expect([...before].filter((key) => !restoredKeys.has(key))).toEqual([]);
		const check = new Database(restoredDb, { readonly: true });
		expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
		check.close();

		// A server on the restored database: the unit's link (its key came with the backup) opens
		// the unit's page, and the numbers count what was restored.
		const restored = await startServer({ dbDir: restoredDir, env: { BACKUP_INTERVAL_HOURS: '0' } });
		servers.push(restored);
		expect((await fetch(`${restored.url}/u/${token}`)).status).toBe(200);
		const stats = (await (await fetch(`${restored.url}/api/v1/stats`)).json()) as {
			totals: { activities: number };
		};
		expect(stats.totals.activities).toBe(restoredKeys.size + 2);
		// The photos came back with their activities: served, byte for byte the same.
		const original = new Database(server.dbPath, { readonly: true });
		const photos = original
			.prepare(
				"select p.activity_id as id, p.hash from activity_photos p join activities a on a.id = p.activity_id where a.idempotency_key like 'anh-%'"
			)
			.all() as { id: number; hash: string }[];
		original.close();
		expect(photos).toHaveLength(3);
		expect(restore.stdout).toContain('Ảnh: 3');
		for (const { id, hash } of photos) {
			const [before, after] = await Promise.all(
				[server.url, restored.url].map(async (base) => {
					const response = await fetch(`${base}/u/${token}/photos/${id}/${hash}.jpg`);
					expect(response.status).toBe(200);
					return Buffer.from(await response.arrayBuffer());
				})
			);
			expect(after.equals(before)).toBe(true);
		}
	}, 120_000);

	it('refuses to replace a database in use, or one that exists without --force, or a damaged backup', async () => {
		const server = await startServer({ env: { BACKUP_INTERVAL_HOURS: '0' } });
		servers.push(server);
		const sent = await postReport(
			server.url,
			await server.issueToken('SO-YT'),
			{ type: 'banner', title: 'Băng rôn có ảnh', startDate: '2026-04-20', quantity_banner: '1' },
			[{ name: 'bang-ron.jpg', type: 'image/jpeg', bytes: await phonePhoto() }]
		);
		expect(sent.status).toBe(200);
		const out = tempDir('lantoa-backups-');
		expect((await cli(['backup', out], { DATABASE_URL: server.dbPath })).status).toBe(0);
		const [folder] = readdirSync(out).map((name) => join(out, name));

		const inUse = await cli(['restore', folder, '--force'], { DATABASE_URL: server.dbPath });
		expect(inUse.status).toBe(1);
		expect(inUse.stderr).toContain('Máy chủ Lan Tỏa đang chạy trên cơ sở dữ liệu này');

		await server.stop();
		const exists = await cli(['restore', folder], { DATABASE_URL: server.dbPath });
		expect(exists.status).toBe(1);
		expect(exists.stderr).toContain('--force');

		// One byte changed in the copy: refused before anything is touched.
		const damaged = tempDir('lantoa-damaged-');
		await cli(['backup', damaged], { DATABASE_URL: server.dbPath });
		const [made] = readdirSync(damaged);
		const db = join(damaged, made, 'lantoa.db');
		const handle = new Database(db);
		handle.prepare("update units set name = 'Đã bị sửa' where code = 'SO-YT'").run();
		handle.close();
		const refused = await cli(['restore', join(damaged, made), '--force'], {
			DATABASE_URL: server.dbPath
		});
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('mã băm không khớp');

		// A photo in a backup replaced by other bytes: refused too. (Replaced, not written over:
		// a backup's photos are hard links to the live ones.)
		const damagedPhoto = tempDir('lantoa-damaged-photo-');
		await cli(['backup', damagedPhoto], { DATABASE_URL: server.dbPath });
		const [withPhoto] = readdirSync(damagedPhoto);
		const photosIn = join(damagedPhoto, withPhoto, 'photos');
		const photoFile = readdirSync(photosIn, { recursive: true })
			.map(String)
			.find((name) => /[0-9a-f]{64}\.jpg$/.test(name))!;
		rmSync(join(photosIn, photoFile));
		writeFileSync(join(photosIn, photoFile), 'không phải ảnh gốc');
		const photoRefused = await cli(['restore', join(damagedPhoto, withPhoto), '--force'], {
			DATABASE_URL: server.dbPath
		});
		expect(photoRefused.status).toBe(1);
		expect(photoRefused.stderr).toContain('bị thiếu hoặc hỏng');
		expect(
			readdirSync(join(server.dbPath, '..')).some((name) => name.includes('truoc-khoi-phuc'))
		).toBe(false);

		// With the server stopped and --force: replaced, and the old files kept beside it.
		const forced = await cli(['restore', folder, '--force'], { DATABASE_URL: server.dbPath });
		expect(forced.status, forced.stderr).toBe(0);
		expect(forced.stdout).toContain('Tệp cũ được giữ lại');
		expect(
			readdirSync(join(server.dbPath, '..')).some((name) => name.includes('truoc-khoi-phuc'))
		).toBe(true);
		// Not a backup folder at all.
		writeFileSync(join(damaged, 'ghi-chu.txt'), 'x');
		const notBackup = await cli(['restore', damaged], { DATABASE_URL: server.dbPath });
		expect(notBackup.status).toBe(1);
		expect(notBackup.stderr).toContain('không phải thư mục sao lưu');
	}, 120_000);
});

describe('automatic backups', () => {
	it('run on the schedule and keep the newest BACKUP_KEEP', async () => {
		const dir = tempDir('lantoa-auto-');
		// About every 1.1 s, keeping 2.
		const server = await startServer({
			dbDir: dir,
			env: { BACKUP_INTERVAL_HOURS: '0.0003', BACKUP_KEEP: '2' }
		});
		servers.push(server);
		const backups = join(dir, 'backups');
		const deadline = Date.now() + 20_000;
		while (
			Date.now() < deadline &&
			(server.output().match(/Đã sao lưu tự động/g) ?? []).length < 4
		) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect((server.output().match(/Đã sao lưu tự động/g) ?? []).length).toBeGreaterThanOrEqual(4);
		expect(server.output()).toContain('xóa 1 bản cũ');
		const kept = readdirSync(backups).filter((name) => /^lantoa-\d{8}-\d{6}$/.test(name));
		expect(kept.length).toBeLessThanOrEqual(2);
		for (const name of kept) expect(existsSync(join(backups, name, 'manifest.json'))).toBe(true);
	}, 120_000);
});
