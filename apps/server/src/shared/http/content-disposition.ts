/**
 * A Content-Disposition header that is safe for any filename (RFC 6266 + RFC 8187): an ASCII
 * fallback without quotes, backslashes, control characters or path parts, plus the exact name
 * percent-encoded as UTF-8 for clients that understand `filename*`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const base = filename.split(/[/\\]/).pop()?.trim() || 'download';
  const fallback = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 200) || 'download';
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
