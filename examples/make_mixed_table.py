"""Write a mixed table, the kind people really have, for the README's walk-through:

    python examples/make_mixed_table.py > customers.csv

Customers of a made-up shop, one row each: an id (left out by the encoder), a plan (text categories),
a sign-up date, age and monthly spend (numbers with gaps), a boolean, a region with a rare level, and the
target `churned` (yes/no), missing on some rows. Churn depends on the plan, the spend, the age and the
sign-up year, so a model that uses the text and date columns does better than one that drops them.
Seeded: the same table every run.
"""

import argparse
import csv
import datetime as dt
import sys

import numpy as np

PLANS = ("basic", "plus", "pro")
REGIONS = ("north", "south", "east", "west", "islands")


def rows(n: int, seed: int = 7) -> list[list[object]]:
    rng = np.random.default_rng(seed)
    plan = rng.choice(PLANS, n, p=[0.5, 0.3, 0.2])
    region = rng.choice(REGIONS, n, p=[0.3, 0.3, 0.2, 0.19, 0.01])
    signup = [dt.date(2019, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 6 * 365, n)]
    age = rng.normal(40, 12, n).clip(18, 90).round()
    spend = rng.gamma(2.0, 30.0, n).round(2)
    newsletter = rng.random(n) < 0.4
    score = (
        1.2 * (plan == "basic")
        - 1.0 * (plan == "pro")
        - 0.02 * (spend - 60)
        + 0.03 * (age - 40)
        + 0.4 * np.array([d.year >= 2023 for d in signup])
        - 0.5 * newsletter
    )
    churned = np.where(rng.random(n) < 1 / (1 + np.exp(-score)), "yes", "no")
    out = []
    for i in range(n):
        row: list[object] = [
            f"C{100000 + i}",
            plan[i],
            signup[i].isoformat(),
            "" if rng.random() < 0.08 else int(age[i]),
            "NA" if rng.random() < 0.05 else spend[i],
            "" if rng.random() < 0.03 else str(bool(newsletter[i])).lower(),
            region[i],
            "" if rng.random() < 0.04 else churned[i],
        ]
        out.append(row)
    return out


HEADER = ["customer_id", "plan", "signup_date", "age", "monthly_spend", "newsletter", "region", "churned"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(args.rows, args.seed))


if __name__ == "__main__":
    main()
