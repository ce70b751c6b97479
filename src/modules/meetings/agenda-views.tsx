// The agenda pages: the published agenda for readers; the working agenda with its forms (add, sub-item, edit, move,
// delete, link documents), versions and adoption for the secretariat and chairs; the activity's template.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, SelectField, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { CoordinationList, type ShownCoordinationIssue, UnplacedCoordination } from '../overlaps/index.ts';
import type { AgendaDocumentLink, AgendaItemRow, AgendaNode, AgendaVersion, AgendaView, Meeting } from './agenda.ts';
import { coordinationItem, documentLabel, flattenAgenda, itemChoices } from './agenda.ts';
import { type AgendaMessages, agendaMessages } from './agenda-messages.ts';
import { canProceedings } from './policy.ts';
import { type AgendaTemplateItem, agendaMaxDepth, formatAgendaTemplate } from './agenda-template.ts';
import { MeetingFrame } from './meeting-frame.tsx';
import { meetingPath, meetingsPath } from './meeting-paths.ts';
import type { AgendaSnapshotItem } from './proceedings-schema.ts';

export const agendaPath = (activity: Activity, meeting: Meeting) => `${meetingPath(activity, meeting)}/agenda`;
export const agendaTemplatePath = (activity: Activity) => `${meetingsPath(activity)}/agenda-template`;
const itemPath = (activity: Activity, meeting: Meeting, itemId: number) => `${agendaPath(activity, meeting)}/items/${itemId}`;


function DocumentLinks(props: { docs: AgendaDocumentLink[] | undefined; activity: Activity }) {
  if (!props.docs?.length) return null;
  return (
    <ul class="agenda-documents">
      {props.docs.map((d) => (
        <li>
          <a href={`/activities/${encodeURIComponent(props.activity.acronym)}/documents/${d.id}`}>{documentLabel(d)}</a> {d.number ? d.title : ''}
        </li>
      ))}
    </ul>
  );
}

/** The confirmed overlaps listed under one item: those of `coordination` when it is the item they go under. */
type ItemCoordination = { itemId: number | undefined; issues: readonly ShownCoordinationIssue[] };

/** Snapshot items (flat, with levels) as nested ordered lists that keep the numbers. */
function SnapshotList(props: { ctx: ViewContext; items: AgendaSnapshotItem[]; documents: Map<number, AgendaDocumentLink[]>; activity: Activity; coordination: ItemCoordination }) {
  const render = (parentId: number | null) => {
    const level = props.items.filter((i) => i.parentId === parentId);
    if (!level.length) return null;
    return (
      <ol class="agenda">
        {level.map((item) => (
          <li>
            <span class="agenda-number">{item.number}</span> <span class="agenda-title">{item.title}</span>
            {item.notes ? <p class="agenda-notes prose">{item.notes}</p> : null}
            <DocumentLinks docs={props.documents.get(item.id)} activity={props.activity} />
            {item.id === props.coordination.itemId ? <CoordinationList ctx={props.ctx} activity={props.activity} issues={props.coordination.issues} /> : null}
            {render(item.id)}
          </li>
        ))}
      </ol>
    );
  };
  return render(null);
}

