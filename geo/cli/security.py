"""``python -m geo.cli.security``: the nearest US base and fleet port to each island."""
from geo.analysis.security import main
from geo.cli import run

if __name__ == "__main__":
    run(main)
