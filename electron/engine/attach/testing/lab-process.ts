/**
 * A lab in a process of its own, for the test that kills it: attaches an engine to the command in its arguments
 * (with the agent given in FIXTURE_AGENT, if any) and prints `attached <root pid>` when the app runs, then waits
 * to be killed.
 */
import { LabEngine } from '../../lab-engine';

const engine = new LabEngine();
let rootPid: number | null = null;
engine.onMessage((message) => {
  if (message.type === 'tick' && rootPid === null) {
    rootPid = message.host.pid;
    console.log(`attached ${rootPid}`);
  }
});
void engine.attach({ command: process.argv.slice(2) }, { output: { to: 'ignore' }, ...(process.env.FIXTURE_AGENT ? { agentPath: process.env.FIXTURE_AGENT } : {}) }).then((result) => {
  if (!result.ok) {
    console.log(`failed ${JSON.stringify(result.errors)}`);
    process.exit(1);
  }
});
