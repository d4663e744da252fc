// Production entry: `npm start`. Builds when there is no (or an outdated) build, then serves the
// SvelteKit app and the Socket.IO hub on one HTTP server. The app's `init` hook migrates and
// seeds the database and attaches the hub; this file is only glue.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import compression from 'compression';
import pino from 'pino';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const handlerPath = join(root, 'build', 'handler.js');

/**
 * What this file says, from the app's own message files (src/lib/i18n/messages), read as JSON:
 * it runs before any build, when the compiled messages may not exist. To the operator in
 * LANTOA_LANG (Vietnamese unless `en`, as the command line); to a request in its language, as the
 * app decides it (`?lang=`, then the `lantoa-lang` cookie, then Vietnamese).
 */
const MESSAGES = Object.fromEntries(
	['vi', 'en'].map((locale) => [
		locale,
		JSON.parse(readFileSync(join(root, 'src/lib/i18n/messages', `${locale}.json`), 'utf8'))
	])
);
const operatorLocale = process.env.LANTOA_LANG?.trim() === 'en' ? 'en' : 'vi';
function say(key, params = {}, locale = operatorLocale) {
	const text = MESSAGES[locale][key] ?? MESSAGES.vi[key];
	return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
}
function requestLocale(req) {
	const asked = /[?&]lang=(vi|en)(?:&|$)/.exec(req.url ?? '')?.[1];
	return (
		asked ?? /(?:^|;\s*)lantoa-lang=(vi|en)(?:;|$)/.exec(req.headers.cookie ?? '')?.[1] ?? 'vi'
	);
}

process.env.PORT ||= '3000';
process.env.HOST ||= '0.0.0.0';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;
process.env.DATABASE_URL ||= './data/lantoa.db';

// Request bodies: 256 KB for every form and the API (which stops at 64 KB itself), except a unit's
// new report, which may carry up to 5 photos of 10 MB each. SvelteKit's adapter has one limit for
// all routes, so it gets the larger one and this file holds every other request to the smaller.
// (Photos added later to a report go the same way.)
const ORDINARY_BODY_BYTES = 256 * 1024;
const UPLOAD_BODY_BYTES = 5 * 10 * 1024 * 1024 + 1024 * 1024;
process.env.BODY_SIZE_LIMIT = String(UPLOAD_BODY_BYTES);
/**
 * A unit's new report with its photos (`POST /u/<token>?/submit`), or photos added to one it sent
 * (`POST /u/<token>/activities/<id>?/addPhotos`).
 */
