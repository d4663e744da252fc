import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityFormToInput, parseActivityInput } from '../../src/lib/domain/activity';
import { ACTIVITY_FIELDS } from '../../src/lib/domain/limits';
import { startServer, type RunningServer } from '../helpers/server';

// 10,000 hostile inputs in all: 6,000 to the JSON API, 4,000 to the unit form's action.
const API_RUNS = Number(process.env.FUZZ_API_RUNS ?? 6000);
const FORM_RUNS = Number(process.env.FUZZ_FORM_RUNS ?? 4000);
/**
 * Cases sent at once: each property run is a batch of this many, sent together (a server
 * answers a page as another arrives; one at a time the suite spent most of its 3 minutes
 * waiting on round trips). Every case is still checked, and a failing batch still shrinks.
 */
const BATCH = 8;

let server: RunningServer;
let token: string;

async function rowCount(): Promise<number> {
	return (await server.query<{ n: number }>('select count(*) as n from activities'))[0].n;
}

const valid = {
	type: 'media',
	title: 'Đăng tin hưởng ứng Ngày Sáng tạo 21/4',
	startDate: '2026-04-21',
	channels: ['social'],
	quantity: 3
};

/** Keys that name Object.prototype's members: a field-error map must not trip over them (F6). */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const hostileText = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom(
		'<img src=x onerror=alert(1)>',
		'"><script>alert(1)</script>',
		"' OR 1=1; DROP TABLE activities; --",
		'\u0000\u0001\u0002',
		'\u202Egnp.exe',
		'{{7*7}}',
		'${process.exit(1)}',
		'__proto__',
		'constructor',
		'NaN',
		'-0',
		'1e309',
		'../../../../etc/passwd',
		'javascript:alert(1)',
		'2026-02-30',
		'2026-04-21T00:00:00Z',
		'x'.repeat(20_000)
	)
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	hostileText,
	fc.integer(),
	fc.double(),
	fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1.5, 1e21),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(hostileText, fc.integer()), { maxLength: 15 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileText, fc.integer()), { maxKeys: 4 })
);

/** A valid activity with one to three fields replaced or added with hostile values. */
const mutatedActivity = fc
	.tuple(
		fc.array(
			fc.tuple(
				fc.oneof(
					fc.constantFrom(...ACTIVITY_FIELDS),
					fc.constantFrom(...PROTOTYPE_KEYS),
					fc.string({ maxLength: 12 })
				),
				hostileValue
			),
			{ minLength: 1, maxLength: 3 }
		)
	)
	.map(([changes]) => {
		const body: Record<string, unknown> = { ...valid };
		for (const [key, value] of changes) {
			Object.defineProperty(body, key, {
				value,
				enumerable: true,
				configurable: true,
				writable: true
			});
		}
		return body as unknown;
	});

const anyJson = fc.oneof(fc.jsonValue(), mutatedActivity, mutatedActivity, mutatedActivity);

/** Only inputs our own schema rejects: the property is about bad input. */
const badJson = anyJson.filter((value) => !parseActivityInput(value).ok);

const rawGarbage = fc.oneof(
	fc.string({ maxLength: 200 }),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.constantFrom('{', '{"type":', '[1,2', 'null,', '{"title": "a" "b"}', '\u0000', '')
);

/** A property over batches of BATCH cases, each batch's cases checked together. */
function batched<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>) {
	return fc.asyncProperty(
		fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }),
		async (values) => {
			await Promise.all(values.map(check));
		}
	);
}

async function postJson(body: string, key?: string) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			...(key === undefined ? {} : { 'Idempotency-Key': key })
		},
		body
	});
	return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('SO-YT');
});

afterAll(async () => {
	await server?.cleanup();
});

