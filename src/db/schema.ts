// The one schema both engines run: every module's tables, re-exported for Drizzle and drizzle-kit.
export * from '../platform/schema.ts';
export * from '../modules/organizations/schema.ts';
export * from '../modules/people/schema.ts';
export * from '../modules/activities/schema.ts';
export * from '../modules/roadmap/schema.ts';
export * from '../modules/meetings/schema.ts';
export * from '../modules/liaisons/schema.ts';
export * from '../modules/contacts/schema.ts';
export * from '../modules/mailing-lists/schema.ts';
export * from '../modules/documents/schema.ts';
export * from '../modules/meetings/proceedings-schema.ts';
export * from '../modules/overlaps/schema.ts';
export * from '../modules/gaps/schema.ts';
export * from '../modules/circulars/schema.ts';
export * from '../modules/access/schema.ts';
export * from '../modules/overlaps/coordination-schema.ts';
export * from '../modules/sso/schema.ts';
