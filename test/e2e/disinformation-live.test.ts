// The disinformation log follows the stream: Estonia's open incident page shows a narrative Finland logs, and loses
// it when Finland retracts it, without a reload.
import { describe, expect, it } from 'vitest';
import type { Disinformation } from '../../src/comms/disinformation-model.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: the disinformation log live', () => {
  const journey = browserJourney({ domain: 'disinfo-live.example.eu', organisations: ['FI', 'EE'] });

  it(
    'shows a narrative logged elsewhere and drops it once retracted',
    async () => {
      const { incident, address } = await journey.report('FI', {
        title: 'Gulf of Finland cable cut',
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      const ee = await journey.tab('EE');
      await ee.page.goto(address);
      const log = ee.page.getByRole('region', { name: 'Disinformation log' });
      await log.getByRole('button', { name: 'Log the narrative' }).waitFor(WAIT);

      const fi = await journey.api('FI');
      const posted = await fi.post<Disinformation>(`/api/incidents/${incident.id}/disinformation`, {
        narrative: 'The cable was cut to raise prices',
        platforms: ['Telegram'],
        countries: ['FI', 'EE'],
        observedSince: new Date(Date.now() - 3_600_000).toISOString(),
        reach: 'high',
        marking: 'TLP:GREEN',
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      const listed = log.getByText('The cable was cut to raise prices');
      await listed.waitFor(WAIT);

      const retracted = await fi.post(`/api/incidents/${incident.id}/entries/${posted.body.id}/retraction`, {
        reason: 'A real statement after all',
      });
      expect(retracted.status, JSON.stringify(retracted.body)).toBe(201);
      await listed.waitFor({ ...WAIT, state: 'detached' });
      expect(ee.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
