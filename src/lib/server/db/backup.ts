import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import {
	chmod,
	copyFile,
	link,
	mkdir,
	readdir,
	readFile,
	rename,
	rm,
	stat,
	writeFile
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { photoPaths } from '../photo-paths';
import { m } from '../../paraglide/messages';

// Backups of everything the server cannot rebuild: the database, the key unit links are derived
// from (lantoa.secret, when it is a file and not LANTOA_SECRET) and the activities' photos. One
// backup is one folder `lantoa-YYYYMMDD-HHMMSS` (Vietnam time) holding `lantoa.db`,
// `lantoa.secret`, `photos/` (the files the copy's activities show, as the photos folder keeps
// them) and `manifest.json` (when, how big, the SHA-256 of the database copy, the rows of each
// table, the photos). It is written under a temporary name and renamed when complete, so a folder
// with that name is whole. Photo files never change once written (named by their SHA-256), so a
// backup on the same disk links them instead of copying: fourteen daily backups of 2 GB of photos
// take 2 GB, not 28.
//
// The copy is SQLite's online backup (better-sqlite3's `backup()`), taken in one step: one read
// transaction, so it is the database as it was at one moment, while the server keeps writing (a
// write-ahead-log database lets readers and the writer work at once). Then the copy is opened and
// checked (`integrity_check`) before the folder gets its name.

export const BACKUP_PREFIX = 'lantoa-';
const BACKUP_NAME = /^lantoa-\d{8}-\d{6}$/;
const COUNTED_TABLES = [
	'units',
	'activities',
	'unit_reports',
	'users',
	'audit_log',
	'unit_tokens',
	'kiosk_presets',
	'activity_photos'
] as const;

export interface BackupManifest {
	format: 1;
	createdAt: string;
	source: string;
	database: { file: 'lantoa.db'; bytes: number; sha256: string };
	/** `file`: lantoa.secret is in the backup; `env`: the key is LANTOA_SECRET (keep it yourself) */
	linkKey: 'file' | 'env' | 'none';
	rows: Record<string, number>;
	/** the photo files of the copy's activities (absent in backups made before photos existed) */
	photos?: { count: number; bytes: number; missing: string[] };
}

export class BackupError extends Error {
	override name = 'BackupError';
}

/** `lantoa-20261127-103005`: the time in Vietnam, sortable. */
export function backupName(at: Date): string {
	const vn = new Date(at.getTime() + 7 * 60 * 60 * 1000).toISOString();
	return `${BACKUP_PREFIX}${vn.slice(0, 10).replaceAll('-', '')}-${vn.slice(11, 19).replaceAll(':', '')}`;
}

async function sha256(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

function countRows(db: SQLite.Database): Record<string, number> {
	const rows: Record<string, number> = {};
	for (const table of COUNTED_TABLES) {
		const exists = db
			.prepare("select 1 from sqlite_master where type = 'table' and name = ?")
			.get(table);
		if (exists) {
			rows[table] = (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
		}
	}
	return rows;
}

/** The hashes of every photo an activity of this database file shows. */
function photoHashes(path: string): string[] {
	const db = new SQLite(path, { readonly: true, fileMustExist: true });
	try {
		const exists = db
			.prepare("select 1 from sqlite_master where type = 'table' and name = 'activity_photos'")
			.get();
		if (!exists) return [];
		return (
			db.prepare('select distinct hash from activity_photos order by hash').all() as {
				hash: string;
			}[]
		).map((row) => row.hash);
	} finally {
		db.close();
	}
}

/** Link (or, across disks, copy) a file that never changes. */
async function linkOrCopy(from: string, to: string): Promise<void> {
	try {
		await link(from, to);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') return;
		if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
		await copyFile(from, to);
	}
}

/**
 * Put the photo files of `hashes` from one photos folder into another (photo and thumbnail).
 * Returns how many photos and bytes came, and the hashes whose photo was not in `from`.
 */
async function carryPhotos(
	hashes: string[],
	from: string,
	to: string
): Promise<{ count: number; bytes: number; missing: string[] }> {
	let count = 0;
	let bytes = 0;
	const missing: string[] = [];
	for (const hash of hashes) {
		const source = photoPaths(from, hash);
		const target = photoPaths(to, hash);
		if (!existsSync(source.photo)) {
			missing.push(hash);
			continue;
		}
		await mkdir(dirname(target.photo), { recursive: true, mode: 0o700 });
		await linkOrCopy(source.photo, target.photo);
		if (existsSync(source.thumbnail)) await linkOrCopy(source.thumbnail, target.thumbnail);
		count++;
		bytes += (await stat(source.photo)).size;
	}
	return { count, bytes, missing };
}

/** Open a database file read-only and say whether SQLite finds it whole. */
function checkDatabase(
	path: string
): { ok: true; rows: Record<string, number> } | { ok: false; problem: string } {
	let db: SQLite.Database | undefined;
	try {
		db = new SQLite(path, { readonly: true, fileMustExist: true });
		const result = db.pragma('integrity_check', { simple: true });
		if (result !== 'ok') return { ok: false, problem: String(result) };
		return { ok: true, rows: countRows(db) };
	} catch (error) {
		return { ok: false, problem: error instanceof Error ? error.message : String(error) };
	} finally {
		db?.close();
	}
}

/**
 * Back up the database at `databaseFile` into a new folder inside `targetDir` (created if
 * missing). Safe while the server runs. Returns the folder and its manifest.
 */
export async function backupDatabase(
	databaseFile: string,
	targetDir: string,
	options: { now?: Date; linkKeyFromEnv?: boolean; photosDir?: string } = {}
): Promise<{ dir: string; manifest: BackupManifest }> {
	if (!existsSync(databaseFile)) {
		throw new BackupError(m.backup_no_database({ file: databaseFile }));
	}
	const now = options.now ?? new Date();
	const name = backupName(now);
	const final = resolve(targetDir, name);
	if (existsSync(final)) throw new BackupError(m.backup_exists({ dir: final }));
	const partial = resolve(targetDir, `.${name}.dang-ghi`);
	// Readable by the server's own user only: the copy holds what the database holds.
	await mkdir(partial, { recursive: true, mode: 0o700 });
	try {
		const source = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
		try {
			// The whole copy in one step: one read transaction, one moment of the database.
			await source.backup(join(partial, 'lantoa.db'), { progress: () => 0x7fffffff });
		} finally {
			source.close();
		}
		// One self-contained file: the copy leaves write-ahead-log mode (no -wal, -shm beside it).
		const copy = new SQLite(join(partial, 'lantoa.db'));
		try {
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		await chmod(join(partial, 'lantoa.db'), 0o600);
		const checked = checkDatabase(join(partial, 'lantoa.db'));
		if (!checked.ok) {
			throw new BackupError(m.backup_copy_damaged({ problem: checked.problem }));
		}
		const secret = join(dirname(databaseFile), 'lantoa.secret');
		const linkKey = options.linkKeyFromEnv ? 'env' : existsSync(secret) ? 'file' : 'none';
		if (linkKey === 'file') await copyFile(secret, join(partial, 'lantoa.secret'));
		// The photos of the activities in the copy (a photo stored after the copy is in the next
		// backup, with the activity that shows it).
		const photos = options.photosDir
			? await carryPhotos(
					photoHashes(join(partial, 'lantoa.db')),
					options.photosDir,
					join(partial, 'photos')
				)
			: undefined;
		const manifest: BackupManifest = {
			format: 1,
			createdAt: now.toISOString(),
			source: resolve(databaseFile),
			database: {
				file: 'lantoa.db',
				bytes: (await stat(join(partial, 'lantoa.db'))).size,
				sha256: await sha256(join(partial, 'lantoa.db'))
			},
			linkKey,
			rows: checked.rows,
			...(photos ? { photos } : {})
		};
		await writeFile(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', {
			mode: 0o600
		});
		await rename(partial, final);
		return { dir: final, manifest };
	} catch (error) {
		await rm(partial, { recursive: true, force: true });
		throw error;
	}
}

/** The backups in a folder, oldest first (only whole ones: named, with a manifest). */
export async function listBackups(dir: string): Promise<string[]> {
	if (!existsSync(dir)) return [];
	const names = (await readdir(dir)).filter((name) => BACKUP_NAME.test(name)).sort();
	return names
		.filter((name) => existsSync(join(dir, name, 'manifest.json')))
		.map((name) => join(dir, name));
}

/** Keep the newest `keep` backups in `dir`; returns the folders removed. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
	const all = await listBackups(dir);
	const old = all.slice(0, Math.max(0, all.length - keep));
	for (const folder of old) await rm(folder, { recursive: true, force: true });
	return old;
}

/** A backup folder checked against its manifest: the file's hash, SQLite's integrity check. */
export async function verifyBackup(folder: string): Promise<BackupManifest> {
	const manifestPath = join(folder, 'manifest.json');
	if (!existsSync(manifestPath)) {
		throw new BackupError(m.backup_not_backup({ folder }));
	}
	let manifest: BackupManifest;
	try {
		manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
	} catch {
		throw new BackupError(m.backup_manifest_damaged({ folder }));
	}
	const file = join(folder, 'lantoa.db');
	if (!existsSync(file)) throw new BackupError(m.backup_no_file({ folder }));
	if ((await sha256(file)) !== manifest.database?.sha256) {
		throw new BackupError(m.backup_hash_mismatch({ folder }));
	}
	const checked = checkDatabase(file);
	if (!checked.ok) throw new BackupError(m.backup_not_intact({ folder, problem: checked.problem }));
	if (manifest.photos) {
		// Every photo the backup holds is the one its name says (its SHA-256).
		const missing = new Set(manifest.photos.missing);
		for (const hash of photoHashes(file)) {
			if (missing.has(hash)) continue;
			const path = photoPaths(join(folder, 'photos'), hash).photo;
			if (!existsSync(path) || (await sha256(path)) !== hash) {
				throw new BackupError(m.backup_photo_damaged({ hash: hash.slice(0, 12), folder }));
			}
		}
	}
	return manifest;
}

/** The file a running server leaves beside its database (removed when it stops). */
export function serverMarker(databaseFile: string): string {
	return `${databaseFile}.may-chu`;
}

/** The process id of a server running on this database, if one is. */
export async function runningServer(databaseFile: string): Promise<number | undefined> {
	const marker = serverMarker(databaseFile);
	if (!existsSync(marker)) return undefined;
	const pid = Number((await readFile(marker, 'utf8')).trim());
	if (!Number.isInteger(pid) || pid <= 0) return undefined;
	try {
		process.kill(pid, 0);
		return pid;
	} catch (error) {
		// EPERM: it exists but belongs to someone else — still running.
		return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
	}
}

/**
 * Put a verified backup in place of the database at `databaseFile`. Refuses while a server runs
 * on it, and refuses to replace an existing database without `force`; the replaced files are
 * kept beside it (`….truoc-khoi-phuc-<time>`), never deleted.
 */
export async function restoreBackup(
	folder: string,
	databaseFile: string,
	options: { force?: boolean; now?: Date; photosDir?: string } = {}
): Promise<{ manifest: BackupManifest; keptAside: string[]; photos: number }> {
	const manifest = await verifyBackup(folder);
	const pid = await runningServer(databaseFile);
	if (pid) {
		throw new BackupError(m.backup_server_running({ pid }));
	}
	const exists = existsSync(databaseFile);
	if (exists && !options.force) {
		throw new BackupError(m.backup_database_exists({ file: databaseFile }));
	}
	await mkdir(dirname(databaseFile), { recursive: true });
	const stamp = backupName(options.now ?? new Date()).slice(BACKUP_PREFIX.length);
	const keptAside: string[] = [];
	const secretTarget = join(dirname(databaseFile), 'lantoa.secret');
	const moves = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`];
	if (manifest.linkKey === 'file') moves.push(secretTarget);
	// Copy in first under a temporary name, then move the old files aside and the new one in.
	const incoming = `${databaseFile}.dang-khoi-phuc`;
	await copyFile(join(folder, 'lantoa.db'), incoming);
	for (const file of moves) {
		if (existsSync(file)) {
			const aside = `${file}.truoc-khoi-phuc-${stamp}`;
			await rename(file, aside);
			keptAside.push(basename(aside));
		}
	}
	await rename(incoming, databaseFile);
	if (manifest.linkKey === 'file') {
		await copyFile(join(folder, 'lantoa.secret'), secretTarget);
	}
	// The photos join those already there: a file named by its content is the same file, so
	// nothing is replaced and nothing removed.
	let photos = 0;
	if (manifest.photos && options.photosDir) {
		const missing = new Set(manifest.photos.missing);
		const hashes = photoHashes(databaseFile).filter((hash) => !missing.has(hash));
		photos = (await carryPhotos(hashes, join(folder, 'photos'), options.photosDir)).count;
	}
	return { manifest, keptAside, photos };
}
