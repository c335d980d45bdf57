// Attach fixture: an HTTP server on a free port of 127.0.0.1, which it prints as its first line. Routes: /ok 200,
// /missing 404, /fail 500, /hang never answers (it prints "hanging" so the client knows when to give up), /quit
// closes the server so the process exits on its own with code 0.
'use strict';
const http = require('node:http');

const server = http.createServer((request, response) => {
  switch (request.url) {
    case '/ok':
      response.end('ok');
      break;
    case '/missing':
      response.statusCode = 404;
      response.end('missing');
      break;
    case '/fail':
      response.statusCode = 500;
      response.end('fail');
      break;
    case '/hang':
      console.log('hanging');
      break;
    case '/quit':
      response.end('bye');
      server.close();
      server.closeAllConnections();
      break;
    default:
      response.statusCode = 400;
      response.end();
  }
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
