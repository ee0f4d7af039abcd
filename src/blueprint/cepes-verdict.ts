/**
 * What the CEPES register kept by ERCC says about an entity that a report references by `cepesId`. The register's
 * verdict overrides the presumption (a `cepes` flag, or six or more member states served), and its state of
 * establishment and states served then decide who may assert the entity's disruption (CONTRACT, "Who sees what").
 */
export interface CepesRegisterVerdict {
  readonly id: string;
  readonly name: string;
  /** `eu-infrastructure` holds EU space-programme assets (Galileo, EGNOS, GOVSATCOM): never a CEPES. */
  readonly kind: 'cepes' | 'not-cepes' | 'eu-infrastructure';
  readonly establishedIn: string;
  readonly memberStatesServed: readonly string[];
  readonly sectors: readonly string[];
}

/** The register's verdicts for the entities one incident references, by register id. */
export type CepesRegister = ReadonlyMap<string, CepesRegisterVerdict>;

export const NO_REGISTER: CepesRegister = new Map();
