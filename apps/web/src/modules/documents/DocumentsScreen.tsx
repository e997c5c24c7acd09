// Being built in this session (web app issue #10).
export function DocumentsScreen() {
  return <p>DocumentsScreen</p>;
}
