#!/usr/bin/env bash
# Measures Athanor against raw JDBC and the other peers with JMH, and writes the results to
# benchmarks/results/<YYYY-MM-DD>-<tier>/: every JMH JSON file (per-iteration samples), the console log
# of every JMH invocation, the load average around each, and README.md with the table (each ratio to raw
# JDBC with its 95% bootstrap interval) and one SVG chart per database. benchmarks/README.md describes
# the method.
#
#   benchmarks/run.sh quick       a developer's check, under 10 minutes: H2 only; raw JDBC, Athanor and
#                                 Hibernate; 1 fork x 3 warm-up and 5 measured iterations (too few
#                                 samples for verdicts: the table says so; W1 and W1b 40 warm-up and 5
#                                 measured iterations of 200 ms); W3 under concurrency at 8 threads
#                                 (25 warm-up iterations: see CROWDED_WARMUP).
#   benchmarks/run.sh published   the measurement to publish, on an otherwise idle machine: H2, then
#                                 PostgreSQL (127.0.0.1:5432, user postgres, database test) as separate
#                                 JMH runs; 3 forks x 10 warm-up x 10 measured 1 s iterations = 30 samples
#                                 per benchmark (W1 and W1b: 50 warm-up and 10 measured iterations of
#                                 200 ms); W3 under concurrency at 1, 2, 8 and 32 threads (with 40
#                                 warm-up iterations where the threads outnumber the cores); one
#                                 allocation pass (-prof gc, 1 fork x 5 iterations); every benchmark whose
#                                 load average went over its threshold measured once more.
#   benchmarks/run.sh report DIR  rewrites DIR/README.md and the charts from the JSON files in DIR.
#
# Environment:
#   PEERS='jdbc|athanor|hibernate'  which peers to measure: a regexp of benchmark method-name prefixes.
#         The default is those three for quick and every peer for published. Every peer on both databases
#         takes about 4 hours on 2 cores; PEERS='jdbc|athanor|hibernate' about 2.5 hours (about 70 minutes
#         on H2, 80 on PostgreSQL), more when benchmarks are rerun.
#   DATABASES='h2 postgresql'       the databases of a published run (default both).
#   WORKLOADS='FetchBenchmark|GetByKeyBenchmark'
#                                   which single-threaded workloads (benchmark class names) a published run
#                                   measures (default all); W3 under concurrency is measured unless
#                                   CONCURRENT=0.
#   THREADS='1 2 8 32'              the thread counts of the concurrent W3 in a published run.
#   CROWDED_WARMUP=40               warm-up iterations of the concurrent W3 where its threads outnumber the
#                                   cores: the JIT compiler then competes with them for the CPU, and a
#                                   peer reaches its steady state only after some 25 s at 8 threads and
#                                   40 s at 32 on 2 cores (10 iterations measured warm-up, not speed).
#   OUT=DIR                         write the results to DIR instead of benchmarks/results/<date>-<tier>.
#   LOAD_EXCESS=1.5                 a run is overloaded when an iteration's 1-minute load average exceeds
#                                   its thread count + this (2.5 for one thread on this 2-core machine).
#   OVERWRITE=1                     replace an existing results directory of the same day and tier.
#   IDLE_WAIT=300                   seconds to wait before each JMH run for the load average to fall below
#                                   1.0 (default 300 for published, 60 for quick).
#   BUILD=0                         use benchmarks/target/benchmarks.jar as it is.
#   SMOKE=1                         checks the script, not the code: a published run with 1 fork x 2
#                                   iterations (the table then says "too few samples" throughout).
set -euo pipefail

