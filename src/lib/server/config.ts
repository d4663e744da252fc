import { z } from 'zod';
import { StartupError } from './db/open';

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
 * The database's address: a SQLite file (a path, `file:<path>` or `:memory:`). An address with a
 * scheme of another kind used to be taken for a file name (`postgres://…` made a folder named
 * `postgres:` beside the app); it is refused, saying what can be used.
 */
const databaseAddress = z.string().superRefine((value, context) => {
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value.trim())?.[1]?.toLowerCase();
	if (scheme === undefined || scheme === 'file') return;
	context.addIssue({
		code: 'custom',
		message:
			scheme === 'postgres' || scheme === 'postgresql'
				? 'là địa chỉ PostgreSQL, mà bản này chưa dùng được; hãy để trống (tệp SQLite ./data/lantoa.db) hoặc ghi đường dẫn tệp SQLite'
				: 'phải là đường dẫn tệp SQLite, ví dụ ./data/lantoa.db (hoặc file:/đường/dẫn/lantoa.db)'
	});
});

export const ServerEnv = z.object({
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
	)
});

export type ServerConfig = z.infer<typeof ServerEnv>;

/** An address as it may be printed: a password in it (`//user:secret@host`) is masked. */
export function withoutPassword(value: string): string {
	return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** The settings, or a StartupError naming each variable that cannot be used and why. */
export function readConfig(env: Record<string, string | undefined>): ServerConfig {
	const parsed = ServerEnv.safeParse(env);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map(
		(issue) =>
			`${String(issue.path[0])}=${JSON.stringify(withoutPassword(env[String(issue.path[0])] ?? ''))} ${issue.message}`
	);
	throw new StartupError(`Cấu hình không dùng được: ${problems.join('; ')}.`);
}
