#!/usr/bin/env python3
"""Cross-check briefmark's agreement figures against the reference tools.

The contract of `briefmark::analysis::agreement` is: the numbers a reader
gets from scikit-learn's `cohen_kappa_score` and the `krippendorff`
package (`level_of_measurement="nominal"`) on the per-unit 0/1 vectors.
This script recomputes every per-code, coded-text and pooled figure of the
studies in `tests/core/agreement.rs` from the vectors the crate materialises
(`unit_values`) and compares them with the crate's own figures.

Not run by CI (it needs Python packages). To run it:

    python3 -m venv /tmp/agree-venv
    /tmp/agree-venv/bin/pip install scikit-learn krippendorff numpy
    AGREEMENT_DUMP=/tmp/agreement.json \
        cargo test --test core -- --ignored agreement::dump_for_python
    /tmp/agree-venv/bin/python scripts/check_agreement.py /tmp/agreement.json

Undefined figures must be undefined on both sides: `null` in the dump,
NaN from scikit-learn (expected agreement 1) or an error from krippendorff
("more than one value in the domain"). Exit status 1 on any mismatch.
"""

import json
import math
import sys
import warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

TOLERANCE = 1e-9


def kappa(rows):
    """sklearn's kappa over the units both raters rated; None if undefined."""
    if len(rows) != 2:
        return None
    pairs = [(a, b) for a, b in zip(*rows) if a is not None and b is not None]
    if not pairs:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs])
    return None if math.isnan(value) else float(value)


def alpha(rows):
    """krippendorff's nominal alpha; None where it fails or gives NaN."""
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else float(value)


def pairable(rows):
    """Indices of units with values from at least two raters."""
    return [u for u in range(len(rows[0])) if sum(r[u] is not None for r in rows) >= 2]


def observed(rows):
    units = pairable(rows)
    if not units:
        return None
    agree = sum(len({r[u] for r in rows if r[u] is not None}) == 1 for u in units)
    return agree / len(units)


def figures(rows):
    return {
        "units": len(pairable(rows)),
        "observed_agreement": observed(rows),
        "kappa": kappa(rows),
        "alpha": alpha(rows),
    }


def coded_only(rows):
    """The units at least one rater coded (value 1)."""
    keep = [u for u in range(len(rows[0])) if any(r[u] == 1 for r in rows)]
    return [[r[u] for u in keep] for r in rows]


def concatenated(documents):
    """Per rater, the vectors of every document end to end."""
    raters = len(documents[0])
    return [sum((doc[r] for doc in documents), []) for r in range(raters)]


def same(mine, theirs):
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return abs(mine - theirs) <= TOLERANCE


def compare(label, crate, expected):
    problems = []
    if crate["units"] != expected["units"]:
        problems.append(f"units {crate['units']} != {expected['units']}")
    for key in ("observed_agreement", "kappa", "alpha"):
        mine = crate[key]["value"]
        if not same(mine, expected[key]):
            problems.append(f"{key} {mine} != {expected[key]}")
    status = "ok " if not problems else "BAD"
    shown = ", ".join(
        f"{k}={'n/a' if expected[k] is None else format(expected[k], '.6f')}"
        for k in ("observed_agreement", "kappa", "alpha")
    )
    print(f"{status} {label}: units={expected['units']}, {shown}")
    for p in problems:
        print(f"      {p}")
    return not problems


def check(study):
    ok = True
    pooled, pooled_coded = None, None
    for code in study["codes"]:
        rows = concatenated(code["documents"])
        restricted = coded_only(rows)
        name = f"{study['study']} / {code['code']}"
        ok &= compare(f"{name} (all text)", code["figures"]["all_text"], figures(rows))
        ok &= compare(f"{name} (coded text)", code["figures"]["coded_text"], figures(restricted))
        pooled = rows if pooled is None else [a + b for a, b in zip(pooled, rows)]
        pooled_coded = restricted if pooled_coded is None else [a + b for a, b in zip(pooled_coded, restricted)]
    name = f"{study['study']} / all codes pooled"
    ok &= compare(f"{name} (all text)", study["overall"]["all_text"], figures(pooled))
    ok &= compare(f"{name} (coded text)", study["overall"]["coded_text"], figures(pooled_coded))
    return ok


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        studies = json.load(f)
    ok = all([check(s) for s in studies])
    print("all figures match" if ok else "MISMATCHES found")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
