// The load benchmark's yardstick: a bare Fastify "hello world" in its own process, on the port given in PORT, so it
// shares the machine with the load generator exactly as Concord does.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.stdout.write('listening\n');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
