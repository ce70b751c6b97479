// Meetings over the web and the API: thin handlers around meetings.ts, the registration-*.ts files and calendar.ts.
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { idParam, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import { parseInput, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { canList } from '../mailing-lists/index.ts';
import { people } from '../../db/schema.ts';
import { deadlineEvent, meetingEvent, renderCalendar } from './calendar.ts';
import { deadlineFor, lateRulesOf } from './deadlines.ts';
import { meetingPath, meetingsPath } from './meeting-paths.ts';
import {
  addImportantDate,
  announceMeeting,
  cancelInput,
  cancelMeeting,
  deleteMeeting,
  deletionFacts,
  deletionRefusal,
  createMeeting,
  type ImportantDate,
  importantDateInput,
  lateRulesInput,
  listActivityDates,
  listImportantDates,
  listMeetings,
  loadMeeting,
  type Meeting,
  type MeetingContext,
  markMeetingHeld,
  meetingInput,
  nextMeetingNumber,
  removeImportantDate,
  updateLateRules,
  updateMeeting,
} from './meetings.ts';
import { meetingMessages } from './messages.ts';
import { canMeeting } from './policy.ts';
import {
  approveRegistration,
  cancelRegistration,
  changeRegistrationMode,
  confirmRegistration,
  markAttendance,
  readConfirmationLink,
  type RegistrationAccess,
  registerParticipant,
  resendConfirmation,
} from './registration-changes.ts';
import { confirmationHours } from './registration-mail.ts';
import { registrationMessages } from './registration-messages.ts';
import { registrationsCsv } from './registration-export.ts';
import { attendanceInput, modeInput, registrationInput } from './registration-inputs.ts';
import {
  findOwnRegistration,
  findRegistrationByToken,
  listParticipants,
  listRegistrations,
  maySeeRemoteLink,
  type Registration,
  registrationCounts,
} from './registration-queries.ts';
import {
  importantDateKinds,
  lateRules,
  meetingModes,
  meetingStatuses,
  registrationCapacities,
  registrationConfirmations,
  registrationModes,
  registrationStatuses,
} from './schema.ts';
import { CheckMailPage, ConfirmRegistrationPage, DeleteMeetingPage, ManageRegistrationPage, MeetingFormPage, MeetingListPage, MeetingPage, meetingFormValues, ParticipantsPage, RegistrationPage } from './views.tsx';
import { api as apiText } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const meetingParams = acronymParams.extend({ number: z.coerce.number().int().positive().max(9999) });

const dateOut = z.object({ id: z.number(), kind: z.enum(importantDateKinds), label: z.string(), dueAt: z.date(), hasTime: z.boolean() });
/** A function, not a constant: one zod instance used twice in a response becomes an unnamed $ref OpenAPI cannot build. */
const meetingOutSchema = () => z.object({
  activity: z.string(),
  number: z.number(),
  title: z.string(),
  mode: z.enum(meetingModes),
  venue: z.string().nullable(),
  city: z.string().nullable(),
  cityFr: z.string().nullable(),
  timeZone: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  colocatedEvent: z.string().nullable(),
  colocatedEventFr: z.string().nullable(),
  language: z.string(),
  status: z.enum(meetingStatuses),
  cancelReason: z.string().nullable(),
  onsiteCapacity: z.number().nullable(),
  registrationConfirmation: z.enum(registrationConfirmations).describe('who confirms a registration before it counts: the registrant from a mailed link, or the secretariat'),
  remoteUrl: z.string().nullable().describe('present only for confirmed participants with a place, and the leadership'),
  dates: z.array(dateOut).optional(),
  counts: z.object({ onsite: z.number(), remote: z.number(), waiting: z.number() }).optional(),
  allowedActions: z.array(z.enum(['manage', 'register', 'read_participants', 'export_participants', 'mark_attendance'])),
});
const meetingOut = meetingOutSchema();
const registrationOut = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().optional().describe('shown to the secretariat and to the registrant'),
  affiliation: z.string(),
  organizationRepresented: z.string(),
  capacity: z.enum(registrationCapacities),
  country: z.string(),
  mode: z.enum(registrationModes),
  status: z.enum(registrationStatuses),
  late: z.boolean(),
  attended: z.boolean().nullable(),
  createdAt: z.date(),
});