jar="benchmarks/target/benchmarks.jar"
results="benchmarks/results"
profiler="io.athanor.benchmarks.LoadAverageProfiler"
writes='InsertBenchmark|GeneratedKeyInsertBenchmark'
reads_and_updates='FetchBenchmark|GetByKeyBenchmark|UpdateBenchmark|ParentChildBenchmark'
single_threaded="$writes|$reads_and_updates"
concurrent='ConcurrentGetByKeyBenchmark'
all_peers='jdbc|athanor|hibernate|jooq|jdbi|mybatis|springDataJdbc'
# Before each JMH run, wait (at most idle_wait seconds) for the 1-minute load average to fall below
# idle_below, so that a run does not start in the wake of the previous one (the 32-thread runs leave a
# load average that takes minutes to decay).
idle_below=1.0

main() {
  local tier="${1:-quick}"
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  # The tier was called "full" before it had the published method; the old name still works.
  [[ "$tier" == full ]] && tier=published
  case "$tier" in
    quick|published) ;;
    report) write_report "${2:?usage: benchmarks/run.sh report DIR}"; return ;;
    *) echo "usage: benchmarks/run.sh quick|published|report DIR" >&2; exit 2 ;;
  esac
  local day out
  day="$(date -u +%F)"
  out="${OUT:-$results/$day-$tier}"
  # Checked before the run, not after it: hours of measurement should not end in a refusal.
  if [[ -e "$out" && "${OVERWRITE:-0}" != 1 ]]; then
    echo "$out exists; move it away or set OVERWRITE=1" >&2
    exit 1
  fi
  if [[ "${BUILD:-1}" != 0 ]]; then
    build
  fi
  rm -rf "$out"
  mkdir -p "$out"
  echo "$tier" > "$out/tier"
  if [[ "${SMOKE:-0}" == 1 ]]; then
    echo "SMOKE=1: 1 fork x 2 iterations, a check of the script, not a measurement" > "$out/smoke"
  fi
  if [[ "$tier" == quick ]]; then
    quick "$out"
  else
    published "$out"
  fi
  write_report "$out"
}

build() {
  local mvn=(mvn -B -q -pl benchmarks -am package -DskipTests)
  # One build at a time on a shared machine, where the lock exists.
  if command -v flock > /dev/null; then
    flock /tmp/athanor-mvn.lock "${mvn[@]}" >&2
  else
    "${mvn[@]}" >&2
  fi
}

quick() {
  local out="$1" peers="${PEERS:-jdbc|athanor|hibernate}"
  # A developer's machine is rarely idle: wait a minute at most before each run.
  IDLE_WAIT="${IDLE_WAIT:-60}"
  echo "$peers" > "$out/peers"
  echo "h2" > "$out/databases"
  # 3 s of warm-up for the 1 s workloads; 8 s for W1 and W1b's 200 ms iterations, which take some 20
  # calls to reach full speed.
  jmh "$out" h2 "$(pattern "$reads_and_updates" "$peers")" 1 -p database=h2 -f 1 -wi 3 -i 5
  jmh "$out" h2-writes "$(pattern "$writes" "$peers")" 1 -p database=h2 -f 1 -wi 40 -i 5
  # 8 threads on 2 cores need some 25 s before the code is compiled (see crowded_warmup).
  jmh "$out" h2-threads-8 "$(pattern "$concurrent" "$peers")" 8 -p database=h2 -f 1 -wi 25 -i 5
}

published() {
  local out="$1" peers="${PEERS:-$all_peers}" databases="${DATABASES:-h2 postgresql}" database threads
  echo "$peers" > "$out/peers"
  echo "$databases" > "$out/databases"
  # Iteration counts and times come from the benchmarks' annotations (10 + 10 iterations of 1 s; W1 and
  # W1b 50 + 10 of 200 ms): only the forks are given here.
  local long=(-f 3) allocation=(-f 1 -i 5)
  if [[ "${SMOKE:-0}" == 1 ]]; then
    long=(-f 1 -wi 1 -i 2)
    allocation=(-f 1 -wi 1 -i 1)
  fi
  local workloads="${WORKLOADS:-$single_threaded}" measured
  measured="$workloads"
  if [[ "${CONCURRENT:-1}" != 0 ]]; then
    measured="$workloads|$concurrent"
  fi
  echo "$measured" > "$out/workloads"
  for database in $databases; do
    jmh "$out" "$database" "$(pattern "$workloads" "$peers")" 1 -p "database=$database" "${long[@]}"
    # Allocation per operation: the profiler's own work would be inside the timings, so this pass gives
    # bytes per operation only.
    jmh "$out" "$database-gc" "$(pattern "$measured" "$peers")" 1 -p "database=$database" \
      "${allocation[@]}" -prof gc
    if [[ "${CONCURRENT:-1}" != 0 ]]; then
      for threads in ${THREADS:-1 2 8 32}; do
        jmh "$out" "$database-threads-$threads" "$(pattern "$concurrent" "$peers")" "$threads" \
          -p "database=$database" "${long[@]}" $(crowded_warmup "$threads")
      done
    fi
    rerun_overloaded "$out" "$database" "${long[@]}"
  done
}

