import { z } from 'zod';
import { text } from './text';
import {
	ACTIVITY_TYPES,
	CONTENT_AREAS,
	EVENT_FORMATS,
	EVENT_MODES,
	MEDIA_CHANNELS,
	type ActivityType
} from './campaign';
import { formatNumber, isValidIsoDate } from './dates';
import { dayMonthYearToIso } from './date-input';
import { ACTIVITY_FIELDS, LIMITS, type ActivityField } from './limits';
import { m } from '../paraglide/messages';

export { ACTIVITY_FIELDS, LIMITS, type ActivityField } from './limits';

const isMissing = (input: unknown) => input === undefined || input === null;

// Messages are functions of the moment: read in the language of the request being checked.
// `label` names the field in a sentence ("ngày bắt đầu", "the start date").
type Label = () => string;

function isoDate(label: Label) {
	return z
		.string({
			error: (issue) =>
				isMissing(issue.input)
					? m.v_enter({ field: label() })
					: m.v_date_iso({ field: capitalize(label()) })
		})
		.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value), {
			error: () => m.v_date_format({ field: capitalize(label()) })
		})
		.refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isValidIsoDate(value), {
			error: () => m.v_date_real({ field: capitalize(label()) })
		})
		.refine(
			(value) => {
				const year = Number(value.slice(0, 4));
				return !isValidIsoDate(value) || (year >= LIMITS.yearMin && year <= LIMITS.yearMax);
			},
			{
				error: () =>
					m.v_date_years({
						field: capitalize(label()),
						min: LIMITS.yearMin,
						max: LIMITS.yearMax
					})
			}
		);
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function optionalText(label: Label, max: number, multiline = false) {
	return text({ error: () => m.v_text({ field: capitalize(label()) }) }, { multiline })
		.trim()
		.max(max, {
			error: () => m.v_text_max({ field: capitalize(label()), max: formatNumber(max) })
		})
		.optional()
		.transform((value) => (value === '' ? undefined : value));
}

function count(label: Label) {
	return z
		.number({ error: () => m.v_number({ field: capitalize(label()) }) })
		.int({ error: () => m.v_integer({ field: capitalize(label()) }) })
		.min(0, { error: () => m.v_negative({ field: capitalize(label()) }) })
		.max(LIMITS.countMax, {
			error: () => m.v_count_max({ field: capitalize(label()), max: formatNumber(LIMITS.countMax) })
		})
		.optional();
}

function uniqueList<T extends readonly [string, ...string[]]>(
	values: T,
	label: Label,
	invalid: Label
) {
	return z
		.array(z.enum(values, { error: invalid }), {
			error: () => m.v_list({ field: capitalize(label()) })
		})
		.max(values.length, { error: () => m.v_list_too_many({ field: capitalize(label()) }) })
		.refine((list) => new Set(list).size === list.length, {
			error: () => m.v_list_duplicate({ field: capitalize(label()) })
		})
		.optional();
}

const link = text({ error: () => m.v_link_text() })
	.trim()
	.max(LIMITS.linkMax, { error: () => m.v_link_max({ max: LIMITS.linkMax }) })
	.refine(
		(value) => {
			try {
				const url = new URL(value);
				return url.protocol === 'http:' || url.protocol === 'https:';
			} catch {
				return false;
			}
		},
		{ error: () => m.v_link_protocol() }
	);

const activityObject = z.strictObject(
	{
		type: z.enum(ACTIVITY_TYPES, {
			error: (issue) => (isMissing(issue.input) ? m.v_type_missing() : m.v_type_invalid())
		}),
		title: text({
			error: (issue) => (isMissing(issue.input) ? m.v_title_missing() : m.v_title_text())
		})
			.trim()
			.min(LIMITS.titleMin, { error: () => m.v_title_min({ min: LIMITS.titleMin }) })
			.max(LIMITS.titleMax, { error: () => m.v_title_max({ max: LIMITS.titleMax }) }),
		startDate: isoDate(m.field_start_date),
		endDate: isoDate(m.field_end_date).optional(),
		location: optionalText(m.field_location, LIMITS.locationMax),
		participants: count(m.field_participants),
		quantity: count(m.field_quantity),
		channels: uniqueList(MEDIA_CHANNELS, m.field_channels, m.v_channel_invalid),
		format: z.enum(EVENT_FORMATS, { error: () => m.v_format_invalid() }).optional(),
		mode: z.enum(EVENT_MODES, { error: () => m.v_mode_invalid() }).optional(),
		contentAreas: uniqueList(CONTENT_AREAS, m.field_content_areas, m.v_content_invalid),
		description: optionalText(m.field_description, LIMITS.descriptionMax, true),
		links: z
			.array(link, { error: () => m.v_links_list() })
			.max(LIMITS.linksMax, { error: () => m.v_links_max({ max: LIMITS.linksMax }) })
			.optional(),
		/** the unit confirms an activity dated outside the activity window (checked on the server) */
		confirmOutsideWindow: z.boolean({ error: () => m.v_confirm_bool() }).optional()
	},
	{ error: () => m.v_json_object() }
);

