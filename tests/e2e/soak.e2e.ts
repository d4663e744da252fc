import { expect, test } from '@playwright/test';
import { growth, soakKiosk } from '../helpers/soak';
import { shared } from './shared';

const url = () => shared('URL');

// The short soak that runs with every `npm test`; `npm run soak` runs the long one.
test('the kiosk under a stream of submissions keeps its heap and DOM bounded, without errors', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const result = await soakKiosk({
		browser,
		url: url(),
		tokens: [shared('TOKEN_SO_YT'), shared('TOKEN_WARD')],
		seconds: 40,
		perSecond: 1.5,
		sampleEvery: 4
	});
	console.log('soak samples', JSON.stringify(result.samples));
	expect(result.errors).toEqual([]);
	expect(result.submitted).toBeGreaterThan(50);
	// Everything submitted shows up: the footer total equals the server's.
	expect(result.shownActivities).toBe(result.expectedActivities);
	const heap = growth(result.samples, 'heapMb');
	const nodes = growth(result.samples, 'nodes');
	const listeners = growth(result.samples, 'listeners');
	expect(heap.late).toBeLessThan(heap.early * 1.3 + 2);
	expect(nodes.late).toBeLessThan(nodes.early * 1.2 + 150);
	expect(listeners.late).toBeLessThan(listeners.early * 1.2 + 50);
});
