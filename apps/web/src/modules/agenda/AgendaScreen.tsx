// Being built in this session (web app issue #10).
export function AgendaScreen() {
  return <p>AgendaScreen</p>;
}
