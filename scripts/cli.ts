// `npm run cli -- <command>`: the Department's command line. Runs under tsx against the same
// database as the server (DATABASE_URL), migrating and seeding it first if needed.
import { forgetUsernameFailures } from '../src/lib/server/auth/rate-limit.ts';
import { promises as fs } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	databasePath,
	explainDatabaseError,
	openDatabase,
	type DB
} from '../src/lib/server/db/open.ts';
import { folderMigrations } from '../src/lib/server/db/migration-folder.ts';
import { isPostgresAddress, withoutPassword } from '../src/lib/server/db/postgres.ts';
import { MigrateError, migrateToPostgres } from '../src/lib/server/db/migrate-to.ts';
import { existsSync } from 'node:fs';
import { backupDatabase, BackupError, restoreBackup } from '../src/lib/server/db/backup.ts';
import { backupDir } from '../src/lib/server/backup-schedule.ts';
import { readConfig } from '../src/lib/server/config.ts';
import { photosDir } from '../src/lib/server/photo-paths.ts';
import {
	findUnitByCode,
	issueUnitToken,
	listUnits,
	unitIdsWithLiveLink
} from '../src/lib/server/repositories/units.ts';
import { KIND_LABELS } from '../src/lib/domain/campaign-labels.ts';
import { CLI_ACTOR } from '../src/lib/server/repositories/audit.ts';
import {
	createUser,
	findUserByUsername,
	resetPassword,
	UserExists
} from '../src/lib/server/repositories/users.ts';
import { issueLeaderLink } from '../src/lib/server/repositories/leader-links.ts';
import { generatePassword } from '../src/lib/server/auth/passwords.ts';
import { runDemo } from './demo.ts';
import { deleteDemoActivities } from '../src/lib/server/repositories/activities.ts';
import { findActiveCampaign } from '../src/lib/server/repositories/campaigns.ts';
import { csvField } from '../src/lib/server/exports/csv.ts';
import { m } from '../src/lib/paraglide/messages.js';
import { overwriteGetLocale } from '../src/lib/paraglide/runtime.js';
import { kindLabel } from '../src/lib/i18n/letter-labels.ts';
import { operatorLocale } from '../src/lib/i18n/operator-locale.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// Vietnamese first; LANTOA_LANG=en gives the command line (and the server's refusals it prints)
// in English. Files it writes (the units' CSV) keep their Vietnamese columns: they are read back.
const cliLocale = operatorLocale();
overwriteGetLocale(() => cliLocale);

class UsageError extends Error {}

function publicOrigin(): string {
	return (process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '');
}

/**
 * Where data goes: the terminal (plain lines), or with `--out FILE` a CSV file the way the
 * dashboard writes one — UTF-8 with a byte-order mark (Excel then shows Vietnamese), CRLF, fields
 * quoted and formula-like cells neutralised. The file is written whole or not at all, readable
 * only by its owner (unit links are secrets), and nothing of npm's own output can get into it.
 */
class DataOutput {
	private lines: string[] = [];
	constructor(private readonly file: string | undefined) {}

	row(values: string[]) {
		const line = values.map(csvField).join(',');
		if (this.file) this.lines.push(line);
		else console.log(line);
	}

	async close(): Promise<void> {
		if (!this.file) return;
		const target = path.resolve(this.file);
		const temporary = `${target}.${process.pid}.tmp`;
		await fs.writeFile(temporary, `\uFEFF${this.lines.map((l) => `${l}\r\n`).join('')}`, {
			mode: 0o600
		});
		await fs.rename(temporary, target);
		console.error(m.cli_wrote_rows({ count: this.lines.length - 1, file: target }));
	}
}

