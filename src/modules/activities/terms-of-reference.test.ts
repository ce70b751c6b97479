import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffTor, objectivesToText, parseObjectives, type TorVersion, torInput } from './terms-of-reference.ts';

describe('parseObjectives', () => {
  it('reads the number at the start of each line, with or without a dot or parenthesis after it', () => {
    assert.deepEqual(parseObjectives('1 Coordinate the work.\n2. Report to TSAG.\n3) Keep a roadmap.'), [
      { number: '1', text: 'Coordinate the work.' },
      { number: '2', text: 'Report to TSAG.' },
      { number: '3', text: 'Keep a roadmap.' },
    ]);
  });

  it('keeps clause numbers such as 2.1 and 2.10 as they are', () => {
    assert.deepEqual(parseObjectives('2.1 Coordinate metaverse work.\n2.10 Maintain a list of contacts.'), [
      { number: '2.1', text: 'Coordinate metaverse work.' },
      { number: '2.10', text: 'Maintain a list of contacts.' },
    ]);
  });

  it('skips blank lines, trims spaces and accepts Windows line ends', () => {
    assert.deepEqual(parseObjectives('\r\n   1   Coordinate.  \r\n\r\n\t2 Report.\r\n   \n'), [
      { number: '1', text: 'Coordinate.' },
      { number: '2', text: 'Report.' },
    ]);
  });

  it('gives an unnumbered first line the number 1 and each following unnumbered line the next number', () => {
    assert.deepEqual(parseObjectives('Coordinate the work.\nReport to TSAG.'), [
      { number: '1', text: 'Coordinate the work.' },
      { number: '2', text: 'Report to TSAG.' },
    ]);
  });

  it('numbers an unnumbered line after clause numbers as the next clause (2.2 → 2.3), not as a top-level number', () => {
    assert.deepEqual(parseObjectives('2.1 Coordinate.\n2.2 Encourage.\nDevelop a roadmap.\n5 Report.\nAct as contact point.'), [
      { number: '2.1', text: 'Coordinate.' },
      { number: '2.2', text: 'Encourage.' },
      { number: '2.3', text: 'Develop a roadmap.' },
      { number: '5', text: 'Report.' },
      { number: '6', text: 'Act as contact point.' },
    ]);
  });

  it('does not take a word starting with digits (5G, 3GPP) for a number', () => {
    assert.deepEqual(parseObjectives('5G networks are in scope.\n3GPP is invited.'), [
      { number: '1', text: '5G networks are in scope.' },
      { number: '2', text: '3GPP is invited.' },
    ]);
  });

  it('gives nothing for an empty text', () => {
    assert.deepEqual(parseObjectives(''), []);
    assert.deepEqual(parseObjectives('\n \n'), []);
  });

  it('reads back what objectivesToText writes', () => {
    const objectives = [
      { number: '2.1', text: 'Coordinate metaverse work (enabling technologies, systems).' },
      { number: '2.2', text: 'Encourage ITU-T, ITU-R and ITU-D groups to contribute.' },
    ];
    const text = objectivesToText(objectives);
    assert.equal(text, '2.1 Coordinate metaverse work (enabling technologies, systems).\n2.2 Encourage ITU-T, ITU-R and ITU-D groups to contribute.');
    assert.deepEqual(parseObjectives(text), objectives);
  });
});

describe('torInput', () => {
  it('parses the objectives of a form as text and fills absent sections with empty text', () => {
    assert.deepEqual(torInput.parse({ scope: '  Coordinate QKDN.  ', objectives: '1 Coordinate.\n2 Report.' }), {
      scope: 'Coordinate QKDN.',
      objectives: [
        { number: '1', text: 'Coordinate.' },
        { number: '2', text: 'Report.' },
      ],
      participation: '',
      workingMethods: '',
      administrativeSupport: '',
      meetings: '',
      reporting: '',
      duration: '',
      scopeFr: '',
      objectivesFr: [],
      participationFr: '',
      workingMethodsFr: '',
      administrativeSupportFr: '',
      meetingsFr: '',
      reportingFr: '',
      durationFr: '',
      changeNote: '',
    });
  });

  it('reads the French objectives from their own text, numbered as the English ones are', () => {
    const input = torInput.parse({ scope: 'Coordinate QKDN.', scopeFr: ' Coordonner les QKDN. ', objectivesFr: '2.1 Coordonner.\nFaire rapport.' });
    assert.equal(input.scopeFr, 'Coordonner les QKDN.');
    assert.deepEqual(input.objectivesFr, [
      { number: '2.1', text: 'Coordonner.' },
      { number: '2.2', text: 'Faire rapport.' },
    ]);
  });

  it('requires a scope', () => {
    assert.equal(torInput.safeParse({ scope: '   ', objectives: [] }).success, false);
  });
});

