import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.ts';
import { problemsByField } from './problems.ts';

describe('problemsByField', () => {
  it('reads request validation problems', () => {
    const error = new ApiError(400, 'request.validation_failed', 'x', [{ location: 'body', field: 'email', problem: 'must match pattern' }]);
    expect(problemsByField(error)).toEqual({ email: 'must match pattern' });
  });

  it('reads notification preference problems without their prefix', () => {
    const preferences = new ApiError(400, 'reminders.invalid_preferences', 'x', { problems: [{ field: 'quiet_hours.end', message: 'must differ from quiet_hours.start (22:00)' }] });
    expect(problemsByField(preferences)).toEqual({ 'quiet_hours.end': 'must differ from quiet_hours.start (22:00)' });
    const validation = new ApiError(400, 'request.validation_failed', 'x', [{ location: 'body', field: 'notification_preferences.quiet_hours.start', problem: 'must match pattern' }]);
    expect(problemsByField(validation)).toEqual({ 'quiet_hours.start': 'must match pattern' });
  });

  it('reads channel setting problems, including missing ones', () => {
    const error = new ApiError(400, 'integrations.invalid_settings', 'x', {
      problems: ['config.topic must match pattern "^[-_A-Za-z0-9]{1,64}$"', 'config must have required properties domain, service', 'credentials.webhook_url must match pattern'],
    });
    expect(Object.keys(problemsByField(error)).sort()).toEqual(['config.domain', 'config.service', 'config.topic', 'credentials.webhook_url']);
  });

  it('has nothing to say about other errors', () => {
    expect(problemsByField(new Error('boom'))).toEqual({});
    expect(problemsByField(new ApiError(409, 'users.already_exists', 'taken'))).toEqual({});
    expect(problemsByField(undefined)).toEqual({});
  });
});
