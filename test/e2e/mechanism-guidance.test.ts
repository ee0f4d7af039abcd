// Mechanism guidance in the browser: a state reports a deliberate cyber attack touching international security; the
// panel names each suggested mechanism with who leads it, what it leads on and why, IPCR with the mode the facts
// point to. A later update that says public order is affected brings Europol's protocol for that reason too.
import { describe, it } from 'vitest';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: mechanism guidance with roles and reasons', () => {
  const journey = browserJourney({ domain: 'guidance.example.eu', organisations: ['FI', 'EE', 'EEAS'] });

  it(
    'shows what each suggested mechanism leads on and why, and follows a later update',
    async () => {
      const { incident, address } = await journey.report('FI', {
        title: 'Grid control systems attacked',
        cause: 'cyber',
        suspectedDeliberate: true,
        internationalSecurity: true,
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      const ee = await journey.api('EE');
      await ee.post(`/api/incidents/${incident.id}/assessments`, { memberState: 'EE', level: 'significant' });

      const eeas = await journey.tab('EEAS');
      await eeas.page.goto(address);
      const panel = eeas.page.locator('section', { hasText: 'EU mechanisms working on this incident' });
      await panel.getByText('Suggested mechanisms, each with its reason').waitFor(WAIT);
      const line = (text: RegExp) => panel.locator('li', { hasText: text }).first().waitFor(WAIT);
      await line(
        /Cyber Diplomacy Toolbox.*leads on the response to the actor \(attribution track\): a cyber or hybrid cause/,
      );
      await line(
        /IPCR.* in information sharing mode \(the Presidency decides\), leads on political coordination/,
      );
      await line(/ARGUS, leads on the Commission’s internal coordination: /);
      await line(
        /EU Hybrid Toolbox.*: a deliberate act is suspected where international security is involved/,
      );

      const fi = await journey.api('FI');
      const said = await fi.post(`/api/incidents/${incident.id}/updates`, {
        stage: 'other',
        text: 'Crowds gather at closed petrol stations in Helsinki',
        publicOrderImpact: true,
      });
      if (said.status !== 201) throw new Error(`the update was refused: ${JSON.stringify(said.body)}`);
      await eeas.page.reload();
      await line(
        /law-enforcement emergency response protocol.*leads on the criminal investigation: public order is affected/,
      );
    },
    JOURNEY_TIMEOUT,
  );
});
