"""``python -m geo.export geojson|csv|atlas|figure``: the exports' command line (geo.cli.export)."""
from geo.cli import run
from geo.cli.export import main

run(main)
