"""``python -m bideval``: the command line."""
from .cli import main

raise SystemExit(main())
