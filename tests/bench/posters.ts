// A child process of `npm run bench` that submits activities as fast as the server accepts them,
// `concurrency` requests in flight, for `seconds`; each with its own Idempotency-Key.
export interface PostersCommand {
	url: string;
	token: string;
	concurrency: number;
	seconds: number;
	prefix: string;
}

process.once('message', async (command: PostersCommand) => {
	const deadline = performance.now() + command.seconds * 1000;
	let accepted = 0;
	let failed = 0;
	let i = 0;
	const statuses: Record<string, number> = {};
	const worker = async () => {
		while (performance.now() < deadline) {
			const n = i++;
			try {
				const response = await fetch(`${command.url}/api/v1/activities`, {
					method: 'POST',
					headers: {
						Authorization: `Bearer ${command.token}`,
						'Content-Type': 'application/json',
						'Idempotency-Key': `${command.prefix}-${n}`
					},
					body: JSON.stringify({
						type: n % 5 === 0 ? 'event' : 'banner',
						title: `Treo băng rôn hưởng ứng Ngày 21/4 — ${command.prefix} ${n}`,
						startDate: '2026-04-21',
						quantity: 1 + (n % 3),
						participants: n % 11,
						...(n % 5 === 0 ? { format: 'talk', mode: 'onsite' } : {})
					})
				});
				await response.arrayBuffer();
				statuses[response.status] = (statuses[response.status] ?? 0) + 1;
				if (response.status === 201) accepted++;
				else failed++;
			} catch {
				failed++;
			}
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: command.concurrency }, worker));
	process.send!({ accepted, failed, statuses, seconds: (performance.now() - started) / 1000 });
	setTimeout(() => process.exit(0), 50);
});
