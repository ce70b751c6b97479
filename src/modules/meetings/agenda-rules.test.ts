// The agenda's rules without a database: template text, nesting and numbering, reordering, snapshots (the policy: policy.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agendaSnapshot, agendaTree, flattenAgenda, sameAgenda, swapWithSibling, templateRows } from './agenda.ts';
import { countTemplateItems, defaultJcaAgenda, formatAgendaTemplate, parseAgendaTemplate } from './agenda-template.ts';

const row = (id: number, parentId: number | null, position: number, title = `Item ${id}`) => ({ id, parentId, position, title, notes: null });
const numbers = (rows: ReturnType<typeof row>[]) => flattenAgenda(agendaTree(rows)).map((n) => `${n.number} ${n.title}`);

describe('agenda numbering and nesting', () => {
  it('numbers items by position per level, sub-items under their parent', () => {
    const rows = [row(10, null, 2, 'Closing'), row(11, null, 0, 'Opening'), row(12, null, 1, 'Reviews'), row(13, 12, 1, 'SDOs'), row(14, 12, 0, 'Study groups'), row(15, 13, 0, 'ETSI')];
    assert.deepEqual(numbers(rows), ['1 Opening', '2 Reviews', '2.1 Study groups', '2.2 SDOs', '2.2.1 ETSI', '3 Closing']);
    const tree = agendaTree(rows);
    assert.equal(tree[1]!.children[1]!.children[0]!.depth, 3, 'ETSI is at the third level');
  });

  it('breaks position ties by id and treats an orphan as top-level rather than losing it', () => {
    assert.deepEqual(numbers([row(2, null, 0, 'B'), row(1, null, 0, 'A'), row(3, 99, 0, 'Orphan')]), ['1 A', '2 B', '3 Orphan']);
  });

  it('moves an item among its siblings only, its sub-items with it', () => {
    const rows = [row(1, null, 0, 'Opening'), row(2, null, 1, 'Reviews'), row(3, 2, 0, 'SG'), row(4, null, 2, 'Closing')];
    const up = swapWithSibling(agendaTree(rows), 2, 'up');
    assert.ok(up.ok, 'Reviews can move up');
    const moved = rows.map((r) => ({ ...r, position: up.changes.find((c) => c.id === r.id)?.position ?? r.position }));
    assert.deepEqual(numbers(moved), ['1 Reviews', '1.1 SG', '2 Opening', '3 Closing']);
    assert.deepEqual(swapWithSibling(agendaTree(rows), 1, 'up'), { ok: false, reason: 'first' });
    assert.deepEqual(swapWithSibling(agendaTree(rows), 4, 'down'), { ok: false, reason: 'last' });
    assert.deepEqual(swapWithSibling(agendaTree(rows), 3, 'down'), { ok: false, reason: 'last' }, 'an only sub-item stays');
    assert.deepEqual(swapWithSibling(agendaTree(rows), 42, 'down'), { ok: false, reason: 'missing' });
  });

  it('swaps even when positions are equal or sparse', () => {
    const rows = [row(1, null, 5), row(2, null, 5), row(3, null, 90)];
    const down = swapWithSibling(agendaTree(rows), 1, 'down');
    assert.ok(down.ok, 'the move is possible');
    assert.deepEqual(down.changes, [{ id: 2, position: 0 }, { id: 1, position: 1 }, { id: 3, position: 2 }]);
  });

  it('snapshots keep ids, numbers and levels, and compare by content', () => {
    const tree = agendaTree([row(1, null, 0, 'Opening'), row(2, 1, 0, 'Welcome')]);
    const snapshot = agendaSnapshot(tree);
    assert.deepEqual(snapshot, [
      { id: 1, parentId: null, number: '1', depth: 1, title: 'Opening', notes: null },
      { id: 2, parentId: 1, number: '1.1', depth: 2, title: 'Welcome', notes: null },
    ]);
    assert.ok(sameAgenda(snapshot, agendaSnapshot(agendaTree([row(2, 1, 0, 'Welcome'), row(1, null, 0, 'Opening')]))), 'row order does not matter');
    assert.ok(!sameAgenda(snapshot, agendaSnapshot(agendaTree([row(1, null, 0, 'Opening'), row(2, 1, 0, 'Welcome!')]))), 'a title change matters');
    const fromJsonb = snapshot.map((i) => ({ depth: i.depth, id: i.id, notes: i.notes, title: i.title, number: i.number, parentId: i.parentId }));
    assert.ok(sameAgenda(snapshot, fromJsonb), 'keys in another order (as jsonb returns them) do not matter');
  });

  it('turns a template into rows whose parents come first', () => {
    const rows = templateRows([{ title: 'A', children: [{ title: 'A.1' }, { title: 'A.2', children: [{ title: 'A.2.1' }] }] }, { title: 'B' }]);
    assert.deepEqual(
      rows.map((r) => [r.key, r.parentKey, r.position, r.title]),
      [[-1, null, 0, 'A'], [-2, -1, 0, 'A.1'], [-3, -1, 1, 'A.2'], [-4, -3, 0, 'A.2.1'], [-5, null, 1, 'B']],
    );
  });
});

