// Where the overlaps pages live, for links from this module's views and from other modules' pages.

/** A candidate pair's page (the review pages: one pair side by side). */
export const overlapPairPath = (pairId: number) => `/overlaps/${pairId}`;

/** Where the button that drafts an outgoing liaison statement from a confirmed pair posts, in an activity. */
export const liaisonDraftPath = (activity: { acronym: string }, pairId: number) => `/activities/${encodeURIComponent(activity.acronym)}/overlaps/${pairId}/liaison-draft`;

