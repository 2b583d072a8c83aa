/** Geodesic helpers on the WGS84 mean sphere; accurate to ~0.5%, ample for route lengths. */

const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius
const RAD = Math.PI / 180;

/** Great-circle distance in km between two [lon, lat] positions (haversine). */
export function greatCircleKm(a: readonly number[], b: readonly number[]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Length in km of a LineString's coordinates, summed segment by segment. */
export function lineLengthKm(coordinates: readonly (readonly number[])[]): number {
  let km = 0;
  for (let i = 1; i < coordinates.length; i++) km += greatCircleKm(coordinates[i - 1], coordinates[i]);
  return km;
}
