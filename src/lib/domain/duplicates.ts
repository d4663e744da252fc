import { foldText } from './search';

/**
 * Likely duplicates: the same unit, the same form, the same start day, and titles a person would
 * call the same — equal once accents, case and punctuation are set aside, or at least 85 % alike
 * by their pairs of letters (Dice's coefficient: "Treo băng rôn tại trụ sở" and "Treo bang ron
 * tai tru so UBND" are alike; two different events of one day are not, nor titles that differ
 * in their numbers, "lần 1" and "lần 2"). A warning, never a
 * refusal: a unit may truly hold two banners' worth of activities on one day.
 */
export interface DuplicateCandidate {
	id: number;
	unitId: number;
	type: string;
	startDate: string;
	title: string;
}

const SIMILAR = 0.85;

function letters(title: string): string {
	return foldText(title)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function pairs(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (let i = 0; i < text.length - 1; i++) {
		const pair = text.slice(i, i + 2);
		counts.set(pair, (counts.get(pair) ?? 0) + 1);
	}
	return counts;
}

/** The numbers a title carries ("lần 2", "số 14", "21/4"): titles with other numbers differ. */
const numbers = (text: string) => text.match(/\d+/g)?.join(' ') ?? '';

export function similarTitles(a: string, b: string): boolean {
	const [x, y] = [letters(a), letters(b)];
	if (x === y) return true;
	// "Hội thi lần 1" and "Hội thi lần 2" are two events, however alike their words.
	if (numbers(x) !== numbers(y)) return false;
	if (x.length < 2 || y.length < 2) return false;
	const [px, py] = [pairs(x), pairs(y)];
	let shared = 0;
	for (const [pair, count] of px) shared += Math.min(count, py.get(pair) ?? 0);
	return (2 * shared) / (x.length - 1 + (y.length - 1)) >= SIMILAR;
}

/** For each activity, the others it likely duplicates (ids, oldest first); none: not in the map. */
export function likelyDuplicates(items: DuplicateCandidate[]): Map<number, number[]> {
	const groups = new Map<string, DuplicateCandidate[]>();
	for (const item of items) {
		const key = `${item.unitId}|${item.type}|${item.startDate}`;
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}
	const found = new Map<number, number[]>();
	for (const group of groups.values()) {
		for (const item of group) {
			const others = group
				.filter((other) => other.id !== item.id && similarTitles(item.title, other.title))
				.map((other) => other.id)
				.sort((a, b) => a - b);
			if (others.length) found.set(item.id, others);
		}
	}
	return found;
}
