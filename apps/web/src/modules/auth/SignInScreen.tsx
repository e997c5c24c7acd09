// Being built in this session (web app issue #10).
export function SignInScreen() {
  return <p>SignInScreen</p>;
}
