/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site
 * ("/tasks?x=1"), never another origin ("//evil.example", "https://…", "/\\evil") and never back
 * to the sign-in or registration screen; otherwise the start page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  if (next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters and backslashes are where browsers and URL parsers disagree.
  if ([...next].some((character) => character === '\\' || character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) return '/';
  const path = next.split(/[?#]/)[0] ?? '';
  if (path === '/login' || path.startsWith('/login/') || path === '/register' || path.startsWith('/register/')) return '/';
  return next;
}
