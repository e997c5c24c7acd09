/**
 * Operator authentication until accounts exist: `Authorization: Bearer <WORKMATE_ADMIN_TOKEN>`.
 * Checked on request (before the body is read); with no token configured the operator API is off.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function requireAdminToken(adminToken: string | undefined) {
  const expected = adminToken ? digest(adminToken) : undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!expected) {
      return reply.status(403).send({ error: { code: 'auth.operator_api_disabled', message: 'The operator API is off: set WORKMATE_ADMIN_TOKEN to use it.' } });
    }
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      return reply.status(401).send({ error: { code: 'auth.unauthenticated', message: 'Send the operator token as "Authorization: Bearer <token>".' } });
    }
  };
}
