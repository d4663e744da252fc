import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

// Pages and data answers travel compressed: a unit official on a weak mobile network downloads the
// report form's 26 KB of HTML as about 7 KB (scripts and styles were already compressed at build
// time). Read with node:http, which — unlike fetch — shows the bytes as they travel.

let server: RunningServer;
let token: string;

beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('SO-YT');
});

afterAll(async () => {
	await server?.cleanup();
});

function raw(path: string, headers: Record<string, string> = {}) {
	return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
		(resolve, reject) => {
			get(`${server.url}${path}`, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
			}).on('error', reject);
		}
	);
}

describe('compressed answers', () => {
	it("sends the unit's page gzipped or brotli-compressed, as the browser accepts", async () => {
		const plain = await raw(`/u/${token}`);
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const html = plain.body.toString('utf8');
		expect(html).toContain('Sở Y tế tỉnh Lai Châu');

		const gzipped = await raw(`/u/${token}`, { 'Accept-Encoding': 'gzip' });
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
		expect(gzipped.body.length).toBeLessThan(plain.body.length * 0.4);
		expect(gunzipSync(gzipped.body).toString('utf8')).toContain('Sở Y tế tỉnh Lai Châu');

		const brotli = await raw(`/u/${token}`, { 'Accept-Encoding': 'gzip, deflate, br' });
		expect(brotli.headers['content-encoding']).toBe('br');
		expect(brotli.body.length).toBeLessThan(plain.body.length * 0.4);
		expect(brotliDecompressSync(brotli.body).toString('utf8')).toContain('Gửi báo cáo hoạt động');
	});

	it("compresses a page's data and leaves short answers as they are", async () => {
		const data = await raw(`/u/${token}/__data.json`, { 'Accept-Encoding': 'gzip' });
		expect(data.status).toBe(200);
		expect(data.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(gunzipSync(data.body).toString('utf8')).type).toBe('data');
		// A short answer (under 1 KB): compressing it would only cost time.
		const health = await raw('/healthz', { 'Accept-Encoding': 'gzip' });
		expect(health.status).toBe(200);
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(health.body.length).toBeLessThan(1024);
		expect(JSON.parse(health.body.toString('utf8'))).toHaveProperty('status');
	});

	it('serves scripts compressed at build time, not again', async () => {
		const html = (await raw('/')).body.toString('utf8');
		const script = /\/_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(html)?.[0];
		expect(script).toBeDefined();
		const plain = await raw(script!);
		const gzipped = await raw(script!, { 'Accept-Encoding': 'gzip' });
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
	});
});
