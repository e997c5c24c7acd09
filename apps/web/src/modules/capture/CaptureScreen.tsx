// Being built in this session (web app issue #10).
export function CaptureScreen() {
  return <p>CaptureScreen</p>;
}
