// Starting and stopping the real server for benchmarks: `node bin/concord.js serve` (what `npm start` runs) in its own
// process group, polled until GET / answers 200; stopped with SIGTERM until every process in the group has exited.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { repositoryRoot } from './measurements.ts';

const clockTicksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU time (user + system, all threads) a process has used so far, from /proc; undefined where there is none. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in megabytes (VmRSS), from /proc; undefined where there is none. */
export function rssMbOf(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = { url: string; child: ChildProcess; readyMs: number; cpuMs: number | undefined; firstPage: string; output: () => string };

/**
 * Spawns `node bin/concord.js serve` (what `npm start` runs) on DATA_DIR and polls GET / until it answers 200.
 * The clock starts just before the spawn, so it includes Node's start, loading the TypeScript sources, opening
 * (or creating) the embedded database, migrations, the demo on a new directory, and the first page.
 */
export async function startServer(
  dataDir: string,
  options: { via?: 'node' | 'npm'; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const started = performance.now();
  const [command, args] = options.via === 'npm' ? ['npm', ['start', '--silent']] : [process.execPath, ['bin/concord.js', 'serve']];
  const child = spawn(command, args, {
    cwd: repositoryRoot,
    // Its own process group, so stopping it reaches the server under npm's shell too.
    detached: true,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Empty means unset (config.ts): the benchmark always measures the embedded database with its demo.
      DATABASE_URL: '',
      BASE_URL: '',
      DEMO: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = started + 120_000;
  while (performance.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited (code ${exitCode}) before answering:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      const body = await response.text();
      if (response.status === 200) {
        const readyMs = performance.now() - started;
        // Through npm the server is a grandchild, so its CPU time is only read when node was spawned directly.
        const cpuMs = options.via === 'npm' ? undefined : cpuMsOf(child.pid);
        return { url: `http://127.0.0.1:${port}`, child, readyMs, cpuMs, firstPage: body, output: () => output };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  killGroup(child, 'SIGKILL');
  throw new Error(`The server did not answer GET / with 200 within two minutes:\n${output}`);
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid !== undefined) process.kill(-child.pid, signal);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends SIGTERM to the server's process group and waits until every process in it has exited, so the next start
 * does not meet the data-directory lock or share the two cores with a server still shutting down.
 */
export async function stopServer(server: RunningServer): Promise<number> {
  const started = performance.now();
  const pid = server.child.pid!;
  if (server.child.exitCode !== null) throw new Error(`The server had already exited:\n${server.output()}`);
  killGroup(server.child, 'SIGTERM');
  const deadline = started + 20_000;
  while (groupAlive(pid)) {
    if (performance.now() > deadline) {
      killGroup(server.child, 'SIGKILL');
      throw new Error(`The server ignored SIGTERM for 20 s and was killed:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}
