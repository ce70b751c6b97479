// The one way a page form is handled: validate, call the domain function, redirect; or show the form again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { AppError, type FieldErrors } from '../errors.ts';
import { platformMessages } from '../i18n/messages.ts';
import { parseInput } from '../validation.ts';
import { redirectWithFlash, sendPage, type ViewContext, viewContext } from './context.ts';

export type FormValues = Record<string, string | string[]>;
export type FormState = { values?: FormValues; errors?: FieldErrors; message?: string };

/** The posted fields, without the CSRF token; a repeated name (multi-select, checkboxes) gives a list. */
export function formValues(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** A single value of a form field for re-display (the first of a list). */
export function valueOf(values: FormValues | undefined, name: string): string | undefined {
  const v = values?.[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A field's values as a list (multi-selects and checkbox groups). */
export function listOf(values: FormValues | undefined, name: string): string[] {
  const v = values?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Validates the posted form with `schema` and runs `action`. A validation failure or a conflict shows the form again
 * with the values kept and a message per field (422/409/429); nothing has been written then. Success redirects (303).
 */
export async function submitForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    schema: S;
    action: (data: z.output<S>) => Promise<{ location: string; message?: string }>;
    render: (ctx: ViewContext, state: FormState) => VNode | Promise<VNode>;
  },
): Promise<FastifyReply> {
  const values = formValues(request);
  try {
    const data = parseInput(options.schema, values, request.locale);
    const { location, message } = await options.action(data);
    return redirectWithFlash(reply, location, message);
  } catch (error) {
    if (!(error instanceof AppError) || !['validation_failed', 'conflict', 'payload_too_large', 'too_many_requests'].includes(error.code)) throw error;
    const words = platformMessages(request.locale);
    const message = error.message === error.code ? words.errors.codes[error.code] : error.message;
    const page = await options.render(viewContext(request, reply), {
      values,
      errors: error.details.fields ?? {},
      message,
    });
    return sendPage(reply, page, error.status);
  }
}
