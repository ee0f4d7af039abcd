import type { TlpMarking } from '../sharing/model.js';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** The TLP 2.0 extension every TLP 2.0 marking definition names (OASIS cti-stix-common-objects). */
export const TLP_2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The OASIS TLP 2.0 marking-definition ids for STIX 2.1; the TLP 1.0 ids built into STIX 2.1 are not these. */
export const TLP_2_IDS: Record<TlpMarking, string> = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export type MarkingDefinition = {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: string }>;
};

/** The marking definition exactly as OASIS publishes it for TLP 2.0. */
export function tlpMarkingDefinition(marking: TlpMarking): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_2_IDS[marking],
    created: '2022-10-01T00:00:00.000Z',
    name: marking,
    extensions: {
      [TLP_2_EXTENSION]: {
        extension_type: 'property-extension',
        tlp_2_0: marking.slice('TLP:'.length).toLowerCase(),
      },
    },
  };
}

/** A STIX domain object as the export writes it: the common properties, and the type's own and custom ones. */
export interface StixObject {
  type: string;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
  labels?: string[];
  object_marking_refs: string[];
  external_references?: Array<{ source_name: string; external_id?: string; description?: string }>;
  [property: string]: unknown;
}

export type StixExportObject = StixObject | MarkingDefinition;

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixExportObject[];
}

/**
 * Who may see an object on the platform, carried as custom properties (STIX has no audience of its own): the
 * organisations as the reader is shown them, whether the NATO liaison too, and a hidden sharing group by name.
 */
export interface StixAudience {
  x_blueprint_audience: string[];
  x_blueprint_releasable_to_nato: boolean;
  x_blueprint_sharing_group?: string;
}

/** One object of an incident's STIX view with when it reached this reader (what TAXII calls `date_added`). */
export interface PlacedObject {
  object: StixExportObject;
  dateAdded: string;
  /** The version TAXII names: `modified`, or `created` for marking definitions, which have no `modified`. */
  version: string;
  /** The sharing group of the entry the object stands for, if any (TAXII collections per sharing group). */
  sharingGroupId: string | null;
}