/** Which type-specific fields belong to which type; the form drops the others before parsing. */
export const TYPE_FIELDS: Record<ActivityType, readonly ActivityField[]> = {
	banner: ['quantity'],
	media: ['quantity', 'channels'],
	event: ['quantity', 'format', 'mode'],
	movement: ['quantity'],
	honor: ['quantity']
};
const TYPE_SPECIFIC: readonly ActivityField[] = ['quantity', 'channels', 'format', 'mode'];

/**
 * One schema for the unit form, the JSON API and the tests. Output is normalised: empty text
 * becomes absent, lists default to empty, and an event's attendees count as its participants.
 */
export const activityInputSchema = activityObject
	.superRefine(
		(value, ctx) => {
			// This also runs when other fields failed (see `when`), so that an official sees every
			// problem at once; each check therefore looks only at values that parsed.
			const add = (path: ActivityField, message: string) =>
				ctx.addIssue({ code: 'custom', path: [path], message });
			const missing = (field: unknown) =>
				field === undefined ||
				field === null ||
				field === 0 ||
				(Array.isArray(field) && field.length === 0);

			const { startDate, endDate } = value;
			const datesValid =
				typeof startDate === 'string' &&
				typeof endDate === 'string' &&
				isValidIsoDate(startDate) &&
				isValidIsoDate(endDate);
			if (datesValid && endDate < startDate) {
				add('endDate', m.v_end_before_start());
			}
			if (datesValid && endDate >= startDate) {
				const span =
					(Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000;
				if (span > LIMITS.spanDaysMax) add('endDate', m.v_span_too_long());
			}

			if (!(ACTIVITY_TYPES as readonly unknown[]).includes(value.type)) return;
			const allowed = TYPE_FIELDS[value.type];
			for (const field of TYPE_SPECIFIC) {
				if (!missing(value[field]) && !allowed.includes(field)) {
					add(field, m.v_field_not_for_type());
				}
			}

			switch (value.type) {
				case 'banner':
					if (missing(value.quantity)) add('quantity', m.v_banner_quantity());
					break;
				case 'media':
					if (missing(value.channels)) add('channels', m.v_media_channels());
					if (missing(value.quantity)) add('quantity', m.v_media_quantity());
					break;
				case 'event':
					if (value.format === undefined) add('format', m.v_event_format());
					if (value.mode === undefined) add('mode', m.v_event_mode());
					break;
				case 'honor':
					if (missing(value.quantity)) add('quantity', m.v_honor_quantity());
					break;
				case 'movement':
					break;
			}
		},
		{
			when: (payload) =>
				typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value)
		}
	)
	.transform((value) => ({
		type: value.type,
		title: value.title,
		startDate: value.startDate,
		endDate: value.endDate ?? null,
		location: value.location ?? null,
		participants: value.participants ?? (value.type === 'event' ? (value.quantity ?? null) : null),
		quantity: value.quantity ?? null,
		channels: value.channels ?? [],
		format: value.format ?? null,
		mode: value.mode ?? null,
		contentAreas: value.contentAreas ?? [],
		description: value.description ?? null,
		links: value.links ?? [],
		// Only when given: a submission without it hashes as before (idempotent retries across
		// versions stay retries).
		...(value.confirmOutsideWindow ? { confirmOutsideWindow: true as const } : {})
	}));

export type ActivityInput = z.output<typeof activityInputSchema>;
export type FieldErrors = Record<string, string[]>;

/**
 * zod issues → `{ field: [message] }`, the error shape of the public contract. Unknown keys are
 * reported under their own name so the caller sees exactly which field is not accepted.
 */
