import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAssistanceBoard } from '../api/assistance.js';
import { RequestCard } from '../components/assistance/RequestCard.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';

/** ERCC's board: every open request for assistance across incidents, most urgent first. */
export function AssistanceBoard() {
  const { t } = useTranslation();
  const board = useAssistanceBoard();
  return (
    <Page title={t('assistance.boardTitle')}>
      {board.isPending ? <Loading /> : null}
      {board.error ? <QueryError error={board.error} onRetry={() => board.refetch()} /> : null}
      {board.data?.items.length === 0 ? <p>{t('assistance.boardEmpty')}</p> : null}
      {board.data?.items.map((request) => (
        <RequestCard key={request.id} request={request} showIncident>
          <Link to={`/incidents/${encodeURIComponent(request.incidentId)}`}>
            {t('assistance.openIncident')}
          </Link>
        </RequestCard>
      ))}
    </Page>
  );
}
