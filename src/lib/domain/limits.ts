// Kept apart from the zod schema so the browser can use the limits without loading zod.

/** Limits shared by the form (as HTML attributes), the API and the tests. */
export const LIMITS = {
	titleMin: 5,
	titleMax: 200,
	locationMax: 200,
	descriptionMax: 5000,
	countMax: 1_000_000,
	linksMax: 10,
	linkMax: 500,
	yearMin: 2020,
	yearMax: 2100,
	spanDaysMax: 366
} as const;

/** The field names of the public contract; anything else in a submission is an error. */
export const ACTIVITY_FIELDS = [
	'type',
	'title',
	'startDate',
	'endDate',
	'location',
	'participants',
	'quantity',
	'channels',
	'format',
	'mode',
	'contentAreas',
	'description',
	'links',
	'confirmOutsideWindow'
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];
