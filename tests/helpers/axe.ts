import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

// axe-core (from npm) injected into a real page. @axe-core/playwright needs Node 22; the engine
// itself is the same file, run through page.evaluate.

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
	id: string;
	impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
	help: string;
	nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** WCAG 2.0–2.2 A and AA rules; the violations found, worst first. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
			resultTypes: ['violations']
		});
		return result.violations;
	});
	const rank = { critical: 0, serious: 1, moderate: 2, minor: 3 } as const;
	return (violations as AxeViolation[]).sort(
		(a, b) => rank[a.impact ?? 'minor'] - rank[b.impact ?? 'minor']
	);
}

/** One line per violation, for a failing test's message. */
export function describeViolations(violations: AxeViolation[]): string {
	return violations
		.map(
			(v) =>
				`${v.impact} ${v.id} (${v.help}): ${v.nodes
					.slice(0, 3)
					.map((n) => n.target.join(' '))
					.join(', ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} in all` : ''}`
		)
		.join('\n');
}
