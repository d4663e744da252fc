import { z } from 'zod';
import { StartupError } from './db/open';
import { isPostgresAddress, withoutPassword } from './db/postgres';

// The server's settings from its environment, parsed once at start with zod like every other
// input: a value that is set but unusable (SUBMIT_RATE_LIMIT_PER_MINUTE=abc, a negative size)
// stops the start with one line naming the variable, instead of being silently replaced by the
// default. An empty value means "not set". scripts/start.js reads the few it needs before the app
// (PORT, HOST, REQUEST_TIMEOUT_SECONDS) itself.

const blankIsUnset = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const count = (fallback: number, min: number, message: string) =>
	z.preprocess(
		blankIsUnset,
		z.coerce
			.number({ error: message })
			.refine((n) => Number.isInteger(n) && n >= min, { error: message })
			.default(fallback)
	);

/**
 * The database's address: a SQLite file (a path, `file:<path>` or `:memory:`) or a PostgreSQL
 * server (`postgres://user:password@host:5432/database`). An address with a scheme of another
 * kind used to be taken for a file name (`mysql://…` made a folder named `mysql:` beside the
 * app); it is refused, saying what can be used.
 */
const databaseAddress = z.string().superRefine((value, context) => {
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value.trim())?.[1]?.toLowerCase();
	if (scheme === undefined || scheme === 'file' || scheme === 'postgres' || scheme === 'postgresql')
		return;
	context.addIssue({
		code: 'custom',
		message:
			'phải là đường dẫn tệp SQLite, ví dụ ./data/lantoa.db (hoặc file:/đường/dẫn/lantoa.db), hoặc địa chỉ PostgreSQL postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl'
	});
});

export const ServerEnv = z
	.object({
		DATABASE_URL: z.preprocess(blankIsUnset, databaseAddress.optional()),
		ORIGIN: z.preprocess(
			blankIsUnset,
			z
				.url({
					protocol: /^https?$/,
					error: 'phải là địa chỉ đầy đủ, ví dụ https://lantoa.example.vn'
				})
				.optional()
		),
		ADMIN_USERNAME: z.preprocess(blankIsUnset, z.string().trim().default('admin')),
		ADMIN_PASSWORD: z.preprocess(blankIsUnset, z.string().optional()),
		SOCKET_RECHECK_SECONDS: count(60, 1, 'phải là số giây nguyên, ít nhất 1'),
		SUBMIT_RATE_LIMIT_PER_MINUTE: count(120, 0, 'phải là số nguyên không âm (0 = không giới hạn)'),
		DATABASE_SYNC: z.preprocess(
			(value) => (typeof value === 'string' ? blankIsUnset(value.trim().toLowerCase()) : value),
			z.enum(['full', 'normal'], { error: 'phải là full hoặc normal' }).default('full')
		),
		BACKUP_INTERVAL_HOURS: z.preprocess(
			blankIsUnset,
			z.coerce
				.number({ error: 'phải là số giờ (0 = tắt sao lưu tự động)' })
				.min(0, { error: 'phải là số giờ (0 = tắt sao lưu tự động)' })
				.default(24)
		),
		BACKUP_KEEP: count(14, 1, 'phải là số bản sao lưu giữ lại, ít nhất 1'),
		BACKUP_DIR: z.preprocess(blankIsUnset, z.string().optional()),
		PHOTOS_DIR: z.preprocess(blankIsUnset, z.string().optional()),
		DATABASE_MAX_MB: z.preprocess(
			blankIsUnset,
			z.coerce
				.number({ error: 'phải là số MB lớn hơn 0' })
				.positive({ error: 'phải là số MB lớn hơn 0' })
				.optional()
		),
		REDIS_URL: z.preprocess(
			blankIsUnset,
			z
				.url({
					protocol: /^rediss?$/,
					error: 'phải là địa chỉ Redis, ví dụ redis://127.0.0.1:6379 (rediss:// khi có TLS)'
				})
				.optional()
		),
		DATABASE_POOL_SIZE: count(10, 1, 'phải là số kết nối nguyên, ít nhất 1'),
		LANTOA_SECRET: z.preprocess(
			blankIsUnset,
			z.string().trim().min(32, { error: 'phải dài ít nhất 32 ký tự' }).optional()
		)
	})
	// Unit links are derived from a key kept outside the database: beside a SQLite file it is
	// the file lantoa.secret; PostgreSQL has no such place, and every instance must derive the
	// same links, so the key must be given.
	.superRefine((config, context) => {
		if (isPostgresAddress(config.DATABASE_URL) && !config.LANTOA_SECRET) {
			context.addIssue({
				code: 'custom',
				path: ['LANTOA_SECRET'],
				message:
					'phải được đặt (ít nhất 32 ký tự, giống nhau ở mọi máy chủ) khi dùng PostgreSQL: liên kết của đơn vị được tạo từ khóa này, ví dụ LANTOA_SECRET=$(openssl rand -base64 32)'
			});
		}
	});

export type ServerConfig = z.infer<typeof ServerEnv>;

const SECRETS = new Set(['LANTOA_SECRET', 'ADMIN_PASSWORD']);

/** The settings, or a StartupError naming each variable that cannot be used and why. */
export function readConfig(env: Record<string, string | undefined>): ServerConfig {
	const parsed = ServerEnv.safeParse(env);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => {
		const name = String(issue.path[0]);
		// A secret is never printed, not even a wrong one.
		const shown = SECRETS.has(name)
			? env[name]?.trim()
				? '(ẩn)'
				: '""'
			: JSON.stringify(withoutPassword(env[name] ?? ''));
		return `${name}=${shown} ${issue.message}`;
	});
	throw new StartupError(`Cấu hình không dùng được: ${problems.join('; ')}.`);
}