const isUpload = (req) =>
	req.method === 'POST' &&
	/^\/u\/[^/?#]+(\?\/submit|\/activities\/\d+\?\/addPhotos)$/.test(req.url ?? '');

// The settings this file and SvelteKit's adapter read before the app starts are checked here,
// in the words the app uses for the rest (src/lib/server/config.ts): a value that is set but
// unusable stops the start with one line, instead of a stack trace or a silent default.
function refuse(name, says) {
	console.error(say('start_bad_setting', { name, value: JSON.stringify(process.env[name]), says }));
	process.exit(1);
}
if (!/^\d{1,5}$/.test(process.env.PORT) || Number(process.env.PORT) > 65535) {
	refuse('PORT', say('start_port_says'));
}
try {
	const origin = new URL(process.env.ORIGIN);
	if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new Error();
} catch {
	refuse('ORIGIN', say('start_origin_says'));
}
const logFormat = (process.env.LOG_FORMAT || 'text').trim().toLowerCase();
if (logFormat !== 'text' && logFormat !== 'json')
	refuse('LOG_FORMAT', say('start_log_format_says'));

// The log (src/lib/server/log.ts): plain lines, or with LOG_FORMAT=json one pino JSON object per
// line naming the instance, shared with the app through globalThis. Each HTTP request then gets a
// line of its own with its request id (X-Request-Id from the proxy, or a new one), which every
// answer carries and the app's error lines repeat.
const json =
	logFormat === 'json'
		? pino(
				{
					base: { host: hostname(), port: Number(process.env.PORT), pid: process.pid },
					timestamp: pino.stdTimeFunctions.isoTime,
					formatters: { level: (label) => ({ level: label }) }
				},
				pino.destination({ dest: 1, sync: false })
			)
		: undefined;
const log = json
	? {
			info: (message, fields) => json.info(fields ?? {}, message),
			warn: (message, fields) => json.warn(fields ?? {}, message),
			error: (message, fields) => json.error(fields ?? {}, message)
		}
	: {
			info: (message) => console.log(message),
			warn: (message, fields) =>
				fields?.err ? console.warn(message, fields.err) : console.warn(message),
			error: (message, fields) =>
				fields?.err ? console.error(message, fields.err) : console.error(message)
		};
globalThis[Symbol.for('lantoa.log')] = log;

/** Ends the process once the log has been written out. */
function exit(code) {
	json?.flush();
	process.exit(code);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** The path as it may be logged: unit and leader links are secrets. */
const loggedPath = (url) =>
	(url ?? '')
		.split('?')[0]
		.replace(/^\/(u|l)\/[^/]+/, '/$1/…')
		.slice(0, 200);

/** A request's id (the proxy's, if sane), on the answer and, in JSON logs, a line when it ends. */
function trace(req, res) {
	const given = req.headers['x-request-id'];
	const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
	req.headers['x-request-id'] = id;
	res.setHeader('X-Request-Id', id);
	if (!json) return;
	const started = process.hrtime.bigint();
	res.once('close', () => {
		json.info(
			{
				reqId: id,
				method: req.method,
				path: loggedPath(req.url),
				status: res.statusCode,
				ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
				...(res.writableFinished ? {} : { aborted: true })
			},
			'request'
		);
	});
}
const timeoutSetting = process.env.REQUEST_TIMEOUT_SECONDS?.trim();
if (timeoutSetting && !(/^\d+$/.test(timeoutSetting) && Number(timeoutSetting) >= 1)) {
	refuse('REQUEST_TIMEOUT_SECONDS', say('start_timeout_says'));
}

// Written by the build itself (and by vitest, lint, check): compiled messages, inlang's cache.
const generated = new Set([
	join(root, 'src/lib/paraglide'),
	join(root, 'src/lib/i18n/project.inlang/cache'),
	join(root, 'src/lib/i18n/project.inlang/.lix'),
	join(root, 'src/lib/i18n/project.inlang/.meta.json'),
	join(root, 'src/lib/i18n/project.inlang/README.md')
]);

/** Newest modification time under the given paths (sources the build is made from). */
function newestSource() {
	let newest = 0;
	const visit = (path) => {
		if (!existsSync(path) || generated.has(path)) return;
		const stat = statSync(path);
		if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
		else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const path of [
		'src',
		'migrations',
		'static',
		'svelte.config.js',
		'vite.config.ts',
		'package-lock.json'
	]) {
		visit(join(root, path));
	}
	return newest;
}

const buildMissing = !existsSync(handlerPath);
if (buildMissing || statSync(handlerPath).mtimeMs < newestSource()) {
	console.log(buildMissing ? say('start_no_build') : say('start_stale_build'));
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	// Always a production build: a NODE_ENV left at development or test (a test runner starting
	// this server) would otherwise give Svelte's dev runtime, a sixth larger and slower.
	const result = spawnSync(process.execPath, [vite, 'build'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	// …and the command line's bundle beside it (scripts/build-cli.js), as `npm run build` does.
	const cli =
		result.status === 0 &&
		spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], {
			cwd: root,
			stdio: 'inherit'
		});
	if (result.status !== 0 || !cli || cli.status !== 0) {
		console.error(say('start_build_failed'));
		process.exit(1);
	}
}

let handler = (req, res) => {
	res.statusCode = 503;
	res.setHeader('Retry-After', '1');
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.end(say('start_starting', {}, requestLocale(req)));
};
// The request listener is registered before the hub attaches, so Socket.IO can take its own
// path and hand every other request to SvelteKit.
// Slow clients cannot hold connections for minutes: the whole request (headers and body) must
// arrive within REQUEST_TIMEOUT_SECONDS (default 60; Node's own default is 300), checked every
// second. Responses (exports, the sockets' long-lived connections) are not limited by it.
// A report with photos from a phone on a weak network may take minutes: it gets the time its
// declared size needs at 16 KB/s, between that limit and 15 minutes.
const requestTimeout = Number(timeoutSetting || 60) * 1000;
const UPLOAD_TIMEOUT_MAX = 15 * 60 * 1000;
const uploadTimeout = (bytes) =>
	Math.min(UPLOAD_TIMEOUT_MAX, Math.max(requestTimeout, (bytes / (16 * 1024)) * 1000));

/** Refuse a request's body before reading it; the connection closes after the answer. */
function refuseBody(req, res, status, message) {
	res.statusCode = status;
	res.setHeader('Connection', 'close');
	res.setHeader('Cache-Control', 'no-store');
	if (req.url?.startsWith('/api/')) {
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify({ errors: { body: [message] } }));
	} else {
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.end(message);
	}
}

/**
 * The body rules above, and the time it may take to arrive. Returns false when the request was
 * answered here. Browsers always declare a form's length; a body of unknown length (chunked) is
 * taken only by the API, which reads at most 64 KB of it.
 */
function admitBody(req, res) {
	const declared = req.headers['content-length'];
	const chunked = req.headers['transfer-encoding'] !== undefined;
	if (declared === undefined && !chunked) return true;
	const upload = isUpload(req);
	const bytes = Number(declared);
	const limit = upload ? UPLOAD_BODY_BYTES : ORDINARY_BODY_BYTES;
	if (declared !== undefined && bytes > limit) {
		refuseBody(
			req,
			res,
			413,
			upload
				? say('start_upload_too_big', {}, requestLocale(req))
				: say('start_body_too_big', { kb: limit / 1024 }, requestLocale(req))
		);
		return false;
	}
	if (chunked && !req.url?.startsWith('/api/')) {
		refuseBody(req, res, 411, say('start_length_required', {}, requestLocale(req)));
		return false;
	}
	// The whole body within its time (Node's own requestTimeout is set to the longest).
	const timer = setTimeout(
		() => {
			if (!req.complete) req.socket.destroy();
		},
		upload ? uploadTimeout(bytes || 0) : requestTimeout
	);
	timer.unref();
	req.once('end', () => clearTimeout(timer));
	res.once('close', () => clearTimeout(timer));
	return true;
}

/**
 * Pages and data answers compressed (gzip or brotli, as the browser accepts): the unit's page is
 * 26 KB of HTML, 7 KB gzipped — on a phone's weak network that is a third of a second. Static files
 * are compressed at build time (adapter-node's precompress) and sirv serves those; an answer that
 * already names its encoding, or whose type does not compress (photos, DOCX, XLSX), is left as is.
 * Nothing below 1 KB (the API's short JSON answers); brotli at quality 4 (the library's defaults).
 */
const compress = compression();

const server = http.createServer(
	{
		requestTimeout: Math.max(requestTimeout, UPLOAD_TIMEOUT_MAX),
		headersTimeout: Math.min(requestTimeout, 20_000),
		connectionsCheckingInterval: 1000
	},
	(req, res) => {
		// Every answer carries these, static files included (SvelteKit's hook sees only its own).
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Referrer-Policy', 'same-origin');
		trace(req, res);
		if (stopping) return refuseWhileStopping(req, res);
		inFlight++;
		res.once('close', () => {
			inFlight--;
			if (stopping) closeWhenDrained();
		});
		if (admitBody(req, res)) compress(req, res, () => handler(req, res));
	}
);
// Same symbol as src/lib/server/realtime/http-server.ts: the app's init attaches the hub here.
globalThis[Symbol.for('lantoa.httpServer')] = server;

try {
	({ handler } = await import(pathToFileURL(handlerPath).href));
} catch (error) {
	// The app explains what it cannot start past (an unwritable database…) in one line.
	if (error instanceof Error && error.name === 'StartupError') {
		log.error(error.message);
		exit(1);
	}
	throw error;
}

server.on('error', (error) => {
	if (error.code === 'EADDRINUSE') {
		log.error(
			`Cổng ${process.env.PORT} đang được chương trình khác sử dụng. Dừng chương trình đó hoặc chọn cổng khác, ví dụ: PORT=3001 npm start`
		);
	} else {
		log.error(`Không mở được máy chủ: ${error.message}`);
	}
	exit(1);
});

server.listen(Number(process.env.PORT), process.env.HOST, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : process.env.PORT;
	const base = process.env.ORIGIN;
	log.info(say('start_running', { url: base, port }), { origin: base });
	if (json) return;
	console.log(`  ${say('start_dashboard', { url: `${base}/dashboard`, login: `${base}/login` })}`);
	console.log(`  ${say('start_admin', { url: `${base}/admin` })}`);
	console.log(`  ${say('start_kiosk', { url: `${base}/kiosk` })}`);
	console.log(`  ${say('start_api', { url: `${base}/api/v1/stats` })}`);
	console.log(`  ${say('start_cli_link')}`);
	console.log(`  ${say('start_cli_demo')}`);
});

