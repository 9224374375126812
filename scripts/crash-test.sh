#!/usr/bin/env bash
# Kills real training runs with kill -9 at random moments, resumes them each time, and checks that
# nothing is lost: after every kill no file in the run folder is truncated or unparseable, and each
# killed-and-resumed run ends with the predictions.csv and metrics.csv (timing columns aside) of an
# undisturbed run of the same file and seed, with no temporary file left behind.
#
#   scripts/crash-test.sh [KILLS] [EXPERIMENT.yaml] [key=value ...]
#   scripts/crash-test.sh 20 experiments/seed-004-lenet5.yaml          # the default: 20 kills
#
# Half the kills are kill -9 at a random moment after a (re)start. The other half land in a write of
# one kind of file, the kinds in turn (best.zip, checkpoints, state.json, metrics, iterations.csv,
# summary.json, the report, predictions.csv, test-metrics.json, last.zip): a random kill rarely hits
# a write of a few milliseconds, so the process is started with -Dmnist.crashTest.haltAt=NAME:N and
# halts itself (Runtime.halt: no shutdown hook or finally block runs, as with kill -9) once that
# write's temporary file is full, before its rename. A run that ends before its next kill is
# complete, and a new run takes the next kills. Run it after `mvn -B install -DskipTests`; it prints one line per kill
# and the counts at the end, and exits non-zero on the first broken file or differing ending.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}
experiment=${2:-experiments/seed-004-lenet5.yaml}
(($# > 2)) && overrides=("${@:3}") || overrides=()
[[ $kills =~ ^[1-9][0-9]*$ ]] || { echo "error: KILLS must be a positive number, got '$kills'" >&2; exit 2; }
[[ -f $experiment ]] || { echo "error: $experiment: no such experiment file" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/crash-test.XXXXXX")
pid=""
trap 'status=$?; [[ -z $pid ]] || kill -9 "$pid" 2>/dev/null || true; exit $status' EXIT
mvn -q -pl mnist-train dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" > /dev/null
classpath="mnist-train/target/classes:$(cat "$work/classpath.txt")"
jvm_opts=()
java_train() { # one training process in the background, its pid in $pid
  java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 "${jvm_opts[@]}" -cp "$classpath" lab.mnist.train.TrainCli -q \
    "$@" >> "$work/processes.log" 2>&1 &
  pid=$!
}
train() { local out=$1; shift; java_train "$@" "output.dir=$out"; } # train OUTPUT_DIR FILE [key=value ...]
resume() { java_train "resume=$1"; }                                   # resume RUN_FOLDER
temporary() { ls -a "$1" 2>/dev/null | grep -E '^\..*\.part$|^zipfstmp.*\.tmp$' || true; }

# Every file in the folder whole: JSON parses, CSV rows have the header's width, zips and PNGs are
# complete, the report ends its document. Temporary files of writes under way are allowed here.
check_folder() {
  /usr/bin/python3 - "$1" <<'PY'
import csv, json, os, sys, zipfile
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    p = os.path.join(d, name)
    if name.endswith(".part") or (name.startswith("zipfstmp") and name.endswith(".tmp")) \
            or not os.path.isfile(p) or name == "run.log":
        continue
    try:
        if name.endswith(".json"):
            json.load(open(p))
        elif name.endswith(".csv"):
            rows = list(csv.reader(open(p)))
            assert rows and all(len(r) == len(rows[0]) for r in rows), "ragged rows"
        elif name.endswith(".zip"):
            with zipfile.ZipFile(p) as z:
                assert z.testzip() is None, "a bad entry"
        elif name.endswith(".png"):
            b = open(p, "rb").read()
            assert b.startswith(b"\x89PNG") and b.endswith(b"IEND\xaeB`\x82"), "not a whole PNG"
        elif name.endswith(".html"):
            assert open(p).read().rstrip().endswith("</html>"), "no </html>"
        elif name.endswith(".yaml") or name.endswith(".txt"):
            assert os.path.getsize(p) > 0, "empty"
    except Exception as e:
        print(f"BROKEN {p}: {e}")
        sys.exit(1)
PY
}

# The endings that must match: predictions.csv whole, metrics.csv without its timing columns.
same_ending() {
  local ref=$1 run=$2
  cmp -s "$ref/predictions.csv" "$run/predictions.csv" || { echo "DIFFERENT predictions.csv: $run" >&2; return 1; }
  diff <(cut -d, -f1-6 "$ref/metrics.csv") <(cut -d, -f1-6 "$run/metrics.csv") > /dev/null \
    || { echo "DIFFERENT metrics.csv: $run" >&2; return 1; }
  [[ -z $(temporary "$run") ]] || { echo "LEFT temporary files in $run: $(temporary "$run")" >&2; return 1; }
}

echo "reference: an undisturbed run of $experiment ${overrides[*]}"
train "$work/reference" "$experiment" "${overrides[@]}"
wait "$pid" || { echo "FAILED: the undisturbed run; see $work/processes.log" >&2; exit 1; }
reference=$(ls -d "$work"/reference/*/)
echo "  -> $reference"

done_kills=0 resumes=0 runs=0 identical=0 mid_write=0 attempt=0
targets=(best.zip checkpoint-epoch state.json metrics.csv metrics.json iterations.csv summary.json report.html
  predictions.csv test-metrics.json last.zip)
declare -A written
while ((done_kills < kills)); do
  runs=$((runs + 1))
  out="$work/crashed-$runs"
  folder=""
  while true; do
    # Even kills: kill -9 at a random moment. Odd ones: a halt at the 1st or 2nd write of one kind of
    # file, the kinds in turn (mnist-data's CrashPoint; the process ends as a killed one would).
    jvm_opts=() target=""
    if ((done_kills % 2 == 1)); then
      target=${targets[$((attempt % ${#targets[@]}))]}
      attempt=$((attempt + 1))
      case $target in # files a run writes once: their first write; the others: the 1st or 2nd epoch's
        summary.json | report.html | predictions.csv | test-metrics.json | last.zip) nth=1 ;;
        *) nth=$((RANDOM % 2 + 1)) ;;
      esac
      jvm_opts=("-Dmnist.crashTest.haltAt=$target:$nth")
    fi
    if [[ -n $folder && -f $folder/config.yaml ]]; then
      resumes=$((resumes + 1))
      resume "$folder"
    else
      rm -rf "$out" # a new run, or one killed before its folder held its config: start it again
      folder=""
      train "$out" "$experiment" "${overrides[@]}"
    fi
    status=0
    if [[ -z $target ]]; then
      sleep "$(/usr/bin/python3 -c 'import random; print(round(random.uniform(0.5, 14), 2))')"
      if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
    wait "$pid" || status=$?
    [[ -n $folder ]] || folder=$(ls -d "$out"/*/ 2>/dev/null | head -1 || true)
    ((status == 0)) && break # the run ended before this kill: it is complete
    if ((status != 137)); then
      echo "FAILED: a training process exited with $status; see $work/processes.log" >&2
      exit 1
    fi
    done_kills=$((done_kills + 1))
    if [[ -n $target ]]; then
      what=$target
    else # the writes the kill cut short: the temporary files it left
      what=$( { [[ -n $folder ]] && temporary "$folder"; } | sed -E 's/^\.(.*)\.[a-z0-9]+\.part$/\1/; s/^zipfstmp.*/zip-entry/' \
        | sed -E 's/[0-9]+/N/g' | sort -u | tr '\n' ' ' || true)
    fi
    if [[ -n $what ]]; then
      mid_write=$((mid_write + 1))
      for f in $what; do written[$f]=$((${written[$f]:-0} + 1)); done
    fi
    echo "kill $done_kills: run $runs ${target:+halted }${what:+while writing $what}"
    if [[ -n $folder && -d $folder ]]; then
      check_folder "$folder" || exit 1
    fi
    ((done_kills < kills)) || break
  done
  jvm_opts=()
  folder=$(ls -d "$out"/*/ 2>/dev/null | head -1 || true)
  if [[ -z $folder || ! -f $folder/config.yaml ]]; then # the last kill came before the run had a folder
    rm -rf "$out"
    train "$out" "$experiment" "${overrides[@]}"
    wait "$pid" || { echo "FAILED: a fresh run; see $work/processes.log" >&2; exit 1; }
    folder=$(ls -d "$out"/*/ | head -1)
  elif [[ ! -f $folder/summary.json ]]; then # the last kill ended the loop: finish the run undisturbed
    resumes=$((resumes + 1))
    resume "$folder"
    wait "$pid" || { echo "FAILED: the last resume; see $work/processes.log" >&2; exit 1; }
  fi
  check_folder "$folder" || exit 1
  same_ending "$reference" "$folder" || exit 1
  identical=$((identical + 1))
  echo "run $runs completed after its kills: the same ending as the undisturbed run"
done

((identical == runs && resumes > 0)) || { echo "FAILED: $identical of $runs runs checked, $resumes resumes" >&2; exit 1; }
echo
echo "crash test: $done_kills kills ($mid_write while a file was being written), $resumes resumes, $runs runs, $identical identical endings"
echo "(a kill while writing a file: a halt at that write, or a kill -9 that left the write's temporary file)"
for f in "${!written[@]}"; do echo "  killed while writing $f: ${written[$f]}"; done | sort
rm -rf "$work"
