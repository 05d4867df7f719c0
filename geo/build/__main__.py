"""``python -m geo.build [--check]``: the layers' reproducible build."""
from geo.cli import run
from geo.cli.build import main

run(main)
