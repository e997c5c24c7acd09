import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.ts';
import { ublFile } from '../../shared/testing/documents.ts';
import { signUpForTest } from '../../shared/testing/render.tsx';
import { sameOriginAs } from './testing.ts';
import { uploadDocument, type UploadCall } from './upload.ts';

describe('uploadDocument', () => {
  it('renews an expired session once and sends the files again', async () => {
    const user = await signUpForTest();
    sameOriginAs(user.baseUrl);
    let renewals = 0;
    const options: UploadCall = {
      baseUrl: user.baseUrl,
      bearer: 'wma_expired-long-ago',
      renew: async () => {
        renewals += 1;
        options.bearer = user.accessToken; // what the API client's refresh gives the session
        return true;
      },
    };
    const answer = await uploadDocument(ublFile({ number: `R-${Math.random().toString(36).slice(2, 8)}` }), options);
    expect(answer.documents).toHaveLength(1);
    expect(renewals).toBe(1);
  });

  it('gives up with the 401 when the session cannot be renewed, and asks only once', async () => {
    const user = await signUpForTest();
    sameOriginAs(user.baseUrl);
    let renewals = 0;
    const upload = uploadDocument(ublFile(), { baseUrl: user.baseUrl, bearer: 'wma_expired-long-ago', renew: async () => (renewals += 1) > 100 });
    await expect(upload).rejects.toMatchObject({ status: 401 });
    await expect(upload).rejects.toBeInstanceOf(ApiError);
    expect(renewals).toBe(1);
  });

  it('does not renew for a refusal that is not about the session', async () => {
    const user = await signUpForTest();
    sameOriginAs(user.baseUrl);
    let renewals = 0;
    const notADocument = new File(['just some words'], 'notiz.txt', { type: 'text/plain' });
    const upload = uploadDocument(notADocument, { baseUrl: user.baseUrl, bearer: user.accessToken, renew: async () => (renewals += 1) > 0 });
    await expect(upload).rejects.toMatchObject({ status: 415 });
    expect(renewals).toBe(0);
  });
});
