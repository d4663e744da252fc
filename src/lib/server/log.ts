// The server's log. LOG_FORMAT=text (the default) prints each message as a plain line, as someone
// running `npm start` in a terminal reads it. LOG_FORMAT=json writes one pino JSON object per line
// — level, ISO time, the instance (host and port), the message, its fields, and for each HTTP
// request its request id — for several instances whose logs a collector gathers
// (README, "Several instances"). scripts/start.js makes the logger and shares it on globalThis,
// so its own lines (the start banner, each request) and the app's go through one writer; the CLI
// and unit tests, which have no start.js, get one of their own.

export type LogFields = Record<string, unknown>;

export interface Log {
	info: (message: string, fields?: LogFields) => void;
	warn: (message: string, fields?: LogFields) => void;
	error: (message: string, fields?: LogFields) => void;
}

const LOG_KEY = Symbol.for('lantoa.log');
type GlobalWithLog = typeof globalThis & { [LOG_KEY]?: Log };

/** Plain lines; an error among the fields is printed after the message, as console does. */
const textLog: Log = {
	info: (message) => console.log(message),
	warn: (message, fields) =>
		fields?.err ? console.warn(message, fields.err) : console.warn(message),
	error: (message, fields) =>
		fields?.err ? console.error(message, fields.err) : console.error(message)
};

export function log(): Log {
	return (globalThis as GlobalWithLog)[LOG_KEY] ?? textLog;
}
