// A bulk-bytes server in its own process, so the memory test measures the client alone:
// PUT counts and drops the body (Content-Length required, chunked refused), GET /gen/<n> serves n bytes.
import { createServer } from 'node:http';

const block = Buffer.alloc(1024 * 1024, 0x61);
const server = createServer((req, res) => {
  if (req.method === 'PUT') {
    if (req.headers['transfer-encoding'] || req.headers['content-length'] === undefined) {
      return void res.writeHead(501).end();
    }
    let received = 0;
    req.on('data', (chunk) => {
      received += chunk.length;
    });
    req.on('end', () =>
      res.writeHead(received === Number(req.headers['content-length']) ? 200 : 400).end(String(received)),
    );
    return;
  }
  const size = Number(/^\/gen\/(\d+)/.exec(req.url ?? '')?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(size)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-length': String(size), etag: '"gen"' });
  let left = size;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, block.length);
      left -= n;
      if (!res.write(n === block.length ? block : block.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
