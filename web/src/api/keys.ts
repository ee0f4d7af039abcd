/** One query key per resource; an incident's entries sit under the incident, so invalidating it covers both. */
export const keys = {
  me: ['me'] as const,
  registry: ['registry'] as const,
  incidents: ['incidents'] as const,
  incident: (id: string) => ['incidents', id] as const,
  entries: (incidentId: string) => ['incidents', incidentId, 'entries'] as const,
  sharingGroups: ['sharing-groups'] as const,
  search: (q: string) => ['search', q] as const,
  recipients: (q: string, nato: boolean) => ['recipients', q, nato] as const,
  cepesRegister: (q: string) => ['cepes-register', q] as const,
  searchAll: ['search'] as const,
  contactPoints: ['contact-points'] as const,
  users: (organisation: string | null) => ['users', organisation ?? 'all'] as const,
  tokens: ['tokens'] as const,
};
