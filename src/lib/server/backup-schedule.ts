import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ServerConfig } from './config';
import { databasePath } from './db/open';
import { isPostgresAddress } from './db/postgres';
import { photosDir } from './photo-paths';
import { backupDatabase, listBackups, pruneBackups, serverMarker } from './db/backup';
import { log } from './log';

/** Where automatic backups go: BACKUP_DIR, or `backups` beside the database. */
export function backupDir(config: Pick<ServerConfig, 'BACKUP_DIR' | 'DATABASE_URL'>): string {
	return config.BACKUP_DIR ?? join(dirname(databasePath(config.DATABASE_URL)), 'backups');
}

/**
 * Automatic backups while the server runs: every BACKUP_INTERVAL_HOURS (24 by default; 0 turns
 * them off) into backupDir, keeping the newest BACKUP_KEEP (14). The first comes a minute after
 * the start unless a recent one exists. A backup that fails is said in the log and tried again at
 * the next interval; it never stops the server. Returns a function that stops the schedule.
 */
export function scheduleBackups(config: ServerConfig): () => void {
	if (isPostgresAddress(config.DATABASE_URL)) {
		// The database is PostgreSQL's to back up (pg_dump, or its own continuous archiving).
		if (config.BACKUP_INTERVAL_HOURS !== 0) {
			log().info(
				'Sao lưu tự động: không áp dụng với PostgreSQL — hãy sao lưu bằng pg_dump (README, "Several instances") và sao lưu thư mục ảnh.'
			);
		}
		return () => {};
	}
	const file = databasePath(config.DATABASE_URL);
	if (file === ':memory:' || config.BACKUP_INTERVAL_HOURS === 0) return () => {};
	const dir = backupDir(config);
	const every = config.BACKUP_INTERVAL_HOURS * 60 * 60 * 1000;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const run = async () => {
		try {
			const { dir: made, manifest } = await backupDatabase(file, dir, {
				linkKeyFromEnv: Boolean(process.env.LANTOA_SECRET?.trim()),
				photosDir: photosDir(config)
			});
			const removed = await pruneBackups(dir, config.BACKUP_KEEP);
			log().info(
				`Đã sao lưu tự động: ${made} (${(manifest.database.bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.rows.activities ?? 0} hoạt động)` +
					(removed.length ? `; xóa ${removed.length} bản cũ` : '')
			);
		} catch (error) {
			log().error(
				`Sao lưu tự động thất bại (sẽ thử lại sau ${config.BACKUP_INTERVAL_HOURS} giờ): ${error instanceof Error ? error.message : String(error)}`
			);
		}
		if (!stopped) timer = setTimeout(() => void run(), every);
		timer?.unref();
	};

	// The first: a minute after the start (or sooner when backups are frequent), unless the
	// newest backup is recent enough.
	void listBackups(dir).then(async (existing) => {
		const newest = existing.at(-1);
		const age = newest ? Date.now() - (await stat(newest)).mtimeMs : Infinity;
		const wait = Math.max(0, Math.min(every - age, Math.min(every, 60_000)));
		if (!stopped) timer = setTimeout(() => void run(), wait);
		timer?.unref();
	});
	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
	};
}

/**
 * The file that tells `cli restore` a server is using this database (its process id), removed
 * when the server stops. A killed server leaves it behind; its process id then names no process.
 */
export function markServerRunning(config: Pick<ServerConfig, 'DATABASE_URL'>): () => void {
	const file = databasePath(config.DATABASE_URL);
	if (file === ':memory:' || isPostgresAddress(config.DATABASE_URL)) return () => {};
	const marker = serverMarker(file);
	try {
		writeFileSync(marker, `${process.pid}\n`);
	} catch {
		return () => {};
	}
	return () => {
		try {
			if (existsSync(marker)) unlinkSync(marker);
		} catch {
			// best effort
		}
	};
}