function presentMeeting(actor: Actor, activity: Activity, meeting: Meeting, showRemote: boolean, extra: { dates?: ImportantDate[]; counts?: { onsite: number; remote: number; waiting: number } } = {}): z.input<typeof meetingOut> {
  return {
    activity: activity.acronym,
    number: meeting.number,
    title: meeting.title,
    mode: meeting.mode,
    venue: meeting.venue,
    city: meeting.city,
    cityFr: meeting.cityFr,
    timeZone: meeting.timeZone,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    colocatedEvent: meeting.colocatedEvent,
    colocatedEventFr: meeting.colocatedEventFr,
    language: meeting.language,
    status: meeting.status,
    cancelReason: meeting.cancelReason,
    onsiteCapacity: meeting.onsiteCapacity,
    registrationConfirmation: meeting.registrationConfirmation,
    remoteUrl: showRemote ? meeting.remoteUrl : null,
    dates: extra.dates?.map((d) => ({ id: d.id, kind: d.kind, label: d.label, dueAt: d.dueAt, hasTime: d.hasTime })),
    counts: extra.counts,
    allowedActions: (['manage', 'register', 'read_participants', 'export_participants', 'mark_attendance'] as const).filter((a) => canMeeting(actor, a, activity)),
  };
}

const presentRegistration = (r: Registration, withEmail: boolean): z.input<typeof registrationOut> => ({
  id: r.id,
  name: r.name,
  email: withEmail ? r.email : undefined,
  affiliation: r.affiliation,
  organizationRepresented: r.organizationRepresented,
  capacity: r.capacity,
  country: r.country,
  mode: r.mode,
  status: r.status,
  late: r.late,
  attended: r.attended,
  createdAt: r.createdAt,
});