function version(n: number, sections: Partial<TorVersion>): TorVersion {
  return {
    id: n,
    activityId: 1,
    version: n,
    scope: 'Coordination of QKDN standardization.',
    objectives: [],
    participation: '',
    workingMethods: '',
    administrativeSupport: '',
    meetings: '',
    reporting: '',
    duration: 'Until TSAG decides otherwise.',
    scopeFr: '',
    objectivesFr: [],
    participationFr: '',
    workingMethodsFr: '',
    administrativeSupportFr: '',
    meetingsFr: '',
    reportingFr: '',
    durationFr: '',
    changeNote: '',
    createdByUserId: null,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...sections,
  };
}

describe('diffTor', () => {
  it('marks added and removed words per section and flags unchanged sections without dropping them', () => {
    const from = version(1, { scope: 'Coordination of QKDN standardization within ITU-T.', objectives: [{ number: '1', text: 'Coordinate the work.' }] });
    const to = version(2, {
      scope: 'Coordination of QKDN standardization within ITU-T and with other bodies.',
      objectives: [
        { number: '1', text: 'Coordinate the work.' },
        { number: '2', text: 'Report to TSAG.' },
      ],
      meetings: 'Three times a year.',
    });
    const sections = diffTor(from, to);
    assert.deepEqual(
      sections.map((s) => [s.section, s.changed]),
      [
        ['scope', true],
        ['objectives', true],
        ['participation', false],
        ['workingMethods', false],
        ['administrativeSupport', false],
        ['meetings', true],
        ['reporting', false],
        ['duration', false],
        ['scopeFr', false],
        ['objectivesFr', false],
        ['participationFr', false],
        ['workingMethodsFr', false],
        ['administrativeSupportFr', false],
        ['meetingsFr', false],
        ['reportingFr', false],
        ['durationFr', false],
      ],
    );
    const scope = sections[0]?.parts ?? [];
    assert.deepEqual(scope, [
      { value: 'Coordination of QKDN standardization within ITU-T ', added: undefined, removed: undefined },
      { value: 'and with other bodies', added: true, removed: undefined },
      { value: '.', added: undefined, removed: undefined },
    ]);
    assert.equal(scope.filter((p) => !p.removed).map((p) => p.value).join(''), to.scope, 'the kept and added parts spell the new text');
    assert.deepEqual(sections[1]?.parts.filter((p) => p.added).map((p) => p.value.trim()), ['2 Report to TSAG.']);
    assert.deepEqual(sections[5]?.parts, [{ value: 'Three times a year.', added: true, removed: undefined }]);
    assert.deepEqual(sections[7]?.parts, [{ value: 'Until TSAG decides otherwise.', added: undefined, removed: undefined }]);
  });

  it('shows a French text added in a new version as a change of its own section only', () => {
    const from = version(1, {});
    const to = version(2, { scopeFr: 'Coordination de la normalisation des QKDN.', objectivesFr: [{ number: '1', text: 'Coordonner les travaux.' }] });
    const changed = diffTor(from, to).filter((s) => s.changed);
    assert.deepEqual(changed.map((s) => s.section), ['scopeFr', 'objectivesFr']);
    assert.deepEqual(changed[1]?.parts, [{ value: '1 Coordonner les travaux.', added: true, removed: undefined }]);
  });

  it('finds no change between identical versions', () => {
    const a = version(1, { objectives: [{ number: '2.1', text: 'Coordinate.' }] });
    assert.equal(diffTor(a, version(2, { objectives: [{ number: '2.1', text: 'Coordinate.' }] })).filter((s) => s.changed).length, 0);
  });

  it('shows a removed objective as removed words', () => {
    const from = version(1, { objectives: [{ number: '1', text: 'Coordinate.' }, { number: '2', text: 'Report.' }] });
    const to = version(2, { objectives: [{ number: '1', text: 'Coordinate.' }] });
    const objectives = diffTor(from, to)[1];
    assert.equal(objectives?.changed, true);
    assert.deepEqual(objectives?.parts.filter((p) => p.removed).map((p) => p.value.trim()), ['2 Report.']);
    assert.equal(objectives?.parts.some((p) => p.added), false);
  });
});
