import type {
	ActivityType,
	ContentArea,
	EventFormat,
	EventMode,
	MediaChannel,
	UnitGroup,
	UnitKind
} from './campaign';
import type { Completeness, CompletenessState } from './completeness';

/** An activity as anyone may see it: no contacts, no internal keys. */
export interface PublicActivity {
	id: number;
	unit: { code: string; name: string; kind: UnitKind };
	type: ActivityType;
	title: string;
	startDate: string;
	endDate: string | null;
	location: string | null;
	participants: number | null;
	quantity: number | null;
	channels: MediaChannel[];
	format: EventFormat | null;
	mode: EventMode | null;
	contentAreas: ContentArea[];
	status: 'pending' | 'approved' | 'rejected';
	createdAt: string;
	/**
	 * SHA-256 of its first photo, for a thumbnail on the live screens (`/photos/<id>/<hash>-nho.jpg`,
	 * served to the public only while the activity is public); absent without photos (the live
	 * payloads stay as small as before for activities without photos)
	 */
	cover?: string;
}

/** A photo of an activity: its file is named by `hash` (SHA-256 of the stored JPEG). */
export interface ActivityPhoto {
	hash: string;
	width: number;
	height: number;
}

/** The full stored activity, as the API returns it to the unit that owns it. */
export interface StoredActivity extends PublicActivity {
	description: string | null;
	links: string[];
	version: number;
	updatedAt: string;
	/** Why the Department did not approve it; the unit sees this on its page. */
	rejectReason: string | null;
	withdrawn: boolean;
	exemplary: boolean;
	exemplaryNote: string | null;
	/** a sample activity of `cli demo`, not a real report */
	demo: boolean;
	/** its photo evidence, in order (empty where a listing did not load them) */
	photos: ActivityPhoto[];
}

export interface ExemplaryActivity extends PublicActivity {
	exemplaryNote: string | null;
}

export interface TypeTally {
	/** number of activities of this type */
	activities: number;
	/** sum of the type's quantity: banners, media items, attendees, initiatives, awardees */
	quantity: number;
	participants: number;
}

export interface UnitTally {
	code: string;
	name: string;
	shortName: string | null;
	kind: UnitKind;
	group: UnitGroup;
	activities: number;
	participants: number;
	byType: Record<ActivityType, number>;
	/** the unit's final report, against the campaign's deadline */
	completeness: CompletenessState;
	/** when the unit first sent its final report, if it did */
	reportedAt: string | null;
}

export interface GroupTally {
	units: number;
	unitsReported: number;
	activities: number;
	participants: number;
	completeness: Completeness;
}

export interface DayTally {
	date: string;
	total: number;
	byType: Record<ActivityType, number>;
}

export interface Stats {
	campaign: string;
	generatedAt: string;
	totals: {
		activities: number;
		participants: number;
		/** active units the campaign is addressed to */
		units: number;
		/** units with at least one activity that is not rejected */
		unitsReported: number;
		banners: number;
		mediaItems: number;
		events: number;
		attendees: number;
		initiatives: number;
		awardees: number;
		/** activities whose start date lies outside the activity window */
		outsideWindow: number;
		/** sample activities of `cli demo` among the numbers (every screen says so while any exist) */
		demo: number;
	};
	byType: Record<ActivityType, TypeTally>;
	byGroup: Record<UnitGroup, GroupTally>;
	/** final reports: how many units are where (see COMPLETENESS_STATES) */
	completeness: Completeness;
	byUnit: UnitTally[];
	byDay: DayTally[];
	latest: PublicActivity[];
	/** Approved activities the Department or leaders marked as exemplary models (điển hình). */
	exemplary: ExemplaryActivity[];
	/** increases with every change; a client holding a higher seq has nothing to learn */
	seq: number;
}

/** How many of the newest activities the feed and the kiosk show. */
export const LATEST_COUNT = 12;
