import type { IatiCodeWithPercentage, IatiLocation } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { narratives } from './narratives.js';
import { attr, childAttr, childNode, childNodes, type XNode } from './xml.tree.js';

/** WGS 84, the only reference system IATI allows for points. */
export const DEFAULT_SRS = 'http://www.opengis.net/def/crs/EPSG/0/4326';

export function codeWithPercentage(node: XNode, ctx: BuildContext): IatiCodeWithPercentage {
  return {
    code: attr(node, 'code') ?? '',
    vocabulary: attr(node, 'vocabulary'),
    vocabularyUri: attr(node, 'vocabulary-uri'),
    percentage: attr(node, 'percentage'),
    narrative: narratives(node, ctx),
  };
}

/** `<pos>lat lon</pos>`, in that order (GML with EPSG:4326 puts latitude first). */
function point(node: XNode | undefined, ctx: BuildContext): IatiLocation['point'] {
  if (!node) return null;
  const pos = childNode(node, 'pos');
  const parts = (pos?.text ?? '').trim().split(/\s+/);
  const [lat, lon] = parts.map(Number);
  if (
    parts.length !== 2 ||
    lat === undefined ||
    lon === undefined ||
    !isFinite(lat) ||
    !isFinite(lon)
  ) {
    ctx.report(
      'location.pos_invalid',
      `the point's <pos> must be "latitude longitude" (two numbers), not "${(pos?.text ?? '').trim()}": the point is not read`,
      pos ?? node,
    );
    return null;
  }
  return { srsName: attr(node, 'srsName') ?? DEFAULT_SRS, lat, lon };
}

export function location(node: XNode, ctx: BuildContext): IatiLocation {
  return {
    ref: attr(node, 'ref'),
    reach: childAttr(node, 'location-reach'),
    locationIds: childNodes(node, 'location-id').map((n) => ({
      vocabulary: attr(n, 'vocabulary') ?? '',
      code: attr(n, 'code') ?? '',
    })),
    name: narratives(childNode(node, 'name'), ctx),
    description: narratives(childNode(node, 'description'), ctx),
    activityDescription: narratives(childNode(node, 'activity-description'), ctx),
    administrative: childNodes(node, 'administrative').map((n) => ({
      vocabulary: attr(n, 'vocabulary') ?? '',
      level: attr(n, 'level'),
      code: attr(n, 'code') ?? '',
    })),
    point: point(childNode(node, 'point'), ctx),
    exactness: childAttr(node, 'exactness'),
    locationClass: childAttr(node, 'location-class'),
    featureDesignation: childAttr(node, 'feature-designation'),
  };
}
