#!/usr/bin/env bash
# Install township-kg the way a user does (a wheel into a fresh venv, no source tree on the path)
# and run build -> validate -> query -> serve -> push on the bundled seeds from there.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$(mktemp -d)"
trap 'kill "${serve_pid:-}" "${store_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
.venv/bin/python -m pip wheel -q --no-deps . -w "$work/dist"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$work"/dist/*.whl
cp -r seeds "$work/seeds"
cd "$work"                                   # nothing of the source tree is importable from here
kg=("$work/venv/bin/kg")
"${kg[@]}" build seeds --out out --format nq -q
grep -q "function layout()" out/graph.html          # the page script (kg/export/assets/js) is in the wheel
"$work/venv/bin/python" -c "import importlib.util as u, sys; bad = [m for m in ('IPython', 'jedi', 'pyvis') if u.find_spec(m)]; sys.exit(f'heavy packages installed: {bad}' if bad else 0)"   # a lean install
"${kg[@]}" validate out
"${kg[@]}" query townships-citing-law --graph out --param law=中华人民共和国宪法 | grep -q 国宝乡
port=$("$work/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"${kg[@]}" serve --graph out --port "$port" & serve_pid=$!
py="$work/venv/bin/python"                  # no curl on a bare machine: urllib
up() { "$py" -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; }
for _ in $(seq 50); do up "http://127.0.0.1:$port/" && break; sleep 0.2; done
"$py" - "$port" <<'PY'
import sys, urllib.parse, urllib.request
q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?r a tkg:Report }"}).encode()
req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/query", data=q, headers={"Accept": "text/csv"})
assert urllib.request.urlopen(req, timeout=10).read().decode().split() == ["n", "5"]
PY
store_port=$("$work/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
oxigraph="$root/.venv/bin/oxigraph"          # the Oxigraph server of the test extra: a real store to push to
if [ -x "$oxigraph" ]; then
  "$oxigraph" serve --location "$work/store" --bind "127.0.0.1:$store_port" >/dev/null 2>&1 & store_pid=$!
  for _ in $(seq 50); do up "http://127.0.0.1:$store_port/" && break; sleep 0.2; done
  "${kg[@]}" push out --store "http://127.0.0.1:$store_port/store"
fi
echo "wheel check: build, validate, query, serve${store_pid:+, push} passed from an installed wheel"