describe('fuzzing the submission API', () => {
	it(`answers ${API_RUNS} hostile JSON bodies with 400 and field errors, storing nothing`, async () => {
		const before = await rowCount();
		let runs = 0;
		await fc.assert(
			batched(
				fc.oneof(
					{
						weight: 8,
						arbitrary: badJson.map((value) => ({ body: JSON.stringify(value) ?? 'null' }))
					},
					{
						weight: 1,
						arbitrary: rawGarbage
							.filter((raw) => {
								try {
									return !parseActivityInput(JSON.parse(raw)).ok;
								} catch {
									return true;
								}
							})
							.map((body) => ({ body }))
					},
					{
						weight: 1,
						arbitrary: fc
							.string({ maxLength: 300 })
							// HTTP trims header values, so judge the key as the server will see it.
							.filter(
								(key) => !/^[\x21-\x7e]{1,200}$/.test(key.trim()) && /^[\x20-\x7e]*$/.test(key)
							)
							.map((key) => ({ body: JSON.stringify(valid), key }))
					}
				),
				async ({ body, key }: { body: string; key?: string }) => {
					runs++;
					const response = await postJson(body, key);
					expect(response.status, `${body.slice(0, 200)} → ${response.text.slice(0, 300)}`).toBe(
						400
					);
					const parsed = JSON.parse(response.text) as { errors: Record<string, string[]> };
					const messages = Object.values(parsed.errors).flat();
					expect(messages.length).toBeGreaterThan(0);
					for (const message of messages) expect(message).toMatch(/\S/);
				}
			),
			{ numRuns: API_RUNS / BATCH, seed: Number(process.env.FUZZ_SEED ?? 20260421) }
		);
		expect(runs).toBe(API_RUNS);
		expect(await rowCount()).toBe(before);
	}, 600_000);
});

describe('keys named like Object.prototype’s members (F6)', () => {
	for (const [path, body] of [
		['/api/v1/activities', valid],
		['/api/v1/reports', { summary: 'Đơn vị đã tổ chức các hoạt động hưởng ứng theo kế hoạch.' }]
	] as const) {
		it(`${path}: 400 with a field error for each, storing nothing`, async () => {
			const before = await rowCount();
			for (const key of PROTOTYPE_KEYS) {
				// Written as JSON text: JSON.parse makes "__proto__" an own key, as on the wire.
				const raw = `{${JSON.stringify(key)}: 1, ${JSON.stringify(body).slice(1)}`;
				const response = await fetch(`${server.url}${path}`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
					body: raw
				});
				const text = await response.text();
				expect(response.status, `${key} → ${text}`).toBe(400);
				const errors = (JSON.parse(text) as { errors: Record<string, string[]> }).errors;
				expect(Object.getOwnPropertyNames(errors), key).toContain(key);
				expect(errors[key as keyof typeof errors], key).toEqual(['Trường này không được hỗ trợ']);
			}
			expect(await rowCount()).toBe(before);
		});
	}
});

describe('fuzzing the unit form action', () => {
	const field = fc.oneof(
		hostileText,
		fc.integer().map(String),
		fc.double().map(String),
		fc.constantFrom(
			'banner',
			'media',
			'event',
			'movement',
			'honor',
			'tv',
			'seminar',
			'onsite',
			'1.000',
			''
		)
	);
	const formEntries = fc
		.array(
			fc.tuple(
				fc.oneof(
					fc.constantFrom(
						'type',
						'title',
						'startDate',
						'endDate',
						'location',
						'participants',
						'quantity_banner',
						'quantity_media',
						'quantity_event',
						'channels',
						'format',
						'mode',
						'contentAreas',
						'description',
						'links'
					),
					fc.string({ maxLength: 10 })
				),
				field
			),
			{ maxLength: 12 }
		)
		.map((entries) =>
			// NUL cannot travel in a form field value; every other character may.
			entries.map(([k, v]) => [k, v.split(String.fromCharCode(0)).join('')] as [string, string])
		)
		.filter((entries) => {
			const form = new FormData();
			for (const [k, v] of entries) form.append(k, v);
			return !parseActivityInput(activityFormToInput(form)).ok;
		});

	it(`answers ${FORM_RUNS} hostile form posts with field errors beside the fields, storing nothing`, async () => {
		const before = await rowCount();
		let runs = 0;
		await fc.assert(
			batched(formEntries, async (entries) => {
				runs++;
				const body = new URLSearchParams(entries);
				const response = await fetch(`${server.url}/u/${token}?/submit`, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/x-www-form-urlencoded',
						Accept: 'text/html',
						Origin: server.url
					},
					body
				});
				const html = await response.text();
				expect(response.status, `${body.toString().slice(0, 300)}`).toBe(400);
				expect(html).toContain('class="field-error');
				expect(html).toContain('Chưa gửi được.');
			}),
			{ numRuns: FORM_RUNS / BATCH, seed: Number(process.env.FUZZ_SEED ?? 20260421) }
		);
		expect(runs).toBe(FORM_RUNS);
		expect(await rowCount()).toBe(before);
	}, 600_000);
});
