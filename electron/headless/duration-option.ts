/**
 * `--duration S`, as every kind of run takes it: a decimal number of seconds within the lab's limits. One check,
 * so an ordinary run, an experiment and an attached run refuse a bad duration in the same words.
 */
import { LIMITS } from '../../shared/constants';
import { optionalDecimal } from './decimal-option';

/** The duration in seconds, undefined when not given, or why `text` is not one. */
export function parseDurationOption(text: string | undefined): number | undefined | { error: string } {
  const duration = optionalDecimal('--duration', text);
  if (typeof duration === 'string') return { error: duration };
  if (duration !== undefined && (duration < LIMITS.durationS.min || duration > LIMITS.durationS.max)) {
    return { error: `--duration: must be a number of seconds between ${LIMITS.durationS.min} and ${LIMITS.durationS.max}` };
  }
  return duration;
}
