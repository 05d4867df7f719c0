"""``python -m geo.annotations show|check|suggest``: the annotations' command line."""
from geo.cli import run
from geo.cli.annotations import main

if __name__ == "__main__":
    run(main)
