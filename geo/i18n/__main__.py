"""``python -m geo.i18n [--check]``: extract, update and compile the catalogues."""
import sys

from geo.i18n.catalogues import main

sys.exit(main())
