/**
 * Experiments where users meet them: a link opens one in the panel, Run drives the real engine through its plan,
 * the charts show the segments as labelled bands, and the verdict card fills in from the run's own numbers.
 * No assertion on how long anything takes beyond the experiment's own length plus generous slack: the machine
 * running the tests may be loaded, and then the verdict may honestly be inconclusive; what is checked is that
 * one was reached, in words, with the machine it was measured on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExperiment } from '../shared/experiments/catalog';
import { expect, test } from './lab-fixture';

const SCREENSHOTS = join(__dirname, '..', 'test-results', 'screenshots');
const ID = 'main-thread-blocks';
const experiment = findExperiment(ID);

test('a link opens an experiment; running it shows its segments on the charts and ends with a verdict', async ({ lab, page }) => {
  if (!experiment) throw new Error(`${ID} is not in the catalog`);
  await page.goto(`${process.env.LAB_URL}?experiment=${ID}`);
  await expect(lab.heartbeat).not.toHaveAttribute('data-status', 'offline');

  const detail = page.getByTestId('experiment-detail');
  await expect(detail).toHaveAttribute('data-id', ID);
  await expect(page.getByTestId('experiment-claims')).toContainText('CPU work on the main thread holds up everything else');
  await expect(page.getByTestId('experiment-code')).toContainText('worker_threads');
  await expect(detail.getByTestId('plan-segment')).toHaveText([/main thread/, /worker pool/]);

  // The user's own setting, which the experiment borrows and must give back.
  await page.getByTestId('load-mode-open').click();
  await lab.setNumber('rate', '7');
  await expect(page.getByTestId('rate')).toHaveValue('7');
  await page.getByTestId('experiment-run').click();
  await expect(lab.runToggle).toHaveAttribute('data-running', 'true');
  const live = page.getByTestId('experiment-live');
  await expect(live).toHaveAttribute('data-id', ID);
  // Which segment runs now, and what to watch, while it runs.
  await expect(page.getByTestId('experiment-now')).toHaveAttribute('data-segment', /main|pool/);
  await expect(page.getByTestId('experiment-watch')).toContainText('Host event-loop delay');

  // Every time chart shows the plan as labelled bands.
  for (const id of ['chart-eld', 'chart-throughput', 'chart-health', 'chart-queue']) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-segment-bands', String(experiment.segments.length));
  }
  await expect(page.getByTestId('chart-eld').locator('.segment-band-label')).toHaveText(['main thread', 'worker pool']);

  // The main thread is blocked by fib(34): the live diagnosis says so, with the numbers.
  await expect(page.getByTestId('diagnosis').getByTestId('finding').first()).toContainText(/ms/, { timeout: 60_000 });

  // The experiment stops the run at its end, and the verdict is reached from the run's own ticks and events.
  await expect(lab.runToggle).toHaveAttribute('data-running', 'false', { timeout: experiment.durationS * 1000 + 60_000 });
  const card = page.getByTestId('verdict-card');
  await expect(card).toHaveAttribute('data-outcome', /^(holds|does-not-hold|inconclusive)$/);
  await expect(page.getByTestId('verdict-outcome')).toHaveText(/^(holds|does not hold|inconclusive)$/);
  // The verdict's deciding numbers read first; the rest is behind "Why / all numbers".
  await expect(page.getByTestId('verdict-deciding')).toBeVisible();
  await expect(page.getByTestId('verdict-why')).toBeHidden();
  await card.getByText('Why / all numbers').click();
  await expect(page.getByTestId('verdict-why')).toContainText('Thresholds:');
  await expect(page.getByTestId('verdict-measured')).toContainText('host event-loop delay p99 (ms)');
  await expect(page.getByTestId('verdict-machine')).toContainText(/\d+ cores · .+ · Node v\d+/);
  await expect(live.getByTestId('plan-segment')).toHaveCount(experiment.segments.length);
  for (const segment of await live.getByTestId('plan-segment').all()) await expect(segment).toHaveAttribute('data-state', 'done');
  // The experiment's end gives the user's settings back, and the log says so: the next Start runs them.
  await expect(page.getByTestId('rate')).toHaveValue('7');
  await expect(page.getByTestId('event-entry').first()).toContainText(`settings given back after experiment ${ID}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'experiment-verdict.png'), fullPage: true });
});

test('a link to an unknown experiment says so and names the known ones', async ({ lab, page }) => {
  await page.goto(`${process.env.LAB_URL}?experiment=no-such-scene`);
  await expect(lab.heartbeat).not.toHaveAttribute('data-status', 'offline');
  await expect(lab.banner).toContainText('no experiment "no-such-scene"; known: main-thread-blocks');
  await expect(page.getByTestId('experiment-detail')).toHaveCount(0);
  await expect(lab.runToggle).toHaveAttribute('data-running', 'false');
});

test('a page reloaded mid-run (or a second tab) picks the running experiment up: bands, the live line, then the verdict', async ({ lab, page }) => {
  // The longest experiment (18 s) whose jobs run off the host's loop (in cluster workers), so the pages load
  // while it runs: a loaded 2-core machine takes seconds per page.
  const id = 'cluster-scheduling-rr-vs-os';
  const joined = findExperiment(id);
  if (!joined) throw new Error(`${id} is not in the catalog`);
  const segmentIds = new RegExp(`^(${joined.segments.map((s) => s.id).join('|')})$`);
  await page.goto(`${process.env.LAB_URL}?experiment=${id}`);
  await expect(lab.heartbeat).not.toHaveAttribute('data-status', 'offline');
  await page.getByTestId('experiment-run').click();
  await expect(page.getByTestId('experiment-live')).toHaveAttribute('data-id', id);

  // Reloaded at once, and a second tab opened on the plain address at the same time: both must join while the
  // run still goes. The reloaded page's live line is checked first for that reason. That the page judges the
  // whole run, not what came after the reload, is tested in renderer/src/state/join-run.test.ts and
  // electron/session/run-backlog.test.ts.
  const second = await page.context().newPage();
  await Promise.all([page.reload(), second.goto(process.env.LAB_URL as string)]);
  await expect(page.getByTestId('experiment-live')).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('experiment-now')).toHaveAttribute('data-segment', segmentIds);
  await expect(second.getByTestId('experiment-live')).toHaveAttribute('data-id', id);
  for (const chart of ['chart-eld', 'chart-throughput', 'chart-queue']) {
    await expect(page.getByTestId(chart)).toHaveAttribute('data-segment-bands', String(joined.segments.length));
  }
  await expect(second.getByTestId('chart-eld')).toHaveAttribute('data-segment-bands', String(joined.segments.length));

  await expect(lab.runToggle).toHaveAttribute('data-running', 'false', { timeout: joined.durationS * 1000 + 60_000 });
  for (const tab of [page, second]) {
    await expect(tab.getByTestId('verdict-card')).toHaveAttribute('data-outcome', /^(holds|does-not-hold|inconclusive)$/);
    await expect(tab.getByTestId('verdict-outcome')).toHaveText(/^(holds|does not hold|inconclusive)$/);
    // Its numbers, per measured segment.
    await expect(tab.getByTestId('verdict-measured')).toContainText('round-robin');
  }
  await second.close();
});
