// Where a meeting's pages are: domain code (mail, calendar entries) links to them as views do.

/** The address of a meeting's overview; sub-pages append `/register`, `/participants`, `/agenda`, `/documents`… */
export function meetingPath(activity: { acronym: string }, meeting: { number: number }): string {
  return `/activities/${encodeURIComponent(activity.acronym)}/meetings/${meeting.number}`;
}

export function meetingsPath(activity: { acronym: string }): string {
  return `/activities/${encodeURIComponent(activity.acronym)}/meetings`;
}
