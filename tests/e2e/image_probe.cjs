// Runs INSIDE the built image (`docker run --rm -i IMAGE node - < image_probe.cjs`), with node only:
// an inventory of the image's whole file system (/proc, /sys and /dev are the kernel's, not the
// image's). Prints one JSON object; checks_image.sh asserts on it.
//   forbidden     paths outside /app whose name is a shell, package manager, downloader or other
//                 tool the runtime must not ship
//   programs      ELF files that are not shared libraries (only node may be one)
//   scripts       files under /app starting with "#!" and whether their interpreter exists here
//   setid / notRootOwned / worldWritable   what could give the service user a way up or a foothold
//   bytes         sizes by part (node, shared libraries, app, everything else) and the largest
//                 "other" files, so the image size can be explained
const fs = require('fs');
const path = require('path');

const KERNEL = new Set(['/proc', '/sys', '/dev']);
const FORBIDDEN = new Set([
  'sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox', 'toybox',
  'apk', 'apt', 'apt-get', 'dpkg', 'rpm', 'yum', 'dnf', 'microdnf',
  'wget', 'curl', 'nc', 'ssl_client', 'npm', 'npx', 'corepack', 'yarn', 'yarnpkg', 'pnpm',
  'env', 'su', 'sudo', 'perl', 'python', 'python3', 'ldconfig',
]);
const SHARED_LIB = /(\.so(\.[0-9]+)*|\.node)$/;

const entries = [];
function walk(dir) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    entries.push({ path: dir, error: err.code });
    return;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    if (KERNEL.has(p)) continue;
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue;
    }
    entries.push({ path: p, st });
    if (st.isDirectory()) walk(p);
  }
}
walk('/');

function head(p, n) {
  let fd;
  try {
    fd = fs.openSync(p, 'r');
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const nodePath = fs.realpathSync(process.execPath);
const out = {
  node: { execPath: process.execPath, realPath: nodePath, version: process.version, uid: process.getuid(), gid: process.getgid(), cwd: process.cwd() },
  entries: 0,
  unreadable: [],
  forbidden: [],
  programs: [],
  sharedLibs: [],
  scripts: [],
  setid: [],
  notRootOwned: [],
  worldWritable: [],
  bytes: { total: 0, node: 0, libs: 0, app: 0, other: 0 },
  largestOther: [],
  topLevel: fs.readdirSync('/').filter((n) => !KERNEL.has('/' + n)).sort(),
};
const others = [];
for (const e of entries) {
  if (e.error) {
    out.unreadable.push(`${e.path}: ${e.error}`);
    continue;
  }
  out.entries++;
  const { st } = e;
  const p = e.path;
  const inApp = p === '/app' || p.startsWith('/app/');
  if (!inApp && FORBIDDEN.has(path.basename(p))) out.forbidden.push(p);
  if (st.mode & 0o6000) out.setid.push(`${p} ${(st.mode & 0o7777).toString(8)}`);
  if (st.uid !== 0 || st.gid !== 0) out.notRootOwned.push(`${p} ${st.uid}:${st.gid}`);
  if (!st.isSymbolicLink() && st.mode & 0o002) out.worldWritable.push(`${p} ${(st.mode & 0o7777).toString(8)}`);
  if (!st.isFile()) continue;
  out.bytes.total += st.size;
  const magic = head(p, 4);
  const isElf = magic.length === 4 && magic.readUInt32BE(0) === 0x7f454c46;
  if (p === nodePath) {
    out.bytes.node += st.size;
  } else if (isElf && SHARED_LIB.test(path.basename(p))) {
    out.sharedLibs.push(p);
    out.bytes.libs += st.size;
  } else if (inApp) {
    out.bytes.app += st.size;
  } else {
    out.bytes.other += st.size;
    others.push([st.size, p]);
  }
  if (isElf && !SHARED_LIB.test(path.basename(p))) out.programs.push(p);
  if (inApp && magic.length >= 2 && magic[0] === 0x23 && magic[1] === 0x21) {
    const interpreter = head(p, 256).toString('utf8').split('\n')[0].slice(2).trim().split(/\s+/)[0];
    let present = false;
    try {
      present = fs.statSync(interpreter).isFile();
    } catch {
      /* absent: the script cannot be executed directly */
    }
    out.scripts.push({ path: p, interpreter, present, isNode: present && fs.realpathSync(interpreter) === nodePath });
  }
}
out.largestOther = others.sort((a, b) => b[0] - a[0]).slice(0, 15).map(([size, p]) => `${size} ${p}`);
console.log(JSON.stringify(out));
