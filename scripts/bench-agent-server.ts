/**
 * The one-process app of the agent-overhead bench (bench-agent.ts): node:http answering a few bytes on `/`, the
 * smallest request there is, so the agent's cost per request is as large a share of it as it can be (the worst
 * case for the 2 % budget). Listens on 127.0.0.1:$PORT (0: any free port) and prints the same "listening on"
 * line as examples/attach/server.mjs, so the bench starts both alike; SIGTERM closes it.
 */
import { createServer } from 'node:http';

// Its pid, as the example's `/` says it: the bench counts which process serves each of its connections.
const body = JSON.stringify({ hello: 'world', pid: process.pid });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`bench-agent-server: no TCP address (${String(address)})`);
  console.log(`bench-agent-server: listening on http://127.0.0.1:${address.port} (pid ${process.pid})`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
