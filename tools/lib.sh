# tools/lib.sh - shared by tools/demo and tools/test: installs the Debian packages
# the project needs (only the missing ones) and builds a meson tree.
# Sourced, not run.

MINIPY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages: build tools, libraries, and the Jupyter clients the tests drive.
MINIPY_PACKAGES=(
  build-essential meson ninja-build pkg-config clang cmake
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

# Make apt know the source packages of the configured Debian suites (a deb-src
# twin of each deb entry), once.
minipy_enable_sources() {
  apt-cache showsrc zeromq3 2>/dev/null | grep -q '^Package:' && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local twin=/etc/apt/sources.list.d/minipy-deb-src
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && [ "$f" != "$twin.sources" ] || continue
    sed -n '/^Types:.*\bdeb\b/,/^$/p' "$f" | sed 's/^Types:.*/Types: deb-src/'
    echo
  done | $sudo tee "$twin.sources" >/dev/null
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
      $sudo tee "$twin.list" >/dev/null
  fi
  $sudo apt-get update -q >/dev/null
}

# minipy_zmq: prints the pkg-config directory of Minipy's libzmq, built once
# into build-zmq/ from Debian's zeromq3 source package (its patches applied):
# static, without Kerberos, PGM, NORM or CURVE (signing is libsodium's, in
# protocol/), libstdc++ linked in. An idle kernel then maps about 4 MiB instead
# of 6.6 (Debian's libzmq5 loads krb5, pgm, norm and libstdc++). Prints nothing
# when it cannot be built; meson then finds Debian's libzmq.
minipy_zmq() {
  local dir="$MINIPY_ROOT/build-zmq"
  local pc="$dir/prefix/lib/pkgconfig"
  if [ ! -f "$pc/libzmq.pc" ]; then
    echo "Building libzmq from Debian's zeromq3 source package (once: build-zmq/)" >&2
    if ! (minipy_enable_sources && rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" &&
          apt-get source --download-only -q zeromq3 >log.txt 2>&1 &&
          mkdir src && tar -xzf zeromq3_*.orig.tar.gz -C src --strip-components=1 &&
          tar -xJf zeromq3_*.debian.tar.xz -C src &&
          (cd src && while read -r patch; do
             [ -n "$patch" ] && patch -s -p1 <"debian/patches/$patch"
           done <debian/patches/series) &&
          cmake -S src -B cmake -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_INSTALL_PREFIX="$dir/prefix" -DCMAKE_INSTALL_LIBDIR=lib \
            -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED=OFF -DBUILD_STATIC=ON \
            -DBUILD_TESTS=OFF -DWITH_DOCS=OFF -DENABLE_CURVE=OFF -DWITH_LIBSODIUM=OFF \
            -DWITH_LIBBSD=OFF -DENABLE_DRAFTS=OFF -DWITH_NORM=OFF -DWITH_OPENPGM=OFF \
            -DWITH_VMCI=OFF >>log.txt 2>&1 &&
          cmake --build cmake -j "$(nproc)" >>log.txt 2>&1 &&
          cmake --install cmake >>log.txt 2>&1 &&
          sed -i 's|^Libs:.*|Libs: -L${libdir} -lzmq -l:libstdc++.a -lrt -lpthread|' \
            "$pc/libzmq.pc"); then
      echo "libzmq could not be built (see build-zmq/log.txt): using Debian's" >&2
      return 0
    fi
  fi
  echo "$pc"
}

# minipy_build DIR [meson options...]: configure (or apply the options to an
# existing tree, e.g. -Dwerror=true after tools/demo made it), then build.
minipy_build() {
  local dir=$1
  shift
  if [ ! -f "$MINIPY_ROOT/$dir/build.ninja" ]; then
    local pc
    pc=$(minipy_zmq)
    meson setup "$MINIPY_ROOT/$dir" "$MINIPY_ROOT" ${pc:+-Dpkg_config_path="$pc"} "$@" \
      >/dev/null
  elif [ $# -gt 0 ]; then
    meson configure "$MINIPY_ROOT/$dir" "$@" >/dev/null
  fi
  ninja -C "$MINIPY_ROOT/$dir" >/dev/null
}
