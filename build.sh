#!/usr/bin/env bash
# RootGuard's one entry point.
#   ./build.sh          install what is missing, build dist/chrome, dist/firefox, .zip, .xpi
#   ./build.sh test     build, then run every check and test suite
#   ./build.sh demo     start the console replica and show RootGuard on it
#   ./build.sh bench    build, then time size, page overhead, Argon2id, click to file, ordinary downloads (bench/)
#   ./build.sh fuzz [S] [N] run every fuzz target for S seconds (default 60), or for N executions
#                     (S then bounds it, 0 = none: `./build.sh fuzz 0 10000000`); prints executions per target
# Idempotent: each install step checks first and is skipped when satisfied.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

APT_PACKAGES=(chromium chromium-driver firefox-esr inotify-tools openssl python3 python3-venv ca-certificates time g++)
GECKODRIVER_VERSION=0.37.1
WASM_TARGET=wasm32-unknown-unknown

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # Node.js may come from outside Debian (as on these machines); only install it when absent.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    log "apt: installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  rustup target list --installed | grep -qx "$WASM_TARGET" || { log "rustup: adding $WASM_TARGET"; rustup target add "$WASM_TARGET"; }
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
}

# wasm-bindgen-cli must be exactly the version Cargo.lock pins for the
# wasm-bindgen crate, or its output does not match the compiled module.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    log "cargo: installing wasm-bindgen-cli $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_geckodriver() {
  if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    log "cargo: installing geckodriver $GECKODRIVER_VERSION (about 4 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
  fi
}

ensure_npm() {
  # npm ci from the committed lockfile; skipped when node_modules was installed
  # from this very lockfile (a copy of it is kept as a stamp: npm's own
  # node_modules/.package-lock.json is written differently and never matches).
  local stamp=node_modules/.rootguard-installed-lock.json
  if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    log "npm: installing from package-lock.json"
    npm ci --no-audit --no-fund
    cp package-lock.json "$stamp"
  fi
}

# The Python test suites' packages (pinned), in one venv under target/:
# the independent decryptor's, and the real AWS CLI for tests/awscli.
PYVENV=target/pyvenv
PY_REQUIREMENTS=(tests/independent/requirements.txt tests/awscli/requirements.txt)
ensure_python() {
  local stamp=$PYVENV/.requirements
  if ! cmp -s <(cat "${PY_REQUIREMENTS[@]}") "$stamp" 2>/dev/null; then
    log "pip: installing ${PY_REQUIREMENTS[*]} into $PYVENV"
    rm -rf "$PYVENV"
    /usr/bin/python3 -m venv "$PYVENV"
    "$PYVENV/bin/pip" install --quiet --disable-pip-version-check "${PY_REQUIREMENTS[@]/#/-r}"
    cat "${PY_REQUIREMENTS[@]}" > "$stamp"
  fi
}

