// The meeting's announcement to the mailing list: the prefilled page (offered right after "Announce and open
// registration", and from the meeting page) and its POST. Thin: the draft and the sending are in
// meeting-announcement.ts, the fan-out and the outbox in the mailing-lists module.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { checkUpload, type CheckedFile, fileKinds } from '../../platform/files.ts';
import { isUploadedFile, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Activity } from '../activities/index.ts';
import { announcementPath, canList, listOverview } from '../mailing-lists/index.ts';
import { announcementDates, draftMeetingAnnouncement, meetingAnnouncementInput, sendMeetingAnnouncement } from './meeting-announcement.ts';
import { MeetingAnnouncementPage } from './meeting-announcement-views.tsx';
import { meetingMessages } from './messages.ts';
import { loadMeeting } from './meetings.ts';
import { AppError } from '../../platform/errors.ts';
import type { Meeting } from './deadlines.ts';

const meetingParams = z.object({ acronym: z.string().max(30), number: z.coerce.number().int().positive().max(100_000) });

export function registerMeetingAnnouncementRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const maxMb = Math.round(config.uploadMaxBytes / 1048576);
  const find = (request: FastifyRequest) => {
    const params = parseInput(meetingParams, request.params, request.locale);
    return loadMeeting(db, request.actor, params.acronym, params.number);
  };
  /** The list decides who writes to it (secretariat and chairs); asked before any field is read. */
  const allowSend = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canList(actor, 'send', activity)) throw forbidden();
  };
  /** The page is for a meeting open for registration: any other answers why, as the POST would. */
  const requireOpen = (meeting: Meeting, locale: 'en' | 'fr') => {
    const m = meetingMessages(locale).announcementDraft;
    if (meeting.status !== 'announced') throw new AppError('conflict', m.notOpen(meetingMessages(locale).statuses[meeting.status]));
    if (meeting.endsAt.getTime() <= Date.now()) throw new AppError('conflict', m.over);
  };
  const page = async (request: FastifyRequest, activity: Activity, meeting: Meeting) => {
    const overview = await listOverview(db, request.actor, activity, config.baseUrl);
    const dates = await announcementDates(db, meeting);
    return {
      activity,
      meeting,
      maxMb,
      draft: draftMeetingAnnouncement(activity, meeting, dates, { locale: request.locale, baseUrl: config.baseUrl }),
      subscribers: overview.counts ? overview.counts.members + overview.counts.others : null,
    };
  };

  app.get('/activities/:acronym/meetings/:number/announcement', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowSend(request.actor, activity);
    requireOpen(meeting, request.locale);
    return sendPage(reply, MeetingAnnouncementPage({ ctx: viewContext(request, reply), ...(await page(request, activity, meeting)) }));
  });

  app.post('/activities/:acronym/meetings/:number/announcement', async (request, reply) => {
    const { activity, meeting } = await find(request);
    allowSend(request.actor, activity);
    const upload = (request.body as Record<string, unknown> | undefined)?.file;
    return submitForm(request, reply, {
      schema: meetingAnnouncementInput,
      action: async (input) => {
        const files: CheckedFile[] = [];
        // A file input left empty still sends a part, without a name: no attachment.
        for (const one of Array.isArray(upload) ? upload : [upload]) {
          if (!isUploadedFile(one) || (!one.fileName && !one.bytes.length)) continue;
          files.push(await checkUpload(one, { field: 'file', allowed: fileKinds, maxBytes: config.uploadMaxBytes, locale: request.locale }));
        }
        const row = await sendMeetingAnnouncement(db, request.actor, activity, meeting, input, files, { dataDir: config.dataDir, baseUrl: config.baseUrl, locale: request.locale });
        return { location: announcementPath(activity, row.id), message: meetingMessages(request.locale).announcementDraft.sent };
      },
      render: async (ctx, state) => MeetingAnnouncementPage({ ctx, ...(await page(request, activity, meeting)), ...state }),
    });
  });
}
