import { Route, Routes } from 'react-router';
import { RequireSession } from './components/RequireSession.js';
import { Account } from './routes/Account.js';
import { AdminUsers } from './routes/AdminUsers.js';
import { AlertSettings } from './routes/AlertSettings.js';
import { AssistanceBoard } from './routes/AssistanceBoard.js';
import { CepesRegister } from './routes/CepesRegister.js';
import { ContactChecks, ContactCheckView } from './routes/ContactChecks.js';
import { CoordinationMetrics } from './routes/CoordinationMetrics.js';
import { CoordinationOverTime } from './routes/CoordinationOverTime.js';
import { Directory } from './routes/Directory.js';
import { ExerciseFacilitator } from './routes/ExerciseFacilitator.js';
import { ForgotPassword } from './routes/ForgotPassword.js';
import { Home } from './routes/Home.js';
import { IncidentDetail } from './routes/IncidentDetail.js';
import { Incidents } from './routes/Incidents.js';
import { Login } from './routes/Login.js';
import { NotFound } from './routes/NotFound.js';
import { RecommendationsForUs } from './routes/RecommendationsForUs.js';
import { ReportIncident } from './routes/ReportIncident.js';
import { ResetPassword } from './routes/ResetPassword.js';
import { Search } from './routes/Search.js';
import { SharingGroups } from './routes/SharingGroups.js';
import { SitrepCompare } from './routes/SitrepCompare.js';
import { SitrepList } from './routes/SitrepList.js';
import { SitrepView } from './routes/SitrepView.js';
import { Wall } from './routes/Wall.js';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<Login />} />
      <Route path="/forgot-password" element={<ForgotPassword />} />
      <Route path="/reset-password" element={<ResetPassword />} />
      <Route path="/wall" element={<Wall />} />
      <Route element={<RequireSession />}>
        <Route index element={<Home />} />
        <Route path="incidents" element={<Incidents />} />
        <Route path="incidents/new" element={<ReportIncident />} />
        <Route path="incidents/:id" element={<IncidentDetail />} />
        <Route path="incidents/:id/sitreps" element={<SitrepList />} />
        <Route path="incidents/:id/metrics" element={<CoordinationMetrics />} />
        <Route path="coordination-metrics" element={<CoordinationOverTime />} />
        <Route path="incidents/:id/sitreps/compare" element={<SitrepCompare />} />
        <Route path="incidents/:id/sitreps/:sitrepId" element={<SitrepView />} />
        <Route path="directory" element={<Directory />} />
        <Route path="contact-checks" element={<ContactChecks />} />
        <Route path="contact-checks/:id" element={<ContactCheckView />} />
        <Route path="cepes-register" element={<CepesRegister />} />
        <Route path="exercises/run" element={<ExerciseFacilitator />} />
        <Route path="sharing-groups" element={<SharingGroups />} />
        <Route path="search" element={<Search />} />
        <Route path="assistance" element={<AssistanceBoard />} />
        <Route path="recommendations" element={<RecommendationsForUs />} />
        <Route path="admin/users" element={<AdminUsers />} />
        <Route path="account" element={<Account />} />
        <Route path="account/alerts" element={<AlertSettings />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