# cargo-fuzz for the fuzz targets in fuzz/ (scripts/fuzz.sh); only `fuzz` and
# `test` need it. It runs on stable: scripts/fuzz.sh sets RUSTC_BOOTSTRAP=1.
CARGO_FUZZ_VERSION=0.13.2
ensure_cargo_fuzz() {
  if [ "$(cargo fuzz --version 2>/dev/null | head -n1)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    log "cargo: installing cargo-fuzz $CARGO_FUZZ_VERSION (about 3 minutes)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
  fi
}

install_all() {
  ensure_apt
  ensure_rust
  ensure_wasm_bindgen
  ensure_geckodriver
  ensure_npm
  ensure_python
}

# The console replica's pages on the real design system (tests/fixtures/console/cloudscape/):
# React and @cloudscape-design/components from package-lock.json, one ES module and its CSS
# and fonts in target/replica/, served by the replica under /__replica/cloudscape/.
build_replica() {
  local out=target/replica start=$SECONDS
  rm -rf "$out"
  esbuild tests/fixtures/console/cloudscape/main.jsx --bundle --format=esm --minify \
    --jsx=automatic --target=chrome120,firefox128 --define:process.env.NODE_ENV='"production"' \
    --loader:.woff2=file --loader:.woff=file --asset-names='[name]-[hash]' --public-path=/__replica/cloudscape/ \
    --legal-comments=none --log-level=warning --outdir="$out"
  log "replica: $(du -cb "$out"/main.js "$out"/main.css | tail -n1 | cut -f1) bytes of JS and CSS in $out ($((SECONDS - start)) s)"
}

# The core ships as two Wasm modules from the one crate, by Cargo feature
# (src/wasm.rs): `page`, every decision about a console page, which the
# background loads at start; `crypto`, the export's sealing and opening,
# loaded when an export, the decrypt page or the options page needs it.
CORE_MODULES=(page crypto)

build() {
  local core=target/extension-core module
  rm -rf "$core" && mkdir -p "$core"
  for module in "${CORE_MODULES[@]}"; do
    log "cargo: building the core's $module module for $WASM_TARGET"
    cargo build --release --lib --target "$WASM_TARGET" --no-default-features --features "$module"
    wasm-bindgen --target web --no-typescript --out-dir "$core" --out-name "rootguard_$module" \
      "target/$WASM_TARGET/release/rootguard.wasm"
    # wasm-opt from npm's binaryen: Debian's binaryen 108 corrupts wasm-bindgen output.
    wasm-opt -Oz "$core/rootguard_${module}_bg.wasm" -o "$core/rootguard_${module}_bg.wasm"
  done
  # Content scripts must be classic scripts: the page-realm script
  # (extension/main-world/), the console pages' script and the leak guard's
  # (extension/content/) are ES modules bundled into one each, not minified,
  # so that dist/ stays reviewable (and AMO's reviewers can rebuild them with
  # this command). Background and pages load their modules as they are.
  esbuild extension/main-world/index.js --bundle --format=iife --target=chrome120,firefox140 \
    --legal-comments=none --log-level=warning --outfile="$core/main-world.js"
  esbuild extension/content/console.js extension/content/leak-guard.js --bundle --format=iife \
    --target=chrome120,firefox140 --legal-comments=none --log-level=warning --outdir="$core/content"
  build_replica
  log "assembling dist/"
  python3 scripts/assemble.py "$core"
  cargo build --release --bin rootguard
  log "built: dist/chrome/ dist/firefox/ (unpacked), dist/rootguard-chrome.zip, dist/rootguard-firefox.xpi;" \
    "core $(for m in "${CORE_MODULES[@]}"; do printf '%s %s bytes, ' "$m" "$(stat -c %s "dist/chrome/core/rootguard_${m}_bg.wasm")"; done)CLI target/release/rootguard"
}

# Runs one suite, records its result, never stops the others.
SUMMARY=()
FAILED=0
suite() {
  local name=$1; shift
  log "suite: $name"
  local start=$SECONDS
  if "$@"; then
    SUMMARY+=("PASS  $name ($((SECONDS - start)) s)")
  else
    SUMMARY+=("FAIL  $name ($((SECONDS - start)) s)")
    FAILED=$((FAILED + 1))
  fi
}

wasm_browser_tests() {
  local driver=$1
  # The runner picks the browser from which driver variable is set: exactly one.
  env -u CHROMEDRIVER -u GECKODRIVER -u SAFARIDRIVER "$driver=$(command -v "${driver,,}")" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target "$WASM_TARGET" --test wasm_bridge
}

addons_lint() {
  local out; out=$(addons-linter --output json dist/rootguard-firefox.xpi) || true
  node -e '
    const r = JSON.parse(process.argv[1]);
    for (const m of [...r.errors, ...r.warnings]) console.log(`${m._type}: ${m.code}: ${m.message} (${m.file ?? ""})`);
    console.log(`addons-linter: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices`);
    process.exit(r.summary.errors === 0 && r.summary.warnings === 0 ? 0 : 1);' "$out"
}

run_tests() {
  suite "cargo fmt --check" cargo fmt --all --check
  suite "clippy (native)" cargo clippy --all-targets -- -D warnings
  suite "clippy (wasm32)" cargo clippy --lib --tests --target "$WASM_TARGET" -- -D warnings
  suite "native unit tests" cargo test
  suite "fuzz smoke (30 s per target)" scripts/fuzz.sh 30
  suite "wasm-bindgen tests in Chromium" wasm_browser_tests CHROMEDRIVER
  suite "wasm-bindgen tests in Firefox" wasm_browser_tests GECKODRIVER
  suite "independent decryptor (Python) on the vectors and CLI output" \
    env ROOTGUARD_BIN="$ROOT/target/release/rootguard" "$PYVENV/bin/python" -m unittest discover -s tests/independent -p 'test_*.py' -v
  suite "AWS CLI (real awscli) with rootguard credential-process, exec, aws-import" \
    env ROOTGUARD_BIN="$ROOT/target/release/rootguard" "$PYVENV/bin/python" -m unittest discover -s tests/awscli -p 'test_*.py' -v
  suite "ESLint (extension, tests, bench; the page-realm script's built-ins rule, one protocol)" eslint .
  suite "JavaScript unit tests (Node: protocol, page reading, renderer, base64)" node --test tests/js/
  suite "replica self-check" node --test tests/fixtures/console/
  suite "E2E in Chromium and Firefox" node --test --test-concurrency=1 tests/e2e/
  suite "addons-linter (Firefox build)" addons_lint
  printf '\n== RootGuard test summary ==\n' >&2
  printf '%s\n' "${SUMMARY[@]}" >&2
  local total=${#SUMMARY[@]}
  echo "$((total - FAILED)) passed, $FAILED failed"
  ((FAILED == 0))
}

case "${1:-build}" in
  build) install_all; build ;;
  test) install_all; ensure_cargo_fuzz; build; run_tests ;;
  demo) install_all; build; exec node tests/demo.mjs ;;
  bench) install_all; build; node bench/run.mjs "${@:2}" ;;
  fuzz) install_all; ensure_cargo_fuzz; scripts/fuzz.sh "${2:-60}" "${3:-0}" ;;
  *) echo "usage: ./build.sh [build|test|demo|bench [--quick] [--only size,cold,page,other,kdf,click,downloads]|fuzz [SECONDS] [RUNS]]" >&2; exit 2 ;;
esac
