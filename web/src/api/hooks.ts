/**
 * TanStack Query hooks over the API: one query key per resource, invalidated by the mutations that change it.
 * Incidents and their entries are kept current by the live stream (`LiveUpdates`), not by polling.
 */
import { QueryCache, QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, isApiError } from './client.js';
import { clearJournal, entryArrived, journalPosition, replayJournal } from './entryCache.js';
import { keys } from './keys.js';
import type {
  ApiToken,
  Attachment,
  ContactPoint,
  CreatedToken,
  CreateUserRequest,
  Entry,
  Incident,
  IncidentSummary,
  ListResponse,
  Me,
  NewNoteRequest,
  NewSharingGroupRequest,
  ReachChangeResult,
  ReachRequest,
  Registry,
  SearchHit,
  SecondFactorSetup,
  SharingGroup,
  TlpMarking,
  UpdateContactPointRequest,
  UpdateUserRequest,
  User,
} from './types.js';

export { keys };

/**
 * A query answered 401: the session has ended, so forget who is signed in (the app then shows the sign-in
 * page). Client errors are not retried: asking again gives the same answer.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] === keys.me[0]) return;
        if (isApiError(error, 401)) client.setQueryData(keys.me, null);
        // A second factor was reset meanwhile: fetch who we are again, and the app shows the enrolment screen.
        else if (isApiError(error, 403) && error.code === 'second-factor-enrolment-required')
          void client.invalidateQueries({ queryKey: keys.me });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400) && failures < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/api/me');
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/**
 * Drops what the previous user could see. The `me` query stays (and is then set) so that the components
 * watching it learn at once who, if anyone, is signed in.
 */
export function forgetEverythingButMe(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
  clearJournal();
}

let signedOutOnPurpose = false;

/**
 * True after the reader pressed "Sign out" (until the next sign-in): the sign-in page then starts afresh
 * instead of offering to return to the page they left, as it does when a session expires.
 */
export function signedOutDeliberately(): boolean {
  return signedOutOnPurpose;
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<{ me: Me }>('/api/auth/login', input),
    onSuccess: ({ me }) => {
      signedOutOnPurpose = false;
      forgetEverythingButMe(queryClient);
      queryClient.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      signedOutOnPurpose = true;
      forgetEverythingButMe(queryClient);
      queryClient.setQueryData(keys.me, null);
    },
  });
}

export function useRegistry() {
  return useQuery({
    queryKey: keys.registry,
    queryFn: () => api.get<Registry>('/api/registry'),
    staleTime: 60 * 60_000,
  });
}

export function useIncidents() {
  return useQuery({
    queryKey: keys.incidents,
    queryFn: async () => (await api.get<ListResponse<IncidentSummary>>('/api/incidents')).items,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: keys.incident(id),
    queryFn: () => api.get<Incident>(`/api/incidents/${encodeURIComponent(id)}`),
  });
}

