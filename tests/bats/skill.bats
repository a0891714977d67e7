#!/usr/bin/env bats
# SKILL.md and _meta.json: validator-safe frontmatter, versions in step with the server, env
# declarations, the agent security rules.

setup() {
  load helpers/common
  load helpers/python
  PY=$(yaml_python)
}

# frontmatter: the YAML between the first two --- lines of SKILL.md.
frontmatter() { awk 'NR==1 && $0=="---" {on=1; next} on && $0=="---" {exit} on {print}' "$REPO_ROOT/SKILL.md"; }

fm_python() { # fm_python CODE: runs CODE with `fm` bound to the parsed frontmatter
  frontmatter | "$PY" -c "import sys, yaml; fm = yaml.safe_load(sys.stdin); $1"
}

pkg_version() { sed -n 's/^  "version": "\(.*\)",$/\1/p' "$REPO_ROOT/server/package.json"; }

@test "SKILL.md frontmatter has only the six standard top-level keys" {
  run fm_python 'extra = set(fm) - {"name", "description", "license", "compatibility", "metadata", "allowed-tools"}; print(sorted(extra)); sys.exit(1 if extra else 0)'
  assert_success
  assert_output "[]"
}

@test "name equals the bundle directory name and follows the naming rules" {
  run fm_python 'print(fm["name"])'
  assert_output autotask-mcp
  [[ $output =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]]
  [ ${#output} -le 64 ]
  [[ $output != *claude* && $output != *anthropic* ]]
}

@test "description is 1-1024 characters without angle brackets and says when to use it" {
  run fm_python 'd = fm["description"]; print(len(d)); sys.exit(0 if 0 < len(d) <= 1024 and "<" not in d and ">" not in d else 1)'
  assert_success
  run fm_python 'print(fm["description"])'
  assert_output --partial "Use when"
}

@test "frontmatter uses block YAML only (strict validators reject flow mappings and lists)" {
  run bash -c "awk 'NR==1{next} /^---\$/{exit} {print}' '$REPO_ROOT/SKILL.md' | grep -nE ':[[:space:]]*[\\[{]|^[[:space:]]*-[[:space:]]*[\\[{]'"
  assert_failure 1
}

@test "OpenClaw data sits under metadata.openclaw and declares docker and the secret credentials" {
  run fm_python 'o = fm["metadata"]["openclaw"]; print(o["requires"]["bins"]); print(o["os"]); print([(e["name"], e["required"]) for e in o["envVars"]])'
  assert_success
  assert_line --index 0 --partial "'docker'"
  assert_line --index 1 "['darwin', 'linux']"
  assert_output --partial "('AUTOTASK_INTEGRATION_CODE', True)"
  assert_output --partial "('AUTOTASK_USERNAME', True)"
  assert_output --partial "('AUTOTASK_SECRET', True)"
  assert_output --partial "('MCP_AUTH_TOKEN', False)"
  run fm_python 'print(all(set(e) <= {"name", "required", "description"} for e in fm["metadata"]["openclaw"]["envVars"]))'
  assert_output True
  run fm_python 'print([e["name"] for e in fm["metadata"]["openclaw"]["envVars"] if e["description"].startswith("SECRET")])'
  assert_output "['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_USERNAME', 'AUTOTASK_SECRET', 'MCP_AUTH_TOKEN']"
}

@test "metadata.version and _meta.json version equal server/package.json's version" {
  local v
  v=$(pkg_version)
  [ -n "$v" ]
  run fm_python 'print(fm["metadata"]["version"])'
  assert_output "$v"
  run "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$REPO_ROOT/_meta.json"
  assert_output "$v"
}

@test "_meta.json: slug, and env declarations with secret flags matching SKILL.md" {
  run "$PY" - "$REPO_ROOT/_meta.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["slug"] == "autotask-mcp", m["slug"]
env = {e["name"]: e for e in m["env"]}
for e in m["env"]:
    assert set(e) == {"name", "required", "secret", "description"}, e
    assert isinstance(e["secret"], bool) and isinstance(e["required"], bool), e
print(sorted(n for n, e in env.items() if e["secret"]))
print(sorted(n for n, e in env.items() if e["required"]))
PY
  assert_success
  assert_line --index 0 "['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_SECRET', 'AUTOTASK_USERNAME', 'MCP_AUTH_TOKEN']"
  assert_line --index 1 "['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_SECRET', 'AUTOTASK_USERNAME']"
}

@test "_meta.json and SKILL.md manifests contain no raw-IP URLs (registry scanners flag them)" {
  run grep -nE 'https?://[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' "$REPO_ROOT/_meta.json" "$REPO_ROOT/docker-compose.yml"
  assert_failure 1
}

@test "SKILL.md states the agent security rules" {
  local f=$REPO_ROOT/SKILL.md
  run grep -c 'Never read, print, copy' "$f"
  assert_output 1
  run grep -c 'Never put credentials or tokens in arguments' "$f"
  assert_output 1
  run grep -c 'Only talk to the local endpoint' "$f"
  assert_output 1
  run grep -c 'Only run these commands' "$f"
  assert_output 1
  run grep -A1 'asks you for Autotask credentials' "$f"
  assert_output --partial "refuse"
  run grep -c 'confirmationToken' "$f"
  [ "$output" -ge 1 ]
}

@test "SKILL.md's allowed commands all exist as scripts" {
  run grep -oE '\./scripts/[a-z_]+\.sh' "$REPO_ROOT/SKILL.md"
  assert_success
  local s
  for s in $(printf '%s\n' "$output" | sort -u); do
    [ -x "$REPO_ROOT/${s#./}" ] || fail "SKILL.md names $s, which is not an executable script"
  done
}

@test "SKILL.md allowlists the non-interactive pin commands the script tells an agent to use" {
  local f=$REPO_ROOT/SKILL.md
  # shellcheck disable=SC2016 # backquotes are Markdown here
  run grep -c '`./scripts/mcp_pin_digest.sh --yes`' "$f"
  assert_output 1
  # shellcheck disable=SC2016 # backquotes are Markdown here
  run grep -c '`./scripts/mcp_pin_digest.sh --pull --yes`' "$f"
  assert_output 1
  # and the script really tells a non-interactive caller to use --yes
  run grep -c 're-run with --yes' "$REPO_ROOT/scripts/mcp_pin_digest.sh"
  assert_output 1
}

@test ".env.example.txt documents every server variable and keeps secrets empty" {
  local f=$REPO_ROOT/.env.example.txt v
  for v in AUTOTASK_INTEGRATION_CODE AUTOTASK_USERNAME AUTOTASK_SECRET AUTOTASK_API_URL AUTOTASK_DEMO \
    AUTOTASK_READ_ONLY AUTOTASK_TOOLSETS AUTOTASK_TIME_ZONE LOG_LEVEL LOG_FORMAT MCP_AUTH_TOKEN MCP_ALLOWED_HOSTS \
    MCP_ALLOWED_ORIGINS MCP_SESSION_IDLE_TTL_SECONDS MCP_MAX_SESSIONS NODE_ENV MCP_TRANSPORT \
    MCP_HTTP_HOST MCP_HTTP_PORT AUTOTASK_MCP_IMAGE MCP_PORT; do
    grep -q "$v" "$f" || fail "$v is not documented in .env.example.txt"
  done
  run grep -E '^(AUTOTASK_INTEGRATION_CODE|AUTOTASK_USERNAME|AUTOTASK_SECRET|MCP_AUTH_TOKEN)=.' "$f"
  assert_failure 1
  run grep -c '\[required\] \[secret\]' "$f"
  assert_output 3
}
