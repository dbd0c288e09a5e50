# Shared helpers of the test and bench scripts (sourced, not run):
#   log MESSAGE        progress line on stderr
#   have COMMAND       whether COMMAND is on the PATH
#   install PKG...     apt-get install, with sudo when not root, `apt-get update` once
log() { printf '== %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
apt_updated=
install() {
    if ! have apt-get; then
        log "cannot install $* (no apt-get)"
        return 1
    fi
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    if [ -z "$apt_updated" ]; then
        $sudo apt-get update -qq >&2
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}