/**
 * The one mapper from a zod error to `{ field: [messages] }`, for every input boundary. The map
 * has no prototype: a field named `__proto__`, `constructor` or `toString` is just a key.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = Object.create(null) as FieldErrors;
	const push = (field: string, message: string) => {
		const list = (errors[field] ??= []);
		if (!list.includes(message)) list.push(message);
	};
	for (const issue of error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) push(key, m.v_unknown_field());
			continue;
		}
		const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
		push(field, issue.message);
	}
	return errors;
}

export type ParseResult = { ok: true; value: ActivityInput } | { ok: false; errors: FieldErrors };

export function parseActivityInput(input: unknown): ParseResult {
	const result = activityInputSchema.safeParse(input);
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, errors: toFieldErrors(result.error) };
}

/**
 * The unit form posts strings. Turn them into the API's JSON shape, dropping the type-specific
 * fields of the types not chosen (they stay in the page, hidden by CSS, when JavaScript is off).
 */
export function activityFormToInput(form: FormData): Record<string, unknown> {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value.trim() !== '' ? value : undefined;
	};
	const number = (name: string) => {
		const value = text(name);
		if (value === undefined) return undefined;
		// Officials type "1.200" the Vietnamese way; accept digit grouping, never decimals.
		const trimmed = value.trim().replace(/\s/g, '');
		const plain = /^\d{1,3}(\.\d{3})+$/.test(trimmed) ? trimmed.replace(/\./g, '') : trimmed;
		return /^-?\d+$/.test(plain) ? Number(plain) : value;
	};
	// The form's date fields show and take day/month/year whatever the browser's language (and
	// an old draft may hold the ISO date): both become the ISO date the schema checks.
	const date = (name: string) => {
		const value = text(name);
		return value === undefined ? undefined : (dayMonthYearToIso(value) ?? value);
	};
	const list = (name: string) => {
		const values = form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
		return values.length > 0 ? values : undefined;
	};

	const type = text('type');
	const input: Record<string, unknown> = {
		type,
		title: text('title'),
		startDate: date('startDate'),
		endDate: date('endDate'),
		location: text('location'),
		participants: number('participants'),
		quantity: number(`quantity_${type}`),
		channels: list('channels'),
		format: text('format'),
		mode: text('mode'),
		contentAreas: list('contentAreas'),
		description: text('description'),
		confirmOutsideWindow: form.get('confirmOutsideWindow') === 'true' ? true : undefined,
		links: text('links')
			?.split(/\s*\n\s*/)
			.map((line) => line.trim())
			.filter(Boolean)
	};
	const allowed: readonly string[] =
		// Own keys only: a posted type of "constructor" must not reach Object.prototype.
		type && Object.hasOwn(TYPE_FIELDS, type) ? TYPE_FIELDS[type as ActivityType] : [];
	for (const field of TYPE_SPECIFIC) if (!allowed.includes(field)) delete input[field];
	if (type === 'event') delete input.participants;
	for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
	return input;
}

/** A stored activity as the unit form's string values, to fill the form for an edit. */
export function activityToFormValues(activity: {
	type: ActivityType;
	title: string;
	startDate: string;
	endDate: string | null;
	location: string | null;
	participants: number | null;
	quantity: number | null;
	channels: string[];
	format: string | null;
	mode: string | null;
	contentAreas: string[];
	description?: string | null;
	links?: string[];
}): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {
		type: activity.type,
		title: activity.title,
		startDate: activity.startDate,
		endDate: activity.endDate ?? '',
		location: activity.location ?? '',
		participants:
			activity.participants === null || activity.type === 'event'
				? ''
				: String(activity.participants),
		[`quantity_${activity.type}`]: activity.quantity === null ? '' : String(activity.quantity),
		channels: activity.channels,
		format: activity.format ?? '',
		mode: activity.mode ?? '',
		contentAreas: activity.contentAreas,
		description: activity.description ?? '',
		links: (activity.links ?? []).join('\n')
	};
	return values;
}

/**
 * An edit form carries the whole activity: a field left empty means "clear it", so every
 * contract field missing from the form becomes an explicit null for the merge.
 */
export function activityFormToReplacement(form: FormData): Record<string, unknown> {
	const input = activityFormToInput(form);
	for (const field of ACTIVITY_FIELDS) if (!(field in input)) input[field] = null;
	return input;
}
