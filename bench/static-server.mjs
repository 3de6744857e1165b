// The reference for the cached pages (bench/reads.ts): a tiny static file server that answers
// GET /<n> with the n-th file named on its command line, read once at start and kept in memory,
// with the headers a static server sends (type, length, ETag; 304 to a matching If-None-Match).
// `node bench/static-server.mjs <port> <file> [<file>...]`; prints {"ready":true} when it listens.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, ...files] = process.argv.slice(2);
const pages = files.map((file) => {
  const body = readFileSync(file);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
});
const server = createServer((request, response) => {
  const page = pages[Number((request.url ?? '/').slice(1))];
  if (!page) {
    response.writeHead(404);
    response.end();
    return;
  }
  if (request.headers['if-none-match'] === page.etag) {
    response.writeHead(304, { ETag: page.etag });
    response.end();
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': page.body.length, ETag: page.etag });
  response.end(page.body);
});
server.listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ ready: true })));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
