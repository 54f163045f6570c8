"""`python -m lardom.radar [ROOT]`: the radar's model as JSON on standard output, the same data
the site will write for the browser (radar.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import taxonomy
from . import data


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path()
    try:
        tax = taxonomy.load(root / "taxonomy")
        model = data.build(root / "taxonomy", tax)
    except taxonomy.TaxonomyError as exc:
        print(f"lardom.radar: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(model.to_dict(), ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