// Graceful stop (SIGTERM from systemd or Docker, Ctrl+C). New requests are answered 503 with
// Retry-After (a unit's page keeps its report and sends it again; the API says so in its shape)
// rather than refused at the door; every request already received is answered; the live
// screens' sockets are closed (they reconnect to the next server by themselves, and would
// otherwise keep this one open); once nothing is in flight the port is closed, the database
// closed and the process exits — within 10 s, or it stops anyway and says so.
const SHUTDOWN_LIMIT_MS = 10_000;
let stopping = false;
let stoppedAt = 0;
let inFlight = 0;
let closing = false;

function refuseWhileStopping(req, res) {
	res.statusCode = 503;
	res.setHeader('Retry-After', '5');
	res.setHeader('Connection', 'close');
	res.setHeader('Cache-Control', 'no-store');
	const message = say('start_restarting', {}, requestLocale(req));
	if (req.url?.startsWith('/readyz') || req.url?.startsWith('/healthz')) {
		// A load balancer stops sending requests here.
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify({ status: 'stopping' }));
	} else if (req.url?.startsWith('/api/')) {
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify({ errors: { server: [message] } }));
	} else {
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.end(message);
	}
}

async function closeApp() {
	try {
		await globalThis[Symbol.for('lantoa.close')]?.();
	} catch (error) {
		log.error(
			`Lỗi khi đóng cơ sở dữ liệu: ${error instanceof Error ? error.message : String(error)}`
		);
	}
}

function closeWhenDrained() {
	if (closing || inFlight > 0) return;
	closing = true;
	server.close(async () => {
		await closeApp();
		log.info(`Đã dừng sau ${((Date.now() - stoppedAt) / 1000).toFixed(1)} giây.`);
		exit(0);
	});
	// Keep-alive connections with no request in progress end now, and as they become idle.
	server.closeIdleConnections();
	setInterval(() => server.closeIdleConnections(), 50).unref();
}

function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	stoppedAt = Date.now();
	log.info(`Nhận ${signal}: ngừng nhận việc mới, chờ trả lời các yêu cầu đang xử lý…`);
	// The sockets' connections are closed, not the sockets told to leave: the screens see a lost
	// connection and reconnect by themselves (a socket.io "disconnect" from the server would make
	// them give up).
	globalThis[Symbol.for('lantoa.io')]?.io?.engine?.close();
	closeWhenDrained();
	setTimeout(async () => {
		log.error(
			`Sau ${SHUTDOWN_LIMIT_MS / 1000} giây vẫn còn kết nối chưa xong; đóng tất cả và dừng.`
		);
		server.closeAllConnections();
		await closeApp();
		exit(1);
	}, SHUTDOWN_LIMIT_MS - 500).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
