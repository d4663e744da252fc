import type { IncomingMessage } from 'node:http';

/**
 * The client's address as the rest of the app sees it: adapter-node's rule (its ADDRESS_HEADER
 * and XFF_DEPTH variables, which the sign-in limit follows through `getClientAddress`), read
 * here because sockets do not pass through SvelteKit. Without a usable header, the peer's
 * address.
 */
export function clientAddress(
	request: Pick<IncomingMessage, 'headers' | 'socket'>,
	env: Record<string, string | undefined> = process.env
): string {
	const peer = request.socket?.remoteAddress ?? 'unknown';
	const header = env.ADDRESS_HEADER?.trim().toLowerCase();
	if (!header) return peer;
	const raw = request.headers[header];
	const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
	if (!value) return peer;
	if (header !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	const depth = Number(env.XFF_DEPTH ?? 1);
	if (!Number.isInteger(depth) || depth < 1 || depth > addresses.length) return peer;
	return addresses[addresses.length - depth].trim() || peer;
}

/**
 * Open realtime connections per client address, held under a cap: one machine opening
 * thousands of sockets cannot use up the server's memory for every other screen. A whole office
 * or a commune behind one address stays far below it (SOCKETS_PER_ADDRESS, default 200).
 */
export class ConnectionsPerAddress {
	private open = new Map<string, number>();

	constructor(private readonly limit: number) {}

	/** Whether one more connection from this address is allowed now (0: no cap). */
	allows(address: string): boolean {
		return this.limit === 0 || (this.open.get(address) ?? 0) < this.limit;
	}

	/** A connection from this address opened; the function given back closes it (once). */
	enter(address: string): () => void {
		this.open.set(address, (this.open.get(address) ?? 0) + 1);
		let left = false;
		return () => {
			if (left) return;
			left = true;
			const n = (this.open.get(address) ?? 1) - 1;
			if (n > 0) this.open.set(address, n);
			else this.open.delete(address);
		};
	}

	count(address: string): number {
		return this.open.get(address) ?? 0;
	}
}
