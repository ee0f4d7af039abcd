export interface MemberState {
  readonly code: string;
  readonly name: string;
  readonly nativeName: string;
}

/** The 27 in the EU's protocol order (alphabetical by name in the state's own language). */
export const MEMBER_STATES: readonly MemberState[] = [
  { code: 'BE', name: 'Belgium', nativeName: 'België / Belgique / Belgien' },
  { code: 'BG', name: 'Bulgaria', nativeName: 'България' },
  { code: 'CZ', name: 'Czechia', nativeName: 'Česko' },
  { code: 'DK', name: 'Denmark', nativeName: 'Danmark' },
  { code: 'DE', name: 'Germany', nativeName: 'Deutschland' },
  { code: 'EE', name: 'Estonia', nativeName: 'Eesti' },
  { code: 'IE', name: 'Ireland', nativeName: 'Éire / Ireland' },
  { code: 'GR', name: 'Greece', nativeName: 'Ελλάδα' },
  { code: 'ES', name: 'Spain', nativeName: 'España' },
  { code: 'FR', name: 'France', nativeName: 'France' },
  { code: 'HR', name: 'Croatia', nativeName: 'Hrvatska' },
  { code: 'IT', name: 'Italy', nativeName: 'Italia' },
  { code: 'CY', name: 'Cyprus', nativeName: 'Κύπρος / Kıbrıs' },
  { code: 'LV', name: 'Latvia', nativeName: 'Latvija' },
  { code: 'LT', name: 'Lithuania', nativeName: 'Lietuva' },
  { code: 'LU', name: 'Luxembourg', nativeName: 'Lëtzebuerg / Luxembourg / Luxemburg' },
  { code: 'HU', name: 'Hungary', nativeName: 'Magyarország' },
  { code: 'MT', name: 'Malta', nativeName: 'Malta' },
  { code: 'NL', name: 'Netherlands', nativeName: 'Nederland' },
  { code: 'AT', name: 'Austria', nativeName: 'Österreich' },
  { code: 'PL', name: 'Poland', nativeName: 'Polska' },
  { code: 'PT', name: 'Portugal', nativeName: 'Portugal' },
  { code: 'RO', name: 'Romania', nativeName: 'România' },
  { code: 'SI', name: 'Slovenia', nativeName: 'Slovenija' },
  { code: 'SK', name: 'Slovakia', nativeName: 'Slovensko' },
  { code: 'FI', name: 'Finland', nativeName: 'Suomi / Finland' },
  { code: 'SE', name: 'Sweden', nativeName: 'Sverige' },
];

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249). User-assigned codes such as XK are not in it:
 * they mean different things to different senders.
 */
export const COUNTRY_CODES: readonly string[] = `
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
  BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
  DE DJ DK DM DO DZ
  EC EE EG EH ER ES ET
  FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
  HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT
  JE JM JO JP
  KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NF NG NI NL NO NP NR NU NZ
  OM
  PA PE PF PG PH PK PL PM PN PR PS PT PW PY
  QA
  RE RO RS RU RW
  SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
  TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
  UA UG UM US UY UZ
  VA VC VE VG VI VN VU
  WF WS
  YE YT
  ZA ZM ZW
`
  .trim()
  .split(/\s+/);

/**
 * Codes that are not ISO 3166-1 country codes but are in common use for one: the EU writes Greece as EL,
 * and many systems still write the United Kingdom as UK (both are "exceptionally reserved" in ISO 3166).
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['EL', 'GR'],
  ['UK', 'GB'],
]);

/**
 * Codes outside ISO 3166-1 that the platform takes as countries all the same: Kosovo's XK, which the EU and most
 * national systems use (CONTRACT "Reference data"), so a Western Balkans partner can be named and assess itself.
 */
const USER_ASSIGNED_COUNTRIES: readonly string[] = ['XK'];

/**
 * Territories with codes of their own that are inside the EU and count for their member state (CONTRACT
 * "Reference data"): the outermost regions and Åland. The Azores and Madeira have no code of their own; overseas
 * countries and territories (Greenland, New Caledonia, Bonaire…) are outside the EU and not listed here.
 */
export const EU_TERRITORIES: ReadonlyMap<string, string> = new Map([
  ['GF', 'FR'],
  ['GP', 'FR'],
  ['MQ', 'FR'],
  ['RE', 'FR'],
  ['YT', 'FR'],
  ['MF', 'FR'],
  ['AX', 'FI'],
  ['IC', 'ES'],
  ['EA', 'ES'],
]);

const countryCodes: ReadonlySet<string> = new Set([
  ...COUNTRY_CODES,
  ...USER_ASSIGNED_COUNTRIES,
  // IC and EA are only "exceptionally reserved" in ISO 3166, but they are how the Canaries, Ceuta and Melilla are written.
  ...EU_TERRITORIES.keys(),
]);
const membersByCode: ReadonlyMap<string, MemberState> = new Map(
  MEMBER_STATES.map((state) => [state.code, state]),
);

/** The canonical ISO code for `input`, or undefined when it names no country. */
export function normaliseCountryCode(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  const code = ALIASES.get(upper) ?? upper;
  return countryCodes.has(code) ? code : undefined;
}

/** True only for canonical codes: aliases must go through normaliseCountryCode first. */
export function isCountryCode(code: string): boolean {
  return countryCodes.has(code);
}

/** The member state a territory inside the EU counts for (RE → FR); undefined for any other code. */
export function memberStateOfTerritory(code: string): string | undefined {
  return EU_TERRITORIES.get(code);
}

/**
 * Where a canonical country code counts: a territory inside the EU for its member state, with the territory kept
 * (`{ country: 'FR', territory: 'RE' }`); any other code for itself.
 */
export function countingCountry(code: string): { country: string; territory?: string } {
  const state = EU_TERRITORIES.get(code);
  return state ? { country: state, territory: code } : { country: code };
}

/** True only for canonical codes (GR, not EL). */
export function isMemberState(code: string): boolean {
  return membersByCode.has(code);
}

export function memberStateByCode(code: string): MemberState | undefined {
  return membersByCode.get(code);
}

const displayNames = new Map<string, Intl.DisplayNames>();

function regionNames(locale: string): Intl.DisplayNames {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names;
}

/**
 * The country's name in `locale`; the code itself when it is no country. Member states in English use our
 * own short names, which follow the EU's style guide where ICU differs.
 */
export function countryName(code: string, locale = 'en'): string {
  const canonical = normaliseCountryCode(code);
  if (canonical === undefined) return code;
  const member = membersByCode.get(canonical);
  if (member && (locale === 'en' || locale.toLowerCase().startsWith('en-'))) return member.name;
  return regionNames(locale).of(canonical) ?? canonical;
}
