// The people module's public surface: what other modules may use. Anything not here is the module's own.
export { attachAccount, type AutomaticLink, chooseAutomaticLink, type NoLinkReason } from './account-links.ts';
export { peopleMessages } from './messages.ts';
export { createPerson, getPerson, listPeople, type Person } from './people.ts';
export { canPerson } from './policy.ts';
