"""`python -m telnyx_gather`: the `telnyx-gather` command line."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
