"""``python -m geo.build [--check]``: the layers' reproducible build."""
from geo.build import main
from geo.cli import run

run(main)
