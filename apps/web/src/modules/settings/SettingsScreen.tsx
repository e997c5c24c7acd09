// Being built in this session (web app issue #10).
export function SettingsScreen() {
  return <p>SettingsScreen</p>;
}
