#!/bin/sh
# Start-up of the CLI, as in BENCHMARKS.md: java -version, java -jar migrator.jar status and
# the launcher target/migrator status, on 50 applied migrations; medians of N runs (default
# 5), the three commands interleaved so that a busy machine slows each of them alike.
#
#   mvn -DskipTests package   (builds target/migrator.jar, target/migrator and its archive)
#   sh migrator-cli/src/build/measure-startup.sh jdbc:postgresql://127.0.0.1:5432/empty_db postgres [runs]
#
# The database must be empty or hold exactly these 50 migrations (a re-run reuses them).
set -eu
url=$1
user=$2
runs=${3:-5}
cli=$(cd "$(dirname "$0")/../.." && pwd)/target
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
i=1
while [ $i -le 50 ]; do
	n=$(printf '%05d' $i)
	printf -- '-- +goose Up\nCREATE TABLE startup_%s (id int);\n-- +goose Down\nDROP TABLE startup_%s;\n' $n $n \
		>"$work/${n}_startup_$n.sql"
	i=$((i + 1))
done
set -- --url "$url" --user "$user" --dir "$work"
java -jar "$cli/migrator.jar" "$@" up --quiet
millis() { date +%s%N | cut -c1-13; }
time_of() {
	start=$(millis)
	"$@" >/dev/null 2>&1
	echo $(($(millis) - start))
}
: >"$work/version" && : >"$work/jar" && : >"$work/launcher"
r=1
while [ $r -le "$runs" ]; do
	time_of java -version >>"$work/version"
	time_of java -jar "$cli/migrator.jar" "$@" status >>"$work/jar"
	time_of "$cli/migrator" "$@" status >>"$work/launcher"
	r=$((r + 1))
done
median() { sort -n "$1" | sed -n "$(((runs + 1) / 2))p"; }
v=$(median "$work/version")
j=$(median "$work/jar")
l=$(median "$work/launcher")
echo "| command | median of $runs (ms) | x java -version |"
echo "| --- | --- | --- |"
echo "| java -version | $v | 1.0 |"
echo "| java -jar migrator.jar status | $j | $(echo "scale=1; $j / $v" | bc) |"
echo "| target/migrator status | $l | $(echo "scale=1; $l / $v" | bc) |"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
