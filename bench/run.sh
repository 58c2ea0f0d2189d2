#!/bin/sh
# The benchmark in one command (see bench/README.md).
#
# In-process: build the small (12 articles) and the large site if they are not built yet,
# measure both, and print them side by side.
#   bench/run.sh                 SQLite files in $BENCH_DIR (default /tmp), 100,000 articles
#   bench/run.sh postgresql      databases bench_12 and bench_100000 on $BENCH_POSTGRES
#   bench/run.sh sqlite 20000    another size
# Results go to $BENCH_DIR/bench-<backend>-<size>.json.
#
# Load test: gunicorn and wrk (installed if missing) against one site, built if needed.
#   bench/run.sh load [sqlite|postgresql] [articles] [bench/load.py options]
#   bench/run.sh load sqlite 12 --wagtail       the small site, with the Wagtail anchor
# Results go to $BENCH_DIR/load-<backend>-<size>.json.
#
# A database built by an older generator is reused as it is: rebuild it with build_data.py --reset.
set -eu
cd "$(dirname "$0")/.."
mode=measure
if [ "${1:-}" = load ]; then
    mode=load
    shift
fi
case ${1:-} in
    sqlite | postgresql) backend=$1; shift ;;
    *) backend=sqlite ;;
esac
case ${1:-} in
    [0-9]*) articles=$1; shift ;;
    *) articles=100000 ;;
esac
if [ "$mode" = measure ] && [ $# -gt 0 ]; then
    echo "usage: bench/run.sh [sqlite|postgresql] [articles]" >&2
    echo "       bench/run.sh load [sqlite|postgresql] [articles] [bench/load.py options]" >&2
    exit 2
fi
dir=${BENCH_DIR:-/tmp}
export BENCH_DIR="$dir"
case $backend in
    sqlite) url() { echo "sqlite:///$dir/bench_$1.sqlite3"; } ;;
    postgresql) url() { echo "${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}/bench_$1"; } ;;
esac

if [ "$mode" = load ]; then
    DATABASE_URL=$(url "$articles") .venv/bin/python bench/build_data.py --articles "$articles" --reuse
    # exec: Ctrl-C and kill reach load.py itself, which stops the servers it started.
    DATABASE_URL=$(url "$articles") exec .venv/bin/python bench/load.py --save "$dir/load-$backend-$articles.json" "$@"
fi

for size in 12 "$articles"; do
    DATABASE_URL=$(url "$size") .venv/bin/python bench/build_data.py --articles "$size" --reuse
done
DATABASE_URL=$(url 12) .venv/bin/python bench/measure.py --save "$dir/bench-$backend-12.json"
DATABASE_URL=$(url "$articles") .venv/bin/python bench/measure.py --save "$dir/bench-$backend-$articles.json" \
    --compare "$dir/bench-$backend-12.json"
