# tools/lib.sh - shared by tools/demo and tools/test: installs the Debian packages
# the project needs (only the missing ones) and builds a meson tree.
# Sourced, not run.

MINIPY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages: build tools, libraries, and the Jupyter clients the tests drive.
MINIPY_PACKAGES=(
  build-essential meson ninja-build pkg-config clang
  libzmq3-dev libjansson-dev libsodium-dev libgraphviz-dev
  python3 python3-jupyter-client jupyter-client python3-jupyter-kernel-test
  python3-nbclient python3-nbformat jupyter-nbconvert
  jupyter-console jupyter-notebook chromium tmux valgrind
)

# Install whatever of the given packages is missing (dpkg first, apt only if needed).
minipy_install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >/dev/null
}

# minipy_build DIR [meson options...]: configure (or apply the options to an
# existing tree, e.g. -Dwerror=true after tools/demo made it), then build.
minipy_build() {
  local dir=$1
  shift
  if [ ! -f "$MINIPY_ROOT/$dir/build.ninja" ]; then
    meson setup "$MINIPY_ROOT/$dir" "$MINIPY_ROOT" "$@" >/dev/null
  elif [ $# -gt 0 ]; then
    meson configure "$MINIPY_ROOT/$dir" "$@" >/dev/null
  fi
  ninja -C "$MINIPY_ROOT/$dir" >/dev/null
}
