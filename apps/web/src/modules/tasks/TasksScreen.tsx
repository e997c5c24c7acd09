// Being built in this session (web app issue #10).
export function TasksScreen() {
  return <p>TasksScreen</p>;
}