export function incidentPath(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}`;
}

function entryPath(incidentId: string, entryId: string): string {
  return `${incidentPath(incidentId)}/entries/${encodeURIComponent(entryId)}`;
}

/** The incident's log as the reader may see it, oldest first; the live stream keeps it current. */
export function useEntries(incidentId: string) {
  return useQuery({
    queryKey: keys.entries(incidentId),
    queryFn: async () => {
      const since = journalPosition();
      const { items } = await api.get<ListResponse<Entry>>(`${incidentPath(incidentId)}/entries`);
      return replayJournal(incidentId, items, since);
    },
  });
}

export function usePostNote(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewNoteRequest) => api.post<Entry>(`${incidentPath(incidentId)}/entries`, body),
    onSuccess: (entry) => entryArrived(queryClient, entry),
  });
}

export function useChangeReach(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, body }: { entryId: string; body: ReachRequest }) =>
      api.post<ReachChangeResult>(`${entryPath(incidentId, entryId)}/reach`, body),
    onSuccess: (result) => {
      entryArrived(queryClient, result.entry);
      // The change is itself an entry; the stream brings it too, this only makes sure.
      void queryClient.invalidateQueries({ queryKey: keys.entries(incidentId) });
    },
  });
}

export interface AttachmentInput {
  entryId: string;
  file: File;
  marking: TlpMarking;
  /** Left out, the attachment goes to everyone who may read the entry. */
  audience?: string[];
  recipients?: string[];
  releasableToNato?: boolean;
}

/** The attachment's reach travels in the query string; the file itself is the raw body. */
export function attachmentUploadPath(incidentId: string, input: Omit<AttachmentInput, 'file'>, name: string) {
  const query = new URLSearchParams({ name, marking: input.marking });
  if (input.marking === 'TLP:RED') query.set('recipients', (input.recipients ?? []).join(','));
  else if (input.audience) query.set('audience', input.audience.join(','));
  if (input.releasableToNato !== undefined) query.set('nato', String(input.releasableToNato));
  return `${entryPath(incidentId, input.entryId)}/attachments?${query.toString()}`;
}

export function useAttachFile(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AttachmentInput) =>
      api.upload<Attachment>(
        attachmentUploadPath(incidentId, input, input.file.name),
        input.file,
        input.file.type,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.entries(incidentId) }),
  });
}

export function attachmentDownloadPath(incidentId: string, entryId: string, attachmentId: string): string {
  return `${entryPath(incidentId, entryId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The address of an export of the incident's log for an audience (served as a download). */
export function exportPath(incidentId: string, audience: readonly string[], nato: boolean): string {
  const query = new URLSearchParams({ audience: audience.join(','), nato: String(nato) });
  return `${incidentPath(incidentId)}/export?${query.toString()}`;
}

/** The incident as a STIX 2.1 bundle, as the signed-in reader may see it (for a CSIRT's MISP or OpenCTI). */
export function stixPath(incidentId: string): string {
  return `${incidentPath(incidentId)}/stix`;
}

export function useSharingGroups(enabled = true) {
  return useQuery({
    queryKey: keys.sharingGroups,
    enabled,
    queryFn: async () => (await api.get<ListResponse<SharingGroup>>('/api/sharing-groups')).items,
  });
}

export function useCreateSharingGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSharingGroupRequest) => api.post<SharingGroup>('/api/sharing-groups', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.sharingGroups }),
  });
}

export function useUpdateSharingGroupMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, members }: { id: string; members: string[] }) =>
      api.put<SharingGroup>(`/api/sharing-groups/${encodeURIComponent(id)}/members`, { members }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.sharingGroups });
      // Entries shared with the group follow its membership when read.
      void queryClient.invalidateQueries({ queryKey: keys.incidents });
    },
  });
}

/** Incident titles and entries matching `q` (at least two characters), only what the reader may see. */
export function useSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: keys.search(query),
    enabled: query.length >= 2,
    queryFn: async () =>
      (await api.get<ListResponse<SearchHit>>(`/api/search?q=${encodeURIComponent(query)}`)).items,
  });
}

export function useContactPoints() {
  return useQuery({
    queryKey: keys.contactPoints,
    queryFn: async () => (await api.get<ListResponse<ContactPoint>>('/api/contact-points')).items,
  });
}

export function useUpdateContactPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ organisation, body }: { organisation: string; body: UpdateContactPointRequest }) =>
      api.put<ContactPoint>(`/api/contact-points/${encodeURIComponent(organisation)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.contactPoints }),
  });
}

/** Users of one organisation, or of every organisation the caller may manage when `organisation` is null. */
export function useUsers(organisation: string | null, enabled = true) {
  return useQuery({
    queryKey: keys.users(organisation),
    enabled,
    queryFn: async () => {
      const query = organisation ? `?organisation=${encodeURIComponent(organisation)}` : '';
      return (await api.get<ListResponse<User>>(`/api/users${query}`)).items;
    },
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<User>('/api/users', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: keys.contactPoints });
    },
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: keys.contactPoints });
    },
  });
}

export function useSecondFactorSetup() {
  return useMutation({
    mutationFn: () => api.post<SecondFactorSetup>('/api/me/second-factor/setup'),
  });
}

export function useConfirmSecondFactor() {
  return useMutation({
    // The answer carries the recovery codes, shown once: the enrolment screen shows them and moves on (setting
    // `me`) only when the user has stored them.
    mutationFn: (code: string) =>
      api.post<Me & { recoveryCodes: string[] }>('/api/me/second-factor/confirm', { code }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/me/password', body),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await api.get<ListResponse<ApiToken>>('/api/me/tokens')).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedToken>('/api/me/tokens', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.tokens }),
  });
}
