#!/usr/bin/env bash
# Set up what the project needs: the report's font (Debian's fonts-noto-cjk), a
# virtualenv with requirements.txt and, with --test, the Debian packages the tests
# use (LibreOffice to recompute exported formulas, Chromium for the browser test,
# PostgreSQL for the storage tests, poppler-utils to render the report to PNG).
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# The evaluation report (bideval/report.py) is set in Noto Sans CJK SC: the app and the tests need it.
{ fc-list 2>/dev/null | grep -qi "noto sans cjk sc"; } || [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] \
  || need+=(fonts-noto-cjk)
# ... and DejaVu Sans for the letters Noto Sans CJK lacks (Ł, ş, Greek with accents, Serbian Cyrillic).
{ fc-list 2>/dev/null | grep -qi "dejavu sans"; } || [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
  || need+=(fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # the report's pages rendered to PNG
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif [ "${1:-}" = "--test" ]; then
    echo "missing Debian packages: ${need[*]}; install them as root: apt-get install ${need[*]}" >&2
    exit 1
  else
    echo "warning: missing Debian packages: ${need[*]} (the evaluation report needs them);" \
         "install them as root: apt-get install ${need[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
# The checkout on the virtualenv's path, so `python -m bideval` works from any folder.
.venv/bin/python -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'bid_eval_checkout.pth').write_text('$PWD\n')"
# Compile the package once, as an installer does: its modules' bytecode and its dataclasses' methods
# (bideval/dataclass_methods.py), so no command compiles them on every start where PYTHONDONTWRITEBYTECODE is set.
.venv/bin/python -m compileall -q bideval >/dev/null
.venv/bin/python -c "from bideval.dataclass_methods import write_all; write_all()"