/** What each command accepts; anything else (a mistyped option, say) is refused before it runs. */
const COMMAND_OPTIONS = {
	units: { out: { type: 'string' } },
	link: {},
	links: { missing: { type: 'boolean' }, out: { type: 'string' } },
	demo: {
		clear: { type: 'boolean' },
		rate: { type: 'string' },
		count: { type: 'string' },
		url: { type: 'string' }
	},
	admin: { reset: { type: 'boolean' } },
	leader: { reset: { type: 'boolean' } },
	'leader-link': {},
	backup: {},
	restore: { force: { type: 'boolean' } },
	'migrate-to': {}
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof COMMAND_OPTIONS;

const isCommand = (name: string): name is Command => Object.hasOwn(COMMAND_OPTIONS, name);

/**
 * A command's arguments, strictly: Node's own parser (util.parseArgs) refuses options the
 * command does not have — `links --mising` used to be taken as plain `links`, which issues new
 * links to every unit and revokes all the old ones.
 */
function parseCommand(
	command: Command,
	args: string[]
): {
	values: Record<string, string | boolean | (string | boolean)[] | undefined>;
	positionals: string[];
} {
	try {
		const options: ParseArgsConfig['options'] = COMMAND_OPTIONS[command];
		return parseArgs({ args, options, allowPositionals: true, strict: true });
	} catch (error) {
		const code = (error as { code?: string }).code;
		const given = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
			const known = Object.keys(COMMAND_OPTIONS[command]).map((name) => `--${name}`);
			throw new UsageError(
				m.cli_unknown_option({ command, option: given.split(/[ ,]/)[0] }) +
					(known.length ? ` ${m.cli_known_options({ options: known.join(', ') })}` : '')
			);
		}
		if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
			throw new UsageError(m.cli_missing_value({ option: given.split(/[ ,]/)[0] }));
		}
		throw new UsageError((error as Error).message);
	}
}

const positive = (name: string) =>
	z.coerce.number({ error: () => m.cli_positive({ option: name }) }).positive({
		error: () => m.cli_positive({ option: name })
	});

const DemoOptions = z.object({
	rate: positive('--rate').default(2),
	count: positive('--count')
		.refine(Number.isInteger, { error: () => m.cli_integer() })
		.default(60),
	url: z.url({ protocol: /^https?$/, error: () => m.cli_url() }).optional()
});

/** Values through zod, each refusal naming the option and the value given. */
function parseValues<T extends z.ZodType>(schema: T, values: Record<string, unknown>): z.infer<T> {
	const parsed = schema.safeParse(values);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const given = values[String(issue.path[0])];
	throw new UsageError(m.cli_given({ message: issue.message, given: String(given) }));
}

async function openDb(): Promise<DB> {
	const config = readConfig(process.env);
	return openDatabase(config.DATABASE_URL, folderMigrations(path.join(root, 'migrations')), {
		maxMb: config.DATABASE_MAX_MB,
		synchronous: config.DATABASE_SYNC,
		poolSize: 2
	});
}

