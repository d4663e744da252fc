import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	root,
	startServer,
	testDatabase,
	TEST_SECRET,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;

const query = <T>(sql: string) => server.query<T>(sql);

async function postWith(token: string) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'movement',
			title: 'Phát động phong trào sáng kiến cải tiến quy trình',
			startDate: '2026-04-22'
		})
	});
	return response.status;
}

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.cleanup();
});

describe('npm run cli', () => {
	it('lists the 60 seeded units with their codes', async () => {
		const result = await server.cli(['units']);
		expect(result.status).toBe(0);
		const lines = result.stdout.trim().split('\n');
		expect(lines).toHaveLength(60);
		expect(lines[0]).toMatch(/^MTTQ\s/);
		expect(result.stdout).toMatch(/^03388\s+Phường\s+Phường Đoàn Kết/m);
		expect(result.stdout).toContain('chưa xác minh');
	});

	it('speaks English with LANTOA_LANG=en — its help, its listing, its refusals — and Vietnamese otherwise', async () => {
		const help = await server.cli(['help'], { LANTOA_LANG: 'en' });
		expect(help.status).toBe(0);
		expect(help.stdout).toContain('Lan Tỏa — administration command line');
		expect(help.stdout.replaceAll('Lan Tỏa', '')).not.toMatch(
			/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i
		);
		const units = await server.cli(['units'], { LANTOA_LANG: 'en' });
		// The units' names are data, as entered; the kinds and flags are words.
		expect(units.stdout).toMatch(/^03388\s+Ward\s+Phường Đoàn Kết/m);
		expect(units.stdout).toContain('not verified');
		const refused = await server.cli(['link', 'NOPE'], { LANTOA_LANG: 'en' });
		expect(refused.status).toBe(1);
		expect(refused.stderr.trim()).toBe(
			'Error: No unit has the code "NOPE". See the codes: npm run cli -- units'
		);
		const option = await server.cli(['links', '--mising'], { LANTOA_LANG: 'en' });
		expect(option.stderr.trim()).toBe(
			'Error: The "links" command has no option --mising (its options: --missing, --out)'
		);
		// What the server's own modules refuse, printed by the command line, in English too.
		const badName = await server.cli(['admin', 'Not A Name'], { LANTOA_LANG: 'en' });
		expect(badName.stderr.trim()).toBe(
			'Error: A user name has 3–40 characters: lower-case letters without accents, digits, dots, underscores, hyphens'
		);
		const folder = mkdtempSync(join(tmpdir(), 'lantoa-not-a-backup-'));
		const notBackup = await server.cli(['restore', folder], { LANTOA_LANG: 'en' });
		expect(notBackup.stderr.trim()).toBe(
			testDatabase === 'sqlite'
				? `Error: ${folder} is not a Lan Tỏa backup folder (no manifest.json)`
				: 'Error: The database is PostgreSQL: restore it with pg_restore; the restore command is for a SQLite file only.'
		);
		const vietnamese = await server.cli(['link', 'NOPE']);
		expect(vietnamese.stderr.trim()).toBe(
			'Lỗi: Không có đơn vị mã "NOPE". Xem danh sách mã: npm run cli -- units'
		);
	});

	it('prints a link ending in /u/<token> as the last line, stored only as a hash', async () => {
		const result = await server.cli(['link', 'SO-KHCN']);
		expect(result.status).toBe(0);
		const last = result.stdout.trim().split('\n').pop()!;
		expect(last).toMatch(new RegExp(`^${server.url}/u/[A-Za-z0-9_-]{43}$`));
		const token = last.split('/u/')[1];
		const hash = createHash('sha256').update(token).digest('hex');
		const rows = await query<{ token_hash: string }>(
			"select token_hash from unit_tokens join units on units.id = unit_id where code = 'SO-KHCN' and revoked_at is null"
		);
		expect(rows).toEqual([{ token_hash: hash }]);
		// The secret itself is nowhere in the database: not in the SQLite file's bytes, not in any
		// row of any PostgreSQL table.
		if (testDatabase === 'sqlite') {
			expect(readFileSync(server.dbPath).includes(Buffer.from(token))).toBe(false);
		} else {
			const tables = await query<{ name: string }>(
				"select table_name as name from information_schema.tables where table_schema = 'public'"
			);
			expect(tables.length).toBeGreaterThan(10);
			for (const { name } of tables) {
				const [{ n }] = await server.query<{ n: number }>(
					`select count(*) as n from ${name} t where t::text like ?`,
					`%${token}%`
				);
				expect(n, name).toBe(0);
			}
		}
	});

	it('revokes the previous link when a new one is issued', async () => {
		const first = await server.issueToken('SO-CT');
		expect(await postWith(first)).toBe(201);
		const second = await server.issueToken('SO-CT');
		expect(await postWith(first)).toBe(401);
		expect(await postWith(second)).toBe(201);
	});

	it('fails clearly for an unknown or missing unit code', async () => {
		const unknown = await server.cli(['link', 'KHONG-CO']);
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain('Không có đơn vị mã "KHONG-CO"');
		const missing = await server.cli(['link']);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('Thiếu mã đơn vị');
		const wrongCommand = await server.cli(['lam-gi-do']);
		expect(wrongCommand.status).toBe(1);
		expect(wrongCommand.stderr).toContain('Lệnh không hợp lệ');
		const badRate = await server.cli(['demo', '--rate', 'nhanh']);
		expect(badRate.status).toBe(1);
		expect(badRate.stderr).toContain('--rate phải là một số dương');
	});

	it('refuses an option the command does not have before doing anything (issue 11)', async () => {
		// `links --mising` (a typo) was taken as `links`: new links for all 60 units, every link
		// already sent out revoked.
		const token = await server.issueToken('SO-TC');
		const liveBefore = (
			await query<{ n: number }>('select count(*) as n from unit_tokens where revoked_at is null')
		)[0].n;
		const typo = await server.cli(['links', '--mising']);
		expect(typo.status).toBe(1);
		expect(typo.stderr).toContain('Lệnh "links" không có tùy chọn --mising');
		expect(typo.stderr).toContain('--missing');
		expect(typo.stdout).toBe('');
		expect(
			(
				await query<{ n: number }>('select count(*) as n from unit_tokens where revoked_at is null')
			)[0].n
		).toBe(liveBefore);
		expect(await postWith(token)).toBe(201);

		const fraction = await server.cli(['demo', '--count', '2.5']);
		expect(fraction.status).toBe(1);
		expect(fraction.stderr).toContain('--count phải là số nguyên (nhận được "2.5")');
		const badUrl = await server.cli(['demo', '--url', 'ftp://x']);
		expect(badUrl.status).toBe(1);
		expect(badUrl.stderr).toContain('--url phải là địa chỉ http(s)');
	});

	it('prints every active unit as CSV, then only the missing ones with --missing', async () => {
		const all = await server.cli(['links']);
		expect(all.status).toBe(0);
		const rows = all.stdout.trim().split('\n');
		expect(rows[0]).toBe('ma_don_vi,ten_don_vi,lien_ket');
		expect(rows).toHaveLength(61);
		for (const row of rows.slice(1))
			expect(row).toMatch(/,http:\/\/localhost:\d+\/u\/[A-Za-z0-9_-]{43}$/);
		expect(rows.find((r) => r.startsWith('VP-UBND,'))).toMatch(
			/^VP-UBND,Văn phòng Ủy ban nhân dân tỉnh Lai Châu,http:/
		);
		// Names with commas are quoted so Excel keeps the columns.
		expect(rows.find((r) => r.startsWith('SO-VHTTDL,'))).toMatch(
			/^SO-VHTTDL,"Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",http:/
		);

		const missing = await server.cli(['links', '--missing']);
		expect(missing.status).toBe(0);
		expect(missing.stdout.trim().split('\n')).toEqual(['ma_don_vi,ten_don_vi,lien_ket']);
	});

	it('writes clean CSV files with --out, as the README shows (npm run cli -- links --out …)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantoa-cli-'));
		const file = join(dir, 'links.csv');
		// Through npm itself, whose banner lines went into `> links.csv` before.
		const result = spawnSync('npm', ['run', 'cli', '--', 'links', '--out', file], {
			cwd: root,
			env: {
				...process.env,
				DATABASE_URL: server.databaseUrl,
				...(testDatabase === 'postgres' ? { LANTOA_SECRET: TEST_SECRET } : {}),
				ORIGIN: server.url
			},
			encoding: 'utf8'
		});
		expect(result.status).toBe(0);
		expect(result.stderr).toContain(`Đã ghi 60 dòng vào ${file}`);
		const bytes = readFileSync(file);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = text.slice(0, -2).split('\r\n');
		expect(rows[0]).toBe('ma_don_vi,ten_don_vi,lien_ket');
		expect(rows).toHaveLength(61);
		for (const row of rows.slice(1))
			expect(row).toMatch(/^[A-Z0-9-]+,.+,http:\/\/localhost:\d+\/u\/[\w-]{43}$/);
		// Unit links are secrets: only the owner may read the file.
		expect(statSync(file).mode & 0o777).toBe(0o600);

		const units = join(dir, 'units.csv');
		const listed = await server.cli(['units', '--out', units]);
		expect(listed.status).toBe(0);
		const unitRows = readFileSync(units, 'utf8').slice(1).trim().split('\r\n');
		expect(unitRows[0]).toBe('ma_don_vi,loai,ten_don_vi,dang_theo_doi,da_xac_minh');
		expect(unitRows).toHaveLength(61);
		expect(unitRows).toContain(
			'SO-VHTTDL,"Sở, ngành","Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",có,có'
		);

		const noFile = await server.cli(['links', '--out']);
		expect(noFile.status).toBe(1);
		expect(noFile.stderr).toContain('Thiếu giá trị cho --out');
	});

	it('demo sends realistic activities through the HTTP API and revokes its tokens', async () => {
		const before = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
			totals: { activities: number };
		};
		const result = await server.cli(['demo', '--count', '8', '--rate', '40', '--url', server.url]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('Xong: đã gửi 8 hoạt động mẫu');
		const after = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
			totals: { activities: number };
		};
		expect(after.totals.activities).toBe(before.totals.activities + 8);
		const live = await query<{ n: number }>(
			"select count(*) as n from unit_tokens where purpose = 'demo' and revoked_at is null"
		);
		expect(live[0].n).toBe(0);
		const sources = await query<{ source: string; n: number }>(
			"select source, count(*) as n from activities where idempotency_key like 'demo:%' group by source"
		);
		expect(sources).toEqual([{ source: 'api', n: 8 }]);
	});

	it('demo fails clearly when no server is running at the URL', async () => {
		const result = await server.cli(['demo', '--count', '1', '--url', 'http://127.0.0.1:9']);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Không kết nối được máy chủ');
	});
});

describe('restart', () => {
	it('seeds nothing twice and keeps every activity across a restart', async () => {
		const before = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
			totals: { activities: number };
		};
		await server.stop();
		await server.start();
		const counts = await query<{ campaigns: number; units: number }>(
			'select (select count(*) from campaigns) as campaigns, (select count(*) from units) as units'
		);
		expect(counts).toEqual([{ campaigns: 1, units: 60 }]);
		const after = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
			totals: { activities: number };
		};
		expect(after.totals.activities).toBe(before.totals.activities);
	});
});
