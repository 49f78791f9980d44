#!/bin/sh
# Makes the package's preinst from debian/preinst.in (stdin) for package version $1: the formats
# this release reads come from deploy/package/data-formats.
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
formats="$(grep -E '^[a-z][a-z-]*=[0-9]+$' "$here/data-formats" | tr '\n' ' ' | sed 's/ $//')"
awk -v version="$1" -v formats="$formats" '{
  gsub(/@VERSION@/, version)
  if ($0 ~ /@DATA_FORMATS@/) {
    n = split(formats, f, " ")
    line = f[1]
    for (i = 2; i <= n; i++) line = line "\n" f[i]
    sub(/@DATA_FORMATS@/, line)
  }
  print
}'
