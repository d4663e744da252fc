import { z } from 'zod';
import { StartupError } from './db/open';
import { isPostgresAddress, withoutPassword } from './db/postgres';
import { m } from '../paraglide/messages';

// The server's settings from its environment, parsed once at start with zod like every other
// input: a value that is set but unusable (SUBMIT_RATE_LIMIT_PER_MINUTE=abc, a negative size)
// stops the start with one line naming the variable, instead of being silently replaced by the
// default. An empty value means "not set". scripts/start.js reads the few it needs before the app
// (PORT, HOST, REQUEST_TIMEOUT_SECONDS) itself.

const blankIsUnset = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const count = (fallback: number, min: number, message: () => string) =>
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
		message: m.config_database_url()
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
					error: () => m.config_origin()
				})
				.optional()
		),
		ADMIN_USERNAME: z.preprocess(blankIsUnset, z.string().trim().default('admin')),
		ADMIN_PASSWORD: z.preprocess(blankIsUnset, z.string().optional()),
		SOCKET_RECHECK_SECONDS: count(60, 1, () => m.config_seconds()),
		SUBMIT_RATE_LIMIT_PER_MINUTE: count(120, 0, () => m.config_rate_limit()),
		SOCKETS_PER_ADDRESS: count(200, 0, () => m.config_rate_limit()),
		DATABASE_SYNC: z.preprocess(
			(value) => (typeof value === 'string' ? blankIsUnset(value.trim().toLowerCase()) : value),
			z.enum(['full', 'normal'], { error: () => m.config_sync() }).default('full')
		),
		BACKUP_INTERVAL_HOURS: z.preprocess(
			blankIsUnset,
			z.coerce
				.number({ error: () => m.config_backup_hours() })
				.min(0, { error: () => m.config_backup_hours() })
				.default(24)
		),
		BACKUP_KEEP: count(14, 1, () => m.config_backup_keep()),
		BACKUP_DIR: z.preprocess(blankIsUnset, z.string().optional()),
		PHOTOS_DIR: z.preprocess(blankIsUnset, z.string().optional()),
		DATABASE_MAX_MB: z.preprocess(
			blankIsUnset,
			z.coerce
				.number({ error: () => m.config_max_mb() })
				.positive({ error: () => m.config_max_mb() })
				.optional()
		),
		REDIS_URL: z.preprocess(
			blankIsUnset,
			z
				.url({
					protocol: /^rediss?$/,
					error: () => m.config_redis()
				})
				.optional()
		),
		DATABASE_POOL_SIZE: count(10, 1, () => m.config_pool()),
		LANTOA_SECRET: z.preprocess(
			blankIsUnset,
			z
				.string()
				.trim()
				.min(32, { error: () => m.config_secret_short() })
				.optional()
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
				message: m.config_secret_postgres()
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
				? m.config_hidden()
				: '""'
			: JSON.stringify(withoutPassword(env[name] ?? ''));
		return `${name}=${shown} ${issue.message}`;
	});
	throw new StartupError(m.config_unusable({ problems: problems.join('; ') }));
}
