import type { ComponentChildren, VNode } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, listOf, valueOf } from '../../platform/http/forms.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { holdsAny, leaders as leaderRoles, participants, role } from '../../platform/roles.ts';
import { hasAnyRole, isAdmin } from '../../platform/actor.ts';
import {
  Actions,
  Checkbox,
  ErrorSummary,
  ExampleBadge,
  ExternalLink,
  Facts,
  PostForm,
  SectionTabs,
  SelectField,
  TextArea,
  TextField,
} from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import type { OrganizationNode } from '../organizations/index.ts';
import type { Person } from '../people/index.ts';
import type { Activity, ActivityLinks } from './activities.ts';
import type { Membership } from './memberships.ts';
import { type ActivityMessages, activityMessages } from './messages.ts';
import { canActivity } from './policy.ts';
import { activityRoles } from './schema.ts';
import { objectivesToText, type SectionDiff, type TorSection, torSections, type TorVersion, type TorVersionSummary } from './terms-of-reference.ts';

const base = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}`;
const displayName = (a: Activity, ctx: ViewContext) => (ctx.locale === 'fr' && a.nameFr ? a.nameFr : a.nameEn);

function sectionLabel(m: ActivityMessages, section: TorSection): string {
  return m[section];
}

export function ActivityListPage(props: { ctx: ViewContext; activities: Activity[]; home?: boolean }) {
  const { ctx } = props;
  const m = activityMessages(ctx.locale);
  const title = props.home ? ctx.t.home.title : m.title;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t.home.intro}</p>
      {canActivity(ctx.actor, 'create') ? (
        <p>
          <a class="button" href="/activities/new">
            {m.new}
          </a>
        </p>
      ) : null}
      {props.activities.length ? (
        <ul class="cards">
          {props.activities.map((a) => (
            <li class="card">
              <h2>
                <a href={base(a)}>{a.acronym}</a>
              </h2>
              <p>{displayName(a, ctx)}</p>
              <p class="muted">
                {m.statuses[a.status]}
                {a.establishedOn ? ` · ${m.establishedOn} ${formatDate(a.establishedOn, ctx.locale)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.empty}</p>
      )}
    </Layout>
  );
}

export type ActivityTab = 'overview' | 'roadmap' | 'meetings' | 'documents' | 'liaisons' | 'contacts' | 'mailing-list' | 'tor' | 'members' | 'history' | 'overlaps' | 'gaps';
type Tab = ActivityTab;

/** The frame of an activity's pages: its name and the tabs between them. */
export function ActivityFrame(props: { ctx: ViewContext; activity: Activity; tab: Tab; title?: string; children: ComponentChildren }) {
  const { ctx, activity: a } = props;
  const m = activityMessages(ctx.locale);
  const tabs: [Tab, string, string][] = [
    ['overview', base(a), m.overview],
    ['roadmap', `${base(a)}/roadmap`, m.roadmap],
    ['meetings', `${base(a)}/meetings`, m.meetings],
    ['documents', `${base(a)}/documents`, m.documents],
    ['liaisons', `${base(a)}/liaisons`, m.liaisons],
    // Confirmed overlaps: for the activity's participants, and for everyone once the activity publishes them.
    ...(a.publishOverlaps || isAdmin(ctx.actor) || hasAnyRole(ctx.actor, a.id, participants) ? [['overlaps', `${base(a)}/overlaps`, m.overlaps] as [Tab, string, string]] : []),
    // Gaps: as overlaps, for the participants and for everyone once the activity publishes them (gaps/policy.ts).
    ...(a.publishGaps || isAdmin(ctx.actor) || hasAnyRole(ctx.actor, a.id, participants) ? [['gaps', `${base(a)}/gaps`, m.gaps] as [Tab, string, string]] : []),
    ['contacts', `${base(a)}/contacts`, m.contacts],
    ['mailing-list', `${base(a)}/mailing-list`, m.mailingList],
    ['tor', `${base(a)}/tor`, m.tor],
    ['members', `${base(a)}/members`, m.members],
    ['history', `${base(a)}/history`, m.history],
  ];
  return (
    <Layout ctx={ctx} title={props.title ? `${props.title} · ${a.acronym}` : a.acronym} crumbs={[{ href: '/activities', label: m.title }]}>
      <h1>
        {a.acronym}
        <span class="muted activity-name">
          {' '}
          — {displayName(a, ctx)}
        </span>
      </h1>
      <SectionTabs ctx={ctx} label={a.acronym} tabs={tabs.map(([tab, href, label]) => ({ href, label, current: tab === props.tab }))} />
      {props.children}
    </Layout>
  );
}

