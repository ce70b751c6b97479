// Where the reports live on the site.
export const reportsPath = (activity: { acronym: string }) => `/activities/${encodeURIComponent(activity.acronym)}/reports`;
export const reportPath = (activity: { acronym: string }, report: { id: number }) => `${reportsPath(activity)}/${report.id}`;
