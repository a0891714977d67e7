#!/usr/bin/env bash
# team_certs.sh: one-time set-up of docker-compose.team.yml: a local TLS certificate for the
# proxy, a random Redis password, and the replicas' team.env (REDIS_URL, MCP_ALLOWED_HOSTS).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

usage() {
  cat <<'USAGE'
Usage: scripts/team_certs.sh [--force] [NAME...]

Writes deploy/team/secrets/ for docker-compose.team.yml (TEAM_SECRETS_DIR overrides the place):
  tls.crt, tls.key  a self-signed certificate (EC P-256, 825 days) for NAME... (host names or
                    IP addresses clients use; localhost and 127.0.0.1 are always included)
  redis.conf        Redis with a random password, no persistence, no eviction
  team.env          REDIS_URL with that password and MCP_ALLOWED_HOSTS=NAME... for the replicas
Nothing is printed from these files. Existing files are kept unless --force is given (a new
Redis password then needs `docker compose -f docker-compose.team.yml up -d` to take effect).
Clients must trust tls.crt (or use a certificate of your own CA in its place).

  --force      replace existing files
  -h, --help   show this help

Exit codes:
  0  written (or already there)
  2  bad option or name
  4  openssl missing
USAGE
}

die() { code=$1; shift; printf 'ERROR: %s\n' "$*" >&2; exit "$code"; }

force=0
names=()
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --force) force=1 ;;
    -*) usage >&2; exit 2 ;;
    *)
      case $1 in
        *[!A-Za-z0-9.:-]* | '' | -* | .*) die 2 "not a host name or IP address: $1" ;;
      esac
      names+=("$1") ;;
  esac
  shift
done
command -v openssl >/dev/null 2>&1 || die 4 "openssl is required (Debian: apt-get install openssl; macOS has it)"

OUT=${TEAM_SECRETS_DIR:-$ROOT/deploy/team/secrets}
umask 077
mkdir -p "$OUT"
chmod 700 "$OUT"

san="DNS:localhost,IP:127.0.0.1"
allowed=""
cn=localhost
if [ "${#names[@]}" -gt 0 ]; then
  cn=${names[0]}
  for n in "${names[@]}"; do
    case $n in
      *[!0-9.]*) case $n in *:*) san="$san,IP:$n" ;; *) san="$san,DNS:$n" ;; esac ;;
      *) san="$san,IP:$n" ;;
    esac
    case $n in *:*) allowed="$allowed${allowed:+,}[$n]" ;; *) allowed="$allowed${allowed:+,}$n" ;; esac
  done
fi

if [ "$force" = 1 ] || [ ! -s "$OUT/tls.crt" ] || [ ! -s "$OUT/tls.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
    -subj "/CN=$cn" -addext "subjectAltName=$san" \
    -keyout "$OUT/tls.key.new" -out "$OUT/tls.crt.new" >/dev/null 2>&1 \
    || die 4 "openssl could not make the certificate (OpenSSL 1.1.1 or LibreSSL 3.1+ is needed for -addext)"
  mv "$OUT/tls.key.new" "$OUT/tls.key"
  mv "$OUT/tls.crt.new" "$OUT/tls.crt"
  printf 'certificate: %s (for %s)\n' "$OUT/tls.crt" "$san"
else
  printf 'certificate: kept %s\n' "$OUT/tls.crt"
fi

if [ "$force" = 1 ] || [ ! -s "$OUT/redis.conf" ] || [ ! -s "$OUT/team.env" ]; then
  password=$(openssl rand -hex 32)
  {
    echo "# Written by scripts/team_certs.sh. Limits and tokens are short-lived: nothing is persisted."
    echo "bind 0.0.0.0"
    echo "port 6379"
    echo "protected-mode yes"
    echo "requirepass $password"
    echo "dir /data"
    echo 'save ""'
    echo "appendonly no"
    # Evicting a used token's nonce would allow its replay: when full, refuse (writes fail closed).
    echo "maxmemory 200mb"
    echo "maxmemory-policy noeviction"
  } >"$OUT/redis.conf"
  {
    echo "# Written by scripts/team_certs.sh for the replicas of docker-compose.team.yml."
    echo "REDIS_URL=redis://:$password@redis:6379/0"
    echo "MCP_ALLOWED_HOSTS=${allowed:-localhost}"
  } >"$OUT/team.env"
  printf 'redis password: new, in %s and %s\n' "$OUT/redis.conf" "$OUT/team.env"
else
  printf 'redis password: kept\n'
fi

# The containers read these as their own users (nginx 101, redis 999); the 0700 directory keeps
# everyone else on this machine out. team.env is read by Compose only.
chmod 644 "$OUT/tls.crt" "$OUT/tls.key" "$OUT/redis.conf"
chmod 600 "$OUT/team.env"
