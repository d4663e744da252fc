import { z } from 'zod';
import { text } from './text';
import { isValidIsoDate } from './dates';
import { m } from '$lib/paraglide/messages';

const capitalize = (value: string) => `${value[0].toUpperCase()}${value.slice(1)}`;

/** A date field; `label` names it in the request's language, as the sentence needs it. */
const date = (label: () => string) =>
	z
		.string({ error: () => m.cs_enter({ field: label() }) })
		.trim()
		.refine(isValidIsoDate, { error: () => m.cs_invalid({ field: capitalize(label()) }) });

/** An optional date: empty text is null ("use the default"). */
const optionalDate = (label: () => string) =>
	z
		.string()
		.trim()
		.transform((value) => value || null)
		.refine((value) => value === null || isValidIsoDate(value), {
			error: () => m.cs_invalid({ field: capitalize(label()) })
		})
		.optional()
		.transform((value) => value ?? null);

/** What an administrator may change about the active campaign. */
export const campaignSettingsSchema = z
	.strictObject({
		title: text()
			.trim()
			.min(10, { error: () => m.cs_title_min() })
			.max(300, { error: () => m.cs_title_max() }),
		issuer: text()
			.trim()
			.min(5, { error: () => m.cs_issuer_min() })
			.max(200, { error: () => m.cs_issuer_max() }),
		slogan: text()
			.trim()
			.min(10, { error: () => m.cs_slogan_min() })
			.max(200, { error: () => m.cs_slogan_max() }),
		themes: z
			.array(
				text()
					.trim()
					.min(5, { error: () => m.cs_theme_min() })
					.max(200, { error: () => m.cs_theme_max() })
			)
			.min(1, { error: () => m.cs_themes_min() })
			.max(4, { error: () => m.cs_themes_max() }),
		eventDay: date(m.cs_label_event_day),
		windowFrom: date(m.cs_label_window_from),
		windowTo: date(m.cs_label_window_to),
		reportDueBefore: date(m.cs_label_due),
		/** empty: the default range (30 days before the window to the report deadline) */
		acceptFrom: optionalDate(m.cs_label_accept_from),
		acceptTo: optionalDate(m.cs_label_accept_to),
		moderation: z.boolean()
	})
	.superRefine((value, ctx) => {
		const add = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (value.windowTo < value.windowFrom) add('windowTo', m.cs_window_order());
		const days = (Date.parse(value.windowTo) - Date.parse(value.windowFrom)) / 86_400_000;
		if (days > 92) add('windowTo', m.cs_window_length());
		if (value.reportDueBefore <= value.windowTo) {
			add('reportDueBefore', m.cs_due_after());
		}
		if (value.acceptFrom && value.acceptFrom > value.windowFrom) {
			add('acceptFrom', m.cs_accept_from());
		}
		if (value.acceptTo && value.acceptTo < value.windowTo) {
			add('acceptTo', m.cs_accept_to());
		}
	});

export type CampaignSettings = z.output<typeof campaignSettingsSchema>;
