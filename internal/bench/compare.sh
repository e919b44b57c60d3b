#!/usr/bin/env bash
# compare.sh: cmd/httpserver against CPython's `python3 -m http.server`,
# serving the same generated tree on loopback, measured by the same load
# generator; prints a Markdown table for the README on stdout (progress
# goes to stderr).
#
#   internal/bench/compare.sh            # from anywhere in the module
#   DURATION=5 PROTOCOLS=HTTP/1.1 internal/bench/compare.sh
#
# The tree (made in a temporary directory, removed at the end):
#   small.txt   a 1 KiB file
#   dir/        a directory of 1,000 small files (its listing)
#   big.bin     a 100 MiB file of random bytes
#
# Each case runs against freshly started servers,
# bound to 127.0.0.1
# on ports the system picks, logging to /dev/null. Both servers are checked
# to answer 200 with the same bytes before anything is timed.
#
# Load generator: wrk (installed with `apt-get install -y wrk` when absent
# and this runs as root with apt-get), else internal/bench/load, a small Go
# client. LOADGEN=wrk or LOADGEN=go chooses.
#
# Environment:
#   PYTHON     the CPython to compare with (default
#              /root/.pyenv/versions/3.13.0/bin/python3, else python3)
#   DURATION   seconds of load per case and server (default 10, at most 60)
#   CONNS      connections (default 4; 2 for the 100 MiB file)
#   PROTOCOLS  the -p values to run (default "HTTP/1.0 HTTP/1.1"):
#              HTTP/1.0 is the default of both, a connection per request;
#              HTTP/1.1 keeps connections alive
#   LOADGEN    auto (default), wrk or go
#
# Every process started here is stopped on exit, by its process id.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

PYTHON=${PYTHON:-/root/.pyenv/versions/3.13.0/bin/python3}
if [ ! -x "$PYTHON" ]; then
	PYTHON=$(command -v python3 || true)
fi
DURATION=${DURATION:-10}
CONNS=${CONNS:-4}
PROTOCOLS=${PROTOCOLS:-HTTP/1.0 HTTP/1.1}
LOADGEN=${LOADGEN:-auto}

log() { printf '%s\n' "$*" >&2; }
die() { log "compare.sh: $*"; exit 1; }

[ -n "$PYTHON" ] || die "no python3: set PYTHON"
case $DURATION in '' | *[!0-9]*) die "DURATION=$DURATION: want whole seconds" ;; esac
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 60 ] || die "DURATION=$DURATION: want 1 to 60"
case $CONNS in '' | *[!0-9]*) die "CONNS=$CONNS: want a number" ;; esac
[ "$CONNS" -ge 1 ] && [ "$CONNS" -le 64 ] || die "CONNS=$CONNS: want 1 to 64"

work=$(mktemp -d "${TMPDIR:-/tmp}/httpfixture-compare.XXXXXX")
pids=()

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	pids=()
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# stop_servers ends the servers of the last case.
stop_servers() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	pids=()
}

# --- tools -----------------------------------------------------------------

log "building cmd/httpserver"
(cd "$root" && go build -o "$work/httpserver" ./cmd/httpserver)

have_wrk() { command -v wrk >/dev/null 2>&1; }
if [ "$LOADGEN" = auto ] || [ "$LOADGEN" = wrk ]; then
	if ! have_wrk && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		log "installing wrk (apt-get install -y wrk)"
		apt-get install -y -qq wrk >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } ||
			log "could not install wrk"
	fi
	if have_wrk; then
		LOADGEN=wrk
	elif [ "$LOADGEN" = wrk ]; then
		die "LOADGEN=wrk but wrk is not installed"
	else
		LOADGEN=go
	fi
fi
case $LOADGEN in
go)
	log "building internal/bench/load"
	(cd "$root" && go build -o "$work/load" ./internal/bench/load)
	;;
wrk) ;;
*) die "LOADGEN=$LOADGEN: want auto, wrk or go" ;;
esac

