// Form and page parts shared by every module. Each field is labelled, and its error is tied to it for screen readers.
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.ts';
import type { ViewContext } from '../http/context.ts';

/** A form that changes data: always POST, always with the CSRF token. */
/** `warnUnsaved`: the page's /assets/unsaved-changes.js asks before leaving with changes in this form not saved. */
export function PostForm(props: { ctx: ViewContext; action: string; children: ComponentChildren; class?: string; enctype?: string; warnUnsaved?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'form'} enctype={props.enctype} novalidate data-warn-unsaved={props.warnUnsaved ? '' : undefined}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

export function ErrorSummary(props: { ctx: ViewContext; errors?: FieldErrors; labels?: Record<string, string>; message?: string }) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length && !props.message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.ctx.t.errors.title}</h2>
      {props.message ? <p>{props.message}</p> : null}
      {entries.length ? (
        <>
          <p>{props.ctx.t.errors.summary}</p>
          <ul>
            {entries.map(([field, message]) => (
              <li>
                <a href={`#field-${field}`}>
                  {props.labels?.[field] ? `${props.labels[field]}${props.ctx.t.colon}` : ''}
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  value?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
  ctx: ViewContext;
};

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const hintId = props.hint ? `hint-${props.name}` : undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={`field-${props.name}`}>
        {props.label}
        {props.required ? null : <span class="optional"> ({props.ctx.t.common.optional})</span>}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`error-${props.name}`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `hint-${props.name}` : '', props.error ? `error-${props.name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A file input with its label, hint and error; the file itself is checked on the server (platform/files.ts). */
export function FileField(props: Omit<FieldProps, 'value'> & { multiple?: boolean; accept?: string }) {
  return (
    <FieldFrame {...props}>
      <input
        id={`field-${props.name}`}
        type="file"
        name={props.name}
        required={props.required}
        multiple={props.multiple}
        accept={props.accept}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

/** A multi-choice list: a native select with `multiple`, which works with a keyboard and without JavaScript. */
export function MultiSelectField(props: FieldProps & { selected: string[]; options: { id: number | string; label: string }[]; size?: number }) {
  return (
    <FieldFrame {...props}>
      <select
        id={`field-${props.name}`}
        name={props.name}
        multiple
        size={Math.min(props.size ?? 6, Math.max(2, props.options.length))}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((o) => (
          <option value={String(o.id)} selected={props.selected.includes(String(o.id))}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'number' | 'search' | 'tel'; autocomplete?: string; maxLength?: number },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={`field-${props.name}`}
        name={props.name}
        // Preact types each input type separately; this component takes any of the text-like ones.
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        required={props.required}
        maxLength={props.maxLength}
        autocomplete={props.autocomplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** `group`: the heading of an <optgroup>; consecutive options with the same group go under one heading. */
export type Option = { value: string; label: string; group?: string };

/**
 * A <select>; options with a `group` are nested under <optgroup> headings. `filterLabel`: /assets/select-filter.js
 * puts a filter box with this label above the list (long lists such as every body's groups); without JavaScript the
 * list works as it is, and typing on a focused <select> still jumps to a name.
 */
export function SelectField(props: FieldProps & { options: Option[]; blank?: string; filterLabel?: string }) {
  const current = props.value == null ? '' : String(props.value);
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === current}>
      {o.label}
    </option>
  );
  const runs: { group?: string; options: Option[] }[] = [];
  for (const o of props.options) {
    const last = runs.at(-1);
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return (
    <FieldFrame {...props}>
      <select
        id={`field-${props.name}`}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        data-filter-label={props.filterLabel}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {runs.map((run) => (run.group === undefined ? run.options.map(option) : <optgroup label={run.group}>{run.options.map(option)}</optgroup>))}
      </select>
      {props.filterLabel ? <script src="/assets/select-filter.js" defer /> : null}
    </FieldFrame>
  );
}

export function Checkbox(props: { name: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="field field-checkbox">
      <input id={`field-${props.name}`} type="checkbox" name={props.name} checked={props.checked} />
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
    </div>
  );
}

export function Actions(props: { children: ComponentChildren }) {
  return <div class="actions">{props.children}</div>;
}

/** A definition list of label → value, skipping empty values. */
export function Facts(props: { items: [string, ComponentChildren][] }) {
  const shown = props.items.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <dl class="facts">
      {shown.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

/** A link that is only a link when it is a web address; anything else is shown as plain text. */
export function ExternalLink(props: { href: string | null | undefined }) {
  if (!props.href) return null;
  return /^https?:\/\//.test(props.href) ? (
    <a href={props.href} rel="noopener noreferrer">
      {props.href}
    </a>
  ) : (
    <span>{props.href}</span>
  );
}

export function ExampleBadge(props: { ctx: ViewContext }) {
  return (
    <span class="badge" title={props.ctx.t.common.exampleTitle}>
      {props.ctx.t.common.example}
    </span>
  );
}

export type Tab = { href: string; label: string; current: boolean };

/**
 * A row of section links with the current one marked. On a phone a long row (an activity's dozen sections) would
 * wrap into a screenful before the content, so there it folds into a <details> naming the section shown, which
 * opens without a script; only one of the two lists is displayed at a time.
 */
export function SectionTabs(props: { ctx: ViewContext; label: string; tabs: Tab[]; class?: string }) {
  const list = (
    <ul class={`tabs${props.class ? ` ${props.class}` : ''}`}>
      {props.tabs.map((tab) => (
        <li>
          <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
            {tab.label}
          </a>
        </li>
      ))}
    </ul>
  );
  const current = props.tabs.find((tab) => tab.current);
  return (
    <nav aria-label={props.label} class="section-tabs">
      <div class="tabs-wide">{list}</div>
      <details class="tabs-narrow">
        <summary>{props.ctx.t.nav.section(current?.label ?? props.label)}</summary>
        {list}
      </details>
    </nav>
  );
}
