/**
 * What the HTTP provider drivers' own tests check alike, beyond the contract suite: a failure is a
 * DeliveryError that repeats neither the foreign body nor a secret, an answer's status is mapped to
 * a kind, and settings that cannot work are refused before anyone is contacted. Also the part of a
 * contract harness a recording fake provides, and the closing of each test's fake.
 */
import { afterEach, expect } from 'vitest';
import { FOREIGN_BODY_CANARY, type ChannelHarness, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import { DeliveryError, type DeliveryErrorKind } from '../../notifications.types.ts';

/** The fake a test leaves behind is closed after it; call in a describe block, pass each fake started. */
export function closeAfterEach<Fake extends { close(): Promise<void> }>(): (fake: Fake) => Fake {
  let open: Fake | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return (fake) => {
    open = fake;
    return fake;
  };
}

/** The part of a contract harness a fake provides: what it accepted, as a person sees it, and its failures. */
export function fakeHarness<Entry>(
  fake: { waitFor(count: number, waitMs: number): Promise<Entry[]>; failNextWithError(): void; hangNext(): void; close(): Promise<void> },
  asSeen: (entry: Entry) => ReceivedMessage,
): Pick<ChannelHarness, 'received' | 'failNextWithError' | 'hangNext' | 'close'> {
  return {
    received: async ({ count = 1, waitMs = 5_000 } = {}) => (await fake.waitFor(count, waitMs)).map(asSeen),
    failNextWithError: () => fake.failNextWithError(),
    hangNext: () => fake.hangNext(),
    close: () => fake.close(),
  };
}

/** The DeliveryError the delivery fails with; the test fails if it succeeds, or if the error names the foreign body or one of `secrets`. */
export async function expectDeliveryError(delivery: Promise<unknown>, secrets: readonly string[] = []): Promise<DeliveryError> {
  const caught = await delivery.then(
    () => expect.unreachable('the delivery should have failed'),
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(DeliveryError);
  const error = caught as DeliveryError;
  for (const text of [FOREIGN_BODY_CANARY, ...secrets]) expect(error.message).not.toContain(text);
  return error;
}

/**
 * Has the fake answer the next request with `status` in its provider's shape (a redirect pointing
 * elsewhere), then checks that the attempt fails as `kind`, naming the status and inventing no wait.
 */
export async function expectStatusMapped(
  fake: { answerNext(status: number, headers?: Record<string, string>): void },
  status: number,
  kind: DeliveryErrorKind,
  attempt: () => Promise<DeliveryError>,
): Promise<void> {
  fake.answerNext(status, status >= 300 && status < 400 ? { location: 'https://elsewhere.example/' } : undefined);
  const error = await attempt();
  expect(error.kind).toBe(kind);
  expect(error.message).toContain(String(status));
  expect(error.retryAfterMs).toBeUndefined();
}

/**
 * Every attempt, in turn, fails as a configuration problem (with exactly `message` when given), and
 * the fake saw no request: the driver refused before contacting anyone (settings it cannot use, or
 * the outbound guard refusing a private address).
 */
export async function expectRefusedBeforeContact(fake: { readonly arrivals: readonly unknown[] }, attempts: readonly (() => Promise<DeliveryError>)[], message?: string): Promise<void> {
  for (const attempt of attempts) {
    const error = await attempt();
    expect(error).toMatchObject({ kind: 'configuration', retryable: false, ...(message === undefined ? {} : { message }) });
  }
  expect(fake.arrivals).toHaveLength(0);
}
