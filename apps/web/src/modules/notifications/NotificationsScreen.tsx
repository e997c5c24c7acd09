// Being built in this session (web app issue #10).
export function NotificationsScreen() {
  return <p>NotificationsScreen</p>;
}
