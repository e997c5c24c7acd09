/**
 * Every screen and its URL. Screens load on demand (one chunk each), so the first screen only
 * carries what Today needs.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequireSession } from '../shared/session/session.tsx';
import { LoadingScreen } from '../shared/ui/Loading.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundScreen } from './NotFoundScreen.tsx';
import { TodayScreen } from '../modules/today/TodayScreen.tsx';

function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Screen = lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType };
  });
  return (
    <Suspense fallback={<LoadingScreen />}>
      <Screen />
    </Suspense>
  );
}

const SignIn = screen(() => import('../modules/auth/SignInScreen.tsx'), 'SignInScreen');
const Register = screen(() => import('../modules/auth/RegisterScreen.tsx'), 'RegisterScreen');
const Focus = screen(() => import('../modules/today/FocusScreen.tsx'), 'FocusScreen');
const Capture = screen(() => import('../modules/capture/CaptureScreen.tsx'), 'CaptureScreen');
const Review = screen(() => import('../modules/review/ReviewScreen.tsx'), 'ReviewScreen');
const Documents = screen(() => import('../modules/documents/DocumentsScreen.tsx'), 'DocumentsScreen');
const DocumentDetail = screen(() => import('../modules/documents/DocumentScreen.tsx'), 'DocumentScreen');
const Tasks = screen(() => import('../modules/tasks/TasksScreen.tsx'), 'TasksScreen');
const TaskDetail = screen(() => import('../modules/tasks/TaskScreen.tsx'), 'TaskScreen');
const Agenda = screen(() => import('../modules/agenda/AgendaScreen.tsx'), 'AgendaScreen');
const Notifications = screen(() => import('../modules/notifications/NotificationsScreen.tsx'), 'NotificationsScreen');
const Settings = screen(() => import('../modules/settings/SettingsScreen.tsx'), 'SettingsScreen');
const NotificationSettings = screen(() => import('../modules/settings/NotificationSettingsScreen.tsx'), 'NotificationSettingsScreen');
const Security = screen(() => import('../modules/security/SecurityScreen.tsx'), 'SecurityScreen');

function signedIn(children: ReactNode) {
  return <RequireSession>{children}</RequireSession>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={SignIn} />
      <Route path="/register" element={Register} />
      <Route element={signedIn(<Layout />)}>
        <Route index element={<TodayScreen />} />
        <Route path="focus" element={Focus} />
        <Route path="capture" element={Capture} />
        <Route path="documents" element={Documents} />
        <Route path="documents/:id" element={DocumentDetail} />
        <Route path="documents/:id/review" element={Review} />
        <Route path="tasks" element={Tasks} />
        <Route path="tasks/:id" element={TaskDetail} />
        <Route path="agenda" element={Agenda} />
        <Route path="notifications" element={Notifications} />
        <Route path="settings" element={Settings} />
        <Route path="settings/notifications" element={NotificationSettings} />
        <Route path="settings/security" element={Security} />
        <Route path="*" element={<NotFoundScreen />} />
      </Route>
    </Routes>
  );
}
