// `npm run cli -- <command>`: the Department's command line. Runs under tsx against the same
// database as the server (DATABASE_URL), migrating and seeding it first if needed.
import { promises as fs } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider } from 'kysely';
import {
	databasePath,
	explainDatabaseError,
	openDatabase,
	type DB
} from '../src/lib/server/db/open.ts';
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

const root = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Lan Tỏa — dòng lệnh quản trị

  npm run cli -- units [--out TỆP]     Danh sách mã và tên đơn vị (--out: ghi tệp CSV)
  npm run cli -- link <mã đơn vị>      Cấp đường liên kết báo cáo mới (liên kết cũ bị thu hồi)
  npm run cli -- links [--missing] [--out TỆP]
                                       Cấp liên kết cho mọi đơn vị, in ra CSV để gửi đi
                                       (--missing: chỉ các đơn vị chưa có liên kết đang dùng;
                                       --out: ghi tệp CSV có BOM, mở đúng tiếng Việt trong Excel)
  npm run cli -- demo [--rate N] [--count N] [--url URL]
                                       Gửi hoạt động mẫu qua API của máy chủ đang chạy
                                       (được đánh dấu "mẫu" trên mọi màn hình và tệp xuất)
  npm run cli -- demo --clear          Xóa mọi hoạt động mẫu, giữ nguyên số liệu thật
  npm run cli -- admin <tên> [--reset] Tạo tài khoản quản trị (in mật khẩu một lần);
                                       --reset: đặt lại mật khẩu cho tài khoản đã có
  npm run cli -- leader <tên> [--reset]
                                       Tạo tài khoản lãnh đạo (chỉ xem bảng điều hành)
  npm run cli -- leader-link <ghi chú> Cấp đường liên kết xem bảng điều hành cho lãnh đạo
  npm run cli -- backup [thư mục]      Sao lưu cơ sở dữ liệu và khóa liên kết vào một thư mục mới
                                       lantoa-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY (mặc định trong ./data/backups);
                                       chạy được khi máy chủ đang hoạt động
  npm run cli -- restore <thư mục sao lưu> [--force]
                                       Kiểm tra rồi khôi phục một bản sao lưu (máy chủ phải dừng;
                                       --force: thay cơ sở dữ liệu đang có, bản cũ được giữ lại)
  npm run cli -- migrate-to <postgres://…>
                                       Chép toàn bộ cơ sở dữ liệu SQLite (DATABASE_URL) sang một
                                       cơ sở dữ liệu PostgreSQL trống, rồi đối chiếu từng bảng

