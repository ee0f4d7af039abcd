import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECTOR_NAMES_NL, SUBSECTOR_NAMES_NL } from './sector-names-nl.js';
import { SECTORS } from './sectors.js';

const catalogue = JSON.parse(
  readFileSync(new URL('../../web/src/i18n/nl.json', import.meta.url), 'utf8'),
) as {
  vocabulary: { sector: Record<string, string>; subsector: Record<string, string> };
};

describe('the Dutch names of the CER sectors', () => {
  it('name every sector and subsector, as the web app does', () => {
    expect(SECTOR_NAMES_NL).toEqual(catalogue.vocabulary.sector);
    expect(SUBSECTOR_NAMES_NL).toEqual(catalogue.vocabulary.subsector);
    for (const sector of SECTORS) {
      expect(SECTOR_NAMES_NL[sector.id]).toBeTruthy();
      for (const sub of sector.subsectors) expect(SUBSECTOR_NAMES_NL[sub.id]).toBeTruthy();
    }
  });
});
