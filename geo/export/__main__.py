"""``python -m geo.export geojson|csv|atlas``: the exports' command line."""
from geo.cli import run
from geo.export import main

run(main)
