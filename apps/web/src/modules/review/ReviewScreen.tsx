// Being built in this session (web app issue #10).
export function ReviewScreen() {
  return <p>ReviewScreen</p>;
}