Biến môi trường: DATABASE_URL (mặc định ./data/lantoa.db), ORIGIN hoặc PORT (địa chỉ in trong liên kết).`;

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
		console.error(`Đã ghi ${this.lines.length - 1} dòng vào ${target}`);
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
				`Lệnh "${command}" không có tùy chọn ${given.split(/[ ,]/)[0]}` +
					(known.length ? ` (các tùy chọn: ${known.join(', ')})` : '')
			);
		}
		if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
			throw new UsageError(`Thiếu giá trị cho ${given.split(/[ ,]/)[0]}`);
		}
		throw new UsageError((error as Error).message);
	}
}

const positive = (name: string) =>
	z.coerce.number({ error: `${name} phải là một số dương` }).positive({
		error: `${name} phải là một số dương`
	});

const DemoOptions = z.object({
	rate: positive('--rate').default(2),
	count: positive('--count')
		.refine(Number.isInteger, { error: '--count phải là số nguyên' })
		.default(60),
	url: z
		.url({ protocol: /^https?$/, error: '--url phải là địa chỉ http(s) của máy chủ' })
		.optional()
});

/** Values through zod, each refusal naming the option and the value given. */
function parseValues<T extends z.ZodType>(schema: T, values: Record<string, unknown>): z.infer<T> {
	const parsed = schema.safeParse(values);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const given = values[String(issue.path[0])];
	throw new UsageError(`${issue.message} (nhận được "${String(given)}")`);
}

async function openDb(): Promise<DB> {
	const config = readConfig(process.env);
	return openDatabase(
		config.DATABASE_URL,
		new FileMigrationProvider({ fs, path, migrationFolder: path.join(root, 'migrations') }),
		{ maxMb: config.DATABASE_MAX_MB, synchronous: config.DATABASE_SYNC, poolSize: 2 }
	);
}

/** backup and restore copy a SQLite file; PostgreSQL has its own tools for that. */
function refuseOnPostgres(url: string | undefined, command: 'backup' | 'restore'): void {
	if (!isPostgresAddress(url)) return;
	throw new UsageError(
		command === 'backup'
			? 'Cơ sở dữ liệu là PostgreSQL: sao lưu bằng pg_dump -Fc (và sao lưu thư mục ảnh PHOTOS_DIR); lệnh backup chỉ dành cho tệp SQLite.'
			: 'Cơ sở dữ liệu là PostgreSQL: khôi phục bằng pg_restore; lệnh restore chỉ dành cho tệp SQLite.'
	);
}

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		console.log(USAGE);
		return command ? 0 : 1;
	}
	if (!isCommand(command)) throw new UsageError(`Lệnh không hợp lệ: "${command}"\n\n${USAGE}`);
	const { values, positionals } = parseCommand(command, args);

	switch (command) {
		case 'units': {
			const out = typeof values.out === 'string' ? values.out : undefined;
			const db = await openDb();
			try {
				const csv = out ? new DataOutput(out) : undefined;
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
					const flags = [unit.active ? '' : 'ngừng hoạt động', unit.verified ? '' : 'chưa xác minh']
						.filter(Boolean)
						.join(', ');
					console.log(
						`${unit.code.padEnd(14)} ${KIND_LABELS[unit.kind].padEnd(18)} ${unit.name}${flags ? ` (${flags})` : ''}`
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
			if (!code) throw new UsageError('Thiếu mã đơn vị: npm run cli -- link <mã đơn vị>');
			const db = await openDb();
			try {
				const unit = await findUnitByCode(db, code);
				if (!unit) {
					throw new UsageError(
						`Không có đơn vị mã "${code}". Xem danh sách mã: npm run cli -- units`
					);
				}
				if (!unit.active) throw new UsageError(`Đơn vị "${code}" đã ngừng hoạt động`);
				const token = await issueUnitToken(db, unit, CLI_ACTOR);
				console.log(`${unit.name} — liên kết mới (liên kết cũ, nếu có, đã bị thu hồi):`);
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
					`Đã cấp ${issued} liên kết mới${missingOnly ? '' : '; mọi liên kết cũ đã bị thu hồi'}.`
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
					console.log(
						removed
							? `Đã xóa ${removed} hoạt động mẫu; số liệu thật giữ nguyên. Màn hình đang mở cập nhật trong vài giây.`
							: 'Không có hoạt động mẫu nào.'
					);
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
			if (!username) throw new UsageError(`Thiếu tên đăng nhập: npm run cli -- ${command} <tên>`);
			const db = await openDb();
			try {
				const password = generatePassword();
				const roleLabel = command === 'admin' ? 'quản trị' : 'lãnh đạo';
				if (values.reset === true) {
					const user = await findUserByUsername(db, username);
					if (!user) throw new UsageError(`Không có tài khoản "${username}"`);
					await resetPassword(db, user.id, password, CLI_ACTOR);
					console.log(
						`Đã đặt lại mật khẩu cho "${user.username}" và đăng xuất mọi phiên của tài khoản này.`
					);
				} else {
					try {
						const user = await createUser(db, {
							username,
							role: command === 'admin' ? 'admin' : 'leader',
							password,
							actor: CLI_ACTOR
						});
						console.log(`Đã tạo tài khoản ${roleLabel} "${user.username}".`);
					} catch (error) {
						if (error instanceof UserExists) {
							throw new UsageError(
								`${error.message}. Đặt lại mật khẩu: npm run cli -- ${command} ${username} --reset`
							);
						}
						throw new UsageError(error instanceof Error ? error.message : String(error));
					}
				}
				console.log(
					`Đăng nhập tại ${publicOrigin()}/login — mật khẩu (chỉ hiện một lần, hãy lưu lại):`
				);
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
			console.log(`Đã sao lưu vào ${dir}`);
			console.log(
				`  ${(manifest.database.bytes / 1024 / 1024).toFixed(1)} MB; ${Object.entries(manifest.rows)
					.map(([table, n]) => `${table} ${n}`)
					.join(', ')}`
			);
			if (manifest.photos) {
				console.log(
					`  Ảnh: ${manifest.photos.count} (${(manifest.photos.bytes / 1024 / 1024).toFixed(1)} MB)`
				);
				if (manifest.photos.missing.length) {
					console.log(
						`  Cảnh báo: thiếu tệp của ${manifest.photos.missing.length} ảnh trong ${photosDir(config)}`
					);
				}
			}
			if (manifest.linkKey === 'env') {
				console.log('  Khóa liên kết là biến LANTOA_SECRET: hãy tự lưu giữ nó cùng bản sao lưu.');
			}
			return 0;
		}
		case 'restore': {
			const folder = positionals[0];
			if (!folder) {
				throw new UsageError('Thiếu thư mục sao lưu: npm run cli -- restore <thư mục sao lưu>');
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
			console.log(`Đã khôi phục bản sao lưu lúc ${manifest.createdAt} vào ${file}`);
			console.log(
				`  ${Object.entries(manifest.rows)
					.map(([table, n]) => `${table} ${n}`)
					.join(', ')}`
			);
			if (manifest.photos) console.log(`  Ảnh: ${photos} vào ${photosDir(config)}`);
			if (keptAside.length) console.log(`  Tệp cũ được giữ lại: ${keptAside.join(', ')}`);
			return 0;
		}
		case 'migrate-to': {
			const target = positionals[0]?.trim();
			if (!target || !isPostgresAddress(target)) {
				throw new UsageError(
					'Cần địa chỉ PostgreSQL đích: npm run cli -- migrate-to postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl'
				);
			}
			const config = readConfig(process.env);
			if (isPostgresAddress(config.DATABASE_URL)) {
				throw new UsageError(
					'DATABASE_URL đã là PostgreSQL: migrate-to chép từ tệp SQLite; đặt DATABASE_URL là tệp SQLite cần chép.'
				);
			}
			const file = databasePath(config.DATABASE_URL);
			if (!existsSync(file)) throw new UsageError(`Không có tệp cơ sở dữ liệu ${file} để chép.`);
			const db = await openDb();
			try {
				console.log(`Chép ${file} sang ${withoutPassword(target)}…`);
				const { tables, photos } = await migrateToPostgres(
					db,
					target,
					new FileMigrationProvider({ fs, path, migrationFolder: path.join(root, 'migrations') }),
					{ photosDir: photosDir(config), progress: (line) => console.log(line) }
				);
				const total = tables.reduce((sum, table) => sum + table.rows, 0);
				console.log(
					`Đã chép và đối chiếu ${tables.length} bảng, ${total} dòng: số dòng và nội dung mỗi bảng khớp với bản gốc.`
				);
				console.log(
					`  Ảnh: ${photos.referenced} tệp được tham chiếu, nằm trong ${photosDir(config)}; đặt PHOTOS_DIR của các máy chủ mới tới thư mục đó (hoặc một bản sao của nó).` +
						(photos.missing.length ? ` Cảnh báo: thiếu ${photos.missing.length} tệp.` : '')
				);
				const secretFile = path.join(path.dirname(file), 'lantoa.secret');
				console.log(
					process.env.LANTOA_SECRET?.trim()
						? '  Khóa liên kết: giữ nguyên LANTOA_SECRET hiện tại cho mọi máy chủ mới.'
						: existsSync(secretFile)
							? `  Khóa liên kết: đặt LANTOA_SECRET cho mọi máy chủ mới bằng nội dung tệp ${secretFile} (liên kết cũ vẫn dùng được, và trang quản trị còn hiện lại được chúng).`
							: '  Khóa liên kết: đặt LANTOA_SECRET (ít nhất 32 ký tự) cho mọi máy chủ mới.'
				);
				console.log(`  Sau đó khởi động các máy chủ với DATABASE_URL=${withoutPassword(target)}.`);
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
				throw new UsageError('Thiếu ghi chú, ví dụ: npm run cli -- leader-link "Giám đốc Sở"');
			}
			const db = await openDb();
			try {
				const { token } = await issueLeaderLink(db, label, CLI_ACTOR);
				console.log(`Liên kết xem bảng điều hành cho "${label}" (thu hồi trong trang quản trị):`);
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
			console.error(`Lỗi: ${error.message}`);
		} else console.error('Lỗi:', error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
