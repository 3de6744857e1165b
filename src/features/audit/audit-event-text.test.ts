import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../web/messages.js';
import { describeAuditEvent } from './audit-event-text.js';

const m = messagesFor();
const describe_ = (action: string, after: unknown, names = {}) => describeAuditEvent(m, { action, after }, names);

describe('an audit event in words', () => {
  it('names a plan’s events and their particulars in Dutch', () => {
    expect(
      describe_('plan.imported', { titel: 'IVP', gemeenten: ['GM1641'], periode: { van: 2019, tot: 2022 }, themas: 13, activiteiten: 93 }),
    ).toEqual({ action: 'Plan ingelezen', details: "“IVP”, 2019-2022, met 13 thema's en 93 activiteiten" });
    expect(describe_('plan.published', { gepubliceerd: true })).toEqual({ action: 'Plan gepubliceerd', details: '' });
    expect(
      describe_('plan.changed', {
        versie: 4,
        aantal: 27,
        wijzigingen: ['Activiteit "Buurtbemiddeling" verwijderd', 'Partner "Halt" toegevoegd'],
      }),
    ).toEqual({
      action: 'Plan gewijzigd',
      details: 'Activiteit "Buurtbemiddeling" verwijderd, Partner "Halt" toegevoegd, en 25 andere wijzigingen',
    });
    expect(describe_('revision.opened', { wijzigingen: ['Bijstelling 1 geopend: meer buurtbemiddeling'] })).toEqual({
      action: 'Bijstelling geopend',
      details: 'Bijstelling 1 geopend: meer buurtbemiddeling',
    });
    expect(
      describe_(
        'measurement.recorded',
        { indicator: 'misdrijven', periode: '2021-K1', waarde: 30.5, afgeschermd: false },
        {
          indicator: () => 'Totaal misdrijven',
        },
      ),
    ).toEqual({ action: 'Meting ingevoerd', details: 'Totaal misdrijven, 1e kwartaal 2021: 30,5' });
    expect(describe_('assessment.recorded', { thema: 'prioriteit-2', jaar: 2021, oordeel: 'on_course' }).details).toBe(
      'prioriteit-2, 2021: Op koers',
    );
    expect(
      describe_('opendata.refreshed', {
        tabellen: [{ tabel: 'A' }, { tabel: 'A' }],
        metingen: { added: 2, replaced: 0, unchanged: 1 },
        fouten: [],
      }).details,
    ).toBe('tabellen A; metingen: 2 nieuw, 0 vervangen, 1 ongewijzigd');
  });

  it('names an account’s events with the role as the README names it', () => {
    expect(describe_('user.role-granted', { gemeente: 'GM1641', rol: 'coordinator', partner: null })).toEqual({
      action: 'Rol gekregen',
      details: 'coördinator bij GM1641',
    });
    expect(describe_('session.started', { tot: '2026-01-01T00:00:00Z' })).toEqual({ action: 'Ingelogd', details: '' });
    expect(describe_('sessions.ended-all', { beeindigd: 3 }).details).toBe('3 sessies beëindigd');
    expect(describe_('sessions.ended-all', { beeindigd: 1, apiTokensIngetrokken: 2 }).details).toBe(
      '1 sessie beëindigd, 2 API-tokens ingetrokken',
    );
    expect(describe_('password-link.issued', { geldigTot: '2026-12-06T12:00:00.000Z' })).toEqual({
      action: 'Link gegeven om een wachtwoord in te stellen',
      details: 'geldig tot 6 december 2026 om 13:00',
    });
    expect(describe_('user.password-set', { via: 'wachtwoordlink', sessiesBeeindigd: 0 }).details).toBe('met een wachtwoordlink');
    expect(
      describe_('user.password-voided', {
        reden: 'de gebruiker kreeg een rol bij een andere gemeente',
        wachtwoordlinks: 0,
        sessies: 2,
        apiTokens: 1,
      }),
    ).toEqual({
      action: 'Wachtwoord vervallen',
      details: 'de gebruiker kreeg een rol bij een andere gemeente; 2 sessies en 1 API-token beëindigd',
    });
  });

  it('never shows a raw event code, JSON or an English value, not even for an event it does not know', () => {
    const unknown = describe_('user.password-link-created', { geldigTot: '2026-01-04', eenmalig: true, pogingen: 1200 });
    expect(unknown).toEqual({ action: 'Andere wijziging', details: 'geldigTot: 2026-01-04; eenmalig: ja; pogingen: 1.200' });
    for (const text of [unknown.action, unknown.details]) expect(text).not.toMatch(/[{}"]|\btrue\b|\.created|password/);
  });

  it('names the prioritisation’s choice and the concept made from it', () => {
    expect(describe_('prioritisation.saved', { versie: 2, prioriteiten: ['3.1', '5.2'], strategischeThemas: [] })).toEqual({
      action: 'Prioritering bewaard',
      details: 'versie 2; prioriteiten: 3.1, 5.2; strategische thema’s: geen',
    });
    expect(
      describe_('prioritisation.concept-made', { versie: 3, titel: 'IVP 2023-2026', prioriteiten: ['3.1'], strategischeThemas: ['4.1'] })
        .details,
    ).toBe('IVP 2023-2026; versie 3; prioriteiten: 3.1; strategische thema’s: 4.1');
  });
});
