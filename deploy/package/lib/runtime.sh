# Sourced by deploy/package's scripts (after lib/trixie.sh): the jlinked runtime, how to run it on
# this machine, and the class-data-sharing archive made with it.

LUNARBASE_PKG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The pinned Debian version of trixie's openjdk-21 (runtime.version).
lunarbase_runtime_version() {
  sed -n 's/^openjdk-21 //p' "$LUNARBASE_PKG_DIR/runtime.version"
}

# The runtime's modules, comma-separated (runtime.modules without comments).
lunarbase_runtime_modules() {
  sed -e 's/#.*//' -e '/^ *$/d' "$LUNARBASE_PKG_DIR/runtime.modules" | paste -sd, -
}

# Trixie's amd64 JDK, unpacked, with its conf/ symlinks (absolute, into /etc/java-21-openjdk)
# pointed into the unpacked tree: the jlink, jmod and jdeps that run here (through trixie's loader).
lunarbase_tool_jdk() {
  local v dir link
  v="$(lunarbase_runtime_version)"
  dir="$(trixie_unpack "$LUNARBASE_PKG_CACHE/jdk-amd64-$v" "openjdk-21-jre-headless:amd64=$v" \
    "openjdk-21-jdk-headless:amd64=$v")" || return 1
  find "$dir" -type l -lname '/*' ! -lname "$dir/*" -print0 | while IFS= read -r -d '' link; do
    ln -sfn "$dir$(readlink "$link")" "$link"
  done
  echo "$dir/usr/lib/jvm/java-21-openjdk-amd64"
}

# The folder of trixie's jmods for ARCH (from its openjdk-21-jdk-headless).
lunarbase_jmods() {
  local arch=$1 v dir
  v="$(lunarbase_runtime_version)"
  if [ "$arch" = amd64 ]; then
    echo "$(lunarbase_tool_jdk)/jmods"
  else
    dir="$(trixie_unpack "$LUNARBASE_PKG_CACHE/jdk-$arch-$v" "openjdk-21-jdk-headless:$arch=$v")" || return 1
    echo "$dir/usr/lib/jvm/java-21-openjdk-$arch/jmods"
  fi
}

# How to run a trixie-built program for ARCH on this machine: sets the array LUNARBASE_EXEC to the
# words that go before the program's path. arm64 runs under qemu-user (binfmt_misc is not mounted
# here, so qemu is called explicitly; cortex-a72 is a Raspberry Pi 4's core), amd64 through trixie's
# own loader (its glibc is newer than bookworm's). The words end in an exec, so a program started in
# the background is $! itself.
lunarbase_exec_prefix() {
  local arch=$1 sysroot
  sysroot="$(trixie_sysroot "$arch")" || return 1
  case "$arch" in
    amd64) LUNARBASE_EXEC=("$sysroot/usr/lib64/ld-linux-x86-64.so.2" --library-path "$sysroot/usr/lib/x86_64-linux-gnu") ;;
    arm64)
      command -v qemu-aarch64-static >/dev/null || {
        echo "runtime: qemu-aarch64-static is missing (apt-get install qemu-user-static)" >&2
        return 1
      }
      LUNARBASE_EXEC=(env "QEMU_CPU=${QEMU_CPU:-cortex-a72}" qemu-aarch64-static -L "$sysroot")
      ;;
    *) echo "runtime: no way to run $arch here" >&2; return 1 ;;
  esac
}

# Runs a trixie-built program for ARCH (its path and arguments follow) and waits for it.
lunarbase_exec() {
  local arch=$1
  shift
  lunarbase_exec_prefix "$arch" || return 1
  "${LUNARBASE_EXEC[@]}" "$@"
}

