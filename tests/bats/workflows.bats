#!/usr/bin/env bats
# .github/workflows/release.yml and ci.yml cannot run here: they are parsed as YAML (PyYAML, then
# jq) and their triggers, permissions, pinned actions, build, attestations, signature, bundle and
# release steps are checked, and so is that README "Releasing" gives every step by hand.
# (Their schema is validated against GitHub's with action-validator in the e2e suite's setup.)
# shellcheck disable=SC2016 # the workflows' literal $VARIABLES and ${{ }} text is what is compared

setup() {
  load helpers/common
  load helpers/python
  PY=$(yaml_python)
  REL=$REPO_ROOT/.github/workflows/release.yml
  CI=$REPO_ROOT/.github/workflows/ci.yml
}

# wf FILE JQ...: jq over the workflow parsed as YAML.
wf() {
  local file=$1
  shift
  "$PY" "$REPO_ROOT/tests/bats/helpers/yaml_json.py" "$file" | jq -r "$@"
}
# step_run FILE JOB NAME_REGEX: the run: script of the step whose name matches.
step_run() { wf "$1" --arg job "$2" --arg re "$3" '.jobs[$job].steps[] | select((.name // "") | test($re)) | .run'; }
# join_lines: backslash-continued lines joined with one space, trailing blanks dropped.
join_lines() { sed -e ':a' -e '/\\$/N; s/[[:space:]]*\\\n[[:space:]]*/ /; ta' -e 's/[[:space:]]*$//'; }
# joined FILE JOB NAME_REGEX: that script with its continued lines joined.
joined() { step_run "$@" | join_lines; }
# releasing_section: README's "## Releasing" section.
releasing_section() { awk '/^## /{p = ($0 == "## Releasing")} p' "$REPO_ROOT/README.md"; }

@test "both workflows parse as YAML and have jobs" {
  run wf "$REL" '.jobs | keys | join(" ")'
  assert_output "image release"
  run wf "$CI" '.jobs | keys | join(" ")'
  assert_output "test"
}

@test "release runs only on a pushed version tag vX.Y.Z (no branch, pull request or manual run)" {
  run wf "$REL" -c '.on'
  assert_output '{"push":{"tags":["v[0-9]+.[0-9]+.[0-9]+"]}}'
}

@test "release permissions: none by default; image job contents:read packages:write id-token:write; release job contents:write" {
  run wf "$REL" -c '.permissions'
  assert_output '{}'
  run wf "$REL" -c '.jobs.image.permissions'
  assert_output '{"contents":"read","packages":"write","id-token":"write"}'
  run wf "$REL" -c '.jobs.release.permissions'
  assert_output '{"contents":"write"}'
  run wf "$REL" '.jobs.release.needs'
  assert_output image
}

@test "ci runs on pushes to main and on pull requests, reads the repository only" {
  run wf "$CI" -c '.on'
  assert_output '{"push":{"branches":["main"]},"pull_request":null}'
  run wf "$CI" -c '.permissions'
  assert_output '{"contents":"read"}'
  run wf "$CI" -c '[.jobs[] | select(has("permissions"))] | length'
  assert_output 0
  run grep -nE 'id-token|packages:|contents: *write|secrets\.' "$CI"
  assert_failure 1
}

@test "ci runs the README's one test command on Debian 12 with Node 20, privileged for dockerd" {
  run wf "$CI" -c '[.jobs.test.steps[] | select(has("run")) | .run]'
  assert_output '["./tests/run.sh\n"]'
  run awk '/^## Test it/{p=1} p && /^```bash/{getline; print; exit}' "$REPO_ROOT/README.md"
  assert_output "./tests/run.sh"
  run wf "$CI" '.jobs.test.container.image, .jobs.test.container.options'
  assert_line --index 0 "node:20-bookworm"
  assert_line --index 1 --partial "--privileged"
  run wf "$CI" '.jobs.test."timeout-minutes"'
  assert_output 90
}