/** backup and restore copy a SQLite file; PostgreSQL has its own tools for that. */
function refuseOnPostgres(url: string | undefined, command: 'backup' | 'restore'): void {
	if (!isPostgresAddress(url)) return;
	throw new UsageError(command === 'backup' ? m.cli_backup_postgres() : m.cli_restore_postgres());
}

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		console.log(m.cli_usage());
		return command ? 0 : 1;
	}
	if (!isCommand(command))
		throw new UsageError(`${m.cli_unknown_command({ command })}\n\n${m.cli_usage()}`);
	const { values, positionals } = parseCommand(command, args);

	switch (command) {
		case 'units': {
			const out = typeof values.out === 'string' ? values.out : undefined;
			const db = await openDb();
			try {
				const csv = out ? new DataOutput(out) : undefined;
				// The file keeps its Vietnamese columns and values whatever the language: it is read back.
				csv?.row(['ma_don_vi', 'loai', 'ten_don_vi', 'dang_theo_doi', 'da_xac_minh']);
				for (const unit of await listUnits(db)) {
					if (csv) {
						csv.row([
							unit.code,
							KIND_LABELS[unit.kind],
							unit.name,
							unit.active ? 'có' : 'không',
							unit.verified ? 'có' : 'không'
						]);
						continue;
					}
					const flags = [
						unit.active ? '' : m.cli_inactive(),
						unit.verified ? '' : m.cli_unverified()
					]
						.filter(Boolean)
						.join(', ');
					console.log(
						`${unit.code.padEnd(14)} ${kindLabel[unit.kind]().padEnd(18)} ${unit.name}${flags ? ` (${flags})` : ''}`
					);
				}
				await csv?.close();
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'link': {
			const code = positionals[0];
			if (!code) throw new UsageError(m.cli_link_missing_code());
			const db = await openDb();
			try {
				const unit = await findUnitByCode(db, code);
				if (!unit) {
					throw new UsageError(m.cli_no_unit({ code }));
				}
				if (!unit.active) throw new UsageError(m.cli_unit_inactive({ code }));
				const token = await issueUnitToken(db, unit, CLI_ACTOR);
				console.log(m.cli_new_link({ name: unit.name }));
				console.log(`${publicOrigin()}/u/${token}`);
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'links': {
			const missingOnly = values.missing === true;
			const csv = new DataOutput(typeof values.out === 'string' ? values.out : undefined);
			const db = await openDb();
			try {
				const live = missingOnly ? await unitIdsWithLiveLink(db) : new Set<number>();
				csv.row(['ma_don_vi', 'ten_don_vi', 'lien_ket']);
				let issued = 0;
				for (const unit of await listUnits(db, { activeOnly: true })) {
					if (live.has(unit.id)) continue;
					const token = await issueUnitToken(db, unit, CLI_ACTOR);
					csv.row([unit.code, unit.name, `${publicOrigin()}/u/${token}`]);
					issued++;
				}
				await csv.close();
				console.error(
					missingOnly
						? m.cli_links_issued({ count: issued })
						: m.cli_links_issued_all({ count: issued })
				);
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'demo': {
			if (values.clear === true) {
				const db = await openDb();
				try {
					const campaign = await findActiveCampaign(db);
					const removed = await deleteDemoActivities(db, campaign.id, CLI_ACTOR);
					console.log(removed ? m.cli_demo_cleared({ count: removed }) : m.cli_demo_none());
				} finally {
					await db.destroy();
				}
				return 0;
			}
			const options = parseValues(DemoOptions, values);
			const { rate, count } = options;
			const url = (options.url ?? publicOrigin()).replace(/\/+$/, '');
			const db = await openDb();
			try {
				await runDemo(db, { rate, count, url });
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'admin':
		case 'leader': {
			const username = positionals[0];
			if (!username) throw new UsageError(m.cli_missing_username({ command }));
			const db = await openDb();
			try {
				const password = generatePassword();
				const roleLabel = command === 'admin' ? m.cli_role_admin() : m.cli_role_leader();
				if (values.reset === true) {
					const user = await findUserByUsername(db, username);
					if (!user) throw new UsageError(m.cli_no_account({ username }));
					await resetPassword(db, user.id, password, CLI_ACTOR);
					// A reset is also how an owner kept out by someone's guesses gets back in.
					await forgetUsernameFailures(db, user.username);
					console.log(m.cli_password_reset({ username: user.username }));
				} else {
					try {
						const user = await createUser(db, {
							username,
							role: command === 'admin' ? 'admin' : 'leader',
							password,
							actor: CLI_ACTOR
						});
						console.log(m.cli_account_created({ role: roleLabel, username: user.username }));
					} catch (error) {
						if (error instanceof UserExists) {
							throw new UsageError(
								m.cli_account_exists({ message: error.message, command, username })
							);
						}
						throw new UsageError(error instanceof Error ? error.message : String(error));
					}
				}
				console.log(m.cli_sign_in_at({ url: `${publicOrigin()}/login` }));
				console.log(password);
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'backup': {
			const config = readConfig(process.env);
			refuseOnPostgres(config.DATABASE_URL, 'backup');
			const file = databasePath(config.DATABASE_URL);
			const target = positionals[0] ?? backupDir(config);
			const { dir, manifest } = await backupDatabase(file, target, {
				linkKeyFromEnv: Boolean(process.env.LANTOA_SECRET?.trim()),
				photosDir: photosDir(config)
			});
			console.log(m.cli_backed_up({ dir }));
			console.log(
				`  ${(manifest.database.bytes / 1024 / 1024).toFixed(1)} MB; ${Object.entries(manifest.rows)
					.map(([table, n]) => `${table} ${n}`)
					.join(', ')}`
			);
			if (manifest.photos) {
				console.log(
					`  ${m.cli_backup_photos({ count: manifest.photos.count, size: (manifest.photos.bytes / 1024 / 1024).toFixed(1) })}`
				);
				if (manifest.photos.missing.length) {
					console.log(
						`  ${m.cli_photos_missing({ count: manifest.photos.missing.length, dir: photosDir(config) })}`
					);
				}
			}
			if (manifest.linkKey === 'env') {
				console.log(`  ${m.cli_secret_note()}`);
			}
			return 0;
		}
		case 'restore': {
			const folder = positionals[0];
			if (!folder) {
				throw new UsageError(m.cli_restore_missing_dir());
			}
			const config = readConfig(process.env);
			refuseOnPostgres(config.DATABASE_URL, 'restore');
			const file = databasePath(config.DATABASE_URL);
			const { manifest, keptAside, photos } = await restoreBackup(folder, file, {
				force: values.force === true,
				photosDir: photosDir(config)
			});
			// Bring a backup from an older version up to this one's tables.
			const db = await openDb();
			await db.destroy();
			console.log(m.cli_restored({ time: manifest.createdAt, file }));
			console.log(
				`  ${Object.entries(manifest.rows)
					.map(([table, n]) => `${table} ${n}`)
					.join(', ')}`
			);
			if (manifest.photos)
				console.log(`  ${m.cli_restored_photos({ photos, dir: photosDir(config) })}`);
			if (keptAside.length) console.log(`  ${m.cli_kept_aside({ files: keptAside.join(', ') })}`);
			return 0;
		}
		case 'migrate-to': {
			const target = positionals[0]?.trim();
			if (!target || !isPostgresAddress(target)) {
				throw new UsageError(m.cli_migrate_missing_target());
			}
			const config = readConfig(process.env);
			if (isPostgresAddress(config.DATABASE_URL)) {
				throw new UsageError(m.cli_migrate_from_postgres());
			}
			const file = databasePath(config.DATABASE_URL);
			if (!existsSync(file)) throw new UsageError(m.cli_migrate_no_file({ file }));
			const db = await openDb();
			try {
				console.log(m.cli_migrate_copying({ file, target: withoutPassword(target) }));
				const { tables, photos } = await migrateToPostgres(
					db,
					target,
					folderMigrations(path.join(root, 'migrations')),
					{ photosDir: photosDir(config), progress: (line) => console.log(line) }
				);
				const total = tables.reduce((sum, table) => sum + table.rows, 0);
				console.log(m.cli_migrate_done({ tables: tables.length, rows: total }));
				console.log(
					`  ${m.cli_migrate_photos({ count: photos.referenced, dir: photosDir(config) })}` +
						(photos.missing.length
							? ` ${m.cli_migrate_photos_missing({ count: photos.missing.length })}`
							: '')
				);
				const secretFile = path.join(path.dirname(file), 'lantoa.secret');
				console.log(
					process.env.LANTOA_SECRET?.trim()
						? `  ${m.cli_migrate_secret_keep()}`
						: existsSync(secretFile)
							? `  ${m.cli_migrate_secret_file({ file: secretFile })}`
							: `  ${m.cli_migrate_secret_set()}`
				);
				console.log(`  ${m.cli_migrate_then({ url: withoutPassword(target) })}`);
			} catch (error) {
				if (error instanceof MigrateError) throw new UsageError(error.message);
				const explained = explainDatabaseError(error, target);
				if (explained) throw new UsageError(explained);
				throw error;
			} finally {
				await db.destroy();
			}
			return 0;
		}
		case 'leader-link': {
			const label = positionals.join(' ').trim();
			if (!label) {
				throw new UsageError(m.cli_leader_link_missing());
			}
			const db = await openDb();
			try {
				const { token } = await issueLeaderLink(db, label, CLI_ACTOR);
				console.log(m.cli_leader_link({ label }));
				console.log(`${publicOrigin()}/l/${token}`);
			} finally {
				await db.destroy();
			}
			return 0;
		}
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof UsageError || error instanceof BackupError) {
			console.error(m.cli_error({ message: error.message }));
		} else {
			console.error(
				m.cli_error({ message: error instanceof Error ? error.message : String(error) })
			);
		}
		process.exit(1);
	}
);