# The jlinked runtime for ARCH (made once per version, architecture and module list; cached).
# Prints its folder.
lunarbase_runtime() {
  local arch=$1 v modules key dir jdk jmods needed
  v="$(lunarbase_runtime_version)"
  modules="$(lunarbase_runtime_modules)"
  key="$(printf '%s %s' "$v" "$modules" | sha256sum | cut -c1-12)"
  dir="$LUNARBASE_PKG_CACHE/runtime-$arch-$key"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    jdk="$(lunarbase_tool_jdk)" || return 1
    jmods="$(lunarbase_jmods "$arch")" || return 1
    echo "runtime: jlink $arch ($modules)" >&2
    # --strip-java-debug-attributes, not --strip-debug: that one needs an objcopy for the target
    trixie_run_amd64 "$jdk/bin/jlink" --module-path "$jmods" --add-modules "$modules" \
      --strip-java-debug-attributes --no-header-files --no-man-pages --compress=zip-6 --output "$dir" >&2 || return 1
    # only libraries the package's Depends name (lunarbase_runtime_depends)
    needed="$(find "$dir" -type f \( -name '*.so' -o -perm -u+x \) -exec readelf -d {} + 2>/dev/null \
      | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u \
      | grep -v -E '^(lib(c|m|dl|pthread|rt|gcc_s|stdc\+\+|z)\.so|ld-linux-(x86-64|aarch64)\.so|lib(java|jvm|jli|net|nio|zip|jimage|verify|management|extnet|jsig)\.so)' || true)"
    if [ -n "$needed" ]; then
      echo "runtime: the $arch runtime needs libraries the package does not depend on: $needed" >&2
      return 1
    fi
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# The package's Depends on the C and C++ runtime, as trixie's openjdk-21-jre-headless for ARCH
# states them (the runtime's native code is that package's).
lunarbase_runtime_depends() {
  local arch=$1
  apt-cache show "openjdk-21-jre-headless:$arch=$(lunarbase_runtime_version)" | sed -n 's/^Depends: //p' \
    | tr ',' '\n' | sed 's/^ *//' | grep -E '^(libc6|libgcc-s1|libstdc\+\+6|zlib1g) ' | paste -sd, - | sed 's/,/, /g'
}

# The command line the unit runs (ExecStart, continuation lines joined, $LUNARBASE_JAVA_OPTS
# replaced by the unit's Environment= value, or by $UNIT_JAVA_OPTS when set, as fsw.env may), one
# argument a line, paths under ROOT (an unpacked package; the installed root "/" when empty).
lunarbase_unit_command() {
  local root=${1%/} unit opts
  unit="$LUNARBASE_PKG_DIR/../systemd/lunarbase-fsw.service"
  opts="${UNIT_JAVA_OPTS:-$(sed -n 's/^Environment="LUNARBASE_JAVA_OPTS=\(.*\)"$/\1/p' "$unit")}"
  sed -n '/^ExecStart=/,/[^\\]$/p' "$unit" | sed -e 's/^ExecStart=//' -e 's/\\$//' | tr -s ' \n' '\n\n' \
    | sed -e '/^$/d' -e "s#^\$LUNARBASE_JAVA_OPTS\$#$opts#" | tr ' ' '\n' \
    | sed -E "s#(^|=)/(usr/lib|var/cache)/lunarbase-fsw#\1$root/\2/lunarbase-fsw#"
}

# The unit's Environment= settings (NAME=value, one a line; LUNARBASE_JAVA_OPTS left out, and the
# names in the array UNIT_ENV_UNSET).
lunarbase_unit_environment() {
  local name
  sed -n 's/^Environment="\{0,1\}\([A-Z_]*=[^"]*\)"\{0,1\}$/\1/p' "$LUNARBASE_PKG_DIR/../systemd/lunarbase-fsw.service" \
    | grep -v '^LUNARBASE_JAVA_OPTS=' | while IFS= read -r line; do
      for name in ${UNIT_ENV_UNSET[@]+"${UNIT_ENV_UNSET[@]}"}; do [ "${line%%=*}" = "$name" ] && continue 2; done
      echo "$line"
    done
}

# Starts the firmware of an unpacked package (TREE: the package's root) for ARCH on this machine,
# as its unit would run it (same command line, same environment), but as a rig does: on the
# simulated demo board, the development key ring, data in WORK/data, no SCHED_FIFO (this machine
# is shared), /health on a free port, against the broker at tcp://127.0.0.1:PORT as controller
# CONTROLLER of site lunar-south. Extra JVM options follow; "-" as the first of them drops the
# unit's CDS options. NAME=value words in the array FIRMWARE_ENV are added to the environment.
# The package carries the flight application only, which refuses hal.mode=sim: the simulator jar
# LUNARBASE_SIM_JAR (default firmware-app/target/firmware-app-sim.jar) goes on the class path after the package's jar
# (-cp lunarbase-fsw.jar:SIM space.lunarbase.fsw.Application in place of -jar lunarbase-fsw.jar).
# Sets FIRMWARE_PID; output goes to WORK/firmware.log.
lunarbase_start_firmware() {
  local arch=$1 tree=$2 work=$3 port=$4 controller=$5 top
  shift 5
  top="$(cd "$LUNARBASE_PKG_DIR/../.." && pwd)"
  local -a cmd env extra=("$@")
  mapfile -t cmd < <(lunarbase_unit_command "$tree")
  if [ "${extra[0]:-}" = - ]; then
    extra=("${extra[@]:1}")
    mapfile -t cmd < <(printf '%s\n' "${cmd[@]}" | grep -v -E '^-XX:SharedArchiveFile=|^-Xshare:')
  fi
  # the JVM options go before -jar; the simulator after the package's jar
  local i
  for i in "${!cmd[@]}"; do [ "${cmd[$i]}" = -jar ] && break; done
  local sim="${LUNARBASE_SIM_JAR:-$top/firmware-app/target/firmware-app-sim.jar}"
  [ -f "$sim" ] || { echo "runtime: no simulator jar at $sim (./mvnw -pl firmware-app -am package)" >&2; return 1; }
  cmd=("${cmd[@]:0:$i}" "${extra[@]}" -cp "${cmd[$((i + 1))]}:$sim" space.lunarbase.fsw.Application
    "${cmd[@]:$((i + 2))}")
  mapfile -t env < <(lunarbase_unit_environment)
  mkdir -p "$work/data"
  lunarbase_exec_prefix "$arch" || return 1
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${env[@]}" HAL_MODE=sim HAL_BOARD=demo \
    LUNARBASE_DATA_DIR="$work/data" LUNARBASE_COMMANDS_KEY_FILE="$top/deploy/keys/dev-keys.yml" \
    LUNARBASE_SCHEDULING_REALTIME_PRIORITY=0 MICRONAUT_SERVER_PORT=-1 \
    LUNARBASE_LINK_BROKER_URL="tcp://127.0.0.1:$port" LUNARBASE_SITE=lunar-south LUNARBASE_CONTROLLER="$controller" \
    ${FIRMWARE_ENV[@]+"${FIRMWARE_ENV[@]}"} "${LUNARBASE_EXEC[@]}" "${cmd[@]}" > "$work/firmware.log" 2>&1 &
  FIRMWARE_PID=$!
}

# Waits up to TIMEOUT seconds for the first telemetry frame of CONTROLLER (tlm/bank) on the broker
# at PORT; prints nothing; fails on the timeout.
# Extra mosquitto_sub options (TLS files for a site broker) come from the array MOSQUITTO_SUB_ARGS.
lunarbase_first_frame() {
  local port=$1 controller=$2 timeout=$3
  timeout "$timeout" mosquitto_sub -h 127.0.0.1 -p "$port" ${MOSQUITTO_SUB_ARGS[@]+"${MOSQUITTO_SUB_ARGS[@]}"} \
    -t "lunarbase/v1/lunar-south/$controller/tlm/bank" -C 1 > /dev/null 2>&1
}

# Stops the firmware as systemd does (SIGTERM, then waits); sets FIRMWARE_EXIT to its exit code.
# (Not in a $(...): the firmware is a child of this shell only.)
lunarbase_stop_firmware() {
  FIRMWARE_EXIT=0
  kill -TERM "$FIRMWARE_PID" 2>/dev/null || true
  wait "$FIRMWARE_PID" 2>/dev/null || FIRMWARE_EXIT=$?
}

# Records the classes a start of the firmware loads (-XX:DumpLoadedClassList) into OUT: the
# package in TREE started with the amd64 runtime (fast here; the list names classes only, the same
# for both architectures) on the simulated board (the simulator jar LUNARBASE_SIM_JAR after the
# package's jar; its classes are not in the package's jar, so the archive leaves them out) against
# a throwaway Mosquitto, from start to its
# first telemetry frame and 6 s more (periodic telemetry, link health, parameters), then stopped
# with SIGTERM as systemd does.
lunarbase_class_list() {
  local tree=$1 out=$2 work rt
  work="$(mktemp -d)"
  rt="$(lunarbase_runtime amd64)" || return 1
  lunarbase_mosquitto_start "$work/mosquitto" || return 1
  # the amd64 runtime in place of the package's own (the same JDK build)
  mkdir -p "$work/tree/usr/lib/lunarbase-fsw"
  ln -s "$rt" "$work/tree/usr/lib/lunarbase-fsw/runtime"
  ln -s "$tree/usr/lib/lunarbase-fsw/lunarbase-fsw.jar" "$work/tree/usr/lib/lunarbase-fsw/lunarbase-fsw.jar"
  lunarbase_start_firmware amd64 "$work/tree" "$work" "$MOSQUITTO_PORT" "class-list" - -XX:DumpLoadedClassList="$out"
  if ! lunarbase_first_frame "$MOSQUITTO_PORT" class-list 120; then
    echo "runtime: the firmware sent no frame in 120 s while recording its classes (log: $work/firmware.log)" >&2
    lunarbase_stop_firmware
    lunarbase_mosquitto_stop
    return 1
  fi
  sleep 6
  lunarbase_stop_firmware
  lunarbase_mosquitto_stop
  if [ "$FIRMWARE_EXIT" != 143 ] && [ "$FIRMWARE_EXIT" != 0 ]; then
    echo "runtime: the firmware exited $FIRMWARE_EXIT while recording its classes (log: $work/firmware.log)" >&2
    return 1
  fi
  rm -rf "$work"
}
