#!/bin/sh
# Start-up of the CLI, as in BENCHMARKS.md: java -version, the floor (StartupFloor.java: list
# and hash the files, one PgJDBC connection, read the history; no migrator, no picocli) with
# the launcher's JVM flags and a CDS archive of its own, the launcher's --version, java -jar
# migrator.jar status and the launcher target/migrator status, on 50 applied migrations;
# medians of N runs (default 5), the commands interleaved so that a busy machine slows each
# of them alike. Needs a JDK (javac and jar build the floor).
#
#   mvn -DskipTests package   (builds target/migrator.jar, target/migrator and its archive)
#   sh migrator-cli/src/build/measure-startup.sh jdbc:postgresql://127.0.0.1:5432/empty_db postgres [runs]
#
# The database must be empty or hold exactly these 50 migrations (a re-run reuses them).
set -eu
url=$1
user=$2
runs=${3:-5}
build=$(cd "$(dirname "$0")" && pwd)
cli=$(cd "$build/../.." && pwd)/target
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/migrations" "$work/floor"
i=1
while [ $i -le 50 ]; do
	n=$(printf '%05d' $i)
	printf -- '-- +goose Up\nCREATE TABLE startup_%s (id int);\n-- +goose Down\nDROP TABLE startup_%s;\n' $n $n \
		>"$work/migrations/${n}_startup_$n.sql"
	i=$((i + 1))
done
set -- --url "$url" --user "$user" --dir "$work/migrations"
java -jar "$cli/migrator.jar" "$@" up --quiet
# The launcher's JVM flags (src/main/dist/bin/migrator).
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
javac -d "$work/floor" -cp "$cli/migrator.jar" "$build/StartupFloor.java"
jar cf "$work/floor.jar" -C "$work/floor" .
floor_cp="$cli/migrator.jar:$work/floor.jar"
# shellcheck disable=SC2086 # flags is a list of options
java $flags -XX:ArchiveClassesAtExit="$work/floor.jsa" -cp "$floor_cp" StartupFloor "$url" "$user" "$work/migrations" \
	>/dev/null 2>&1
# Wall time in ms, and CPU time (user + system, ms) of the command and its children.
measure() {
	name=$1
	shift
	cpu_before=$(awk '{print $16 + $17}' /proc/$$/stat)
	start=$(date +%s%N | cut -c1-13)
	"$@" >/dev/null 2>&1
	echo $(($(date +%s%N | cut -c1-13) - start)) >>"$work/$name.wall"
	ticks=$(($(awk '{print $16 + $17}' /proc/$$/stat) - cpu_before))
	echo $((ticks * 1000 / $(getconf CLK_TCK))) >>"$work/$name.cpu"
}
r=1
while [ $r -le "$runs" ]; do
	measure version java -version
	# shellcheck disable=SC2086
	measure floor java $flags -XX:SharedArchiveFile="$work/floor.jsa" -cp "$floor_cp" StartupFloor "$url" "$user" \
		"$work/migrations"
	measure launcher_version "$cli/migrator" --version
	measure jar java -jar "$cli/migrator.jar" "$@" status
	measure launcher "$cli/migrator" "$@" status
	r=$((r + 1))
done
median() { sort -n "$work/$1" | sed -n "$(((runs + 1) / 2))p"; }
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
v=$(median version.wall)
vc=$(median version.cpu)
echo "| command | wall, median of $runs (ms) | x java -version | CPU, median (ms) | x java -version |"
echo "| --- | --- | --- | --- | --- |"
for name in version floor launcher_version jar launcher; do
	case $name in
		version) label="java -version" ;;
		floor) label="floor: StartupFloor (PgJDBC connect + history read + 50 files hashed), own CDS archive" ;;
		launcher_version) label="target/migrator --version" ;;
		jar) label="java -jar migrator.jar status" ;;
		launcher) label="target/migrator status" ;;
	esac
	w=$(median $name.wall)
	c=$(median $name.cpu)
	echo "| $label | $w | $(ratio "$w" "$v") | $c | $(ratio "$c" "$vc") |"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
