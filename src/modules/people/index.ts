// The people module's public surface: what other modules may use. Anything not here is the module's own.
export { peopleMessages } from './messages.ts';
export { getPerson, listPeople, type Person } from './people.ts';
export { canPerson } from './policy.ts';
