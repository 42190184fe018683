"""``python -m TextMagic``: the command line (see ``TextMagic.cli``)."""

import sys

from TextMagic.cli import main

if __name__ == "__main__":
    sys.exit(main())
