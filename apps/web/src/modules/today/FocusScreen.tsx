// Being built in this session (web app issue #10).
export function FocusScreen() {
  return <p>FocusScreen</p>;
}
