"""``python -m lib.validate [DATA_DIR]``: the validator's command line (see lib.data.validate)."""

import sys

from lib.data.validate import main

if __name__ == "__main__":
    sys.exit(main())
