#!/usr/bin/env bash
# The README's first command as a newcomer meets it: a clone of this checkout in a temporary
# folder, nothing beside it (no ../shared), an empty HOME (no pnpm store, no caches, no config) and
# only PATH from this environment. Runs `npm run demo` there, checks its exit code and outputs, and
# prints how long it took. Run it from the repository's root: `bash scripts/newcomer-check.sh`.
set -euo pipefail
root="$PWD"
place="$(mktemp -d)"
trap 'rm -rf "$place"' EXIT
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
