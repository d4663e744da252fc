// `npm run cli -- demo`: realistic sample activities sent through the real HTTP API of a running
// server, so a rehearsal or a newcomer sees the dashboard and kiosk move. Demo tokens are
// separate from the units' real links and are revoked when the demo ends.
import { randomUUID } from 'node:crypto';
import type { DB } from '../src/lib/server/db/open.ts';
import type { Unit } from '../src/lib/server/db/schema.ts';
import { issueUnitToken, listUnits, revokeTokens } from '../src/lib/server/repositories/units.ts';
import { CLI_ACTOR } from '../src/lib/server/repositories/audit.ts';
import { findActiveCampaign } from '../src/lib/server/repositories/campaigns.ts';
import { datesBetween } from '../src/lib/domain/dates.ts';
import {
	CONTENT_AREAS,
	EVENT_FORMATS,
	EVENT_MODES,
	MEDIA_CHANNELS,
	type ActivityType
} from '../src/lib/domain/campaign.ts';
import { m } from '../src/lib/paraglide/messages.js';

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const some = <T>(list: readonly T[], min: number, max: number): T[] =>
	[...list].sort(() => Math.random() - 0.5).slice(0, between(min, max));

const TITLES: Record<ActivityType, string[]> = {
	banner: [
		'Treo băng rôn, khẩu hiệu chào mừng Ngày Sáng tạo và Đổi mới sáng tạo thế giới tại trụ sở',
		'Treo băng rôn hưởng ứng Ngày 21/4 tại trụ sở và các tuyến đường trung tâm',
		'Căng khẩu hiệu “Đổi mới sáng tạo - Hành động đột phá, lan tỏa kết quả”'
	],
	media: [
		'Đăng tin hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới trên trang thông tin điện tử',
		'Phát sóng phóng sự về mô hình ứng dụng khoa học, công nghệ trong sản xuất',
		'Loạt bài tuyên truyền đổi mới sáng tạo trên mạng xã hội',
		'Bản tin phát thanh về chính sách khoa học, công nghệ và đổi mới sáng tạo'
	],
	event: [
		'Hội thảo chuyên đề ứng dụng khoa học, công nghệ vào sản xuất nông nghiệp',
		'Tọa đàm “Đổi mới sáng tạo - Hành động đột phá, lan tỏa kết quả”',
		'Triển lãm sản phẩm, sáng kiến đổi mới sáng tạo tiêu biểu',
		'Hội nghị phổ biến chính sách về khoa học, công nghệ và đổi mới sáng tạo',
		'Giao lưu trực tuyến với các mô hình khởi nghiệp sáng tạo'
	],
	movement: [
		'Phát động phong trào thi đua sáng kiến, cải tiến quy trình',
		'Cuộc thi ý tưởng khởi nghiệp sáng tạo trong thanh niên',
		'Phát động sáng kiến chuyển đổi số trong cải cách hành chính',
		'Phong trào “Mỗi cán bộ một giải pháp đổi mới”'
	],
	honor: [
		'Biểu dương tập thể, cá nhân có sáng kiến, giải pháp hiệu quả',
		'Khen thưởng các tác giả có sáng kiến cấp cơ sở năm 2026',
		'Tôn vinh điển hình tiên tiến trong ứng dụng khoa học, công nghệ'
	]
};

const TYPE_WEIGHTS: [ActivityType, number][] = [
	['banner', 30],
	['media', 30],
	['event', 20],
	['movement', 12],
	['honor', 8]
];

function pickType(): ActivityType {
	let roll = Math.random() * 100;
	for (const [type, weight] of TYPE_WEIGHTS) {
		if ((roll -= weight) < 0) return type;
	}
	return 'banner';
}

