/**
 * The lab's agent, preloaded into every Node process and thread of an attached app with
 * `NODE_OPTIONS=--import=<this file's URL>` (node-options.ts builds the option). Without the lab's port and
 * token in the environment (ATTACH_ENV in shared/attach.ts) it does nothing at all; with them it reports this
 * thread to the lab (thread-agent.ts).
 * Nothing here may reach the app: not an exception, not a line of output, not a warning. Loaded twice into one
 * thread (the option given twice, or by `--require` and `--import` both), it starts once.
 */
import { readAgentSettings } from '../../shared/attach/agent-env';
import { startThreadAgent } from './thread-agent';

const STARTED = Symbol.for('node-concurrency-lab.attach-agent');

try {
  const settings = readAgentSettings(process.env);
  const scope = globalThis as { [STARTED]?: true };
  if (settings && !scope[STARTED]) {
    scope[STARTED] = true;
    startThreadAgent(settings);
  }
} catch {
  // The app runs as if the agent were not there.
}
