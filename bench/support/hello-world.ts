// The load benchmark's yardstick: a bare Fastify "hello world" in its own process, on the port given in PORT, so it
// shares the machine with the load generator exactly as Concord does.
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
// The same bytes as a page of Concord's (PAGES_DIR holds them, a file per page): the yardstick for a kept page, whose
// cost under load grows with its size (writing it, and the load generator reading it on the same cores) whatever makes it.
const pages = new Map<string, Buffer>();
for (const name of process.env.PAGES_DIR ? fs.readdirSync(process.env.PAGES_DIR) : []) pages.set(name, fs.readFileSync(path.join(process.env.PAGES_DIR!, name)));
app.get<{ Params: { name: string } }>('/page/:name', async (request, reply) => {
  // A page Concord sent gzipped is sent as it was, so the same bytes cross the wire.
  if (request.params.name.endsWith('.gz')) reply.header('content-encoding', 'gzip');
  return reply.type('text/html; charset=utf-8').send(pages.get(request.params.name));
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.stdout.write('listening\n');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