export function sampleActivity(unit: Unit, days: string[]): Record<string, unknown> {
	const type = pickType();
	const place = unit.short_name ?? unit.name;
	const startDate = pick(days);
	const base = {
		type,
		title: `${pick(TITLES[type])} — ${place}`.slice(0, 200),
		startDate,
		location: `Trụ sở ${unit.name}`.slice(0, 200),
		contentAreas: some(CONTENT_AREAS, 1, 3),
		description: 'Hoạt động mẫu do lệnh demo tạo ra để chạy thử bảng điều hành.'
	};
	switch (type) {
		case 'banner':
			return { ...base, quantity: between(1, 12), participants: between(0, 20) };
		case 'media':
			return {
				...base,
				channels: some(MEDIA_CHANNELS.slice(0, 5), 1, 3),
				quantity: between(1, 15)
			};
		case 'event':
			return {
				...base,
				format: pick(EVENT_FORMATS),
				mode: pick(EVENT_MODES),
				quantity: between(20, 300)
			};
		case 'movement':
			return { ...base, quantity: between(1, 25), participants: between(10, 500) };
		case 'honor':
			return { ...base, quantity: between(1, 20), participants: between(20, 200) };
	}
}

/** How long the demo waits for a server that stopped answering before it gives up. */
const GIVE_UP_AFTER_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A rehearsal tool survives what it rehearses: a server restarting (no connection, 503) or busy
 * (429) is waited for — 0.5 s doubling to 5 s, one line said — and the same activity sent again
 * with its key. Only a refusal (a 4xx other than 429) or two minutes without an answer stop it.
 */
async function sendPatiently(url: string, init: RequestInit): Promise<void> {
	const since = Date.now();
	let pause = 500;
	let said = false;
	for (;;) {
		let problem: string;
		try {
			const response = await fetch(url, init);
			if (response.status === 201 || response.status === 200) {
				if (said) console.log(m.cli_demo_resumed());
				return;
			}
			const text = await response.text();
			if (response.status !== 429 && response.status < 500) {
				throw new Error(m.cli_demo_refused({ status: response.status, body: text }));
			}
			problem = String(response.status);
		} catch (error) {
			if (error instanceof Error && !(error instanceof TypeError)) throw error;
			// fetch's TypeError: no connection (the server stopped, restarting)
			const cause = (error as { cause?: { code?: string } }).cause;
			problem = cause?.code ?? (error instanceof Error ? error.message : String(error));
		}
		if (Date.now() - since > GIVE_UP_AFTER_MS) {
			throw new Error(m.cli_demo_gave_up({ seconds: GIVE_UP_AFTER_MS / 1000, problem }));
		}
		if (!said) console.log(m.cli_demo_waiting({ problem }));
		said = true;
		await sleep(pause);
		pause = Math.min(pause * 2, 5_000);
	}
}

export async function runDemo(db: DB, options: { rate: number; count: number; url: string }) {
	const campaign = await findActiveCampaign(db);
	const days = datesBetween(campaign.window_from, campaign.window_to);
	// About three units in four take part, so "who has not reported" has something to show.
	const allUnits = await listUnits(db, { activeOnly: true });
	const units = [...allUnits]
		.sort(() => Math.random() - 0.5)
		.slice(0, Math.max(1, Math.round((allUnits.length * 3) / 4)));
	const tokens = new Map<number, string>();

	const cleanup = async () => revokeTokens(db, [...tokens.values()], CLI_ACTOR);
	const onSignal = () => {
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		const probe = await fetch(`${options.url}/api/v1/stats`).catch(() => undefined);
		if (!probe?.ok) {
			throw new Error(m.cli_demo_no_server({ url: options.url }));
		}
		console.log(m.cli_demo_sending({ count: options.count, url: options.url, rate: options.rate }));
		const interval = 1000 / options.rate;
		const started = Date.now();
		let sent = 0;
		for (let i = 0; i < options.count; i++) {
			const unit = pick(units);
			let token = tokens.get(unit.id);
			if (!token) {
				token = await issueUnitToken(db, unit, CLI_ACTOR, 'demo');
				tokens.set(unit.id, token);
			}
			const body = sampleActivity(unit, days);
			await sendPatiently(`${options.url}/api/v1/activities`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json',
					// one key per activity, kept across attempts: sent again, it is stored once
					'Idempotency-Key': `demo:${randomUUID()}`
				},
				body: JSON.stringify(body)
			});
			sent++;
			console.log(
				`✓ ${String(sent).padStart(4)}/${options.count} ${unit.code.padEnd(12)} ${String(body.title)}`
			);
			const wait = started + (i + 1) * interval - Date.now();
			if (wait > 0 && i + 1 < options.count) await new Promise((r) => setTimeout(r, wait));
		}
		console.log(m.cli_demo_done({ count: sent }));
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		await cleanup();
	}
}