function PublishedAgenda(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; view: AgendaView; shown?: AgendaVersion; coordination: readonly ShownCoordinationIssue[] }) {
  const { ctx, activity, meeting, view } = props;
  const m = agendaMessages(ctx.locale);
  const v = props.shown ?? view.published;
  if (!v) return <p>{m.noneYet}</p>;
  const base = agendaPath(activity, meeting);
  const query = props.shown ? `?version=${v.version}` : '';
  return (
    <section aria-labelledby="published-agenda">
      <h3 id="published-agenda">{v.status === 'adopted' ? m.adoptedAgenda(activity.acronym, meeting.number) : m.draftAgenda(activity.acronym, meeting.number)}</h3>
      <p class="muted">
        <span class={`pill agenda-${v.status}`}>{m.statuses[v.status]}</span> {m.publishedIntro(v.version, m.statuses[v.status])}{' '}
        {v.status === 'adopted' && v.adoptedAt ? m.adoptedBy(v.adoptedByName ?? '', formatDateTime(v.adoptedAt, ctx.locale, meeting.timeZone)) : m.issuedBy(v.issuedByName, formatDateTime(v.issuedAt, ctx.locale, meeting.timeZone))}
      </p>
      <p class="view-links">
        <a href={`${base}.docx${query}`}>{m.downloadDocx}</a> · <a href={`${base}.pdf${query}`}>{m.downloadPdf}</a>
      </p>
      {props.shown && props.shown !== view.published ? (
        <p class="notice">
          {m.olderVersion(v.version)} <a href={base}>{m.showPublished}</a>
        </p>
      ) : null}
      <SnapshotList ctx={ctx} items={v.items} documents={view.documents} activity={activity} coordination={{ itemId: coordinationItem(v.items)?.id, issues: props.coordination }} />
    </section>
  );
}

function ItemControls(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; node: AgendaNode<AgendaItemRow>; first: boolean; last: boolean }) {
  const { ctx, activity, meeting, node } = props;
  const m = agendaMessages(ctx.locale);
  const path = itemPath(activity, meeting, node.id);
  return (
    <div class="agenda-controls">
      <a href={path} aria-label={m.editLabel(node.number)}>
        {m.edit}
      </a>
      {node.depth < agendaMaxDepth ? (
        <a href={`${agendaPath(activity, meeting)}/items/new?parent=${node.id}`} aria-label={`${m.addSubItem} (${node.number})`}>
          {m.addSubItem}
        </a>
      ) : null}
      {props.first ? null : (
        <PostForm ctx={ctx} action={`${path}/move`} class="inline-form">
          <input type="hidden" name="direction" value="up" />
          <button type="submit" class="link-button" aria-label={m.moveUpLabel(node.number)}>
            {m.moveUp}
          </button>
        </PostForm>
      )}
      {props.last ? null : (
        <PostForm ctx={ctx} action={`${path}/move`} class="inline-form">
          <input type="hidden" name="direction" value="down" />
          <button type="submit" class="link-button" aria-label={m.moveDownLabel(node.number)}>
            {m.moveDown}
          </button>
        </PostForm>
      )}
      <PostForm ctx={ctx} action={`${path}/delete`} class="inline-form">
        <button type="submit" class="link-button danger" aria-label={m.deleteLabel(node.number)}>
          {m.delete}
        </button>
      </PostForm>
    </div>
  );
}

function WorkingList(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  nodes: AgendaNode<AgendaItemRow>[];
  documents: Map<number, AgendaDocumentLink[]>;
  coordination: ItemCoordination;
}) {
  if (!props.nodes.length) return null;
  return (
    <ol class="agenda agenda-working">
      {props.nodes.map((node, i) => (
        <li>
          <span class="agenda-number">{node.number}</span> <span class="agenda-title">{node.title}</span>
          {node.notes ? <p class="agenda-notes prose">{node.notes}</p> : null}
          {props.documents.get(node.id)?.length ? (
            <p class="agenda-notes">{agendaMessages(props.ctx.locale).documentCount(props.documents.get(node.id)!.length)}</p>
          ) : null}
          {node.id === props.coordination.itemId ? <CoordinationList ctx={props.ctx} activity={props.activity} issues={props.coordination.issues} /> : null}
          <ItemControls ctx={props.ctx} activity={props.activity} meeting={props.meeting} node={node} first={i === 0} last={i === props.nodes.length - 1} />
          <WorkingList {...props} nodes={node.children} />
        </li>
      ))}
    </ol>
  );
}

