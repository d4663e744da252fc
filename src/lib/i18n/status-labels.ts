/**
 * Names of a unit's reporting state, in the language shown. The Vietnamese is the same as
 * COMPLETENESS_LABELS (src/lib/domain/completeness.ts), which the Excel workbook uses (a test
 * holds them equal).
 */
import { m } from '../paraglide/messages';
import type { CompletenessState } from '../domain/completeness';
import type { Labels } from './labels';

export const completenessLabel: Labels<CompletenessState> = {
	notStarted: m.completeness_notStarted,
	activitiesOnly: m.completeness_activitiesOnly,
	reportedOnTime: m.completeness_reportedOnTime,
	reportedLate: m.completeness_reportedLate,
	noActivity: m.completeness_noActivity
};