# httpserver produces the bytes of the CPython it is compared with, where
# it knows that version (--python); the listings must then be the same.
pyminor=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
pyflag=()
same_listing=0
if "$work/httpserver" --help 2>/dev/null | tr -s ' \n' ' ' | grep -q -- "--python VERSION.*$pyminor"; then
	pyflag=(--python "$pyminor")
	same_listing=1
fi

# --- the tree --------------------------------------------------------------

tree=$work/tree
mkdir -p "$tree/dir"
log "writing the tree in $tree"
"$PYTHON" - "$tree" <<'EOF'
import os, sys
root = sys.argv[1]
with open(os.path.join(root, "small.txt"), "w") as f:
    f.write("spam, spam, eggs, bacon & spam!\n" * 32)
for i in range(1000):
    with open(os.path.join(root, "dir", "file-%04d.txt" % i), "w") as f:
        f.write("x\n")
with open(os.path.join(root, "big.bin"), "wb") as f:
    for _ in range(100):
        f.write(os.urandom(1 << 20))
EOF

# --- servers ---------------------------------------------------------------

# start NAME PROTOCOL: starts the server, appends its pid to pids and sets
# port to the port it listens on.
start() {
	local name=$1 proto=$2 out=$work/$1.out
	: >"$out"
	case $name in
	httpserver) "$work/httpserver" "${pyflag[@]}" -b 127.0.0.1 -d "$tree" -p "$proto" 0 >"$out" 2>/dev/null & ;;
	python) "$PYTHON" -u -m http.server -b 127.0.0.1 -d "$tree" -p "$proto" 0 >"$out" 2>/dev/null & ;;
	esac
	pids+=("$!")
	local i
	for i in $(seq 100); do
		port=$(sed -n 's/^Serving HTTP on .* port \([0-9][0-9]*\) .*/\1/p' "$out")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	die "$name did not start"
}

# check PORT... : every server answers each path with 200 and the same
# body: that of the file for files; for the listing 1,000 links, and the
# same bytes when httpserver was given --python.
check() {
	"$PYTHON" - "$tree" "$same_listing" "$@" <<'EOF'
import hashlib, http.client, os, re, sys
root, same, ports = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    if r.status != 200:
        sys.exit("port %s: GET %s: %d" % (port, path, r.status))
    return body
for name in ("small.txt", "big.bin"):
    want = hashlib.sha256(open(os.path.join(root, name), "rb").read()).hexdigest()
    for port in ports:
        got = hashlib.sha256(get(port, "/" + name)).hexdigest()
        if got != want:
            sys.exit("port %s: /%s differs from the file" % (port, name))
pages = [get(port, "/dir/") for port in ports]
links = [sorted(re.findall(rb'href="([^"]*)"', p)) for p in pages]
if len(links[0]) != 1000 or any(l != links[0] for l in links):
    sys.exit("the listings of /dir/ differ")
if same and len(set(pages)) != 1:
    sys.exit("the listings of /dir/ are not the same bytes")
EOF
}

# --- load ------------------------------------------------------------------

# to_mb VALUE: wrk's "12.34MB" (binary units) in 10^6 bytes.
to_mb() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		m = 1
		if (u == "KB") m = 1024; else if (u == "MB") m = 1024^2
		else if (u == "GB") m = 1024^3; else if (u == "TB") m = 1024^4
		printf "%.1f", n * m / 1e6 }'
}

# load URL CONNS: prints "req/s MB/s errors" for DURATION seconds of load.
load() {
	local url=$1 conns=$2 out=$work/load.out
	case $LOADGEN in
	wrk)
		wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 30s "$url" >"$out" 2>&1 ||
			{ cat "$out" >&2; die "wrk failed"; }
		local rps tps errs
		rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
		tps=$(awk '/^Transfer\/sec:/ {print $2}' "$out")
		errs=$(awk '/Non-2xx or 3xx responses:/ {n += $NF}
			/Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
			END {print n + 0}' "$out")
		echo "$rps $(to_mb "$tps") $errs"
		;;
	go)
		"$work/load" -url "$url" -c "$conns" -d "${DURATION}s" -timeout 30s >"$out" ||
			{ cat "$out" >&2; die "the load client failed"; }
		awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
			print v["req/s"], v["MB/s"], v["errors"]}' "$out"
		;;
	esac
}

