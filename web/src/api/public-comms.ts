/** The disinformation log and the public page of an incident; the server decides who may do what. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Disinformation,
  IncidentDisinformation,
  ReachEstimate,
} from '../../../src/comms/disinformation-model.js';
import type { PublicPageSetting } from '../../../src/comms/public-model.js';
import { api } from './client.js';
import { incidentPath } from './hooks.js';

export { REACH_ESTIMATES } from '../../../src/comms/disinformation-model.js';
export type { Disinformation, PublicPageSetting, ReachEstimate };

const disinformationKey = (incidentId: string) => ['disinformation', incidentId] as const;
const pageKey = (incidentId: string) => ['public-page', incidentId] as const;

export function useDisinformation(incidentId: string) {
  return useQuery({
    queryKey: disinformationKey(incidentId),
    queryFn: () => api.get<IncidentDisinformation>(`${incidentPath(incidentId)}/disinformation`),
  });
}

export interface NewDisinformationInput {
  narrative: string;
  platforms: string[];
  countries: string[];
  observedSince: string;
  reach: ReachEstimate;
  rebuttal?: string;
  links: string[];
  marking: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT';
}

export function useRecordDisinformation(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewDisinformationInput) =>
      api.post<Disinformation>(`${incidentPath(incidentId)}/disinformation`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: disinformationKey(incidentId) }),
  });
}

export function usePublicPage(incidentId: string) {
  return useQuery({
    queryKey: pageKey(incidentId),
    queryFn: () => api.get<PublicPageSetting>(`${incidentPath(incidentId)}/public-page`),
  });
}

export function useSwitchPublicPage(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api.put<PublicPageSetting>(`${incidentPath(incidentId)}/public-page`, { enabled }),
    onSuccess: (setting) => queryClient.setQueryData(pageKey(incidentId), setting),
  });
}
