// A hybrid subsea-cable incident walked in the browser: the guidance suggests Europol's protocol, the Hybrid Toolbox
// and the EU–NATO dialogue, each with its reason; the Presidency sets IPCR to information sharing and sees, where it
// sets the consultation's deadline, that one consulted state takes only urgent asks, which that state is told does
// not change how its silence counts; the EEAS writes an attribution-track note that the affected states see and
// another state does not; the Presidency assigns an action that the reporter's duty officer completes. Then the
// forms around the response: a meeting's minutes and a decision taken there with its marking and audience, and a
// shift handover written on the incident and acknowledged by the incoming officer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
import { ManualClock } from '../../src/platform/clock.js';
import { presidencyAt } from '../../src/registry/presidency.js';
import type { Meeting } from '../../src/response/meetings-model.js';
import { expectAccessible } from '../support/axe.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, type Tab, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';
import { PASSWORD } from '../support/server.js';

const HOUR = 3_600_000;

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: the response to a hybrid subsea-cable incident', () => {
  const clock = new ManualClock(Date.now());
  const presidency = presidencyAt(clock.now())!.memberState;
  // The reporter, the other affected state, a state not affected, and one the reporter says is affected that has
  // not confirmed it yet; none of them holding the Presidency.
  const [A, B, OTHER, C] = ['FI', 'EE', 'DE', 'LV', 'SE'].filter((s) => s !== presidency) as [
    string,
    string,
    string,
    string,
  ];
  const journey = browserJourney({
    domain: 'hybrid.example.eu',
    organisations: [A, B, OTHER, C, presidency, 'EEAS'],
    clock,
  });
  const incoming = `incoming.${A.toLowerCase()}@hybrid.example.eu`;
  let incidentId = '';
  const address = () => `${journey.server.url}/incidents/${incidentId}`;

  beforeAll(async () => {
    await journey.server.createUser({
      email: incoming,
      password: PASSWORD,
      organisation: A,
      role: 'coordinator',
      displayName: `Night officer ${A}`,
    });

    const { incident } = await journey.report(A, {
      title: 'Subsea data cable cut, a state actor suspected',
      cause: 'hybrid',
      suspectedDeliberate: true,
      internationalSecurity: true,
      sectors: [{ sector: 'digital-infrastructure', subsector: 'electronic-communications' }],
      impacts: [
        { memberState: A, level: 'significant' },
        { memberState: C, level: 'significant', assessedBy: A },
      ],
    });
    incidentId = incident.id;
    const other = await journey.api(B);
    const confirmed = await other.post<Incident>(`/api/incidents/${incidentId}/assessments`, {
      memberState: B,
      level: 'significant',
    });
    expect(confirmed.body.status).toBe('decision-required');
    const stretched = await other.request('PUT', `/api/member-states/${B}/availability`, {
      availability: 'only-urgent',
      note: 'Storm response at home',
    });
    expect(stretched.status).toBe(200);
    const asked = await journey.api(C);
    const limited = await asked.request('PUT', `/api/member-states/${C}/availability`, {
      availability: 'limited',
      note: 'Ferry accident response',
    });
    expect(limited.status).toBe(200);
  }, JOURNEY_TIMEOUT);

  it(
    'guidance, IPCR information sharing, the attribution track for the affected states and an action done',
    async () => {
      const pres = await journey.tab(presidency);
      await pres.page.goto(address());
      const mechanisms = pres.page.locator('section', { hasText: 'EU mechanisms working on this incident' });
      const suggested = mechanisms.locator('li', { hasText: /:/ });
      await mechanisms.getByText('Suggested mechanisms, each with its reason').waitFor(WAIT);
      await suggested
        .filter({ hasText: 'EU law-enforcement emergency response protocol' })
        .filter({ hasText: /led by .*Europol.*: deliberate damage is suspected/ })
        .waitFor(WAIT);
      await suggested.filter({ hasText: /EU Hybrid Toolbox.*: the cause is hybrid/ }).waitFor(WAIT);
      await suggested
        .filter({ hasText: /EU–NATO structured dialogue.*: international security is involved/ })
        .waitFor(WAIT);

      // Asked to confirm its impact, C said its availability is limited: whoever reads the ask sees it.
      await pres.page
        .getByTestId('unconfirmed-availability')
        .getByText(/Limited — Ferry accident response/)
        .waitFor(WAIT);

      // The Presidency sets IPCR to information sharing.
      await mechanisms.getByLabel('Mechanism', { exact: true }).selectOption('ipcr');
      await mechanisms.getByLabel('Mode', { exact: true }).selectOption('information-sharing');
      await mechanisms.getByRole('button', { name: 'Record as active' }).click();
      await mechanisms
        .locator('li.engagement', { hasText: 'Integrated Political Crisis Response' })
        .getByText('active', { exact: true })
        .waitFor(WAIT);

      // Where it sets the deadline and minimum, the Presidency sees that B takes only urgent asks.
      const consultation = pres.page.locator('section.consultation-panel');
      await consultation
        .getByTestId('asked-availability')
        .getByText(/Only urgent asks — Storm response at home/)
        .waitFor(WAIT);
      await consultation.getByRole('button', { name: 'Open the consultation' }).click();
      await consultation.getByTestId(`consulted-${B}`).waitFor(WAIT);

      // B is told, on the incident and in its notification, that its silence still counts as consent.
      const b = await journey.tab(B);
      await b.page.goto(address());
      await b.page
        .getByTestId('consulted-while-stretched')
        .getByText(/if you do not answer by your deadline, your silence counts as consent/)
        .waitFor(WAIT);
      await b.page.getByRole('button', { name: /Notifications/ }).click();
      await b.page
        .getByText('the consultation is not paused: silence by your deadline still counts as consent', {
          exact: false,
        })
        .waitFor(WAIT);

      // The EEAS writes on the attribution track without choosing an audience.
      const eeas = await journey.tab('EEAS');
      await eeas.page.goto(address());
      await eeas.page.getByRole('heading', { name: 'Consequence management' }).waitFor(WAIT);
      await eeas.page.getByRole('button', { name: 'Write a note' }).click();
      await eeas.page
        .getByLabel('Text', { exact: true })
        .fill('The anchor-dragging vessel answers to a state actor');
      await eeas.page.getByLabel('Track', { exact: true }).selectOption('attribution');
      await eeas.page.getByRole('button', { name: 'Post the note' }).click();
      const attribution = (t: Tab) =>
        t.page.locator('section', {
          has: t.page.getByRole('heading', { name: 'Attribution and response to the actor' }),
        });
      await attribution(eeas)
        .locator('p.entry__text', { hasText: 'The anchor-dragging vessel answers to a state actor' })
        .waitFor(WAIT);
      // Then a note for every participant: a page that shows it has loaded the log the attribution note is in.
      const everyone = await (await journey.api('EEAS')).post(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: 'The repair ship is due on site on Thursday',
        marking: 'TLP:GREEN',
      });
      expect(everyone.status).toBe(201);

      const a = await journey.tab(A);
      await a.page.goto(address());
      await attribution(a)
        .locator('p.entry__text', { hasText: 'The anchor-dragging vessel answers to a state actor' })
        .waitFor(WAIT);
      await b.page.reload();
      await attribution(b)
        .locator('p.entry__text', { hasText: 'The anchor-dragging vessel answers to a state actor' })
        .waitFor(WAIT);
      const other = await journey.tab(OTHER);
      await other.page.goto(address());
      await other.page
        .locator('section', { has: other.page.getByRole('heading', { name: 'Consequence management' }) })
        .locator('p.entry__text', { hasText: 'The repair ship is due on site on Thursday' })
        .waitFor(WAIT);
      await other.page.getByTestId('decisions-panel').waitFor(WAIT);
      expect(
        await other.page
          .locator('p.entry__text', { hasText: 'The anchor-dragging vessel answers to a state actor' })
          .count(),
      ).toBe(0);

      // The Presidency assigns an action to A's duty officer, who completes it.
      const decisions = pres.page.getByTestId('decisions-panel');
      await decisions.getByLabel('What is to be done').fill('Share the vessel’s track with the coast guards');
      await decisions.getByLabel('Owner organisation').selectOption(A);
      await decisions
        .getByLabel('Assigned to')
        .locator('option', { hasText: `Duty officer ${A}` })
        .waitFor({ state: 'attached', ...WAIT });
      await decisions.getByLabel('Assigned to').selectOption({ label: `Duty officer ${A}` });
      await decisions.getByRole('button', { name: 'Create the action' }).click();
      await decisions
        .getByText('Action “Share the vessel’s track with the coast guards” created.')
        .waitFor(WAIT);

      await a.page.reload();
      const own = a.page
        .getByTestId('decisions-panel')
        .getByTestId('action')
        .filter({ hasText: 'Share the vessel’s track with the coast guards' });
      await own.getByText('Open', { exact: true }).waitFor(WAIT);
      await own
        .getByRole('button', { name: 'Mark “Share the vessel’s track with the coast guards” done' })
        .click();
      await own.getByText('Done', { exact: true }).waitFor(WAIT);
      await pres.page.reload();
      await pres.page
        .getByTestId('decisions-panel')
        .getByTestId('action')
        .filter({ hasText: 'Share the vessel’s track with the coast guards' })
        .getByText('Done', { exact: true })
        .waitFor(WAIT);
      for (const t of [pres, a, b, eeas, other]) {
        await expectAccessible(t.page);
        expect(t.errors).toEqual([]);
      }
      // Each journey's tabs close at its end: live pages left open would only slow the next one down.
      await journey.closeTabs();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "a meeting's minutes and a restricted decision taken there, and a shift handover acknowledged",
    async () => {
      const convener = await journey.api(presidency);
      const start = clock.now().getTime() + HOUR;
      const convened = await convener.post<Meeting>(`/api/incidents/${incidentId}/meetings`, {
        title: 'IPCR roundtable on the cable',
        format: 'ipcr-roundtable',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + HOUR).toISOString(),
        invited: [A, B, OTHER, presidency, 'EEAS'],
      });
      expect(convened.status).toBe(201);

      const pres = await journey.tab(presidency);
      await pres.page.goto(address());
      const meetings = pres.page.getByTestId('meetings-panel');
      await meetings
        .getByLabel('Minutes of “IPCR roundtable on the cable”')
        .fill('Repair on Thursday; options prepared');
      await meetings.getByRole('button', { name: 'Save the minutes' }).click();
      await meetings.getByText('Minutes of “IPCR roundtable on the cable” saved.').waitFor(WAIT);
      await meetings.getByText('Minutes: Repair on Thursday; options prepared').waitFor(WAIT);

      // A decision taken at the meeting, for the EEAS and the affected states only.
      await meetings.getByText('Record a decision or an action from “IPCR roundtable on the cable”').click();
      const taken = meetings.locator('form', { hasText: 'A decision taken at this meeting' });
      await taken.getByLabel('Level').selectOption('strategic');
      await taken.getByLabel('Who decided').fill('IPCR roundtable');
      await taken.getByLabel('What was decided').fill('Prepare response options towards the actor');
      await taken.getByLabel('Marking').selectOption('TLP:AMBER');
      const audience = taken.locator('fieldset.org-picker');
      await audience.getByRole('checkbox', { name: /\(EEAS\b/ }).check();
      for (const state of [A, B, presidency])
        await audience.getByRole('checkbox', { name: new RegExp(` ${state}$`) }).check();
      await taken.getByRole('button', { name: 'Record the decision' }).click();
      await taken.getByText('Decision recorded.').waitFor(WAIT);
      const outcome = meetings.getByTestId('meeting-outcome');
      await outcome.locator('li', { hasText: 'Prepare response options towards the actor' }).waitFor(WAIT);
      // And one for every participant, taken at the same meeting: a page that shows it has loaded the decisions.
      const open = await convener.post(`/api/incidents/${incidentId}/decisions`, {
        level: 'operational',
        decidedBy: 'IPCR roundtable',
        what: 'Ask the cable owner for its repair plan',
        meetingId: convened.body.id,
      });
      expect(open.status).toBe(201);

      const a = await journey.tab(A);
      await a.page.goto(address());
      await a.page
        .getByTestId('meetings-panel')
        .getByTestId('meeting-outcome')
        .locator('li', { hasText: 'Prepare response options towards the actor' })
        .waitFor(WAIT);
      const other = await journey.tab(OTHER);
      await other.page.goto(address());
      await other.page
        .getByTestId('meetings-panel')
        .getByText('IPCR roundtable on the cable', { exact: true })
        .waitFor(WAIT);
      await other.page
        .getByTestId('meetings-panel')
        .getByTestId('meeting-outcome')
        .locator('li', { hasText: 'Ask the cable owner for its repair plan' })
        .waitFor(WAIT);
      expect(await other.page.getByText('Prepare response options towards the actor').count()).toBe(0);

      // A's duty officer hands over to the night officer, who acknowledges on the incident page.
      const handover = a.page.getByTestId('handover-panel');
      await handover.getByLabel('What changed').fill('Attribution note from the EEAS; repair on Thursday');
      await handover.getByLabel(/Open asks/).fill('Coast guard track still to share');
      await handover.getByLabel(/Incoming officer/).selectOption({ label: `Night officer ${A}` });
      await handover.getByRole('button', { name: 'Write the handover note' }).click();
      await handover.getByText('Handover note written.').waitFor(WAIT);
      await handover.getByText('Waiting for the incoming officer to acknowledge.').waitFor(WAIT);
      // The other state's officer hands over too: its page, read afresh, shows its own note and not A's.
      const ownHandover = await (await journey.api(OTHER)).post(`/api/incidents/${incidentId}/handovers`, {
        changed: 'Nothing new on our side',
      });
      expect(ownHandover.status).toBe(201);
      await other.page.reload();
      await other.page
        .getByTestId('handover-panel')
        .getByText('What changed: Nothing new on our side')
        .waitFor(WAIT);
      expect(
        await other.page.getByTestId('handover-panel').getByText('Attribution note from the EEAS').count(),
      ).toBe(0);

      const night = await journey.tab(incoming);
      await night.page.goto(address());
      const panel = night.page.getByTestId('handover-panel');
      await panel.getByText('What changed: Attribution note from the EEAS; repair on Thursday').waitFor(WAIT);
      await panel.getByLabel(/Note on taking over/).fill('Taken over at 22:00');
      await panel.getByRole('button', { name: 'Acknowledge and take over the shift' }).click();
      await panel.getByText(`Acknowledged by Night officer ${A}`).waitFor(WAIT);
      for (const t of [pres, a, other, night]) {
        await expectAccessible(t.page);
        expect(t.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );
});
