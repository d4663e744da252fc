// A child process of `npm run bench` that submits activities as fast as the server accepts them
// for `seconds`, each with its own Idempotency-Key. The load comes from autocannon (the Node
// ecosystem's HTTP load generator, light enough that the client is not what is measured: plain
// fetch loops in three processes left the server idle 40 % of the time on this 2-core machine).
import autocannon from 'autocannon';

export interface PostersCommand {
	url: string;
	tokens: string[];
	connections: number;
	seconds: number;
	prefix: string;
}

process.once('message', (command: PostersCommand) => {
	let n = 0;
	// Which submissions the server acknowledged (201): the bench checks each one is stored.
	const acknowledged: number[] = [];
	const numbered = new RegExp(`${command.prefix} (\\d+)"`);
	const instance = autocannon(
		{
			url: `${command.url}/api/v1/activities`,
			connections: command.connections,
			duration: command.seconds,
			requests: [
				{
					method: 'POST',
					setupRequest: (request) => {
						const i = n++;
						return {
							...request,
							headers: {
								Authorization: `Bearer ${command.tokens[i % command.tokens.length]}`,
								'Content-Type': 'application/json',
								'Idempotency-Key': `${command.prefix}-${i}`
							},
							body: JSON.stringify({
								type: i % 5 === 0 ? 'event' : 'banner',
								title: `Treo băng rôn hưởng ứng Ngày 21/4 — ${command.prefix} ${i}`,
								startDate: '2026-04-21',
								quantity: 1 + (i % 3),
								participants: i % 11,
								...(i % 5 === 0 ? { format: 'talk', mode: 'onsite' } : {})
							})
						};
					},
					onResponse: (status, body) => {
						if (status !== 201) return;
						const match = numbered.exec(body);
						if (match) acknowledged.push(Number(match[1]));
					}
				}
			]
		},
		(error, result) => {
			if (error) throw error;
			process.send!({
				accepted: result['2xx'],
				failed: result.non2xx + result.errors + result.timeouts,
				statuses: result.statusCodeStats,
				seconds: result.duration,
				latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
				acknowledged
			});
			setTimeout(() => process.exit(0), 50);
		}
	);
	void instance;
});
