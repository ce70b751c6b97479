// The minutes editor's form: the names of its fields (the page writes them, the route reads them) and the one
// conversion from the posted fields to a save (outcomesEditInput), with the way back from a save's paths to fields.
import type { FormValues } from '../../platform/http/forms.ts';

/** Where a new decision or action goes: under an agenda item, or "general". */
export type ItemKey = number | 'general';

export const outcomesFields = {
  minutes: (itemId: number) => `minutes-${itemId}`,
  decision: (id: number) => `decision-${id}`,
  newDecision: (item: ItemKey) => `new-decision-${item}`,
  action: (id: number, part: ActionPart) => `action-${id}-${part}`,
  newAction: (item: ItemKey, part: Exclude<ActionPart, 'status'>) => `new-action-${item}-${part}`,
  /** the fingerprint of what the editor showed of a record (minutes, decision, action), sent back to detect a colleague's save */
  base: (prefix: string) => `${prefix}-base`,
};
export type ActionPart = 'text' | 'owner' | 'ownerName' | 'due' | 'status';

/** What a save's entry paths and field paths (`actions.2.ownerName`) are called in the form (`action-7-ownerName`). */
export type FieldNames = Map<string, string>;

const actionParts: [ActionPart, string][] = [
  ['text', 'text'],
  ['owner', 'ownerPersonId'],
  ['ownerName', 'ownerName'],
  ['due', 'dueOn'],
  ['status', 'status'],
];

/**
 * The save the posted editor describes (unvalidated: outcomesEditInput checks it), in the order of the form, and the
 * form's name for each path of it, so that refusals land beside the fields they are about.
 */
export function outcomesEditFromForm(values: FormValues): { input: { minutes: unknown[]; decisions: unknown[]; actions: unknown[] }; names: FieldNames } {
  const one = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const minutes: unknown[] = [];
  const decisions: unknown[] = [];
  const actions: unknown[] = [];
  const names: FieldNames = new Map();
  const item = (key: string) => (key === 'general' ? null : key);
  for (const name of Object.keys(values)) {
    let match: RegExpExecArray | null;
    if ((match = /^minutes-(\d+)$/.exec(name))) {
      const path = `minutes.${minutes.length}`;
      minutes.push({ agendaItemId: match[1], text: one(name), base: one(outcomesFields.base(name)) });
      names.set(path, name).set(`${path}.text`, name).set(`${path}.agendaItemId`, name);
    } else if ((match = /^decision-(\d+)$/.exec(name))) {
      const path = `decisions.${decisions.length}`;
      decisions.push({ id: match[1], text: one(name), base: one(outcomesFields.base(name)) });
      names.set(path, name).set(`${path}.text`, name);
    } else if ((match = /^new-decision-(\d+|general)$/.exec(name))) {
      const path = `decisions.${decisions.length}`;
      decisions.push({ agendaItemId: item(match[1]!), text: one(name) });
      names.set(path, name).set(`${path}.text`, name).set(`${path}.agendaItemId`, name);
    } else if ((match = /^action-(\d+)-status$/.exec(name))) {
      // An action is announced by its status field, which every action in the editor has.
      const prefix = `action-${match[1]}`;
      const path = `actions.${actions.length}`;
      const hasText = values[`${prefix}-text`] !== undefined;
      actions.push({
        id: match[1],
        status: one(name),
        ...(hasText ? { text: one(`${prefix}-text`), ownerPersonId: one(`${prefix}-owner`), ownerName: one(`${prefix}-ownerName`), dueOn: one(`${prefix}-due`) } : {}),
        base: one(outcomesFields.base(prefix)),
      });
      names.set(path, prefix);
      for (const [part, key] of actionParts) names.set(`${path}.${key}`, `${prefix}-${part}`);
    } else if ((match = /^new-action-(\d+|general)-text$/.exec(name))) {
      const prefix = `new-action-${match[1]}`;
      const path = `actions.${actions.length}`;
      actions.push({ agendaItemId: item(match[1]!), text: one(name), ownerPersonId: one(`${prefix}-owner`), ownerName: one(`${prefix}-ownerName`), dueOn: one(`${prefix}-due`) });
      names.set(path, prefix).set(`${path}.agendaItemId`, name);
      for (const [part, key] of actionParts) if (part !== 'status') names.set(`${path}.${key}`, `${prefix}-${part}`);
    }
  }
  return { input: { minutes, decisions, actions }, names };
}
