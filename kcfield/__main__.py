"""`python -m kcfield` runs the same command as the `kcfield` entry point."""

import sys

from kcfield.cli import main

sys.exit(main())
