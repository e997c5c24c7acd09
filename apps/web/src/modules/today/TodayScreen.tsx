// Being built in this session (web app issue #10).
export function TodayScreen() {
  return <p>TodayScreen</p>;
}
