// Being built in this session (web app issue #10).
export function DocumentScreen() {
  return <p>DocumentScreen</p>;
}
