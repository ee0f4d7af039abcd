import { useTranslation } from 'react-i18next';
import type { Entry } from '../api/types.js';
import en from '../i18n/en.json';
import { useFormat } from '../i18n/useFormat.js';

type FieldName = keyof typeof en.entries.fieldName;

function isFieldName(name: string): name is FieldName {
  return Object.hasOwn(en.entries.fieldName, name);
}

const PATH = /^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?(?:\.([A-Za-z][A-Za-z0-9]*))?$/;

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * A withheld field in words, never as its path: `impacts[0].area` is "The affected area of Estonia's impact". The
 * state an impact is about is a shared fact, so it is named; an entity is numbered, since its name may be withheld.
 */
export function useWithheldFieldName(): (entry: Entry, path: string) => string {
  const { t } = useTranslation();
  const format = useFormat();
  // A field the catalogue has no word for is read from its name ("gridOperator" → "grid operator").
  const name = (field: string) =>
    isFieldName(field)
      ? t(`entries.fieldName.${field}`)
      : field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLocaleLowerCase();
  return (entry, path) => {
    const match = PATH.exec(path);
    if (!match) return path;
    const [, list = '', index, field] = match;
    if (index === undefined) return capitalised(t('entries.fieldPath.plain', { field: name(list) }));
    const number = Number(index) + 1;
    if (list === 'impacts') {
      const impacts = Array.isArray(entry.body.impacts)
        ? (entry.body.impacts as Array<Record<string, unknown>>)
        : [];
      const code = impacts[Number(index)]?.memberState;
      const state = typeof code === 'string' ? format.organisation(code) : String(number);
      return capitalised(
        field
          ? t('entries.fieldPath.ofImpact', { field: name(field), state })
          : t('entries.fieldPath.impact', { state }),
      );
    }
    if (list === 'entities')
      return capitalised(
        field
          ? t('entries.fieldPath.ofEntity', { field: name(field), number })
          : t('entries.fieldPath.entity', { number }),
      );
    return capitalised(
      t('entries.fieldPath.ofItem', { field: name(field ?? list), list: name(list), number }),
    );
  };
}
