import { describe, expect, it } from 'vitest';
import { searchTextOf } from './searchable.js';

describe('the text an entry may be found by', () => {
  it('folds every string of the body', () => {
    expect(searchTextOf('note', { text: 'Outage near Łódź' })).toBe('outage near lodz');
  });

  it('leaves out what the author withheld, however deep', () => {
    const body = {
      title: 'Cable cut',
      entities: [
        { name: 'Secret Operator Oy', sector: 'energy' },
        { name: 'Public Grid', sector: 'energy' },
      ],
      withheld: [{ field: 'entities[0].name', reason: 'commercial' }],
    };
    const text = searchTextOf('report', body);
    expect(text).toContain('public grid');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('commercial');
    expect(searchTextOf('note', { text: 'Hidden', withheld: [{ field: 'text', reason: 'security' }] })).toBe(
      '',
    );
  });

  it('indexes nothing of a kind rendered per reader', () => {
    expect(searchTextOf('status-change', { to: 'applies', entities: ['Named Operator'] })).toBe('');
  });
});
