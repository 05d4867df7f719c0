"""``python -m geo.cli.security``: the nearest US base to each disputed island."""
from geo.analysis.security import nearest_us_bases
from geo.cli import run
from geo.data.layers import load_atlas


def main() -> int:
    atlas = load_atlas()
    for fid, (bid, km) in nearest_us_bases(atlas).items():
        print(f"{fid:10s} nearest US base: {bid} ({km:,.1f} km)")
    return 0


if __name__ == "__main__":
    run(main)
