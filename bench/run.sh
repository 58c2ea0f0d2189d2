#!/bin/sh
# The benchmark in one command (see bench/README.md): on one database, the in-process times of
# every public page at 12 and at 100,000 articles side by side, then the load test (gunicorn, wrk,
# nginx; installed if missing) on the large site. Sites are built first if they are not yet.
#
#   bench/run.sh [sqlite|postgresql] [articles] [bench/load.py options]
#   bench/run.sh postgresql --wagtail       PostgreSQL, 100,000 articles, with the Wagtail anchor
#   bench/run.sh measure sqlite 20000       the in-process part only, at another size
#   bench/run.sh load sqlite 12 --wagtail   the load test only, on the small site
#
# SQLite files go to $BENCH_DIR (default /tmp); PostgreSQL databases bench_12 and bench_<articles>
# on $BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432; created if missing).
# Results go to $BENCH_DIR/bench-<backend>-<size>.json (in-process) and load-<backend>-<size>.json.
# A database built by an older generator is reused as it is: rebuild it with build_data.py --reset.
set -eu
cd "$(dirname "$0")/.."
mode=all
case ${1:-} in
    measure | load) mode=$1; shift ;;
esac
case ${1:-} in
    sqlite | postgresql) backend=$1; shift ;;
    *) backend=sqlite ;;
esac
case ${1:-} in
    [0-9]*) articles=$1; shift ;;
    *) articles=100000 ;;
esac
if [ "$mode" = measure ] && [ $# -gt 0 ]; then
    echo "usage: bench/run.sh [measure|load] [sqlite|postgresql] [articles] [bench/load.py options]" >&2
    exit 2
fi
dir=${BENCH_DIR:-/tmp}
export BENCH_DIR="$dir"
case $backend in
    sqlite) url() { echo "sqlite:///$dir/bench_$1.sqlite3"; } ;;
    postgresql) url() { echo "${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}/bench_$1"; } ;;
esac

if [ "$mode" != load ]; then
    for size in 12 "$articles"; do
        DATABASE_URL=$(url "$size") .venv/bin/python bench/build_data.py --articles "$size" --reuse
    done
    DATABASE_URL=$(url 12) .venv/bin/python bench/measure.py --save "$dir/bench-$backend-12.json"
    DATABASE_URL=$(url "$articles") .venv/bin/python bench/measure.py --save "$dir/bench-$backend-$articles.json" \
        --compare "$dir/bench-$backend-12.json"
fi
if [ "$mode" != measure ]; then
    DATABASE_URL=$(url "$articles") .venv/bin/python bench/build_data.py --articles "$articles" --reuse
    # exec: Ctrl-C and kill reach load.py itself, which stops the servers it started.
    DATABASE_URL=$(url "$articles") exec .venv/bin/python bench/load.py --save "$dir/load-$backend-$articles.json" "$@"
fi
