import { describe, expect, it } from 'vitest';
import { noGeoIp, openGeoIp } from './geoip.ts';
import { writeTestGeoIpDatabase } from './testing/mmdb-writer.ts';

describe('GeoIP', () => {
  it('finds country and city of an address in a MaxMind database', () => {
    const geo = openGeoIp(writeTestGeoIpDatabase());
    expect(geo.locate('203.0.113.77')).toEqual({ country: 'DE', city: 'Berlin' });
    expect(geo.locate('192.0.2.1')).toEqual({ country: 'FR', city: 'Lyon' });
    expect(geo.locate('10.1.2.3')).toEqual({ country: null, city: null });
    expect(geo.locate('2001:db8::1')).toEqual({ country: null, city: null });
  });

  it('looks nothing up without a database', () => {
    expect(noGeoIp.locate('203.0.113.77')).toEqual({ country: null, city: null });
  });
});
