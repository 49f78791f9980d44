# Sourced by deploy/package's scripts: Debian trixie packages for either architecture, fetched and
# unpacked without touching this machine's apt or dpkg state.
#
# A private apt configuration (its own lists, cache and an empty status file; arm64 and amd64; one
# source: trixie main on the mirror this machine's own sources name) lets `apt-get download` fetch
# any trixie package, checked against the archive's signed Release file with the keyring Debian
# installs. Nothing is installed: packages are unpacked with `dpkg -x`. Everything lands in
# $LUNARBASE_PKG_CACHE (deploy/package/cache, git-ignored) and is reused by the next build.

LUNARBASE_PKG_CACHE="${LUNARBASE_PKG_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/cache}"

# The Debian mirror this machine's sources name (deb.debian.org if none is found).
trixie_mirror() {
  local uri
  uri="$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -o -E 'https?://[^ ]*/debian/?' | grep -v security | head -n 1)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# Writes the private apt configuration and fetches trixie's package lists (at most once a day).
trixie_apt_init() {
  local root="$LUNARBASE_PKG_CACHE/apt"
  export APT_CONFIG="$root/apt.conf"
  mkdir -p "$root/etc/apt.conf.d" "$root/etc/preferences.d" "$root/state/lists/partial" \
    "$root/cache/archives/partial" "$LUNARBASE_PKG_CACHE/debs"
  [ -f "$root/state/status" ] || : > "$root/state/status"
  cat > "$APT_CONFIG" <<CONF
Dir "$root/";
Dir::State "$root/state/";
Dir::State::status "$root/state/status";
Dir::Cache "$root/cache/";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Dir::Etc "$root/etc/";
Dir::Etc::sourcelist "$root/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::parts "$root/etc/apt.conf.d/";
Dir::Etc::preferencesparts "$root/etc/preferences.d/";
Dir::Etc::trusted "/etc/apt/trusted.gpg";
Dir::Etc::trustedparts "/etc/apt/trusted.gpg.d/";
APT::Architecture "arm64";
APT::Architectures { "arm64"; "amd64"; };
Acquire::Languages "none";
Debug::NoLocking "true";
APT::Sandbox::User "root";
CONF
  echo "deb [arch=arm64,amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(trixie_mirror) trixie main" \
    > "$root/etc/sources.list"
  if [ -z "$(find "$root/state/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit 2>/dev/null)" ]; then
    echo "trixie: apt-get update (private state in $root)" >&2
    apt-get -q -o APT::Update::Error-Mode=any update >&2
  fi
}

# Prints the path of the .deb of PACKAGE:ARCH at VERSION (or the candidate), downloading it once.
trixie_deb() {
  local pkg=$1 arch=$2 version=${3:-} spec file
  [ "${APT_CONFIG:-}" = "$LUNARBASE_PKG_CACHE/apt/apt.conf" ] || trixie_apt_init
  spec="$pkg:$arch${version:+=$version}"
  if [ -z "$version" ]; then
    version="$(apt-cache policy "$pkg:$arch" | sed -n 's/^ *Candidate: //p')"
    [ -n "$version" ] && [ "$version" != "(none)" ] || { echo "trixie: no $pkg for $arch" >&2; return 1; }
  fi
  file="$LUNARBASE_PKG_CACHE/debs/${pkg}_${version//:/%3a}_${arch}.deb"
  if [ ! -f "$file" ]; then
    local all="$LUNARBASE_PKG_CACHE/debs/${pkg}_${version//:/%3a}_all.deb"
    if [ -f "$all" ]; then echo "$all"; return 0; fi
    echo "trixie: downloading $spec" >&2
    (cd "$LUNARBASE_PKG_CACHE/debs" && apt-get -q download "$spec" >&2) || {
      echo "trixie: cannot download $spec (a pinned version the mirror no longer serves? see deploy/package/runtime.version)" >&2
      return 1
    }
    [ -f "$file" ] || file="$all"
  fi
  echo "$file"
}

# Unpacks the given packages (name:arch or name:arch=version) into DIR once; prints DIR.
trixie_unpack() {
  local dir=$1 spec pkg arch version deb
  shift
  if [ ! -f "$dir/.unpacked" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    for spec in "$@"; do
      pkg=${spec%%:*}; arch=${spec#*:}; version=
      [[ "$arch" == *=* ]] && { version=${arch#*=}; arch=${arch%%=*}; }
      deb="$(trixie_deb "$pkg" "$arch" "$version")" || return 1
      dpkg-deb -x "$deb" "$dir"
    done
    printf '%s\n' "$@" > "$dir/.unpacked"
  fi
  echo "$dir"
}

# The C and C++ runtime libraries of trixie for ARCH: what a JDK needs to run under qemu-user
# (arm64) or through trixie's own loader (amd64; this machine's glibc may be older than 2.38).
trixie_sysroot() {
  local arch=$1 dir
  dir="$(trixie_unpack "$LUNARBASE_PKG_CACHE/sysroot-$arch" libc6:"$arch" zlib1g:"$arch" libgcc-s1:"$arch" \
    libstdc++6:"$arch")" || return 1
  [ -e "$dir/lib" ] || ln -s usr/lib "$dir/lib"
  [ "$arch" != amd64 ] || [ -e "$dir/lib64" ] || ln -s usr/lib64 "$dir/lib64"
  echo "$dir"
}

# Runs an amd64 trixie program (first argument) with trixie's loader and libraries.
trixie_run_amd64() {
  local sysroot
  sysroot="$(trixie_sysroot amd64)" || return 1
  "$sysroot/usr/lib64/ld-linux-x86-64.so.2" \
    --library-path "$sysroot/usr/lib/x86_64-linux-gnu:$sysroot/lib/x86_64-linux-gnu" "$@"
}