# crowded_warmup THREADS: the warm-up option for a run of THREADS threads, empty where they do not
# outnumber the cores. With more busy threads than cores, the JIT compiler threads get a small share of
# the CPU, and the code reaches its compiled steady state late: at 8 threads on 2 cores, a get took
# 600 us in the first iteration and settled near 20 us after some 25 iterations of 1 s.
crowded_warmup() {
  if (( $1 > $(nproc) )) && [[ "${SMOKE:-0}" != 1 ]]; then
    echo "-wi ${CROWDED_WARMUP:-40}"
  fi
}

# rerun_overloaded OUT DATABASE JMH_OPTIONS...
# Measures once more, at the same thread count, every benchmark of DATABASE whose load average went
# over its threshold; the report takes the rerun's samples and marks the row "rerun".
rerun_overloaded() {
  local out="$1" database="$2" line db threads benchmark
  shift 2
  declare -A groups=()
  while read -r db threads benchmark; do
    [[ "$db" == "$database" ]] || continue
    groups[$threads]+="${groups[$threads]:+|}${benchmark//./\\.}"
  done < <(report_java --overloaded --load-excess "${LOAD_EXCESS:-1.5}" $(timed_files "$out" "$database"))
  for threads in "${!groups[@]}"; do
    echo "Rerunning on $database at $threads threads: ${groups[$threads]}" >&2
    jmh "$out" "$database-rerun-threads-$threads" "^(${groups[$threads]})\$" "$threads" \
      -p "database=$database" "$@" $(crowded_warmup "$threads")
  done
}

# jmh OUT NAME PATTERN THREADS JMH_OPTIONS...
# One JMH invocation: waits for an idle machine, records the load around it, keeps the JSON and the log.
jmh() {
  local out="$1" name="$2" pattern="$3" threads="$4"
  shift 4
  local command=(java -jar "$jar" "$pattern" -t "$threads" "$@" -prof "$profiler" -rf json -rff "$out/$name.json")
  echo "$(quoted "${command[@]}")" >> "$out/commands"
  local attempt
  for attempt in $(seq 1 "${LOCK_ATTEMPTS:-20}"); do
    wait_for_idle
    echo "$name start $(date -u +%FT%TZ) $(cat /proc/loadavg)" >> "$out/loadavg"
    # A failed JMH run is reported, not fatal: the runs after it still measure.
    if ! "${command[@]}" 2>&1 | tee "$out/$name.log" >&2; then
      echo "WARNING: JMH exited with an error in $name; see $out/$name.log" >&2
    fi
    echo "$name end $(date -u +%FT%TZ) $(cat /proc/loadavg)" >> "$out/loadavg"
    # Another JMH run on the machine holds JMH's lock: this one measured nothing; wait for the other.
    grep -q 'Unable to acquire the JMH lock' "$out/$name.log" || break
    echo "Another JMH run holds its lock; trying $name again in 30 s (attempt $attempt)" >&2
    sleep 30
  done
  if grep -q '<failure>' "$out/$name.log"; then
    echo "WARNING: a benchmark of $name failed; see $out/$name.log" >&2
  fi
}

