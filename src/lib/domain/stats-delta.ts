import type { Stats } from './stats';

// The live numbers travel as deltas: after a change, the hub compares the snapshot it last sent
// with the new one and sends only what differs. Screens apply the delta to the snapshot they hold.
// A delta names the `seq` it applies to (`from`): a screen holding another `seq` missed something
// and asks for a whole snapshot instead. Written once here, for the hub and for every screen.

/** A list keyed by one field: the items that changed or are new, and the new order if it moved. */
export interface ListDelta<T> {
	/** items that are new or changed, whole */
	upsert: T[];
	/** every key in the new order; absent when the same keys stay in the same order */
	order?: (string | number)[];
}

type Keyed = 'byUnit' | 'byDay' | 'latest' | 'exemplary';
type Records = 'totals' | 'byType' | 'byGroup' | 'completeness';
type Whole = Exclude<keyof Stats, Keyed | Records | 'seq' | 'generatedAt'>;

export type StatsDelta = {
	/** the `seq` of the snapshot this delta applies to */
	from: number;
	/** the `seq` once applied */
	seq: number;
	generatedAt: string;
} & { [K in Whole]?: Stats[K] } & {
	/** the entries that changed (a form, a group, a total), each whole */
	[K in Records]?: Partial<Stats[K]>;
} & { [K in Keyed]?: ListDelta<Stats[K][number]> };

const WHOLE: Whole[] = ['campaign'];
const RECORDS: Records[] = ['totals', 'byType', 'byGroup', 'completeness'];

const KEYS: { [K in Keyed]: (item: Stats[K][number]) => string | number } = {
	byUnit: (unit) => unit.code,
	byDay: (day) => day.date,
	latest: (activity) => activity.id,
	exemplary: (activity) => activity.id
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffList<T>(
	before: T[],
	after: T[],
	key: (item: T) => string | number
): ListDelta<T> | undefined {
	const old = new Map(before.map((item) => [key(item), item]));
	const upsert = after.filter((item) => {
		const previous = old.get(key(item));
		return previous === undefined || !same(previous, item);
	});
	const keys = after.map(key);
	const moved = keys.length !== before.length || keys.some((k, i) => key(before[i]) !== k);
	if (upsert.length === 0 && !moved) return undefined;
	return moved ? { upsert, order: keys } : { upsert };
}

function applyList<T>(list: T[], delta: ListDelta<T>, key: (item: T) => string | number): T[] {
	const items = new Map(list.map((item) => [key(item), item]));
	for (const item of delta.upsert) items.set(key(item), item);
	if (delta.order) return delta.order.flatMap((k) => (items.has(k) ? [items.get(k)!] : []));
	// Same order: changed items replace theirs in place; a new key (a screen holding part of a
	// list, like a kiosk following one unit) goes at the end.
	const known = new Set(list.map(key));
	return [
		...list.map((item) => items.get(key(item))!),
		...delta.upsert.filter((item) => !known.has(key(item)))
	];
}

/**
 * The entries of a record that changed or are new. The records' keys are fixed by their types
 * (forms, groups, totals), so none ever goes away between two snapshots of one build.
 */
function diffRecord<T extends object>(before: T, after: T): Partial<T> | undefined {
	const keys = Object.keys(after) as (keyof T)[];
	const changed = keys.filter((k) => !same(before[k], after[k]));
	return changed.length
		? (Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<T>)
		: undefined;
}

/** What changed from `before` to `after`; `undefined` when nothing a screen shows did. */
export function diffStats(before: Stats, after: Stats): StatsDelta | undefined {
	const delta: StatsDelta = { from: before.seq, seq: after.seq, generatedAt: after.generatedAt };
	let changed = before.seq !== after.seq;
	for (const field of WHOLE) {
		if (same(before[field], after[field])) continue;
		(delta as Record<string, unknown>)[field] = after[field];
		changed = true;
	}
	for (const field of RECORDS) {
		const entries = diffRecord<object>(before[field], after[field]);
		if (!entries) continue;
		(delta as Record<string, unknown>)[field] = entries;
		changed = true;
	}
	for (const field of Object.keys(KEYS) as Keyed[]) {
		const list = diffList<unknown>(
			before[field],
			after[field],
			KEYS[field] as (item: unknown) => string
		);
		if (!list) continue;
		(delta as Record<string, unknown>)[field] = list;
		changed = true;
	}
	return changed ? delta : undefined;
}

/** The snapshot after `delta`; the caller checks `delta.from === stats.seq` first. */
export function applyStatsDelta(stats: Stats, delta: StatsDelta): Stats {
	const next: Record<string, unknown> = {
		...stats,
		seq: delta.seq,
		generatedAt: delta.generatedAt
	};
	for (const field of WHOLE) {
		if (delta[field] !== undefined) next[field] = delta[field];
	}
	for (const field of RECORDS) {
		const entries = delta[field];
		if (entries) next[field] = { ...stats[field], ...entries };
	}
	for (const field of Object.keys(KEYS) as Keyed[]) {
		const list = delta[field];
		if (list) {
			next[field] = applyList<unknown>(
				stats[field],
				list as ListDelta<unknown>,
				KEYS[field] as (item: unknown) => string
			);
		}
	}
	return next as unknown as Stats;
}

/** What a screen does with a delta: apply it, ignore it (already past it), or fetch a snapshot. */
export function deltaFits(stats: Stats, delta: StatsDelta): 'apply' | 'stale' | 'gap' {
	if (delta.from === stats.seq) return 'apply';
	if (delta.seq <= stats.seq) return 'stale';
	return 'gap';
}