function PersonLine(props: { ctx: ViewContext; m: Membership }) {
  const p = props.m;
  return (
    <>
      <strong>{p.name}</strong>
      {p.isExample ? <ExampleBadge ctx={props.ctx} /> : null}
      {p.affiliation || p.country ? `, ${[p.affiliation, p.country].filter(Boolean).join(', ')}` : ''}
    </>
  );
}

export function ActivityPage(props: {
  ctx: ViewContext;
  activity: Activity;
  links: ActivityLinks;
  memberships: Membership[];
  tor?: TorVersion;
  /** what other modules show of what is happening (overview-extensions.ts), for this reader */
  happening?: VNode[];
}) {
  const { ctx, activity: a, links } = props;
  const m = activityMessages(ctx.locale);
  const t = ctx.t;
  const leaders = props.memberships.filter((x) => holdsAny([x.role], leaderRoles));
  const orgList = (list: { id: number; acronym: string; name: string }[]) =>
    list.length ? (
      <ul class="change-list">
        {list.map((o) => (
          <li>
            <a href={`/organizations/${o.id}`}>{o.acronym}</a> — {o.name}
          </li>
        ))}
      </ul>
    ) : null;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="overview">
      {ctx.locale === 'en' && a.nameFr ? <p class="muted" lang="fr">{a.nameFr}</p> : null}
      <Facts
        items={[
          [m.parent, links.parent ? <a href={`/organizations/${links.parent.id}`}>{links.parent.acronym}</a> : null],
          [m.foundingDecision, a.foundingDecision],
          [m.legalBasis, a.legalBasis],
          [m.establishedOn, a.establishedOn ? formatDate(a.establishedOn, ctx.locale) : null],
          [m.webPage, <ExternalLink href={a.webPage} />],
          [m.mailingList, a.mailingList ? <a href={`mailto:${a.mailingList}`}>{a.mailingList}</a> : null],
          [m.status, m.statuses[a.status]],
        ]}
      />
      {props.happening?.length ? <div class="happening">{props.happening}</div> : null}
      <h2>{m.leadership}</h2>
      {leaders.length ? (
        <ul>
          {leaders.map((l) => (
            <li>
              {m.roles[l.role]}: <PersonLine ctx={ctx} m={l} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.noLeadership}</p>
      )}
      <h2>{m.secretariat}</h2>
      <Facts
        items={[
          [t.common.name, links.secretariatPerson?.name],
          [m.secretariatEmail, a.secretariatEmail ? <a href={`mailto:${a.secretariatEmail}`}>{a.secretariatEmail}</a> : null],
          [m.secretariatPhone, a.secretariatPhone],
        ]}
      />
      {links.relatedStudyGroups.length ? (
        <>
          <h2>{m.relatedStudyGroups}</h2>
          {orgList(links.relatedStudyGroups)}
        </>
      ) : null}
      {links.cooperatingBodies.length ? (
        <>
          <h2>{m.cooperatingBodies}</h2>
          {orgList(links.cooperatingBodies)}
        </>
      ) : null}
      <h2>{m.tor}</h2>
      {props.tor ? (
        <>
          <p class="prose">{props.tor.scope}</p>
          <p>
            <a href={`${base(a)}/tor`}>
              {m.tor} ({m.torVersion(props.tor.version)})
            </a>
          </p>
        </>
      ) : (
        <p>{m.torNone}</p>
      )}
      {canActivity(ctx.actor, 'update', a) ? (
        <Actions>
          <a class="button" href={`${base(a)}/edit`}>
            {m.edit}
          </a>
        </Actions>
      ) : null}
    </ActivityFrame>
  );
}

export function ActivityFormPage(
  props: {
    ctx: ViewContext;
    activity?: Activity;
    relations?: { relatedStudyGroupIds: number[]; cooperatingBodyIds: number[] };
    organizations: OrganizationNode[];
    people: Person[];
  } & FormState,
) {
  const { ctx, activity: a } = props;
  const m = activityMessages(ctx.locale);
  const t = ctx.t;
  const e = props.errors ?? {};
  const v = (name: string, fallback: string | number | null | undefined) => (props.values ? valueOf(props.values, name) : fallback);
  const selected = (name: 'relatedStudyGroupIds' | 'cooperatingBodyIds') =>
    new Set(props.values ? listOf(props.values, name) : (props.relations?.[name] ?? []).map(String));
  const orgOptions = props.organizations.map((o) => ({ value: String(o.id), label: o.path }));
  const title = a ? m.editTitle(a.acronym) : m.new;
  const labels: Record<string, string> = {
    acronym: m.acronym,
    nameEn: m.nameEn,
    nameFr: m.nameFr,
    parentOrganizationId: m.parent,
    foundingDecision: m.foundingDecision,
    legalBasis: m.legalBasis,
    establishedOn: m.establishedOn,
    webPage: m.webPage,
    mailingList: m.mailingList,
    secretariatPersonId: m.secretariat,
    secretariatEmail: m.secretariatEmail,
    secretariatPhone: m.secretariatPhone,
    relatedStudyGroupIds: m.relatedStudyGroups,
    cooperatingBodyIds: m.cooperatingBodies,
    scope: m.scope,
  };
  const multi = (name: 'relatedStudyGroupIds' | 'cooperatingBodyIds', label: string) => {
    const chosen = selected(name);
    return (
      <div class={e[name] ? 'field field-error' : 'field'}>
        <label for={`field-${name}`}>
          {label} <span class="optional">({t.common.optional})</span>
        </label>
        <p class="hint" id={`hint-${name}`}>
          {m.multiHint}
        </p>
        {e[name] ? <p class="error-message">{e[name]}</p> : null}
        <select id={`field-${name}`} name={name} multiple size={8} aria-describedby={`hint-${name}`}>
          {orgOptions.map((o) => (
            <option value={o.value} selected={chosen.has(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/activities', label: m.title }, ...(a ? [{ href: base(a), label: a.acronym }] : [])]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={a ? base(a) : '/activities'}>
        <TextField ctx={ctx} name="acronym" label={m.acronym} hint={m.acronymHint} required maxLength={30} value={v('acronym', a?.acronym)} error={e.acronym} />
        <TextField ctx={ctx} name="nameEn" label={m.nameEn} required maxLength={300} value={v('nameEn', a?.nameEn)} error={e.nameEn} />
        <TextField ctx={ctx} name="nameFr" label={m.nameFr} maxLength={300} value={v('nameFr', a?.nameFr)} error={e.nameFr} />
        <SelectField ctx={ctx} name="parentOrganizationId" label={m.parent} hint={m.parentHint} blank={m.none} value={v('parentOrganizationId', a?.parentOrganizationId)} error={e.parentOrganizationId} options={orgOptions} />
        <TextArea ctx={ctx} name="foundingDecision" label={m.foundingDecision} hint={m.foundingDecisionHint} rows={2} value={v('foundingDecision', a?.foundingDecision)} error={e.foundingDecision} />
        <TextArea ctx={ctx} name="legalBasis" label={m.legalBasis} hint={m.legalBasisHint} rows={2} value={v('legalBasis', a?.legalBasis)} error={e.legalBasis} />
        <TextField ctx={ctx} name="establishedOn" type="date" label={m.establishedOn} value={v('establishedOn', a?.establishedOn)} error={e.establishedOn} />
        <TextField ctx={ctx} name="webPage" type="url" label={m.webPage} value={v('webPage', a?.webPage)} error={e.webPage} />
        <TextField ctx={ctx} name="mailingList" type="email" label={m.mailingList} value={v('mailingList', a?.mailingList)} error={e.mailingList} />
        <SelectField ctx={ctx} name="secretariatPersonId" label={m.secretariat} blank={m.none} value={v('secretariatPersonId', a?.secretariatPersonId)} error={e.secretariatPersonId} options={props.people.map((p) => ({ value: String(p.id), label: p.name }))} />
        <TextField ctx={ctx} name="secretariatEmail" type="email" label={m.secretariatEmail} value={v('secretariatEmail', a?.secretariatEmail)} error={e.secretariatEmail} />
        <TextField ctx={ctx} name="secretariatPhone" label={m.secretariatPhone} value={v('secretariatPhone', a?.secretariatPhone)} error={e.secretariatPhone} />
        {multi('relatedStudyGroupIds', m.relatedStudyGroups)}
        {multi('cooperatingBodyIds', m.cooperatingBodies)}
        <SelectField ctx={ctx} name="visibility" label={m.visibility} required value={v('visibility', a?.visibility ?? 'public')} error={e.visibility} options={[{ value: 'public', label: m.visibilities.public }, { value: 'members', label: m.visibilities.members }]} />
        <SelectField ctx={ctx} name="status" label={m.status} required value={v('status', a?.status ?? 'active')} error={e.status} options={[{ value: 'active', label: m.statuses.active }, { value: 'closed', label: m.statuses.closed }]} />
        {a ? <Checkbox name="publishOverlaps" label={m.publishOverlaps} hint={m.publishOverlapsHint} checked={props.values ? v('publishOverlaps', '') === 'on' : a.publishOverlaps} /> : null}
        {a ? <Checkbox name="publishGaps" label={m.publishGaps} hint={m.publishGapsHint} checked={props.values ? v('publishGaps', '') === 'on' : a.publishGaps} /> : null}
        {a ? null : <TextArea ctx={ctx} name="scope" label={m.scope} required rows={4} value={v('scope', '')} error={e.scope} />}
        <Actions>
          <button type="submit">{a ? t.common.save : t.common.create}</button>
          <a href={a ? base(a) : '/activities'}>{t.common.cancel}</a>
        </Actions>
      </PostForm>
    </Layout>
  );
}

type EnglishTextSection = 'participation' | 'workingMethods' | 'administrativeSupport' | 'meetings' | 'reporting' | 'duration';

/** The terms of reference in the reader's language: a French reader gets each section's French text where it exists. */
function TorBody(props: { m: ActivityMessages; tor: TorVersion; french: boolean }) {
  const { m, tor, french } = props;
  const inReaderLanguage = (section: EnglishTextSection | 'scope') => (french && tor[`${section}Fr`] ? tor[`${section}Fr`] : tor[section]);
  const objectives = french && tor.objectivesFr.length ? tor.objectivesFr : tor.objectives;
  const text = (section: EnglishTextSection) =>
    inReaderLanguage(section) ? (
      <>
        <h3>{m[section]}</h3>
        <p class="prose">{inReaderLanguage(section)}</p>
      </>
    ) : null;
  return (
    <>
      <h3>{m.scope}</h3>
      <p class="prose">{inReaderLanguage('scope')}</p>
      {objectives.length ? (
        <>
          <h3>{m.objectives}</h3>
          <ol class="objectives" style={undefined}>
            {objectives.map((o) => (
              <li value={undefined}>
                <strong>{o.number}</strong> {o.text}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {text('participation')}
      {text('workingMethods')}
      {text('administrativeSupport')}
      {text('meetings')}
      {text('reporting')}
      {text('duration')}
    </>
  );
}

export function TorPage(props: { ctx: ViewContext; activity: Activity; tor?: TorVersion; versions: TorVersionSummary[] }) {
  const { ctx, activity: a, tor, versions } = props;
  const m = activityMessages(ctx.locale);
  const latest = versions[0]?.version;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="tor" title={m.tor}>
      {tor ? (
        <>
          <h2>
            {m.tor} — {m.torVersion(tor.version)}
            {tor.version === latest ? <span class="pill">{m.torCurrent}</span> : null}
          </h2>
          <TorBody m={m} tor={tor} french={ctx.locale === 'fr'} />
        </>
      ) : (
        <p>{m.torNone}</p>
      )}
      {canActivity(ctx.actor, 'revise_tor', a) ? (
        <Actions>
          <a class="button" href={`${base(a)}/tor/edit`}>
            {m.torEdit}
          </a>
        </Actions>
      ) : null}
      {versions.length ? (
        <>
          <h2>{m.torVersions}</h2>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{m.torVersionColumn}</th>
                  <th scope="col">{ctx.t.history.when}</th>
                  <th scope="col">{ctx.t.history.who}</th>
                  <th scope="col">{m.changeNote}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr>
                    <td>
                      <a href={`${base(a)}/tor?version=${v.version}`}>{m.torVersion(v.version)}</a>
                    </td>
                    <td data-label={ctx.t.history.when}>{formatDateTime(v.createdAt, ctx.locale, ctx.timeZone)}</td>
                    <td data-label={ctx.t.history.who}>{v.author ?? ctx.t.history.system}</td>
                    <td data-label={m.changeNote}>{v.changeNote}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.length > 1 ? (
            <form method="get" action={`${base(a)}/tor/diff`} class="form">
              <h3>{m.compare}</h3>
              <SelectField ctx={ctx} name="from" label={m.compareFrom} required value={String(versions[1]?.version)} options={versions.map((v) => ({ value: String(v.version), label: m.torVersion(v.version) }))} />
              <SelectField ctx={ctx} name="to" label={m.compareTo} required value={String(versions[0]?.version)} options={versions.map((v) => ({ value: String(v.version), label: m.torVersion(v.version) }))} />
              <button type="submit">{m.compareButton}</button>
            </form>
          ) : null}
        </>
      ) : null}
    </ActivityFrame>
  );
}

export function TorFormPage(props: { ctx: ViewContext; activity: Activity; current?: TorVersion } & FormState) {
  const { ctx, activity: a, current } = props;
  const m = activityMessages(ctx.locale);
  const t = ctx.t;
  const e = props.errors ?? {};
  const v = (name: string, fallback: string | undefined) => (props.values ? valueOf(props.values, name) : fallback);
  const labels: Record<string, string> = { ...Object.fromEntries(torSections.map((s) => [s, m[s]])), changeNote: m.changeNote };
  // Each English section is followed by its French text, so a translator works section by section.
  const area = (name: EnglishTextSection, rows = 4) => (
    <>
      <TextArea ctx={ctx} name={name} label={m[name]} rows={rows} value={v(name, current?.[name])} error={e[name]} />
      <TextArea ctx={ctx} name={`${name}Fr`} label={m[`${name}Fr`]} hint={m.frenchHint} rows={rows} value={v(`${name}Fr`, current?.[`${name}Fr`])} error={e[`${name}Fr`]} />
    </>
  );
  const objectivesError = (name: 'objectives' | 'objectivesFr') => e[name] ?? Object.entries(e).find(([k]) => k.startsWith(`${name}.`))?.[1];
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="tor" title={m.torEdit}>
      <h2>{m.torEdit}</h2>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} message={props.message} />
      <PostForm ctx={ctx} action={`${base(a)}/tor`}>
        <TextArea ctx={ctx} name="scope" label={m.scope} required rows={6} value={v('scope', current?.scope)} error={e.scope} />
        <TextArea ctx={ctx} name="scopeFr" label={m.scopeFr} hint={m.frenchHint} rows={6} value={v('scopeFr', current?.scopeFr)} error={e.scopeFr} />
        <TextArea ctx={ctx} name="objectives" label={m.objectives} hint={m.objectivesHint} rows={10} value={v('objectives', current ? objectivesToText(current.objectives) : '')} error={objectivesError('objectives')} />
        <TextArea ctx={ctx} name="objectivesFr" label={m.objectivesFr} hint={`${m.objectivesHint} ${m.frenchHint}`} rows={10} value={v('objectivesFr', current ? objectivesToText(current.objectivesFr) : '')} error={objectivesError('objectivesFr')} />
        {area('participation')}
        {area('workingMethods')}
        {area('administrativeSupport', 2)}
        {area('meetings', 2)}
        {area('reporting', 2)}
        {area('duration', 2)}
        <TextField ctx={ctx} name="changeNote" label={m.changeNote} hint={m.changeNoteHint} maxLength={1000} value={v('changeNote', '')} error={e.changeNote} />
        <Actions>
          <button type="submit">{t.common.save}</button>
          <a href={`${base(a)}/tor`}>{t.common.cancel}</a>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

export function TorDiffPage(props: { ctx: ViewContext; activity: Activity; from: TorVersion; to: TorVersion; sections: SectionDiff[] }) {
  const { ctx, activity: a } = props;
  const m = activityMessages(ctx.locale);
  const changed = props.sections.filter((s) => s.changed);
  const unchanged = props.sections.filter((s) => !s.changed);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="tor" title={m.diffTitle(props.from.version, props.to.version)}>
      <h2>{m.diffTitle(props.from.version, props.to.version)}</h2>
      {props.to.changeNote ? <p class="lead">{props.to.changeNote}</p> : null}
      {changed.length ? (
        changed.map((s) => (
          <section class="diff-section">
            <h3>{sectionLabel(m, s.section)}</h3>
            <p class="prose">
              {s.parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : p.value))}
            </p>
          </section>
        ))
      ) : (
        <p>{m.noDifference}</p>
      )}
      {unchanged.length ? (
        <p class="muted">
          {m.unchangedSections}
          {ctx.t.colon}
          {unchanged.map((s) => sectionLabel(m, s.section)).join(', ')}
        </p>
      ) : null}
      <p>
        <a href={`${base(a)}/tor`}>{m.tor}</a>
      </p>
    </ActivityFrame>
  );
}

export function MembersPage(props: { ctx: ViewContext; activity: Activity; memberships: Membership[]; people: Person[] } & FormState) {
  const { ctx, activity: a } = props;
  const m = activityMessages(ctx.locale);
  const t = ctx.t;
  const e = props.errors ?? {};
  const manage = canActivity(ctx.actor, 'manage_roles', a);
  const showContacts = canActivity(ctx.actor, 'read_contacts', a);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="members" title={m.members}>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{m.role}</th>
              <th scope="col">{m.person}</th>
              {showContacts ? <th scope="col">{t.common.email}</th> : null}
              <th scope="col">{m.since}</th>
              {manage ? <th scope="col">{t.common.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.memberships.map((x) => (
              <tr>
                <td>{m.roles[x.role]}</td>
                <td data-label={m.person}>
                  <PersonLine ctx={ctx} m={x} />
                </td>
                {showContacts ? <td data-label={t.common.email}>{x.email ? <a href={`mailto:${x.email}`}>{x.email}</a> : ''}</td> : null}
                <td data-label={m.since}>{x.since ? formatDate(x.since, ctx.locale) : ''}</td>
                {manage ? (
                  <td data-label={t.common.actions}>
                    <PostForm ctx={ctx} action={`${base(a)}/members/${x.id}/remove`} class="inline-form">
                      <button type="submit" class="button-secondary">
                        {t.common.remove}
                      </button>
                    </PostForm>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <>
          <p>
            <a href={`${base(a)}/invitations`}>{m.inviteByEmail}</a>
          </p>
          <h2>{m.addRole}</h2>
          <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ personId: m.person, role: m.role, since: m.since }} />
          <PostForm ctx={ctx} action={`${base(a)}/members`}>
            <SelectField ctx={ctx} name="personId" label={m.person} required blank="—" value={valueOf(props.values, 'personId')} error={e.personId} options={props.people.map((p) => ({ value: String(p.id), label: p.affiliation ? `${p.name} (${p.affiliation})` : p.name }))} />
            <SelectField ctx={ctx} name="role" label={m.role} required value={valueOf(props.values, 'role') ?? role.member} error={e.role} options={activityRoles.map((r) => ({ value: r, label: m.roles[r] }))} />
            <TextField ctx={ctx} name="since" type="date" label={m.since} value={valueOf(props.values, 'since')} error={e.since} />
            <Actions>
              <button type="submit">{m.addRole}</button>
            </Actions>
          </PostForm>
        </>
      ) : null}
    </ActivityFrame>
  );
}
