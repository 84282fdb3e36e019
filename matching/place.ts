// Distance in the place hierarchy. Places are materialised paths of ids, root first:
// '/street/community/grid/compound/building/'.

export const placeSegments = (path: string) => path.split('/').filter((s) => s.length > 0);

/**
 * Steps a candidate climbs from home to the lowest common ancestor of home and the need's place:
 * 0 when the need is at home or below it (same building, or a need for the whole community the
 * candidate lives in), 1 for a neighbouring building of the same compound, and so on.
 */
export function stepsToCommonAncestor(homePath: string | readonly string[], targetPath: string | readonly string[]): number {
  const home = typeof homePath === 'string' ? placeSegments(homePath) : homePath;
  const target = typeof targetPath === 'string' ? placeSegments(targetPath) : targetPath;
  let common = 0;
  while (common < home.length && common < target.length && home[common] === target[common]) common++;
  return home.length - common;
}
