// Being built in this session (web app issue #10).
export function SecurityScreen() {
  return <p>SecurityScreen</p>;
}
