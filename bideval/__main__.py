"""``python -m bideval``: the command line."""
import os
import sys

from .dataclass_methods import save
from .watchdog import run_watched


def _command() -> int:
    from .cli import main  # imported in the watched child: the watching parent stays small

    try:
        return main()
    finally:
        save()  # the methods its dataclasses compiled, for the next run (os._exit below skips atexit)


code = run_watched(_command)
# Leave without tearing the interpreter down: after a run over 50,000 bids, releasing its millions of objects one by
# one takes a quarter of a second and changes nothing. Every file the command wrote is closed by now.
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:  # the reader (`| head`) has gone: nothing more to say
    pass
os._exit(code)
