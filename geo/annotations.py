"""``python -m geo.annotations show|check|suggest``: the annotations' command line."""
from geo.cli import run
from geo.data.corpus import main

if __name__ == "__main__":
    run(main)
