#!/usr/bin/env bats
# Deployment beyond one box: docker-compose.team.yml (two hardened replicas, Redis, a TLS proxy),
# deploy/kubernetes/ (hardened Deployment, Service, example Secret, egress-only NetworkPolicy) and
# scripts/team_certs.sh. Parsed as YAML by the checkers; each checker is shown to notice a fault.

setup() {
  load helpers/common
  load helpers/python
  PY=$(yaml_python)
  TEAM=$REPO_ROOT/docker-compose.team.yml
  K8S=$REPO_ROOT/deploy/kubernetes
}

check_team() { "$PY" "$REPO_ROOT/tests/bats/helpers/check_compose_team.py" "${1:-$TEAM}"; }
check_k8s() { "$PY" "$REPO_ROOT/tests/bats/helpers/check_kubernetes.py" "${1:-$K8S}"; }

# k8s_copy: a writable copy of the manifests in $BATS_TEST_TMPDIR/k8s
k8s_copy() {
  rm -rf "$BATS_TEST_TMPDIR/k8s"
  cp -R "$K8S" "$BATS_TEST_TMPDIR/k8s"
}

@test "docker-compose.team.yml: both replicas carry every hardening setting of docker-compose.yml, Redis and the proxy too" {
  run check_team
  assert_success
  assert_output "ok: team"
}

@test "the team checker notices a weakened replica, a published replica port and a published Redis port" {
  sed '/read_only: true/d' "$TEAM" >"$BATS_TEST_TMPDIR/t.yml"
  run check_team "$BATS_TEST_TMPDIR/t.yml"
  assert_failure
  assert_output --partial "autotask-mcp-1: read_only must be true"
  assert_output --partial "redis: read_only must be true"
  sed 's/^  redis:$/  redis:\n    ports: ["6379:6379"]/' "$TEAM" >"$BATS_TEST_TMPDIR/t.yml"
  run check_team "$BATS_TEST_TMPDIR/t.yml"
  assert_failure
  assert_output --partial "redis: must publish no port"
  sed 's/^  autotask-mcp-2: \*autotask-mcp$/  autotask-mcp-2:\n    <<: *autotask-mcp\n    ports: ["8080:8080"]/' "$TEAM" >"$BATS_TEST_TMPDIR/t.yml"
  run check_team "$BATS_TEST_TMPDIR/t.yml"
  assert_failure
  assert_output --partial "autotask-mcp-2: ports must be exactly []"
  assert_output --partial "must be identical"
}

@test "docker-compose (v1.29) accepts the team file" {
  command -v docker-compose >/dev/null || fail "docker-compose is required for this suite (Debian: docker-compose)"
  local d=$BATS_TEST_TMPDIR/team
  mkdir -p "$d/deploy/team/secrets"
  cp "$TEAM" "$d/"
  cp "$REPO_ROOT/deploy/team/nginx.conf" "$d/deploy/team/"
  : >"$d/.env"
  : >"$d/deploy/team/secrets/team.env"
  cd "$d"
  run docker-compose -f docker-compose.team.yml -p bats config -q
  assert_success
  run docker-compose -f docker-compose.team.yml -p bats config --services
  assert_success
  assert_line autotask-mcp-1
  assert_line autotask-mcp-2
  assert_line redis
  assert_line proxy
}

@test "deploy/kubernetes: every workload hardened, the Secret an example, egress only DNS, Redis and https" {
  run check_k8s
  assert_success
  assert_output "ok: kubernetes"
}

@test "the kubernetes checker notices a writable root, an added capability, a missing seccomp profile and root" {
  k8s_copy
  sed -e 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' \
      -e 's/^              drop:$/              add: [NET_ADMIN]\n              drop:/' \
      -e 's/type: RuntimeDefault/type: Unconfined/' \
      -e 's/runAsUser: 10001/runAsUser: 0/' "$K8S/deployment.yaml" >"$BATS_TEST_TMPDIR/k8s/deployment.yaml"
  run check_k8s "$BATS_TEST_TMPDIR/k8s"
  assert_failure
  assert_output --partial "container autotask-mcp: readOnlyRootFilesystem must be true"
  assert_output --partial "capabilities.add must be empty"
  assert_output --partial "pod seccompProfile must be RuntimeDefault"
  assert_output --partial "runAsUser must be a non-zero uid"
}

@test "the kubernetes checker notices egress beyond DNS, Redis and https, and a Secret with a real-looking value" {
  k8s_copy
  sed 's/port: 443/port: 80/' "$K8S/networkpolicy.yaml" >"$BATS_TEST_TMPDIR/k8s/networkpolicy.yaml"
  sed 's/AUTOTASK_SECRET: "REPLACE-ME"/AUTOTASK_SECRET: "s3cr3t-value"/' "$K8S/secret.example.yaml" >"$BATS_TEST_TMPDIR/k8s/secret.example.yaml"
  run check_k8s "$BATS_TEST_TMPDIR/k8s"
  assert_failure
  assert_output --partial "egress to ports [('TCP', 80)] is not DNS, Redis or https"
  assert_output --partial "Secret autotask-mcp: AUTOTASK_SECRET must be a REPLACE-ME placeholder"
  k8s_copy
  sed '/^  egress: \[\]$/d' "$K8S/networkpolicy.yaml" >"$BATS_TEST_TMPDIR/k8s/networkpolicy.yaml"
  printf '  egress:\n    - {}\n' >>"$BATS_TEST_TMPDIR/k8s/networkpolicy.yaml"
  run check_k8s "$BATS_TEST_TMPDIR/k8s"
  assert_failure
  assert_output --partial "autotask-mcp-redis must deny all egress"
}

@test "team_certs.sh: a certificate for the given names, a private team.env, nothing secret printed, kept on a second run" {
  command -v openssl >/dev/null || fail "openssl is required"
  local out=$BATS_TEST_TMPDIR/secrets
  run env TEAM_SECRETS_DIR="$out" "$REPO_ROOT/scripts/team_certs.sh" team.example.lan 10.1.2.3
  assert_success
  run openssl x509 -in "$out/tls.crt" -noout -ext subjectAltName
  assert_output --partial "DNS:team.example.lan"
  assert_output --partial "IP Address:10.1.2.3"
  assert_output --partial "DNS:localhost"
  run ls -ld "$out" "$out/team.env"
  assert_line --regexp '^drwx------ .*secrets$'
  assert_line --regexp '^-rw------- .*team.env$'
  local pw
  pw=$(sed -n 's/^requirepass //p' "$out/redis.conf")
  [ "${#pw}" -eq 64 ]
  run grep -c "^REDIS_URL=redis://:$pw@redis:6379/0$" "$out/team.env"
  assert_output 1
  run grep -c '^MCP_ALLOWED_HOSTS=team.example.lan,10.1.2.3$' "$out/team.env"
  assert_output 1
  run env TEAM_SECRETS_DIR="$out" "$REPO_ROOT/scripts/team_certs.sh" team.example.lan
  assert_success
  assert_output --partial "kept"
  refute_output --partial "$pw"
  run grep -c "$pw" "$out/redis.conf"
  assert_output 1
  run env TEAM_SECRETS_DIR="$out" "$REPO_ROOT/scripts/team_certs.sh" 'bad name;rm'
  assert_failure 2
}
