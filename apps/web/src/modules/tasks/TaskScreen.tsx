// Being built in this session (web app issue #10).
export function TaskScreen() {
  return <p>TaskScreen</p>;
}
