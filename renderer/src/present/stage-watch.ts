/**
 * "What to watch" on the stage names only what the stage shows. An experiment's `watch` points at the lab's
 * charts, its units table and its events log; a scene shows at most two charts and never the table or the log,
 * so an item about anything else would send the room looking for a picture that is not there.
 */
import type { WatchItem } from '../../../shared/experiments/types';
import type { Scene } from '../../../shared/present/talk';

/** As many items as fit the smallest stage (1024x768) in large type. */
export const MAX_WATCH = 3;

/** The scene's watch items whose chart is on the stage, in the experiment's order (most telling first). */
export function stageWatch(scene: Pick<Scene, 'experiment' | 'charts'>): WatchItem[] {
  if (!scene.experiment) return [];
  const shown = new Set<string>(scene.charts);
  return scene.experiment.watch.filter((item) => shown.has(item.chart)).slice(0, MAX_WATCH);
}
