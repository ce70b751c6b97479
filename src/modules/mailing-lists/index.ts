// What other modules may use of the mailing lists: sending an announcement to an activity's list (the meetings module
// offers one when registration opens), who may send, and where the archive lives.
export { type Announcement, type AnnouncementInput, announcementInput, announcementPath, sendAnnouncement } from './announcements.ts';
export { listPagePath } from './lists.ts';
export { canList } from './policy.ts';
export { listOverview } from './lists.ts';
export { listMessages } from './messages.ts';
