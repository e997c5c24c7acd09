// Being built in this session (web app issue #10).
export function NotificationSettingsScreen() {
  return <p>NotificationSettingsScreen</p>;
}
