/**
 * Country and city of a client address from a MaxMind-format database (GeoLite2 Country or City,
 * which the operator downloads; WORKMATE_GEOIP_DATABASE). Without one, nothing is looked up.
 */
import { readFileSync } from 'node:fs';
import { Reader, type CityResponse } from 'mmdb-lib';

export interface GeoIp {
  locate(ip: string): { country: string | null; city: string | null };
}

export const noGeoIp: GeoIp = { locate: () => ({ country: null, city: null }) };

export function openGeoIp(path: string | undefined): GeoIp {
  if (!path) return noGeoIp;
  const reader = new Reader<CityResponse>(readFileSync(path));
  return {
    locate(ip) {
      try {
        const found = reader.get(ip);
        const country = found?.country?.iso_code ?? found?.registered_country?.iso_code ?? null;
        return { country: country && /^[A-Z]{2}$/.test(country) ? country : null, city: found?.city?.names?.en?.slice(0, 100) ?? null };
      } catch {
        return { country: null, city: null }; // not an address this database covers
      }
    },
  };
}