export function registerMeetingRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const context = (request: FastifyRequest): MeetingContext => ({ locale: request.locale, baseUrl: config.baseUrl });
  const findActivity = (request: FastifyRequest) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const find = (request: FastifyRequest) => {
    const params = parseInput(meetingParams, request.params, request.locale);
    return loadMeeting(db, request.actor, params.acronym, params.number);
  };
  /** Who may use a secretariat form is answered before its fields are read: a member's post is a 403, not a 422. */
  const allowManage = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canMeeting(actor, 'manage', activity)) throw forbidden();
  };
  const overview = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, failed?: 'cancel' | 'date', state?: Parameters<typeof MeetingPage>[0]['state']) => {
    const [dates, counts, own] = await Promise.all([
      listImportantDates(db, meeting.id),
      registrationCounts(db, meeting.id),
      findOwnRegistration(db, request.actor, meeting.id),
    ]);
    const showRemote = await maySeeRemoteLink(db, request.actor, activity, meeting.id, own);
    return MeetingPage({ ctx: viewContext(request, reply), activity, meeting, dates, counts, ownRegistration: own, showRemoteLink: showRemote, now: new Date(), failed, state });
  };

  // ---- Pages: the activity's meetings ----

  const listPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, state?: Parameters<typeof MeetingListPage>[0]['state']) => {
    const { upcoming, past } = await listMeetings(db, activity.id);
    return MeetingListPage({ ctx: viewContext(request, reply), activity, upcoming, past, rules: await lateRulesOf(db, activity.id), state });
  };

  app.get('/activities/:acronym/meetings', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await listPage(request, reply, activity));
  });

  app.post('/activities/:acronym/meetings/settings', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: lateRulesInput,
      action: async (input) => {
        await updateLateRules(db, request.actor, activity.id, input);
        return { location: meetingsPath(activity), message: meetingMessages(request.locale).settingsSaved };
      },
      render: async (_ctx, state) => listPage(request, reply, activity, state),
    });
  });

  app.get('/activities/:acronym/meetings/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    return sendPage(reply, MeetingFormPage({ ctx: viewContext(request, reply), activity, initial: { timeZone: 'Europe/Zurich', city: 'Geneva', language: 'English' }, nextNumber: await nextMeetingNumber(db, activity.id) }));
  });

  app.post('/activities/:acronym/meetings', async (request, reply) => {
    const activity = await findActivity(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: meetingInput,
      action: async (input) => {
        const meeting = await createMeeting(db, request.actor, activity.id, input, context(request));
        return { location: meetingPath(activity, meeting), message: meetingMessages(request.locale).created(meeting.number) };
      },
      render: async (ctx, state) => MeetingFormPage({ ctx, activity, initial: {}, nextNumber: await nextMeetingNumber(db, activity.id), state }),
    });
  });

  app.get('/activities/:acronym/meetings.ics', async (request, reply) => {
    const activity = await findActivity(request);
    const { upcoming, past } = await listMeetings(db, activity.id);
    const all = [...past.reverse(), ...upcoming];
    const byId = new Map(all.map((mt) => [mt.id, mt]));
    const dates = await listActivityDates(db, activity.id);
    const events = [
      ...all.map((mt) => meetingEvent(activity, mt, { baseUrl: config.baseUrl, path: meetingPath(activity, mt), includeRemoteUrl: false })),
      ...dates.flatMap((d) => {
        const mt = byId.get(d.meetingId);
        return mt && mt.status !== 'cancelled' ? [deadlineEvent(activity, mt, d, { baseUrl: config.baseUrl, path: meetingPath(activity, mt) })] : [];
      }),
    ];
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${activity.acronym}-meetings.ics"`)
      .send(renderCalendar({ name: `${activity.acronym} meetings`, events }));
  });

  // ---- Pages: one meeting ----

  app.get('/activities/:acronym/meetings/:number', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, await overview(request, reply, activity, meeting));
  });

  app.get('/activities/:acronym/meetings/:number/meeting.ics', async (request, reply) => {
    const { activity, meeting } = await find(request);
    const dates = meeting.status === 'cancelled' ? [] : await listImportantDates(db, meeting.id);
    const path = meetingPath(activity, meeting);
    const includeRemoteUrl = await maySeeRemoteLink(db, request.actor, activity, meeting.id);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${activity.acronym}-meeting-${meeting.number}.ics"`)
      .send(
        renderCalendar({
          name: `${activity.acronym} meeting ${meeting.number}`,
          timeZone: meeting.timeZone,
          events: [meetingEvent(activity, meeting, { baseUrl: config.baseUrl, path, includeRemoteUrl }), ...dates.map((d) => deadlineEvent(activity, meeting, d, { baseUrl: config.baseUrl, path }))],
        }),
      );
  });

  app.get('/activities/:acronym/meetings/:number/edit', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    const initial = meetingFormValues(meeting, await listImportantDates(db, meeting.id));
    return sendPage(reply, MeetingFormPage({ ctx: viewContext(request, reply), activity, meeting, initial }));
  });

  app.post('/activities/:acronym/meetings/:number/edit', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: meetingInput,
      action: async (input) => {
        const saved = await updateMeeting(db, request.actor, meeting.id, input, context(request));
        return { location: meetingPath(activity, saved), message: meetingMessages(request.locale).updated };
      },
      render: (ctx, state) => MeetingFormPage({ ctx, activity, meeting, initial: {}, state }),
    });
  });

  const statusRoute = (path: 'announce' | 'held', run: typeof announceMeeting, flash: (l: 'en' | 'fr') => string) =>
    app.post(`/activities/:acronym/meetings/:number/${path}`, async (request, reply) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      return submitForm(request, reply, {
        schema: z.object({}),
        action: async () => {
          await run(db, request.actor, meeting.id, context(request));
          // Opening registration is worth telling the list: those who may write to it land on the prefilled announcement.
          if (path === 'announce' && canList(request.actor, 'send', activity)) {
            return { location: `${meetingPath(activity, meeting)}/announcement`, message: meetingMessages(request.locale).announcedOffer };
          }
          return { location: meetingPath(activity, meeting), message: flash(request.locale) };
        },
        render: async () => overview(request, reply, activity, meeting),
      });
    });
  statusRoute('announce', announceMeeting, (l) => meetingMessages(l).announced);
  statusRoute('held', markMeetingHeld, (l) => meetingMessages(l).heldDone);

  app.post('/activities/:acronym/meetings/:number/cancel', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: cancelInput,
      action: async ({ reason }) => {
        await cancelMeeting(db, request.actor, meeting.id, reason, context(request));
        return { location: meetingPath(activity, meeting), message: meetingMessages(request.locale).cancelled };
      },
      render: async (_ctx, state) => overview(request, reply, activity, meeting, 'cancel', state),
    });
  });

  // Deleting a draft meeting: a page that asks first (and says why not, when it cannot), then the POST.
  const deletePage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state: FormState = {}) =>
    DeleteMeetingPage({ ctx: viewContext(request, reply), activity, meeting, refusal: deletionRefusal(meeting, await deletionFacts(db, meeting.id), request.locale), ...state });

  app.get('/activities/:acronym/meetings/:number/delete', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return sendPage(reply, await deletePage(request, reply, activity, meeting));
  });

  app.post('/activities/:acronym/meetings/:number/delete', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await deleteMeeting(db, request.actor, meeting.id, context(request));
        return { location: meetingsPath(activity), message: meetingMessages(request.locale).deleted(meeting.number) };
      },
      render: async (_ctx, state) => deletePage(request, reply, activity, meeting, state),
    });
  });

  app.post('/activities/:acronym/meetings/:number/dates', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return submitForm(request, reply, {
      schema: importantDateInput,
      action: async (input) => {
        await addImportantDate(db, request.actor, meeting.id, input, context(request));
        return { location: meetingPath(activity, meeting), message: meetingMessages(request.locale).dateAdded };
      },
      render: async (_ctx, state) => overview(request, reply, activity, meeting, 'date', state),
    });
  });

  app.post('/activities/:acronym/meetings/:number/dates/:dateId/remove', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    const dateId = idParam(request.params, 'dateId');
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        await removeImportantDate(db, request.actor, meeting.id, dateId);
        return { location: meetingPath(activity, meeting), message: meetingMessages(request.locale).dateRemoved };
      },
      render: async () => overview(request, reply, activity, meeting),
    });
  });

  // ---- Pages: registration ----

  const registrationPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state?: Parameters<typeof RegistrationPage>[0]['state']) => {
    const actor = request.actor;
    const prefill: Record<string, string> = {};
    if (actor.kind === 'user') {
      prefill.name = actor.name;
      prefill.email = actor.email;
      if (actor.personId) {
        const [person] = await db.select().from(people).where(eq(people.id, actor.personId));
        if (person) {
          prefill.affiliation = person.affiliation ?? '';
          prefill.country = person.country ?? '';
          prefill.name = person.name;
        }
      }
    }
    const [counts, own, deadline] = await Promise.all([
      registrationCounts(db, meeting.id),
      findOwnRegistration(db, actor, meeting.id),
      deadlineFor(db, meeting.id, 'registration'),
    ]);
    return RegistrationPage({ ctx: viewContext(request, reply), activity, meeting, counts, ownRegistration: own, deadline, prefill, now: new Date(), state });
  };

  app.get('/activities/:acronym/meetings/:number/register', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, await registrationPage(request, reply, activity, meeting));
  });

  app.post('/activities/:acronym/meetings/:number/register', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return submitForm(request, reply, {
      schema: registrationInput,
      action: async (input) => {
        const { registration, token } = await registerParticipant(db, request.actor, activity, meeting.id, input, context(request));
        const m = meetingMessages(request.locale);
        const base = meetingPath(activity, meeting);
        if (registration.status === 'pending') {
          const words = registrationMessages(request.locale);
          const message = meeting.registrationConfirmation === 'email' ? words.checkYourMail(registration.email, confirmationHours) : words.awaitingApproval;
          return { location: `${base}/register/check-mail`, message };
        }
        // The secretariat registering someone goes back to the list; a registrant manages their own registration from
        // the registration page (signed in) or the token page (the same link as in the mail).
        const own = request.actor.kind === 'user' && request.actor.email.toLowerCase() === registration.email.toLowerCase();
        const location = !own && canMeeting(request.actor, 'manage', activity) ? `${base}/participants` : request.actor.kind === 'user' ? `${base}/register` : `${base}/registration/${token}`;
        return { location, message: registration.status === 'waiting' ? m.waitingDone : m.registeredDone };
      },
      render: async (_ctx, state) => registrationPage(request, reply, activity, meeting, state),
    });
  });

  type Rendered = ReturnType<typeof RegistrationPage>;
  type Refusal = Parameters<typeof RegistrationPage>[0]['state'];
  const manageRoutes = (
    prefix: string,
    access: (request: FastifyRequest) => RegistrationAccess,
    back: (request: FastifyRequest, activity: Activity, meeting: Meeting) => string,
    refused: (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state: Refusal) => Promise<Rendered>,
  ) => {
    app.post(`${prefix}/mode`, async (request, reply) => {
      const { activity, meeting } = await find(request);
      return submitForm(request, reply, {
        schema: modeInput,
        action: async ({ mode }) => {
          const saved = await changeRegistrationMode(db, request.actor, activity, meeting.id, access(request), mode, context(request));
          const m = meetingMessages(request.locale);
          return { location: back(request, activity, meeting), message: saved.status === 'waiting' ? m.waitingDone : m.modeChanged };
        },
        render: async (_ctx, state) => refused(request, reply, activity, meeting, state),
      });
    });
    app.post(`${prefix}/cancel`, async (request, reply) => {
      const { activity, meeting } = await find(request);
      return submitForm(request, reply, {
        schema: z.object({}),
        action: async () => {
          await cancelRegistration(db, request.actor, activity, meeting.id, access(request), context(request));
          return { location: back(request, activity, meeting), message: meetingMessages(request.locale).registrationCancelled };
        },
        render: async (_ctx, state) => refused(request, reply, activity, meeting, state),
      });
    });
  };
  manageRoutes(
    '/activities/:acronym/meetings/:number/registrations/:registrationId',
    (request) => ({ registrationId: idParam(request.params, 'registrationId') }),
    (request, activity, meeting) => (canMeeting(request.actor, 'manage', activity) ? `${meetingPath(activity, meeting)}/participants` : `${meetingPath(activity, meeting)}/register`),
    registrationPage,
  );
  const tokenOf = (request: FastifyRequest) => String((request.params as Record<string, unknown>).token ?? '');
  /** A refusal on the token page is shown there again, with the registration as it stands. */
  const tokenPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state?: Refusal) => {
    const token = tokenOf(request);
    const found = await findRegistrationByToken(db, token);
    if (found.meeting.id !== meeting.id) throw notFound();
    // The token is a key: keep it out of the Referer of links followed from this page.
    reply.header('referrer-policy', 'no-referrer');
    return ManageRegistrationPage({ ctx: viewContext(request, reply), activity, meeting, registration: found.registration, token, state });
  };
  manageRoutes(
    '/activities/:acronym/meetings/:number/registration/:token',
    (request) => ({ token: tokenOf(request) }),
    (request, activity, meeting) => `${meetingPath(activity, meeting)}/registration/${tokenOf(request)}`,
    tokenPage,
  );

  app.get('/activities/:acronym/meetings/:number/registration/:token', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, await tokenPage(request, reply, activity, meeting));
  });

  // ---- Pages: confirming a registration ----

  app.get('/activities/:acronym/meetings/:number/register/check-mail', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, CheckMailPage({ ctx: viewContext(request, reply), activity, meeting }));
  });

  const confirmTokenOf = (request: FastifyRequest) => String((request.params as Record<string, unknown>).token ?? '');
  /** The confirmation link's page: the registration to confirm, or why the link no longer confirms it. */
  const confirmPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state?: Parameters<typeof ConfirmRegistrationPage>[0]['state']) => {
    // The token is a key: keep it out of the Referer of links followed from this page.
    reply.header('referrer-policy', 'no-referrer');
    const link = await readConfirmationLink(db, activity, meeting.id, confirmTokenOf(request), { locale: request.locale });
    return ConfirmRegistrationPage({ ctx: viewContext(request, reply), activity, meeting: link.meeting, link, token: confirmTokenOf(request), now: new Date(), state });
  };

  app.get('/activities/:acronym/meetings/:number/confirm/:token', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, await confirmPage(request, reply, activity, meeting));
  });

  app.post('/activities/:acronym/meetings/:number/confirm/:token', async (request, reply) => {
    const { activity, meeting } = await find(request);
    reply.header('referrer-policy', 'no-referrer');
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const { registration, token } = await confirmRegistration(db, request.actor, activity, meeting.id, confirmTokenOf(request), context(request));
        const words = registrationMessages(request.locale);
        return { location: `${meetingPath(activity, meeting)}/registration/${token}`, message: registration.status === 'waiting' ? words.confirmedWaiting : words.confirmed };
      },
      render: async (_ctx, state) => confirmPage(request, reply, activity, meeting, state),
    });
  });

  app.post('/activities/:acronym/meetings/:number/confirm/:token/resend', async (request, reply) => {
    const { activity, meeting } = await find(request);
    reply.header('referrer-policy', 'no-referrer');
    return submitForm(request, reply, {
      schema: z.object({}),
      action: async () => {
        const registration = await resendConfirmation(db, request.actor, activity, meeting.id, { token: confirmTokenOf(request) }, context(request));
        return { location: `${meetingPath(activity, meeting)}/register/check-mail`, message: registrationMessages(request.locale).resent(registration.email) };
      },
      render: async (_ctx, state) => confirmPage(request, reply, activity, meeting, state),
    });
  });

  /** The secretariat's answers to a pending registration, from the participants page. */
  const pendingRoute = (path: 'approve' | 'resend', run: (activity: Activity, meeting: Meeting, registrationId: number, request: FastifyRequest) => Promise<Registration>, flash: (l: 'en' | 'fr', r: Registration) => string) =>
    app.post(`/activities/:acronym/meetings/:number/registrations/:registrationId/${path}`, async (request, reply) => {
      const { activity, meeting } = await find(request);
      requireUser(request.actor);
      if (!canMeeting(request.actor, 'manage', activity)) throw forbidden();
      const registrationId = idParam(request.params, 'registrationId');
      return submitForm(request, reply, {
        schema: z.object({}),
        action: async () => {
          const registration = await run(activity, meeting, registrationId, request);
          return { location: `${meetingPath(activity, meeting)}/participants`, message: flash(request.locale, registration) };
        },
        render: async (_ctx, state) => participantsPage(request, reply, activity, meeting, state),
      });
    });
  pendingRoute('approve', (activity, meeting, id, request) => approveRegistration(db, request.actor, activity, meeting.id, id, context(request)), (l, r) => registrationMessages(l).approved(r.name));
  pendingRoute('resend', (activity, meeting, id, request) => resendConfirmation(db, request.actor, activity, meeting.id, { registrationId: id }, context(request)), (l, r) => registrationMessages(l).resent(r.email));

  // ---- Pages: participants ----

  const participantsPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, meeting: Meeting, state?: Parameters<typeof ParticipantsPage>[0]['state']) => {
    const [counts, list] = await Promise.all([
      registrationCounts(db, meeting.id),
      canMeeting(request.actor, 'read_participants', activity) ? listParticipants(db, meeting.id) : Promise.resolve(null),
    ]);
    return ParticipantsPage({ ctx: viewContext(request, reply), activity, meeting, counts, registrations: list, now: new Date(), state });
  };

  app.get('/activities/:acronym/meetings/:number/participants', async (request, reply) => {
    const { activity, meeting } = await find(request);
    return sendPage(reply, await participantsPage(request, reply, activity, meeting));
  });

  app.get('/activities/:acronym/meetings/:number/participants.csv', async (request, reply) => {
    const { activity, meeting } = await find(request);
    requireUser(request.actor);
    if (!canMeeting(request.actor, 'export_participants', activity)) throw forbidden();
    const rows = await listRegistrations(db, meeting.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${activity.acronym}-meeting-${meeting.number}-participants.csv"`)
      .header('cache-control', 'no-store')
      .send(registrationsCsv(rows, request.locale));
  });

  app.post('/activities/:acronym/meetings/:number/attendance', async (request, reply) => {
    const { activity, meeting } = await find(request);
    requireUser(request.actor);
    if (!canMeeting(request.actor, 'mark_attendance', activity)) throw forbidden();
    return submitForm(request, reply, {
      schema: attendanceInput,
      action: async ({ attended }) => {
        const present = await markAttendance(db, request.actor, activity, meeting.id, attended, context(request));
        return { location: `${meetingPath(activity, meeting)}/participants`, message: meetingMessages(request.locale).attendanceSaved(present) };
      },
      render: async (_ctx, state) => participantsPage(request, reply, activity, meeting, state),
    });
  });

  // ---- API ----

  const tags = ['meetings'];
  const api = '/api/v1/activities/:acronym/meetings';
  const detail = async (actor: Actor, activity: Activity, meeting: Meeting) =>
    presentMeeting(actor, activity, meeting, await maySeeRemoteLink(db, actor, activity, meeting.id), {
      dates: await listImportantDates(db, meeting.id),
      counts: await registrationCounts(db, meeting.id),
    });

  app.get(
    api,
    { schema: { tags, summary: apiText('The activity’s meetings: upcoming (soonest first) and past (latest first)'), params: acronymParams, response: { 200: z.object({ upcoming: z.array(meetingOutSchema()), past: z.array(meetingOutSchema()) }) } } },
    async (request) => {
      const activity = await findActivity(request);
      const { upcoming, past } = await listMeetings(db, activity.id);
      const show = (mt: Meeting) => presentMeeting(request.actor, activity, mt, false);
      return { upcoming: upcoming.map(show), past: past.map(show) };
    },
  );

  app.post(
    api,
    {
      schema: {
        tags,
        summary: apiText('Create a meeting (secretariat). Dates and times are on the clock of `timeZone`; a deadline without a time falls at 23:59 there'),
        params: acronymParams,
        body: meetingInput,
        response: { 201: meetingOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      allowManage(request.actor, activity);
      const meeting = await createMeeting(db, request.actor, activity.id, request.body, context(request));
      return reply.status(201).send(await detail(request.actor, activity, meeting));
    },
  );

  const rulesOut = z.object({ lateContributions: z.enum(lateRules), lateRegistrations: z.enum(lateRules) });
  app.get(
    '/api/v1/activities/:acronym/meeting-rules',
    { schema: { tags, summary: apiText('What the activity does with contributions and registrations after a deadline'), params: acronymParams, response: { 200: rulesOut } } },
    async (request) => {
      const rules = await lateRulesOf(db, (await findActivity(request)).id);
      return { lateContributions: rules.contribution, lateRegistrations: rules.registration };
    },
  );
  app.put(
    '/api/v1/activities/:acronym/meeting-rules',
    { schema: { tags, summary: apiText('Set the deadline rules: refuse, or accept and mark late (secretariat)'), params: acronymParams, body: lateRulesInput, response: { 200: rulesOut } } },
    async (request) => {
      const activity = await findActivity(request);
      allowManage(request.actor, activity);
      await updateLateRules(db, request.actor, activity.id, request.body);
      const rules = await lateRulesOf(db, activity.id);
      return { lateContributions: rules.contribution, lateRegistrations: rules.registration };
    },
  );

  app.get(`${api}/:number`, { schema: { tags, summary: apiText('One meeting with its important dates and registration counts'), params: meetingParams, response: { 200: meetingOut } } }, async (request) => {
    const { activity, meeting } = await find(request);
    return detail(request.actor, activity, meeting);
  });

  app.put(
    `${api}/:number`,
    { schema: { tags, summary: apiText('Replace a meeting’s facts and deadlines (secretariat); a missing deadline is left as it is, null removes it'), params: meetingParams, body: meetingInput, response: { 200: meetingOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      const saved = await updateMeeting(db, request.actor, meeting.id, request.body, context(request));
      return detail(request.actor, activity, saved);
    },
  );

  app.post(`${api}/:number/announce`, { schema: { tags, summary: apiText('Announce a planned meeting, which opens registration (secretariat)'), params: meetingParams, response: { 200: meetingOut } } }, async (request) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return detail(request.actor, activity, await announceMeeting(db, request.actor, meeting.id, context(request)));
  });

  app.post(`${api}/:number/held`, { schema: { tags, summary: apiText('Mark an announced meeting as held (secretariat)'), params: meetingParams, response: { 200: meetingOut } } }, async (request) => {
    const { activity, meeting } = await find(request);
    allowManage(request.actor, activity);
    return detail(request.actor, activity, await markMeetingHeld(db, request.actor, meeting.id, context(request)));
  });

  app.post(
    `${api}/:number/cancel`,
    { schema: { tags, summary: apiText('Cancel a meeting with a reason, mailed to those registered (secretariat)'), params: meetingParams, body: cancelInput, response: { 200: meetingOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      return detail(request.actor, activity, await cancelMeeting(db, request.actor, meeting.id, request.body.reason, context(request)));
    },
  );

  app.delete(
    `${api}/:number`,
    {
      schema: {
        tags,
        summary: apiText('Delete a meeting still in preparation: never announced, nobody registered, no document (secretariat); otherwise 409, and it is cancelled instead'),
        params: meetingParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      await deleteMeeting(db, request.actor, meeting.id, context(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${api}/:number/dates`,
    { schema: { tags, summary: apiText('Add a named date (secretariat); 23:59 in the meeting’s zone unless `time` is given'), params: meetingParams, body: importantDateInput, response: { 201: dateOut } } },
    async (request, reply) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      const d = await addImportantDate(db, request.actor, meeting.id, request.body, context(request));
      return reply.status(201).send({ id: d.id, kind: d.kind, label: d.label, dueAt: d.dueAt, hasTime: d.hasTime });
    },
  );

  app.delete(
    `${api}/:number/dates/:dateId`,
    { schema: { tags, summary: apiText('Remove an important date (secretariat)'), params: meetingParams.extend({ dateId: rowId() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const { activity, meeting } = await find(request);
      allowManage(request.actor, activity);
      await removeImportantDate(db, request.actor, meeting.id, request.params.dateId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${api}/:number/registrations`,
    { schema: { tags, summary: apiText('Who registered (members of the activity; e-mails for the secretariat)'), params: meetingParams, response: { 200: z.object({ registrations: z.array(registrationOut) }) } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      requireUser(request.actor);
      if (!canMeeting(request.actor, 'read_participants', activity)) throw forbidden();
      const withEmail = canMeeting(request.actor, 'export_participants', activity);
      // Pending registrations are the secretariat's business: nobody has confirmed them yet.
      const rows = (await listRegistrations(db, meeting.id)).filter((r) => withEmail || r.status !== 'pending');
      return { registrations: rows.map((r) => presentRegistration(r, withEmail)) };
    },
  );

  app.post(
    `${api}/:number/registrations`,
    {
      schema: {
        tags,
        summary:
          apiText('Register for an announced meeting. A registration counts once confirmed: at once for the caller’s own account address (or one the secretariat enters), otherwise from the link mailed to the address, or by the secretariat’s approval, as the meeting chose (status `pending` until then). The answer carries the token that changes or cancels it only once it is confirmed'),
        params: meetingParams,
        body: registrationInput,
        response: { 201: z.object({ registration: registrationOut, manageToken: z.string().nullable().describe('null while the registration is pending: the link comes by mail once confirmed') }) },
      },
    },
    async (request, reply) => {
      const { activity, meeting } = await find(request);
      const { registration, token } = await registerParticipant(db, request.actor, activity, meeting.id, request.body, context(request));
      return reply.status(201).send({ registration: presentRegistration(registration, true), manageToken: token });
    },
  );

  const registrationParams = meetingParams.extend({ registrationId: rowId() });
  app.post(
    `${api}/:number/registrations/:registrationId/approve`,
    { schema: { tags, summary: apiText('Approve a pending registration (secretariat): it takes a place or the waiting list, and the registrant is mailed the details'), params: registrationParams, response: { 200: registrationOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      requireUser(request.actor);
      return presentRegistration(await approveRegistration(db, request.actor, activity, meeting.id, request.params.registrationId, context(request)), true);
    },
  );

  app.post(
    `${api}/:number/registrations/:registrationId/resend-confirmation`,
    { schema: { tags, summary: apiText('Mail a new confirmation link to a pending registration (secretariat; throttled per address)'), params: registrationParams, response: { 200: registrationOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      requireUser(request.actor);
      if (!canMeeting(request.actor, 'manage', activity)) throw forbidden();
      return presentRegistration(await resendConfirmation(db, request.actor, activity, meeting.id, { registrationId: request.params.registrationId }, context(request)), true);
    },
  );

  const accessBody = z.object({ token: z.string().max(100).optional().describe('the manage token, for a registration made without an account') });

  app.post(
    `${api}/:number/registrations/:registrationId/mode`,
    { schema: { tags, summary: apiText('Change how a registrant attends (the registrant, by token or signed in; the secretariat)'), params: registrationParams, body: modeInput.extend(accessBody.shape), response: { 200: registrationOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      const { registrationId } = request.params;
      const access: RegistrationAccess = request.body.token ? { token: request.body.token, registrationId } : { registrationId };
      const saved = await changeRegistrationMode(db, request.actor, activity, meeting.id, access, request.body.mode, context(request));
      return presentRegistration(saved, true);
    },
  );

  app.post(
    `${api}/:number/registrations/:registrationId/cancel`,
    { schema: { tags, summary: apiText('Cancel a registration (the registrant, by token or signed in; the secretariat)'), params: registrationParams, body: accessBody.optional(), response: { 200: registrationOut } } },
    async (request) => {
      const { activity, meeting } = await find(request);
      const { registrationId } = request.params;
      const access: RegistrationAccess = request.body?.token ? { token: request.body.token, registrationId } : { registrationId };
      const saved = await cancelRegistration(db, request.actor, activity, meeting.id, access, context(request));
      return presentRegistration(saved, true);
    },
  );
}
