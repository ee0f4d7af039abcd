import type { StixExportObject } from '../interchange/stix-export-model.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** The one API root, under the discovery endpoint `/taxii2/`. */
export const API_ROOT = 'blueprint';
/** The most objects one page carries, whatever `limit` asks for. */
export const MAX_PAGE = 100;

/** A TAXII 2.1 error message (its own format, not the platform's `{"error":…}`). */
export class TaxiiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description?: string,
  ) {
    super(title);
  }
}

export interface TaxiiErrorBody {
  title: string;
  description?: string;
  http_status: string;
}

export interface Collection {
  id: string;
  title: string;
  description: string;
  can_read: true;
  can_write: false;
  media_types: string[];
}

/** What a request asks of a collection's objects: TAXII's filters and paging, already checked. */
export interface ObjectQuery {
  addedAfter?: string;
  limit: number;
  /** Where the previous page ended: the last object's `date_added` and id. */
  after?: { dateAdded: string; id: string };
  ids?: string[];
  types?: string[];
  /** `last`, `first`, `all` or timestamps; the platform keeps one version of each object. */
  versions: string[];
  specVersions?: string[];
}

export interface Page<T> {
  items: T[];
  more: boolean;
  next?: string;
  dateAddedFirst?: string;
  dateAddedLast?: string;
}

export interface CollectionObject {
  object: StixExportObject;
  dateAdded: string;
  version: string;
}
