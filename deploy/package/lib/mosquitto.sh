# Sourced by deploy/package's scripts: a throwaway Mosquitto on a free loopback port.

# Starts Mosquitto with its configuration in DIR (a new folder); sets MOSQUITTO_PORT and
# MOSQUITTO_PID. Stop it with lunarbase_mosquitto_stop.
lunarbase_mosquitto_start() {
  local dir=$1 port try mosquitto
  mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
  [ -x "$mosquitto" ] || { echo "mosquitto: not installed (apt-get install mosquitto mosquitto-clients)" >&2; return 1; }
  mkdir -p "$dir"
  for try in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . && continue
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$dir/mosquitto.conf"
    "$mosquitto" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 &
    MOSQUITTO_PID=$!
    for _ in $(seq 50); do
      if ss -Htln "sport = :$port" | grep -q .; then
        MOSQUITTO_PORT=$port
        return 0
      fi
      kill -0 "$MOSQUITTO_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$MOSQUITTO_PID" 2>/dev/null || true
  done
  echo "mosquitto: could not start on a free port (log: $dir/mosquitto.log)" >&2
  return 1
}

lunarbase_mosquitto_stop() {
  [ -n "${MOSQUITTO_PID:-}" ] && kill "$MOSQUITTO_PID" 2>/dev/null && wait "$MOSQUITTO_PID" 2>/dev/null
  MOSQUITTO_PID=
}

# Seconds since the epoch, with fractions.
lunarbase_now() { date +%s.%N; }

# Seconds from $1 (a lunarbase_now) to now, one decimal.
lunarbase_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