function TemplatePreview(props: { items: AgendaTemplateItem[] }) {
  return (
    <ol class="agenda">
      {props.items.map((item) => (
        <li>
          {item.title}
          {item.children?.length ? <TemplatePreview items={item.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** The fields of an item: its title and notes, and (adding) where it goes. */
function ItemFields(props: { ctx: ViewContext; m: AgendaMessages; state: FormState; parents?: { id: number; label: string; depth: number }[]; parentId?: number | null; item?: AgendaNode }) {
  const { ctx, m, state } = props;
  const errors = state.errors ?? {};
  const value = (name: 'title' | 'titleFr' | 'notes' | 'parentId', fallback: string | number | null | undefined) => (state.values ? valueOf(state.values, name) : fallback);
  return (
    <>
      {props.parents ? (
        <SelectField
          ctx={ctx}
          name="parentId"
          label={m.parent}
          blank={m.topLevel}
          value={value('parentId', props.parentId ?? null)}
          error={errors.parentId}
          options={props.parents.filter((p) => p.depth < agendaMaxDepth).map((p) => ({ value: String(p.id), label: `${'\u2003'.repeat(p.depth - 1)}${p.label}` }))}
        />
      ) : null}
      <TextField ctx={ctx} name="title" label={m.itemTitle} required maxLength={500} value={value('title', props.item?.title)} error={errors.title} />
      <TextField ctx={ctx} name="titleFr" label={m.itemTitleFr} hint={m.itemTitleFrHint} maxLength={500} value={value('titleFr', props.item?.titleFr)} error={errors.titleFr} />
      <TextArea ctx={ctx} name="notes" label={m.notes} hint={m.notesHint} rows={3} maxLength={5000} value={value('notes', props.item?.notes)} error={errors.notes} />
    </>
  );
}

const labels = (m: AgendaMessages) => ({ title: m.itemTitle, titleFr: m.itemTitleFr, notes: m.notes, parentId: m.parent, direction: m.item, note: m.issueNote, text: m.templateText, documentId: m.document });

export function AgendaPage(props: {
  ctx: ViewContext;
  activity: Activity;
  meeting: Meeting;
  view: AgendaView<ShownCoordinationIssue>;
  /** the confirmed overlaps the version shown lists, as this reader may see them */
  publishedCoordination: readonly ShownCoordinationIssue[];
  /** the form that failed, with its values and errors */
  failed?: 'add' | 'issue' | 'adopt' | 'item';
  /** a version asked for by number (those who read drafts may look at any) */
  shown?: AgendaVersion;
} & FormState) {
  const { ctx, activity, meeting, view } = props;
  const m = agendaMessages(ctx.locale);
  const base = agendaPath(activity, meeting);
  const editor = canProceedings(ctx.actor, 'edit_agenda', activity);
  const latest = view.versions[0];
  const canAdopt = canProceedings(ctx.actor, 'adopt_agenda', activity) && latest?.status === 'draft';
  const state = (form: string): FormState => (props.failed === form ? { values: props.values, errors: props.errors } : {});
  const workingCoordination = { itemId: coordinationItem(flattenAgenda(view.working))?.id, issues: view.coordination };
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="agenda" title={m.title}>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />
      <PublishedAgenda ctx={ctx} activity={activity} meeting={meeting} view={view} shown={props.shown} coordination={props.publishedCoordination} />
      {canAdopt && latest ? (
        <section class="panel" aria-labelledby="adopt-heading">
          <h3 id="adopt-heading">{m.adopt}</h3>
          <p>{m.adoptIntro(latest.version)}</p>
          {view.unissuedChanges ? <p class="notice">{m.changedSinceIssue(latest.version)}</p> : null}
          <PostForm ctx={ctx} action={`${base}/versions/${latest.version}/adopt`}>
            <Actions>
              <button type="submit">{m.adoptLabel(latest.version)}</button>
            </Actions>
          </PostForm>
        </section>
      ) : null}
      {editor ? (
        <section aria-labelledby="working-heading">
          <h3 id="working-heading">{m.working}</h3>
          <p class="lead">{m.workingIntro}</p>
          {view.working.length && !latest ? <p class="notice">{m.neverIssued}</p> : null}
          {view.unissuedChanges && latest ? <p class="notice">{m.changedSinceIssue(latest.version)}</p> : null}
          {workingCoordination.itemId === undefined ? <UnplacedCoordination ctx={ctx} count={view.coordination.length} /> : null}
          {view.working.length ? (
            <WorkingList ctx={ctx} activity={activity} meeting={meeting} nodes={view.working} documents={view.documents} coordination={workingCoordination} />
          ) : (
            <>
              <p>{m.emptyWorking}</p>
              {view.template ? (
                <div class="panel">
                  <h4>{m.templatePreview}</h4>
                  {view.template.own ? null : <p class="muted">{m.defaultTemplate}</p>}
                  <TemplatePreview items={view.template.items} />
                  <PostForm ctx={ctx} action={`${base}/start`}>
                    <Actions>
                      <button type="submit">{m.startFromTemplate}</button>
                    </Actions>
                  </PostForm>
                </div>
              ) : null}
            </>
          )}
          <h4 id="add-item">{m.addItem}</h4>
          <PostForm ctx={ctx} action={`${base}/items`}>
            <ItemFields ctx={ctx} m={m} state={state('add')} parents={itemChoices(view.working)} />
            <Actions>
              <button type="submit">{m.addItem}</button>
            </Actions>
          </PostForm>
          {view.working.length ? (
            <>
              <h4>{m.issueVersion}</h4>
              <PostForm ctx={ctx} action={`${base}/versions`}>
                <TextField ctx={ctx} name="note" label={m.issueNote} maxLength={1000} value={valueOf(state('issue').values, 'note')} error={state('issue').errors?.note} />
                <Actions>
                  <button type="submit">{m.issue}</button>
                </Actions>
              </PostForm>
            </>
          ) : null}
          {view.working.length ? (
            <PostForm ctx={ctx} action={`${base}/save-as-template`}>
              <Actions>
                <button type="submit" class="button-secondary">
                  {m.saveAsTemplate}
                </button>
              </Actions>
            </PostForm>
          ) : null}
          <p>
            <a href={agendaTemplatePath(activity)}>{m.editTemplate}</a>
          </p>
        </section>
      ) : null}
      {canProceedings(ctx.actor, 'read_drafts', activity) && view.versions.length ? <VersionTable ctx={ctx} activity={activity} meeting={meeting} versions={view.versions} /> : null}
    </MeetingFrame>
  );
}

function VersionTable(props: { ctx: ViewContext; activity: Activity; meeting: Meeting; versions: AgendaVersion[] }) {
  const m = agendaMessages(props.ctx.locale);
  return (
    <section aria-labelledby="versions-heading">
      <h3 id="versions-heading">{m.versions}</h3>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{m.version}</th>
              <th scope="col">{m.statusLabel}</th>
              <th scope="col">{m.issued}</th>
              <th scope="col">{m.issuedByLabel}</th>
              <th scope="col">{m.issueNote}</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr>
                <td data-label={m.version}>
                  <a href={`${agendaPath(props.activity, props.meeting)}?version=${v.version}`}>{m.versionLink(v.version)}</a>
                </td>
                <td data-label={m.statusLabel}>
                  <span class={`pill agenda-${v.status}`}>{m.statuses[v.status]}</span>
                  {v.adoptedByName ? ` — ${v.adoptedByName}` : ''}
                </td>
                <td data-label={m.issued}>{formatDateTime(v.issuedAt, props.ctx.locale, props.meeting.timeZone)}</td>
                <td data-label={m.issuedByLabel}>{v.issuedByName}</td>
                <td data-label={m.issueNote}>{v.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One item's page: edit its title and notes, link documents of the meeting to it. A new sub-item when `item` is absent. */
export function AgendaItemPage(
  props: {
    ctx: ViewContext;
    activity: Activity;
    meeting: Meeting;
    item?: AgendaNode<AgendaItemRow>;
    parent?: AgendaNode<AgendaItemRow>;
    linked: AgendaDocumentLink[];
    /** the meeting's documents that can be linked: id and label */
    linkable: { id: number; label: string }[];
    failed?: 'item' | 'link';
  } & FormState,
) {
  const { ctx, activity, meeting, item } = props;
  const m = agendaMessages(ctx.locale);
  const title = item ? m.editItem(item.number) : props.parent ? `${m.addSubItem} — ${m.subItemOf(props.parent.number)}` : m.addItem;
  const formState = props.failed === 'link' ? {} : { values: props.values, errors: props.errors };
  return (
    <MeetingFrame ctx={ctx} activity={activity} meeting={meeting} tab="agenda" title={title}>
      <p>
        <a href={agendaPath(activity, meeting)}>← {m.title}</a>
      </p>
      <h3>{title}</h3>
      {props.parent && !item ? (
        <p class="lead">
          {props.parent.number} {props.parent.title}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />
      <PostForm ctx={ctx} action={item ? itemPath(activity, meeting, item.id) : `${agendaPath(activity, meeting)}/items`}>
        {props.parent && !item ? <input type="hidden" name="parentId" value={String(props.parent.id)} /> : null}
        <ItemFields ctx={ctx} m={m} state={formState} item={item} />
        <Actions>
          <button type="submit">{item ? m.save : m.addSubItem}</button>
          <a href={agendaPath(activity, meeting)}>{m.cancel}</a>
        </Actions>
      </PostForm>
      {item ? (
        <section aria-labelledby="documents-heading">
          <h3 id="documents-heading">{m.documents}</h3>
          {props.linked.length ? (
            <ul>
              {props.linked.map((d) => (
                <li>
                  {documentLabel(d)} {d.number ? d.title : ''}{' '}
                  <PostForm ctx={ctx} action={`${itemPath(activity, meeting, item.id)}/documents/${d.id}/unlink`} class="inline-form">
                    <button type="submit" class="link-button" aria-label={m.unlinkLabel(documentLabel(d))}>
                      {m.unlink}
                    </button>
                  </PostForm>
                </li>
              ))}
            </ul>
          ) : (
            <p>{m.noDocuments}</p>
          )}
          {props.linkable.length ? (
            <PostForm ctx={ctx} action={`${itemPath(activity, meeting, item.id)}/documents`}>
              <SelectField
                ctx={ctx}
                name="documentId"
                label={m.linkDocumentLabel(item.number)}
                required
                value={props.failed === 'link' ? valueOf(props.values, 'documentId') : undefined}
                error={props.failed === 'link' ? props.errors?.documentId : undefined}
                options={props.linkable.map((d) => ({ value: String(d.id), label: d.label }))}
              />
              <Actions>
                <button type="submit">{m.link}</button>
              </Actions>
            </PostForm>
          ) : null}
        </section>
      ) : null}
    </MeetingFrame>
  );
}

export function AgendaTemplatePage(props: { ctx: ViewContext; activity: Activity; template: { items: AgendaTemplateItem[]; own: boolean } } & FormState) {
  const { ctx, activity } = props;
  const m = agendaMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={activity} tab="meetings" title={m.template}>
      <p>
        <a href={meetingsPath(activity)}>← {ctx.locale === 'fr' ? 'Réunions' : 'Meetings'}</a>
      </p>
      <h2>{m.template}</h2>
      <p class="lead">{m.templateIntro(activity.acronym)}</p>
      {props.template.own ? null : <p class="notice">{m.defaultTemplate}</p>}
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels(m)} message={props.message} />
      <PostForm ctx={ctx} action={agendaTemplatePath(activity)}>
        <TextArea
          ctx={ctx}
          name="text"
          label={m.templateText}
          hint={m.templateHint}
          required
          rows={18}
          value={props.values ? valueOf(props.values, 'text') : formatAgendaTemplate(props.template.items)}
          error={props.errors?.text}
        />
        <Actions>
          <button type="submit">{m.save}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}
