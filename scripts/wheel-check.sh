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
"${kg[@]}" validate out
"${kg[@]}" query townships-citing-law --graph out --param law=中华人民共和国宪法 | grep -q 国宝乡
port=$("$work/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"${kg[@]}" serve --graph out --port "$port" & serve_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/query" -H "Accept: text/csv" \
  --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { ?r a tkg:Report }" | grep -q '^5'
store_port=$("$work/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
oxigraph="$root/.venv/bin/oxigraph"          # the Oxigraph server of the test extra: a real store to push to
if [ -x "$oxigraph" ]; then
  "$oxigraph" serve --location "$work/store" --bind "127.0.0.1:$store_port" >/dev/null 2>&1 & store_pid=$!
  for _ in $(seq 50); do curl -s "http://127.0.0.1:$store_port/" >/dev/null && break; sleep 0.2; done
  "${kg[@]}" push out --store "http://127.0.0.1:$store_port/store"
fi
echo "wheel check: build, validate, query, serve${store_pid:+, push} passed from an installed wheel"
