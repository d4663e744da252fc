import { env } from '$env/dynamic/private';
import type { CampaignInfo } from '$lib/domain/campaign';
import type { Stats } from '$lib/domain/stats';
import { explainDatabaseError, openDatabase, StartupError, type DB } from './db/open';
import { bundledMigrations } from './db/migrations';
import { findActiveCampaign, toCampaignInfo } from './repositories/campaigns';
import { startHub, type SocketAccess } from './realtime/hub';
import { findPrincipal, SESSION_COOKIE } from './auth/sessions';
import { PASSWORD_MIN_LENGTH } from './auth/passwords';
import { countActiveAdmins, createUser } from './repositories/users';
import { SYSTEM_ACTOR } from './repositories/audit';
import { computeStatsViews, viewFor, type StatsViews } from './stats';
import { findUnitByToken, lastLinkRevocation } from './repositories/units';

// The database handle is the one piece of module state the server keeps (house rule 4), together
// with the aggregates last computed from it, which are only valid for that handle.
let database:
	| {
			db: DB;
			statsCache?: { seq: number; campaignId: number; moderation: number; views: StatsViews };
	  }
	| undefined;

/** Called once from `init` in hooks.server.ts: migrate, seed, first admin, realtime hub. */
export async function initApp(build: string): Promise<void> {
	try {
		database ??= { db: await openDatabase(env.DATABASE_URL, bundledMigrations) };
	} catch (error) {
		const explanation = explainDatabaseError(error, env.DATABASE_URL);
		if (!explanation) throw error;
		throw new StartupError(explanation, { cause: error });
	}
	await ensureFirstAdmin(database.db);
	const recheck = Number(env.SOCKET_RECHECK_SECONDS ?? 60);
	const realtime = startHub({
		snapshot: currentStats,
		build,
		authenticate: socketAccess,
		recheckMs: Number.isFinite(recheck) && recheck > 0 ? recheck * 1000 : 60_000,
		origin: env.ORIGIN
	});
	// The CLI writes to the same database from its own process (`demo --clear`): one indexed
	// read every few seconds notices its changes and brings the screens up to date.
	// The same for unit links it revokes (`cli link`): a unit page's socket opened with a revoked
	// link stops getting the unit's whole activities within seconds.
	if (realtime) {
		let revokedAt: string | null | undefined;
		setInterval(() => {
			findActiveCampaign(db()).then(
				(campaign) => realtime.syncWith(campaign.seq),
				() => {}
			);
			lastLinkRevocation(db()).then(
				(at) => {
					if (revokedAt !== undefined && at !== revokedAt) void realtime.recheckAccess();
					revokedAt = at;
				},
				() => {}
			);
		}, 3000).unref();
	}
}

/** Whether titles wait for approval before the public sees them. */
export async function moderationOn(): Promise<boolean> {
	return (await findActiveCampaign(db())).moderation === 1;
}

/**
 * With no administrator yet, create one from ADMIN_PASSWORD (username ADMIN_USERNAME, default
 * "admin"), or say how to create one.
 */
async function ensureFirstAdmin(db: DB): Promise<void> {
	if ((await countActiveAdmins(db)) > 0) return;
	const password = env.ADMIN_PASSWORD;
	if (!password) {
		console.log(
			'Chưa có tài khoản quản trị. Tạo bằng: npm run cli -- admin <tên đăng nhập>  (hoặc đặt ADMIN_PASSWORD khi khởi động lần đầu)'
		);
		return;
	}
	if (password.length < PASSWORD_MIN_LENGTH) {
		console.error(
			`ADMIN_PASSWORD cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự; chưa tạo tài khoản quản trị.`
		);
		return;
	}
	const username = env.ADMIN_USERNAME || 'admin';
	await createUser(db, { username, role: 'admin', password, actor: SYSTEM_ACTOR });
	console.log(`Đã tạo tài khoản quản trị "${username}" từ ADMIN_PASSWORD.`);
}

/**
 * Socket handshakes carry the browser's cookies: the same session decides the staff rooms. A
 * unit page also sends its link's token, to hear about its own activities.
 */
async function socketAccess(
	cookieHeader: string | undefined,
	unitToken: string | undefined,
	recheck = false
): Promise<{ access: SocketAccess; unitCode?: string }> {
	const match = cookieHeader
		? new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookieHeader)
		: null;
	const principal = await findPrincipal(db(), match?.[1], { touch: !recheck });
	const unit = unitToken ? await findUnitByToken(db(), unitToken) : undefined;
	const access: SocketAccess = !principal
		? 'public'
		: principal.role === 'admin'
			? 'admin'
			: 'staff';
	return { access, unitCode: unit?.code };
}

export function db(): DB {
	if (!database) throw new Error('Database used before init');
	return database.db;
}

/**
 * What every live screen renders first: the campaign's public facts and current numbers (for the
 * public, the per-unit row of `unit` only, as its socket will keep it; see viewFor).
 */
export async function liveSnapshot(
	audience: 'staff' | 'public',
	unit?: string
): Promise<{ campaign: CampaignInfo; stats: Stats }> {
	return {
		campaign: toCampaignInfo(await findActiveCampaign(db())),
		stats: viewFor(await currentStats(), audience, unit)
	};
}

/**
 * Stats for the active campaign. A screen connecting or polling costs one indexed lookup of the
 * campaign's change counter while nothing changed; the aggregates run again only after a write.
 */
export async function currentStats(): Promise<StatsViews> {
	const campaign = await findActiveCampaign(db());
	const cached = database?.statsCache;
	if (
		cached &&
		cached.seq === campaign.seq &&
		cached.campaignId === campaign.id &&
		cached.moderation === campaign.moderation
	) {
		return cached.views;
	}
	const views = await computeStatsViews(db(), campaign);
	database!.statsCache = {
		seq: views.staff.seq,
		campaignId: campaign.id,
		moderation: campaign.moderation,
		views
	};
	return views;
}
