// Being built in this session (web app issue #10).
export function RegisterScreen() {
  return <p>RegisterScreen</p>;
}
