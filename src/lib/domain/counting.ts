// The one rule for what the numbers count, written once, here: an activity counts unless it was
// rejected or withdrawn. The kept tallies follow it (repositories/tallies.ts, isCounted); the
// queries that list or count activities themselves — the exports for the Ministry, the feed of
// newest activities — filter with `countedActivity`, the same rule in SQL beside the tallies. A
// property test (src/lib/server/changes.spec.ts) holds the two to the same numbers.

export const NOT_COUNTED_STATUS = 'rejected';

export function isCounted(activity: { status: string; withdrawn: boolean }): boolean {
	return activity.status !== NOT_COUNTED_STATUS && !activity.withdrawn;
}
