#!/usr/bin/env bash
# Runs the benchmark suite, prints a Markdown table of each peer's ratio to raw JDBC, and writes
# benchmarks/results/<YYYY-MM-DD>-<tier>.md (machine, versions, table) with one SVG chart per database.
#   benchmarks/run.sh quick   H2 only; raw JDBC, Athanor and Hibernate only; short iterations
#   benchmarks/run.sh full    every peer on H2 and PostgreSQL (127.0.0.1:5432, user postgres, database test)
# An existing results file of the same day and tier is kept (it may hold hand-written analysis) unless
# OVERWRITE=1 is set.
set -euo pipefail

jar="benchmarks/target/benchmarks.jar"
results="benchmarks/results"
# JMH's positional argument is a regexp searched for in the full method name
# (io.athanor.benchmarks.InsertBenchmark.jdbcJoin); anchoring on the last segment keeps the package name,
# which contains "athanor", from matching every method.
quick_peers='.*\.(jdbc[A-Za-z]*|athanor[A-Za-z]*|hibernate|hibernateJoinFetch)$'

main() {
  local tier="${1:-quick}" databases jmh_args=()
  case "$tier" in
    quick) jmh_args=("$quick_peers" -p database=h2 -wi 3 -w 2 -i 3 -r 1); databases="h2" ;;
    full)  jmh_args=(-p database=h2,postgresql -wi 3 -w 2 -i 3 -r 2); databases="h2 postgresql" ;;
    *) echo "usage: benchmarks/run.sh quick|full" >&2; exit 2 ;;
  esac
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  local day report
  day="$(date -u +%F)"
  report="$results/$day-$tier.md"
  # Checked before the run, not after it: minutes of measurement should not end in a refusal.
  if [[ -e "$report" && "${OVERWRITE:-0}" != 1 ]]; then
    echo "$report exists; move it away or set OVERWRITE=1" >&2
    exit 1
  fi
  mvn -B -q -pl benchmarks -am package -DskipTests >&2
  local csv
  csv="$(mktemp --suffix=.csv)"
  local jmh=(java -jar "$jar" "${jmh_args[@]}" -rf csv -rff "$csv")
  "${jmh[@]}" >&2
  write_report "$tier" "$day" "$csv" "$(quoted "${jmh[@]}")" "$jar" "$databases"
}

# write_report TIER DAY CSV COMMAND CLASSPATH DATABASES
# Prints the table and writes $results/DAY-TIER.md with its charts. Separate from main so that it can be
# tried on a hand-written CSV without measuring anything.
write_report() {
  local tier="$1" day="$2" csv="$3" command="$4" classpath="$5" databases="$6"
  local name="$day-$tier" table database scope="every peer"
  if [[ "$tier" == quick ]]; then
    scope="raw JDBC, Athanor and Hibernate (its default and join-fetch variants) only"
  fi
  mkdir -p "$results"
  table="$(java -cp "$classpath" io.athanor.benchmarks.Report "$csv" --svg-dir "$results" --svg-prefix "$name")"
  printf '%s\n' "$table"
  {
    echo "# Benchmark results — $day ($tier tier)"
    echo
    echo "- Tier: $tier (\`benchmarks/run.sh $tier\`); $scope"
    echo "- Command: \`$command\`"
    echo "- Machine: $(cpu_model); $(nproc) CPUs; $(memory) memory"
    echo "- Java: $(java -version 2>&1 | sed -n 1p)"
    # Word splitting is wanted: one argument per database.
    # shellcheck disable=SC2086
    java -cp "$classpath" io.athanor.benchmarks.Environment $databases
    echo
    echo "Average time per operation; lower is better. Ratios are to the fastest hand-written JDBC method of the"
    echo "same workload and database in this run."
    echo
    printf '%s\n' "$table"
    for database in $databases; do
      if [[ -f "$results/$name-$database.svg" ]]; then
        echo
        echo "![Time relative to raw JDBC on $database]($name-$database.svg)"
      fi
    done
    echo
    echo "## Notes"
    echo
    echo "(analysis is added by hand)"
  } > "$results/$name.md"
  echo "Wrote $results/$name.md" >&2
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
