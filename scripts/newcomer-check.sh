#!/usr/bin/env bash
# The README's two commands as a newcomer meets them: a clone of this checkout in a temporary
# folder, nothing beside it (no ../shared), an empty HOME (no pnpm store, no caches, no config) and
# only PATH from this environment. Runs `npm run demo` there (checking its exit code and outputs),
# then `npm test`, and prints how long each took. From the repository's root:
#   bash scripts/newcomer-check.sh          # both commands
#   bash scripts/newcomer-check.sh demo     # the demo only
set -euo pipefail
root="$PWD"
place="$(mktemp -d)"
trap 'rm -rf "$place"' EXIT
# Like a home folder: others may pass through (some tests run the CLI as another user).
chmod 755 "$place"
mkdir "$place/home"
git clone --quiet "$root" "$place/move-ugc"

started=$SECONDS
if ! (cd "$place/move-ugc" && env -i PATH="$PATH" HOME="$place/home" TERM=dumb npm run demo >"$place/demo.log" 2>&1); then
  tail -n 40 "$place/demo.log" >&2
  echo "newcomer: npm run demo failed on a fresh clone with an empty HOME (log above)." >&2
  exit 1
fi
seconds=$((SECONDS - started))

for output in dance.fbx dance.glb dance.mp4; do
  if [ ! -s "$place/move-ugc/outputs/demo/$output" ]; then
    tail -n 40 "$place/demo.log" >&2
    echo "newcomer: npm run demo exited 0 but outputs/demo/$output is missing or empty." >&2
    exit 1
  fi
done
echo "newcomer: npm run demo on a fresh clone with an empty HOME took ${seconds} s; outputs/demo holds dance.fbx, dance.glb and dance.mp4."
[ "${1:-}" = demo ] && exit 0

started=$SECONDS
if ! (cd "$place/move-ugc" && env -i PATH="$PATH" HOME="$place/home" TERM=dumb npm test >"$place/test.log" 2>&1); then
  kept="$(mktemp "${TMPDIR:-/tmp}/newcomer-npm-test.XXXXXX.log")"
  cp "$place/test.log" "$kept"
  grep -E -A 12 'FAIL|×' "$place/test.log" | head -n 120 >&2 || true
  tail -n 30 "$place/test.log" >&2
  echo "newcomer: npm test failed on a fresh clone with an empty HOME (failures above; whole log in $kept)." >&2
  exit 1
fi
echo "newcomer: npm test on the same clone took $((SECONDS - started)) s: $(tail -n 1 "$place/test.log")"