describe('agenda template text', () => {
  it('reads numbered lines, indentation and dashes, and writes them back', () => {
    const text = '1 Opening\n2. Adoption of the agenda\n\n3 Reviews\n3.1 Study groups\n  SDOs and forums\n    - ETSI ISG QKD\n4 Closing\n';
    const parsed = parseAgendaTemplate(text, 'en');
    assert.deepEqual(parsed.errors, []);
    assert.equal(countTemplateItems(parsed.items), 7);
    assert.deepEqual(parsed.items[2], { title: 'Reviews', children: [{ title: 'Study groups' }, { title: 'SDOs and forums', children: [{ title: 'ETSI ISG QKD' }] }] });
    assert.equal(formatAgendaTemplate(parsed.items), '1 Opening\n2 Adoption of the agenda\n3 Reviews\n  3.1 Study groups\n  3.2 SDOs and forums\n    3.2.1 ETSI ISG QKD\n4 Closing');
    assert.deepEqual(parseAgendaTemplate(formatAgendaTemplate(parsed.items), 'en').items, parsed.items, 'what is written reads back the same');
  });

  it('reports each problem with its line', () => {
    const parsed = parseAgendaTemplate('1 Opening\n1.1.1 Too far\n2\n3 Reviews\n3.1 A\n3.1.1 B\n3.1.1.1 C\n', 'en');
    assert.deepEqual(parsed.errors, [
      'Line 2: a sub-item needs an item above it one level up (for example 5.1 comes after 5).',
      'Line 3: the number has no title after it.',
      'Line 7: sub-items go 3 levels deep at most; this one is at level 4.',
    ]);
    assert.deepEqual(parsed.items, [], 'nothing is kept from a template with errors');
    assert.deepEqual(parseAgendaTemplate('  \n\n', 'fr').errors, ['Écrivez au moins un point, un par ligne.']);
    assert.match(parseAgendaTemplate(`1 ${'x'.repeat(501)}`, 'en').errors[0]!, /^Line 1: a title has at most 500 characters/);
    assert.match(parseAgendaTemplate(Array.from({ length: 201 }, (_, i) => `${i + 1} Item`).join('\n'), 'en').errors[0]!, /201 items; an agenda has at most 200/);
  });

  it('ships a standard JCA agenda that opens with the adoption of the agenda and closes', () => {
    assert.deepEqual(defaultJcaAgenda.slice(0, 2).map((i) => i.title), ['Opening', 'Adoption of the agenda']);
    assert.equal(defaultJcaAgenda.at(-1)!.title, 'Closing');
  });
});

describe('history wordings of the proceedings', () => {
  it('describes agenda, outcome and report events in the reader’s language', async () => {
    const { wordEvent } = await import('../../platform/module-manifest.ts');
    const { meetingsModule } = await import('./module.ts');
    const describeEvent = (event: Parameters<typeof wordEvent>[0], locale: 'en' | 'fr') => wordEvent(event, meetingsModule.history!.wordings!(locale));
    const moved = { kind: 'agenda.item_moved', summary: 'stored', before: { number: '4' }, after: { number: '5', title: 'Reviews' } };
    assert.equal(describeEvent(moved, 'en'), 'Agenda item “Reviews” moved from 4 to 5');
    assert.equal(describeEvent(moved, 'fr'), 'Point « Reviews » déplacé de 4 à 5');
    const action = { kind: 'outcomes.action_updated', summary: 'stored', before: { label: 'A1.2', status: 'open' }, after: { label: 'A1.2', status: 'in_progress' } };
    assert.equal(describeEvent(action, 'fr'), 'Action A1.2\u202f: en cours');
    assert.equal(describeEvent({ kind: 'report.released', summary: 'stored', before: {}, after: { kind: 'executive_summary' } }, 'en'), 'Executive summary for TSAG: released');
  });
});

describe('the coordination item and its issues in snapshots', () => {
  const issue = (a: number, b: number, decision: 'same_text' | 'duplicated_work' | 'overlapping' = 'duplicated_work') => ({
    a: { id: a, organization: 'ITU-T', identifier: `X.${a}`, title: 'A' },
    b: { id: b, organization: 'ISO/IEC', identifier: `ISO/IEC ${b}`, title: 'B' },
    decision,
    decidedAt: '2026-12-01T10:00:00.000Z',
    // What a reader's list carries besides (links, drafts) is not part of the record.
    pairId: 7,
  });

  it('finds the item by its English or French title, whatever the case, spaces or a final full stop', async () => {
    const { isCoordinationItem } = await import('./agenda-template.ts');
    for (const title of ['Issues requiring coordination', 'ISSUES  requiring coordination.', 'Questions nécessitant une coordination']) assert.ok(isCoordinationItem(title), title);
    for (const title of ['Coordination', 'Issues requiring coordination with SG17', 'Approval of outgoing liaison statements']) assert.ok(!isCoordinationItem(title), title);
  });

  it('copies the issues under the first coordination item only, without the reader’s extras, and compares them', () => {
    const tree = agendaTree([row(1, null, 0, 'Opening'), row(2, null, 1, 'Issues requiring coordination'), row(3, null, 2, 'Issues requiring coordination')]);
    const snapshot = agendaSnapshot(tree, [issue(1, 2)]);
    assert.deepEqual(snapshot.map((i) => i.coordination?.length ?? 0), [0, 1, 0]);
    assert.deepEqual(Object.keys(snapshot[1]!.coordination![0]!).sort(), ['a', 'b', 'decidedAt', 'decision']);
    assert.ok(sameAgenda(snapshot, agendaSnapshot(tree, [issue(1, 2)])));
    assert.ok(!sameAgenda(snapshot, agendaSnapshot(tree, [issue(1, 2), issue(3, 4)])), 'a new issue is a change');
    assert.ok(!sameAgenda(snapshot, agendaSnapshot(tree, [issue(1, 2, 'same_text')])), 'a changed decision is a change');
    assert.ok(sameAgenda(agendaSnapshot(tree), agendaSnapshot(tree, [])), 'no issues, as in versions issued before they were listed');
  });
});
