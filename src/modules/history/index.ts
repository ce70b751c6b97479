// The history module's public surface: what other modules may use. Anything not here is the module's own.
// The activity's reports read the event log as a reader of its history would, through these.
export { describeEvents, type HistoryEntry } from './history.ts';
export { redactEvents, visibleEvents } from './visibility.ts';
export { historyVocabulary } from './vocabulary.ts';
