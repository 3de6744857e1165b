/**
 * Notifications on both engines, against a local SMTP server started here
 * (never the network): a round opened, a reminder, a report sent back and
 * approved reach the right people in Koers and by e-mail with a link; a
 * failing server is tried again later and finally marked failed; two senders
 * at once never send one e-mail twice; without SMTP nothing is mailed; and a
 * person sees, counts and marks only his or her own notifications.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { Plan } from '../src/domain/plan.js';
import { AccountRepository, type RoleLink } from '../src/features/accounts/account.repository.js';
import type { Actor } from '../src/features/accounts/actor.js';
import { createSmtpMailer, type Mailer } from '../src/features/notifications/mailer.js';
import { NotificationRepository } from '../src/features/notifications/notification.repository.js';
import { RETRY_AFTER_SECONDS, sendPendingEmails } from '../src/features/notifications/outbox.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { silentLogger } from '../src/log.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

interface Received {
  to: string[];
  raw: string;
}

/** A local SMTP server that keeps what it receives, and refuses every message while `refusing` is set. */
async function startSmtp() {
  const received: Received[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.refusing) return callback(Object.assign(new Error('Mailbox vol'), { responseCode: 452 }));
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The text of a mail, with quoted-printable soft line breaks and escapes undone. */
function textOf(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

describe.each(ENGINES)('notifications on %s', (engine) => {
  let handle: DatabaseHandle;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let services: ReturnType<typeof createServices>;
  let mailer: Mailer;
  let plan: Plan;
  let outbox: NotificationRepository;
  const actors: Record<string, Actor> = {};
  const ids: Record<string, string> = {};
  const send = (using: Mailer = mailer) =>
    sendPendingEmails({ notifications: outbox, mailer: using, baseUrl: 'https://koers.maasgouw.example', log: silentLogger });

  beforeAll(async () => {
    smtp = await startSmtp();
    handle = await createTestDatabase(engine);
    mailer = createSmtpMailer({ url: smtp.url, from: 'Koers <koers@maasgouw.example>' });
    services = createServices(handle, undefined, null, { mail: { mailer, baseUrl: 'https://koers.maasgouw.example' } });
    plan = (await loadExampleIfEmpty(services.plans)) as Plan;
    outbox = new NotificationRepository(handle.db);
    const accounts = new AccountRepository(handle.db);
    const people: [string, 'coordinator' | 'partner' | 'portefeuillehouder', Partial<RoleLink>][] = [
      ['coordinator', 'coordinator', {}],
      ['agent', 'partner', { partnerKey: 'politie' }],
      ['wijkagent', 'partner', { partnerKey: 'politie' }],
      ['brandweer', 'partner', { partnerKey: 'veiligheidsregio' }],
      ['burgemeester', 'portefeuillehouder', { portfolioHolderKey: 'burgemeester' }],
    ];
    for (const [who, role, link] of people) {
      ids[who] = await services.auth.createUser({ name: who, email: `${who}@maasgouw.example`, password: null, isAdministrator: false });
      await accounts.grantRole(ids[who], 'GM1641', role, { partnerKey: null, portfolioHolderKey: null, ...link });
      actors[who] = (await accounts.loadActor(ids[who])) as Actor;
    }
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.received.length = 0;
    smtp.state.refusing = false;
  });

  const inbox = (who: string) => services.notifications.list(actors[who]!);

  it('tells everyone who reports or approves that a round opened, in Koers and by e-mail with a link', async () => {
    await services.rounds.openRound(actors.coordinator!, plan.id, '2019', '2020-03-01');
    for (const who of ['agent', 'wijkagent', 'brandweer', 'burgemeester']) {
      expect((await inbox(who)).map((notification) => notification.kind)).toEqual(['round_opened']);
    }
    expect(await inbox('coordinator')).toEqual([]);
    expect(await send()).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual([
      'agent@maasgouw.example',
      'brandweer@maasgouw.example',
      'burgemeester@maasgouw.example',
      'wijkagent@maasgouw.example',
    ]);
    const mail = textOf(smtp.received[0]!.raw);
    expect(mail).toContain('Subject: Meld de voortgang over 2019');
    expect(mail).toContain('Meld uiterlijk 1 maart 2020');
    expect(mail).toContain('https://koers.maasgouw.example/mijn-acties');
    expect((await inbox('agent'))[0]?.emailStatus).toBe('sent');
    // Sent once: a second run finds nothing to send.
    expect(await send()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('reminds only the people of the partner asked, and says when nobody is linked to it', async () => {
    const { reminded, due } = await services.rounds.remind(actors.coordinator!, plan.id, '2019', { partnerKey: 'politie' });
    expect(reminded).toBe(2);
    expect(due).toBeGreaterThan(10);
    expect((await inbox('agent'))[0]).toMatchObject({ kind: 'reminder', subject: 'Herinnering: voortgang over 2019 melden' });
    expect((await inbox('brandweer')).map((notification) => notification.kind)).toEqual(['round_opened']);
    await expect(services.rounds.remind(actors.coordinator!, plan.id, '2019', { partnerKey: 'riec' })).rejects.toThrow(
      /Geen account is gekoppeld aan RIEC/,
    );
    await expect(services.rounds.remind(actors.agent!, plan.id, '2019', { partnerKey: 'politie' })).rejects.toThrow(/niet/);
    await send();
    expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual(['agent@maasgouw.example', 'wijkagent@maasgouw.example']);
  });

  it('tells the reporter that the report was sent back, and later approved', async () => {
    await services.progress.record(actors.agent!, plan.id, 'burgernet', '2019', { status: 'loopt', note: 'Loopt' }, 'web');
    await services.progress.review(actors.burgemeester!, plan.id, 'burgernet', '2019', {
      decision: 'sent_back',
      remark: 'Noem de aantallen.',
    });
    const [sentBack] = await inbox('agent');
    expect(sentBack).toMatchObject({ kind: 'sent_back', link: `/plannen/${plan.id}/voortgang/2019/burgernet` });
    expect(sentBack?.body).toContain(
      'burgemeester heeft uw melding over Burgernet over 2019 teruggestuurd met deze opmerking: Noem de aantallen.',
    );
    expect((await inbox('wijkagent'))[0]?.kind).toBe('reminder');
    await services.progress.record(actors.agent!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '12 deelnemers per kern' }, 'web');
    await services.progress.review(actors.burgemeester!, plan.id, 'burgernet', '2019', { decision: 'approved', remark: '' });
    expect((await inbox('agent'))[0]?.kind).toBe('approved');
    await send();
    expect(smtp.received.map((mail) => textOf(mail.raw).match(/Subject: (.*)/)?.[1])).toEqual([
      'Teruggestuurd: Burgernet (2019)',
      'Goedgekeurd: Burgernet (2019)',
    ]);
  });

  it('tries a refused e-mail again later, and marks it failed with the reason after the last attempt', async () => {
    await services.rounds.remind(actors.coordinator!, plan.id, '2019', { partnerKey: 'veiligheidsregio' });
    smtp.state.refusing = true;
    expect(await send()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const row = () =>
      handle.db
        .selectFrom('notification')
        .selectAll()
        .where('userId', '=', ids.brandweer!)
        .where('kind', '=', 'reminder')
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ emailStatus: 'pending', emailAttempts: 1, emailError: expect.stringContaining('Mailbox vol') });
    // Not due yet: nothing is sent before the wait is over.
    expect(await send()).toEqual({ sent: 0, retried: 0, failed: 0 });
    for (let attempt = 2; attempt <= RETRY_AFTER_SECONDS.length + 1; attempt++) {
      await handle.db
        .updateTable('notification')
        .set({ emailNextAt: '2000-01-01T00:00:00Z' })
        .where('userId', '=', ids.brandweer!)
        .execute();
      await send();
    }
    expect(await row()).toMatchObject({ emailStatus: 'failed', emailAttempts: RETRY_AFTER_SECONDS.length + 1, emailNextAt: null });
    expect(smtp.received).toEqual([]);
    // Still in Koers: the e-mail failing takes nothing away from the notification.
    expect((await inbox('brandweer'))[0]).toMatchObject({ kind: 'reminder', emailStatus: 'failed' });
  });

  it('never sends one e-mail twice when two senders run at the same moment', async () => {
    await services.rounds.remind(actors.coordinator!, plan.id, '2019', { portfolioHolderKey: 'burgemeester' });
    await services.rounds.remind(actors.coordinator!, plan.id, '2019', { partnerKey: 'politie' });
    let slow = 0;
    const slowMailer: Mailer = {
      async send(email) {
        slow++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        await mailer.send(email);
      },
    };
    const results = await Promise.all([send(slowMailer), send(slowMailer), send(slowMailer)]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(3);
    expect(slow).toBe(3);
    expect(smtp.received).toHaveLength(3);
  });

  it('shows a person only his or her own notifications, counts the unread ones in the header and marks them read', async () => {
    const app = createApp(services);
    const session = (who: string) =>
      services.auth.openSession(ids[who]!, '127.0.0.1').then((opened) => `__Host-koers-sessie=${opened.sessionToken}`);
    const cookie = await session('brandweer');
    const page = await (await app.request('/berichten', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Berichten (2 nieuw)');
    expect(page).toContain('Herinnering: voortgang over 2019 melden');
    const token = (await services.auth.createApiToken(ids.brandweer!, 'test')).token;
    const api = await (await app.request('/api/v1/berichten', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(api.ongelezen).toBe(2);
    const others = (await inbox('agent'))[0]!.id;
    const foreign = await app.request(`/api/v1/berichten/${others}/gelezen`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(foreign.status).toBe(404);
    expect((await inbox('agent'))[0]?.readAt).toBeNull();
    const own = api.berichten[0].id as string;
    expect(
      await (
        await app.request(`/api/v1/berichten/${own}/gelezen`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
      ).json(),
    ).toEqual({ gelezen: 1 });
    const after = await (await app.request('/mijn-acties', { headers: { Cookie: cookie } })).text();
    expect(after).toContain('Berichten (1 nieuw)');
    expect((await app.request('/berichten')).status).toBe(303);
  });

  it('tells in Koers only when no SMTP is set up', async () => {
    const quiet = createServices(handle);
    await quiet.rounds.remind(actors.coordinator!, plan.id, '2019', { partnerKey: 'veiligheidsregio' });
    const [latest] = await quiet.notifications.list(actors.brandweer!);
    expect(latest).toMatchObject({ kind: 'reminder', emailStatus: 'none' });
  });
});
