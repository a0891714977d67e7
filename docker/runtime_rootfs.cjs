// Assembles the runtime root file system of the autotask-mcp image: node, the shared libraries it
// really loads, and a minimal /etc — nothing else (no shell, no package manager, no busybox).
// Runs with node alone, as root, inside the Dockerfile's runtime-fs stage (any Linux Node image:
// Alpine/musl or Debian/glibc, amd64 or arm64):  node runtime_rootfs.cjs /rootfs
//
// Which files: node's own binary, its ELF interpreter (PT_INTERP), every file /proc/self/maps shows
// mapped after the lazily loaded parts were exercised (name lookups, user database, crypto, zlib,
// Intl), and every symlink in the library directories that names one of them (the sonames the
// loader searches for, e.g. libstdc++.so.6 -> libstdc++.so.6.0.33). Paths keep their symlink
// chains (merged /usr: /lib -> usr/lib), so the loader finds everything where it looks.
'use strict';
const fs = require('fs');
const path = require('path');

const dest = process.argv[2];
if (!dest || !path.isAbsolute(dest)) {
  console.error('usage: node runtime_rootfs.cjs /absolute/destination');
  process.exit(2);
}

// ELF program header PT_INTERP of a 64-bit little-endian binary (amd64, arm64): the loader path.
function elfInterpreter(file) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2 || buf[5] !== 1) {
    throw new Error(`${file}: not a 64-bit little-endian ELF file`);
  }
  const phoff = Number(buf.readBigUInt64LE(0x20));
  const phentsize = buf.readUInt16LE(0x36);
  const phnum = buf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (buf.readUInt32LE(ph) === 3) {
      const off = Number(buf.readBigUInt64LE(ph + 8));
      const size = Number(buf.readBigUInt64LE(ph + 32));
      return buf.subarray(off, off + size).toString('latin1').replace(/\0+$/, '');
    }
  }
  return null; // statically linked
}

function mappedFiles() {
  const files = new Set();
  for (const line of fs.readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/).slice(5).join(' ');
    if (f.startsWith('/') && !f.endsWith('(deleted)') && !/^\/(proc|dev|sys|memfd:)/.test(f)) files.add(f);
  }
  return files;
}

// copyPath P: recreates P under dest — every directory on the way, every symlink on the way (and
// its target, recursively), and the file itself with its mode. Idempotent.
const done = new Set();
function lexists(p) {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
function copyPath(p) {
  const parts = path.resolve(p).split('/').filter(Boolean);
  let cur = '';
  for (let i = 0; i < parts.length; i++) {
    cur += '/' + parts[i];
    const st = fs.lstatSync(cur);
    const out = path.join(dest, cur);
    if (st.isSymbolicLink()) {
      const target = fs.readlinkSync(cur);
      if (!done.has(cur)) {
        done.add(cur);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        if (!lexists(out)) fs.symlinkSync(target, out);
      }
      // Continue through the link: the rest of the path lives under its target.
      return copyPath(path.resolve(path.dirname(cur), target, ...parts.slice(i + 1)));
    }
    if (st.isDirectory()) {
      if (!lexists(out)) fs.mkdirSync(out, { mode: 0o755 });
      continue;
    }
    if (!st.isFile()) throw new Error(`${cur}: neither file, directory nor symlink`);
    if (!done.has(cur)) {
      done.add(cur);
      fs.copyFileSync(cur, out);
      fs.chmodSync(out, st.mode & 0o755); // never setuid/setgid, never group/world-writable
    }
    return cur;
  }
  return cur;
}

// Exercise what glibc and node load only on first use, then look at what is mapped.
function warmUp(done) {
  require('crypto').createHash('sha256').update('x').digest();
  require('zlib').gzipSync('x');
  new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin' }).format(0);
  try {
    require('os').userInfo();
  } catch {
    /* root may have no passwd entry in an odd base image: fine */
  }
  require('dns').lookup('localhost', () => done());
}

warmUp(() => {
  const node = fs.realpathSync(process.execPath);
  const libs = [...mappedFiles()].filter((f) => fs.realpathSync(f) !== node);
  fs.mkdirSync(dest, { recursive: true, mode: 0o755 });

  copyPath(process.execPath);
  const interp = elfInterpreter(node);
  if (interp) copyPath(interp);
  const real = new Set(libs.map((f) => fs.realpathSync(f)));
  for (const f of libs) copyPath(f);

  // Sonames: symlinks in the library directories that resolve to a copied library.
  const dirs = new Set(['/lib', '/lib64', '/usr/lib', '/usr/lib64', '/usr/local/lib']);
  for (const f of libs) dirs.add(path.dirname(f));
  for (const f of real) dirs.add(path.dirname(f));
  for (const dir of dirs) {
    let names;
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      try {
        if (fs.lstatSync(p).isSymbolicLink() && real.has(fs.realpathSync(p))) copyPath(p);
      } catch {
        /* dangling link: not ours */
      }
    }
  }

  // A minimal /etc: the service account, and "files first" for glibc's name lookups (musl ignores
  // nsswitch.conf). Docker provides /etc/hosts, /etc/resolv.conf and /etc/hostname at run time.
  const etc = path.join(dest, 'etc');
  fs.mkdirSync(etc, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(etc, 'passwd'),
    'root:x:0:0:root:/nonexistent:/nonexistent\nmcp:x:10001:10001:autotask-mcp:/nonexistent:/nonexistent\n', { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'group'), 'root:x:0:\nmcp:x:10001:\n', { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n', { mode: 0o644 });
  const tmp = path.join(dest, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  fs.chmodSync(tmp, 0o1777);

  console.log(`runtime rootfs in ${dest}: ${node}${interp ? `, loader ${interp}` : ''}, ${real.size} libraries`);
  for (const f of [...done].sort()) console.log(`  ${f}`);
});