# peak_rss PID: the process's peak resident set in MiB, or "?".
peak_rss() {
	awk '/^VmHWM:/ {printf "%d", $2 / 1024; found = 1} END {if (!found) printf "?"}' \
		"/proc/$1/status" 2>/dev/null || printf '?'
}

# --- run -------------------------------------------------------------------

results=$work/results
: >"$results"
for proto in $PROTOCOLS; do
	for case in small dir big; do
		case $case in
		small) path=/small.txt conns=$CONNS ;;
		dir) path=/dir/ conns=$CONNS ;;
		big) path=/big.bin conns=$((CONNS < 2 ? CONNS : 2)) ;;
		esac
		start httpserver "$proto"
		hport=$port
		hpid=${pids[${#pids[@]} - 1]}
		start python "$proto"
		pport=$port
		if [ "$case" = small ]; then
			log "checking that both answer alike ($proto)"
			check "$hport" "$pport"
		fi
		log "$proto $path: httpserver"
		r=$(load "http://127.0.0.1:$hport$path" "$conns")
		read -r h_rps h_mbs h_err <<<"$r"
		h_rss=$(peak_rss "$hpid")
		log "  $h_rps req/s, $h_mbs MB/s, $h_err errors, peak RSS $h_rss MiB"
		log "$proto $path: python"
		r=$(load "http://127.0.0.1:$pport$path" "$conns")
		read -r p_rps p_mbs p_err <<<"$r"
		log "  $p_rps req/s, $p_mbs MB/s, $p_err errors"
		echo "$proto $case $conns $h_rps $h_mbs $h_err $h_rss $p_rps $p_mbs $p_err" >>"$results"
		stop_servers
	done
done

# --- the table -------------------------------------------------------------

pyver=$("$PYTHON" -c 'import platform; print(platform.python_version())')
gover=$(cd "$root" && go env GOVERSION)
case $LOADGEN in
wrk) gen="wrk -t1 -c<conns> -d${DURATION}s (it reads responses 8 KiB at a time)" ;;
go) gen="internal/bench/load -c <conns> -d ${DURATION}s (it reads responses 256 KiB at a time)" ;;
esac

awk -v cpus="$(nproc 2>/dev/null || echo '?')" -v gen="$gen" -v pyver="$pyver" -v gover="$gover" '
function commas(x,   s, r) {
	s = sprintf("%.0f", x); r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	return s r
}
BEGIN {
	label["small"] = "1 KiB file"; label["dir"] = "listing of 1,000 entries"; label["big"] = "100 MiB file"
	print "| Case | Protocol | Conns | httpserver | python3 -m http.server | Ratio | httpserver peak RSS |"
	print "|---|---|---|---|---|---|---|"
}
{
	proto = $1; c = $2
	how = (proto == "HTTP/1.0") ? proto " (connection per request)" : proto " (keep-alive)"
	if (c == "big") { h = $5; p = $9; unit = " MB/s"; hs = sprintf("%.0f", h) unit; ps = sprintf("%.0f", p) unit }
	else { h = $4; p = $8; unit = " req/s"; hs = commas(h) unit; ps = commas(p) unit }
	ratio = (p > 0) ? sprintf("%.2fx", h / p) : "-"
	printf "| %s | %s | %s | %s | %s | %s | %s MiB |\n", label[c], how, $3, hs, ps, ratio, $7
	errs += $6 + $10
}
END {
	printf "\nLoopback, %s CPUs, Go %s, CPython %s; load: %s; errors: %d. ", cpus, substr(gover, 3), pyver, gen, errs
	print "MB/s is 10^6 bytes of response per second. Both servers log each request (to /dev/null); httpserver keeps no exchanges (the command runs WithRecording(false))."
}' "$results"
