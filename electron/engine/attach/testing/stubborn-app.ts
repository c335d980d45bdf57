/**
 * A fixture app that does not go quietly: it and the two Node children it forks ignore SIGTERM, and it starts a
 * non-Node child (`sleep`). Only SIGKILL ends them: what a Stop must come to. Prints `children <pid> <pid> <pid>`
 * once they run.
 */
import { fork, spawn } from 'node:child_process';

process.on('SIGTERM', () => {
  // Ignored on purpose.
});
setInterval(() => {}, 1000);
if (process.argv[2] !== 'child') {
  const children = [fork(__filename, ['child']), fork(__filename, ['child']), spawn('sleep', ['120'], { stdio: 'ignore' })];
  console.log(`children ${children.map((child) => child.pid).join(' ')}`);
}