wait_for_idle() {
  local waited=0 limit="${IDLE_WAIT:-300}"
  while awk -v below="$idle_below" '{ exit !($1 >= below) }' /proc/loadavg && (( waited < limit )); do
    sleep 5
    waited=$((waited + 5))
  done
  if (( waited >= limit )); then
    echo "WARNING: load average still $(cut -d' ' -f1 /proc/loadavg) after ${limit}s; measuring anyway" >&2
  fi
}

# pattern CLASSES PEERS: JMH's positional argument, a regexp searched for in the full method name
# (io.athanor.benchmarks.InsertBenchmark.jdbc). The class is anchored on its dot, so that GetByKeyBenchmark
# does not match ConcurrentGetByKeyBenchmark, and the method on the last segment, so that the package
# name, which contains "athanor", does not match every method.
pattern() {
  printf '\\.(%s)\\.(%s)[A-Za-z]*$' "$1" "$2"
}

# The JSON files of a results directory in the order the report merges them: timed runs, allocation
# passes, then reruns (which replace what they repeat). With a DATABASE, only the timed runs of it.
timed_files() {
  local out="$1" database="${2:-}"
  if [[ -n "$database" ]]; then
    ls "$out/$database.json" "$out/$database"-threads-*.json 2>/dev/null || true
  else
    ls "$out"/*.json | grep -v -- '-gc\.json$' | grep -v -- '-rerun-' || true
    ls "$out"/*-gc.json 2>/dev/null || true
    ls "$out"/*-rerun-*.json 2>/dev/null || true
  fi
}

report_java() {
  java -cp "$jar" io.athanor.benchmarks.Report "$@"
}

# write_report DIR: DIR/README.md and DIR/<name>-<database>.svg from the JSON files in DIR.
write_report() {
  local out="$1" name tier databases table
  name="$(basename "$out")"
  tier="$(cat "$out/tier" 2>/dev/null || echo unknown)"
  databases="$(cat "$out/databases" 2>/dev/null || echo h2)"
  # Word splitting is wanted: one argument per file.
  # shellcheck disable=SC2046
  table="$(report_java --load-excess "${LOAD_EXCESS:-1.5}" --svg-dir "$out" --svg-prefix "$name" $(timed_files "$out"))"
  {
    echo "# Benchmark results — $name"
    echo
    echo "- Tier: $tier (\`benchmarks/run.sh $tier\`); peers: \`$(cat "$out/peers" 2>/dev/null || echo unknown)\`"
    if [[ -f "$out/smoke" ]]; then
      echo "- $(cat "$out/smoke")"
    fi
    echo "- Machine: $(cpu_model); $(nproc) CPUs; $(memory) memory"
    echo "- Java: $(java -version 2>&1 | sed -n 1p)"
    # shellcheck disable=SC2086
    java -cp "$jar" io.athanor.benchmarks.Environment $databases
    echo "- JMH commands: \`commands\`; console logs: \`*.log\`; per-iteration results: \`*.json\`;"
    echo "  load average before and after each command: \`loadavg\`."
    echo
    echo "Mean time per operation; lower is better. benchmarks/README.md says what each workload's operation is."
    echo
    printf '%s\n' "$table"
    local database
    for database in $databases; do
      if [[ -f "$out/$name-$database.svg" ]]; then
        echo
        echo "![Time relative to raw JDBC on $database]($name-$database.svg)"
      fi
    done
  } > "$out/README.md"
  printf '%s\n' "$table"
  echo "Wrote $out/README.md" >&2
}

cpu_model() {
  local model
  model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)"
  echo "${model:-unknown CPU}"
}

memory() {
  awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo
}

# The command as it can be pasted back into a shell: arguments with shell metacharacters in single quotes.
quoted() {
  local arg line=""
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./=,:+-]+$ ]]; then
      line+="$arg "
    else
      line+="'$arg' "
    fi
  done
  printf '%s' "${line% }"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
