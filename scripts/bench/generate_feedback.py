#!/usr/bin/env python3
"""Writes N synthetic feedback records in `otklik import feedback` CSV: a year from 2025-12-01 spread evenly, 200
locations with 8 staff each, 12 services, four channels, an NPS answer on 70 % and a CSAT answer on 40 %, a button
press on each, a customer on 30 % (2 million distinct). Deterministic for a seed.

Usage: generate_feedback.py N OUT.csv [--seed 22] [--first 0]   (ids f<first>…f<first+N-1>)
"""
import argparse
import datetime as dt
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--total", type=int, default=0, help="spread the ids of all files over the year (default: n)")
    args = parser.parse_args()
    total = args.total or args.n
    r = random.Random(args.seed * 1_000_003 + args.first)
    channels = ["terminal", "qr_web", "email", "web"]
    buttons = ["positive", "neutral", "negative"]
    base = dt.datetime(2025, 12, 1)
    with open(args.out, "w") as out:
        out.write("id,ts,channel,location,staff,service,nps,csat,customer,button\n")
        lines = []
        for i in range(args.first, args.first + args.n):
            t = base + dt.timedelta(seconds=int(i * 31_536_000 / total))
            loc = r.randrange(200)
            nps = r.randrange(11) if r.random() < 0.7 else ""
            csat = r.randrange(1, 6) if r.random() < 0.4 else ""
            customer = f"K{r.randrange(2_000_000)}" if r.random() < 0.3 else ""
            lines.append(f"f{i},{t:%Y-%m-%dT%H:%M:%S}Z,{channels[i % 4]},L{loc:03d},S{loc:03d}{r.randrange(8)},"
                         f"SV{r.randrange(12)},{nps},{csat},{customer},{buttons[r.randrange(3)]}\n")
            if len(lines) == 100_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)


if __name__ == "__main__":
    main()
