import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, formatErrors, mergeConfig, type RunConfig } from '../run-config';
import { CLAIMS, EXPERIMENTS, findExperiment, uncoveredClaims } from './catalog';
import { startConfig } from './timeline';
import { MAX_EXPERIMENT_S, type Check } from './types';

const segmentsOf = (check: Check): string[] =>
  check.kind === 'ratio' ? [check.segment, check.other] : check.segment !== undefined ? [check.segment] : [];

describe('experiment catalog', () => {
  it('has unique kebab-case ids, and finds each by its id', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(findExperiment(id)?.id, id);
    }
    assert.equal(findExperiment('nope'), undefined);
  });

  it('covers every claim', () => {
    assert.deepEqual(uncoveredClaims(), []);
    for (const claim of Object.keys(CLAIMS)) assert.ok(Number(claim) >= 1 && Number(claim) <= 13);
  });

  for (const experiment of EXPERIMENTS) {
    describe(experiment.id, () => {
      it(`runs at most ${MAX_EXPERIMENT_S} s, with segments in order from 0 and crashes inside the run`, () => {
        assert.ok(experiment.durationS > 0 && experiment.durationS <= MAX_EXPERIMENT_S);
        assert.equal(experiment.segments[0].atS, 0);
        experiment.segments.forEach((s, i) => i > 0 && assert.ok(s.atS > experiment.segments[i - 1].atS && s.atS < experiment.durationS, s.id));
        for (const action of experiment.actions ?? []) assert.ok(action.atS > 0 && action.atS < experiment.durationS);
        assert.equal(new Set(experiment.segments.map((s) => s.id)).size, experiment.segments.length);
      });

      it('every segment\'s settings are valid where they apply', () => {
        let config: RunConfig = defaultConfig();
        const start = mergeConfig(config, startConfig(experiment));
        assert.ok(start.ok, start.ok ? '' : formatErrors(start.errors));
        config = start.value;
        for (const segment of experiment.segments.slice(1)) {
          const next = mergeConfig(config, segment.configure ?? {});
          assert.ok(next.ok, next.ok ? '' : `${segment.id}: ${formatErrors(next.errors)}`);
          config = next.value;
        }
      });

      it('its rule reads only its own segments and has at least one check and a reason', () => {
        const ids = new Set(experiment.segments.map((s) => s.id));
        const { checks, preconditions = [], report = [], warmupS, thresholds } = experiment.verdict;
        assert.ok(checks.length > 0);
        const read = new Set([...checks, ...preconditions].flatMap(segmentsOf));
        for (const id of read) assert.ok(ids.has(id), `${id} is not a segment`);
        for (const extra of report) assert.ok(ids.has(extra.segment), extra.segment);
        assert.ok(thresholds.length > 40);
        // The warm-up must leave most of every segment the rule reads.
        experiment.segments.forEach((s, i) => {
          const end = experiment.segments[i + 1]?.atS ?? experiment.durationS;
          if (read.has(s.id)) assert.ok(warmupS < (end - s.atS) / 2, s.id);
        });
      });

      it('explains itself in 3 to 6 sentences, says what to watch, and has a sample that parses', () => {
        const sentences = experiment.explanation.split(/(?<=[.!?])\s+/).filter(Boolean);
        assert.ok(sentences.length >= 3 && sentences.length <= 6, `${sentences.length} sentences`);
        assert.ok(experiment.watch.length > 0);
        assert.ok(experiment.claims.length > 0 && experiment.claims.every((c) => c in CLAIMS));
        // Compiled, not run: a syntax error in a sample fails here.
        assert.doesNotThrow(() => new Function('require', '__filename', experiment.code));
      });
    });
  }
});
