# Sourced by deploy/package's scripts: a throwaway Mosquitto on a free loopback port.

# Starts Mosquitto with its configuration in DIR (a new folder); sets MOSQUITTO_PORT and
# MOSQUITTO_PID. Stop it with lunarbase_mosquitto_stop.
lunarbase_mosquitto_start() {
  local dir=$1 mosquitto
  mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
  [ -x "$mosquitto" ] || { echo "mosquitto: not installed (apt-get install mosquitto mosquitto-clients)" >&2; return 1; }
  mkdir -p "$dir"
  lunarbase_mosquitto_launch "$dir" "$mosquitto" lunarbase_mosquitto_plain_conf "could not start on a free port"
}

# Writes the throwaway broker's configuration for PORT into DIR/mosquitto.conf.
lunarbase_mosquitto_plain_conf() {
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$2" > "$1/mosquitto.conf"
}

# Starts MOSQUITTO on a free loopback port, its configuration for that port written into
# DIR/mosquitto.conf by WRITE_CONF (called as WRITE_CONF DIR PORT), up to 8 ports tried; sets
# MOSQUITTO_PORT and MOSQUITTO_PID, or says WHAT_FAILED and returns 1.
lunarbase_mosquitto_launch() {
  local dir=$1 mosquitto=$2 write_conf=$3 what_failed=$4 port try
  for try in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . && continue
    "$write_conf" "$dir" "$port"
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
  echo "mosquitto: $what_failed (log: $dir/mosquitto.log)" >&2
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

# Starts the site broker itself (deploy/mosquitto/site.conf: TLS only, client certificates of the
# site CA, the site's ACL and CRL) with the broker bundle of the site folder SITE (lunarctl site
# provision), its listener moved to a free loopback port and its files into DIR, as an administrator
# installs them (deploy/README.md, "A secure site"); the same moves as testkit's SiteBrokerInstall.
# Sets MOSQUITTO_PORT and MOSQUITTO_PID.
lunarbase_mosquitto_start_site() {
  local dir=$1 site=$2 conf top owner="" mosquitto file
  top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
  conf="$top/deploy/mosquitto/site.conf"
  mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
  for file in 'listener 8883' '/etc/mosquitto/lunarbase/' 'persistence_location /var/lib/mosquitto/'; do
    grep -qF "$file" "$conf" || { echo "mosquitto: $conf no longer has '$file', which the smoke test moves" >&2; return 1; }
  done
  # started as root, Mosquitto drops to the mosquitto user (or nobody), who must read the files
  if [ "$(id -u)" = 0 ]; then owner="$(id -u mosquitto 2>/dev/null || id -u nobody)"; fi
  mkdir -p "$dir/lunarbase" "$dir/db"
  # the folders above must be passable for that user too (a mktemp -d folder is 0700)
  chmod a+x "$(dirname "$dir")"
  chmod 0755 "$dir"
  chmod 0777 "$dir/db"
  chmod 0700 "$dir/lunarbase"
  for file in ca.crt broker.crt broker.key crl.pem acl; do
    install -m 0600 "$site/broker/$file" "$dir/lunarbase/$file"
  done
  [ -z "$owner" ] || chown -R "$owner" "$dir/lunarbase"
  LUNARBASE_SITE_CONF=$conf
  lunarbase_mosquitto_launch "$dir" "$mosquitto" lunarbase_mosquitto_site_conf "the site broker did not start"
}

# Writes site.conf ($LUNARBASE_SITE_CONF) for PORT into DIR/mosquitto.conf: the listener on that
# loopback port, the broker's files and its persistence under DIR.
lunarbase_mosquitto_site_conf() {
  sed -e "s#^listener 8883\$#listener $2 127.0.0.1#" -e "s#/etc/mosquitto/lunarbase/#$1/lunarbase/#g" \
    -e "s#^persistence_location /var/lib/mosquitto/\$#persistence_location $1/db/#" "$LUNARBASE_SITE_CONF" \
    > "$1/mosquitto.conf"
}
