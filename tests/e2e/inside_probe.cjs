// Runs INSIDE the service container (`docker exec -i CID node - < inside_probe.cjs`), using only
// node (the runtime image has no shell guarantees). Prints one JSON object with what the
// container really enforces; checks_hardening.sh asserts on it.
const fs = require('fs');
const { spawnSync } = require('child_process');

function statusOf(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k) => (text.match(new RegExp(`^${k}:\\s*(.*)$`, 'm')) || [])[1];
  return { pid: Number(pid), name: field('Name'), uid: Number(field('Uid').split(/\s+/)[0]), capEff: field('CapEff'), capPrm: field('CapPrm'), noNewPrivs: field('NoNewPrivs') };
}

function tryWrite(path) {
  try {
    fs.writeFileSync(path, 'probe');
    fs.unlinkSync(path);
    return 'written';
  } catch (err) {
    return err.code;
  }
}

function readFirst(paths) {
  for (const p of paths) {
    try {
      return fs.readFileSync(p, 'utf8').trim();
    } catch {
      /* try the next layout (cgroup v1 vs v2) */
    }
  }
  return null;
}

const procs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
  try {
    return statusOf(pid);
  } catch {
    return null; // exited meanwhile
  }
}).filter(Boolean);

// /tmp must accept data but refuse to execute it.
const script = '/tmp/e2e-probe.sh';
fs.writeFileSync(script, '#!/bin/sh\necho executed\n', { mode: 0o755 });
const run = spawnSync(script, [], { encoding: 'utf8' });
fs.unlinkSync(script);

// No shell or downloader to hand to anything inside: each must fail to start (ENOENT).
const spawnable = Object.fromEntries(['/bin/sh', 'sh', 'bash', 'busybox', 'wget', 'curl', 'npm'].map((cmd) => {
  const r = spawnSync(cmd, ['-c', 'true'], { encoding: 'utf8' });
  return [cmd, r.error ? r.error.code : `ran (exit ${r.status})`];
}));

const appDir = process.env.E2E_APP_DIR || process.cwd();
console.log(JSON.stringify({
  procs,
  writes: { root: tryWrite('/e2e-probe'), etc: tryWrite('/etc/e2e-probe'), app: tryWrite(`${appDir}/e2e-probe`), tmp: tryWrite('/tmp/e2e-probe') },
  appDir,
  spawnable,
  tmpExec: run.error ? run.error.code : `ran: ${String(run.stdout).trim()}`,
  limits: {
    memory: readFirst(['/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory.max']),
    pids: readFirst(['/sys/fs/cgroup/pids/pids.max', '/sys/fs/cgroup/pids.max']),
    cpuQuota: readFirst(['/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/sys/fs/cgroup/cpu.max']),
    cpuPeriod: readFirst(['/sys/fs/cgroup/cpu/cpu.cfs_period_us']),
  },
}));