@test "every action is pinned by a full commit SHA with its version in a comment" {
  local f line n=0
  for f in "$REL" "$CI"; do
    while IFS= read -r line; do
      n=$((n + 1))
      [[ $line =~ uses:\ [a-z0-9-]+/[a-z0-9-]+@[0-9a-f]{40}\ \#\ v[0-9]+\.[0-9]+\.[0-9]+$ ]] \
        || fail "not pinned by SHA with a version comment: $line"
    done < <(grep -E '^[[:space:]]*-?[[:space:]]*uses:' "$f")
  done
  [ "$n" -ge 7 ] || fail "expected the 7 action uses, found $n"
  # The same action is pinned to the same commit everywhere.
  run bash -c "grep -hoE 'uses: [^ ]+' '$REL' '$CI' | sort -u | sed 's/@.*//' | uniq -d"
  assert_output ""
}

@test "the image is built for linux/amd64 and linux/arm64 and pushed to ghcr.io/<repository, lowercase>" {
  run joined "$REL" image '^Build and push'
  assert_output --partial "docker buildx build --platform linux/amd64,linux/arm64 "
  assert_output --partial " --push ."
  run step_run "$REL" image '^Settings'
  assert_output --partial "IMAGE=ghcr.io/\$(printf '%s' \"\$GITHUB_REPOSITORY\" | tr '[:upper:]' '[:lower:]')"
  assert_output --partial 'VERSION=${GITHUB_REF_NAME#v}'
  # The lower-casing really works (ghcr.io refuses upper-case names).
  run env GITHUB_REPOSITORY=Example-Org/AutoTask-MCP bash -c "$(step_run "$REL" image '^Settings' | grep '^IMAGE='); echo \"\$IMAGE\""
  assert_output "ghcr.io/example-org/autotask-mcp"
}

@test "the push is tagged with the version and latest and carries SBOM and provenance attestations" {
  run joined "$REL" image '^Build and push'
  assert_output --partial '--tag "$IMAGE:$VERSION" --tag "$IMAGE:latest"'
  assert_output --partial "--sbom=true --provenance=mode=max"
  assert_output --partial '--build-arg VERSION="$VERSION"'
  # The index digest the push produced is what everything after it uses.
  assert_output --partial "--metadata-file build-metadata.json"
  assert_output --partial "DIGEST=\$(jq -r '.\"containerimage.digest\"' build-metadata.json)"
  run wf "$REL" '.jobs.image.outputs.digest'
  assert_output '${{ steps.build.outputs.digest }}'
}

@test "cosign signs the pushed digest (never a tag) keylessly, then verifies it with the workflow's identity" {
  run step_run "$REL" image '^Sign'
  assert_output 'cosign sign --yes "$IMAGE@$DIGEST"'
  run grep -nE 'cosign sign.*--key|COSIGN_PRIVATE_KEY|COSIGN_PASSWORD' "$REL"
  assert_failure 1
  run joined "$REL" image '^Verify'
  assert_output --partial 'cosign verify "$IMAGE@$DIGEST"'
  assert_output --partial '--certificate-oidc-issuer https://token.actions.githubusercontent.com'
  # The identity, expanded as the runner would for tag v1.2.3, is the one mcp_update.sh accepts.
  local identity
  identity=$(joined "$REL" image '^Verify' | sed -n 's/.*--certificate-identity "\([^"]*\)".*/\1/p')
  identity=$(GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=example-org/autotask-mcp \
    GITHUB_REF=refs/tags/v1.2.3 bash -c "printf '%s' \"$identity\"")
  assert_equal "$identity" "https://github.com/example-org/autotask-mcp/.github/workflows/release.yml@refs/tags/v1.2.3"
  [[ $identity =~ ^https://github\.com/example-org/autotask-mcp/\.github/workflows/release\.yml@refs/tags/v.*$ ]]
  # ...which names this very file.
  [ -f "$REPO_ROOT/.github/workflows/release.yml" ]
}

@test "image job order: set-up, log in, build and push, sign, verify, bundle, upload" {
  run wf "$REL" '.jobs.image.steps[] | (.name // .uses | sub("@.*"; ""))'
  assert_output "actions/checkout
docker/setup-qemu-action
docker/setup-buildx-action
sigstore/cosign-installer
Settings (version from the tag, lowercase image name)
Log in to ghcr.io
Build and push linux/amd64 + linux/arm64 with SBOM and provenance
Sign the index digest with cosign (keyless)
Verify the signature with the identity users check
Bundle archive with the digest as its Compose default
actions/upload-artifact"
  run wf "$REL" '.jobs.image.steps[0].with."persist-credentials"'
  assert_output false
}

@test "the bundle archive is written with the image by digest and published as the tag's release" {
  run step_run "$REL" image '^Bundle'
  assert_output 'scripts/release_bundle.sh --version "$VERSION" --image "$IMAGE@$DIGEST" --output dist'
  [ -x "$REPO_ROOT/scripts/release_bundle.sh" ]
  run wf "$REL" -c '.jobs.image.steps[-1].with'
  assert_output '{"name":"bundle","path":"dist/","if-no-files-found":"error"}'
  run wf "$REL" '.jobs.release.steps[] | (.name // .uses | sub("@.*"; ""))'
  assert_output "actions/download-artifact
Check the archive against its checksum
Publish the GitHub release"
  run joined "$REL" release '^Publish'
  assert_output --partial 'gh release create "$GITHUB_REF_NAME" dist/* --repo "$GITHUB_REPOSITORY" --verify-tag'
  run wf "$REL" -c '.jobs.release.steps[-1].env'
  assert_output '{"GH_TOKEN":"${{ github.token }}","IMAGE":"${{ needs.image.outputs.image }}","DIGEST":"${{ needs.image.outputs.digest }}"}'
}

@test "run: scripts use only environment variables (no \${{ }} inside), so each can be pasted by hand" {
  local f
  for f in "$REL" "$CI"; do
    run wf "$f" '[.jobs[].steps[] | select(has("run")) | select(.run | test("\\$\\{\\{"))] | length'
    assert_output 0
  done
}

@test "README \"Releasing\" gives every workflow step by hand: each action's equivalent and each command" {
  local section cmd action
  section=$(releasing_section | join_lines)
  [ -n "$section" ] || fail 'README.md has no "## Releasing" section'
  # Each action is named next to what to do instead.
  while IFS= read -r action; do
    grep -E '^[[:space:]]*#' <<<"$section" | grep -qF "$action" \
      || fail "README Releasing has no comment saying what replaces $action"
  done < <(wf "$REL" '.jobs[].steps[] | select(has("uses")) | .uses | sub("@.*"; "")' | sort -u)
  # Each command of each run: step (continuation lines joined), minus the runner's own plumbing.
  while IFS= read -r cmd; do
    grep -qF -- "$cmd" <<<"$section" || fail "README Releasing lacks the by-hand command: $cmd"
  done < <(wf "$REL" '.jobs[].steps[] | select(has("run")) | .run' | join_lines \
    | grep -vE 'GITHUB_ENV|GITHUB_OUTPUT|^[[:space:]]*$|^[[:space:]]*(--title|--notes|The bundle|Verify the image)' \
    | sed -E 's/^[[:space:]]+//; s/^cd dist && (.*)$/(cd dist \&\& \1)/; s/ --certificate-identity .*//; s/ --title .*//')
}

@test "README names the signing identity and the workflow states it too" {
  run releasing_section
  assert_output --partial 'https://github.com/<owner>/<repo>/.github/workflows/release.yml@refs/tags/vX.Y.Z'
  assert_output --partial 'https://token.actions.githubusercontent.com'
  run grep -c 'https://github.com/<owner>/<repo>/.github/workflows/release.yml@refs/tags/vX.Y.Z' "$REL"
  assert_output 1
}
