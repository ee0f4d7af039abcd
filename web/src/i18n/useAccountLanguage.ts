import { useEffect } from 'react';
import type { Me } from '../api/types.js';
import { isLanguage, setLanguage } from './index.js';

/** A signed-in account that chose a language gets it on every device and browser it signs in from. */
export function useAccountLanguage(me: Me | null | undefined): void {
  const chosen = me?.languageChosen && isLanguage(me.language) ? me.language : undefined;
  useEffect(() => {
    if (chosen) void setLanguage(chosen);
  }, [chosen]);
}
