#!/usr/bin/env python3
"""Writes a year of synthetic public-service data in the files Otklik imports, for scripts/bench-requests:

- requests.csv (`otklik import requests`): N service requests over 2025 at 40 services (popularity falling
  off like a Zipf law, each with its own processing time, completion rate and cost) and 60 service centres;
  a third submitted online (web, mobile app, without a centre mostly), most identified by a customer;
  completed, rejected, withdrawn, or still open when submitted in the last days of the year; closed_at after
  the service's processing time; a cost recorded for most completed requests.
- contacts.csv (`otklik import interactions`): the contacts about a third of the requests, each naming its
  request: calls to the contact centre (answered within a waiting time with many zeros and a long tail,
  some abandoned, a few ending in the IVR), e-mails answered within hours or days (some never), and sessions on
  the portal and the app.
- agent_states.csv (`otklik import agent-states`): the contact centre's agents' state log, one 09:00-18:00 shift
  per working day (Mon-Fri) of 5-20 minute intervals with a lunch break; 60 agents per million requests.

Deterministic for a seed. Usage: generate_requests.py N OUTDIR [--seed 1]
"""
import argparse
import datetime as dt
import math
import os
import random
import sys

START = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
DAYS = 365
SERVICES = 40
LOCATIONS = 60
# Share of a day's requests per hour, 00-23 (centres open 08-20, the portal around the clock).
HOURS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.0, 4.0, 8.0, 9.5, 9.5, 9.0, 8.5, 9.0, 9.0, 8.5, 7.5, 6.0, 4.0, 2.5, 1.8, 1.2, 0.6]
# Monday..Sunday: the centres work six days, fewer requests on Saturday and online only on Sunday.
WEEKDAYS = [1.0, 1.0, 1.0, 1.0, 0.95, 0.45, 0.15]
CHANNELS = [("other", 0.55), ("terminal", 0.05), ("web", 0.25), ("mobile_app", 0.12), ("email", 0.03)]


def timestamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    services = [f"SV{k:02d}" for k in range(1, SERVICES + 1)]
    service_weights = [1 / (k ** 0.9) for k in range(1, SERVICES + 1)]
    # Per service: median processing days, completion probability, median cost.
    profile = {code: (0.5 + 14 * rng.random() ** 2, 0.78 + 0.18 * rng.random(), 200 * math.exp(2 * rng.random()))
               for code in services}
    locations = [f"L{k:02d}" for k in range(1, LOCATIONS + 1)]
    location_weights = [0.4 + rng.random() for _ in locations]
    channel_names = [c for c, _ in CHANNELS]
    channel_weights = [w for _, w in CHANNELS]
    customers = max(1000, args.n // 3)
    day_weights = [WEEKDAYS[(START + dt.timedelta(days=d)).weekday()] for d in range(DAYS)]
    total_weight = sum(day_weights)
    hour_total = sum(HOURS)
    end = START + dt.timedelta(days=DAYS)
    written = contacts = 0
    with open(os.path.join(args.out, "requests.csv"), "w") as requests_file, \
            open(os.path.join(args.out, "contacts.csv"), "w") as contacts_file:
        requests_file.write("id,service,location,channel,customer,submitted_at,status,closed_at,cost\n")
        contacts_file.write("id,arrived_at,channel,queue,agent,service,customer,outcome,wait_s,talk_s,request\n")
        for d in range(DAYS):
            count = round(args.n * day_weights[d] / total_weight) if d < DAYS - 1 else args.n - written
            day_start = START + dt.timedelta(days=d)
            lines, contact_lines = [], []
            for s in sorted(_second_of_day(rng, hour_total) for _ in range(count)):
                written += 1
                rid = f"R{written:09d}"
                submitted = day_start + dt.timedelta(seconds=s)
                service = rng.choices(services, service_weights)[0]
                days, complete_p, cost_median = profile[service]
                channel = rng.choices(channel_names, channel_weights)[0]
                online = channel in ("web", "mobile_app")
                location = "" if online and rng.random() < 0.8 else rng.choices(locations, location_weights)[0]
                customer = "" if rng.random() < (0.1 if online else 0.35) else f"C{int(customers * rng.random() ** 2):08d}"
                closed = submitted + dt.timedelta(days=days * math.exp(rng.gauss(0, 0.6)))
                r = rng.random()
                status = "completed" if r < complete_p else "rejected" if r < complete_p + (1 - complete_p) * 0.7 else "withdrawn"
                if closed >= end:
                    status, closed = "open", None
                cost = ""
                if status == "completed" and rng.random() < 0.9 or status == "rejected" and rng.random() < 0.4:
                    cost = f"{cost_median * math.exp(rng.gauss(0, 0.35)):.2f}"
                lines.append(f"{rid},{service},{location},{channel},{customer},{timestamp(submitted)},{status},"
                             f"{timestamp(closed) if closed else ''},{cost}\n")
                if rng.random() < 0.3:
                    for k in range(1 + (rng.random() < 0.3)):
                        contacts += 1
                        contact_lines.append(_contact(rng, f"{rid}-{k + 1}", rid, service, customer, submitted, end))
            requests_file.writelines(lines)
            contacts_file.writelines(line for line in contact_lines if line)
            if d % 60 == 59:
                print(f"  generated {written:,} requests ({d + 1} days)", file=sys.stderr)
    agents = max(10, round(60 * args.n / 1_000_000))
    intervals = _agent_states(rng, agents, os.path.join(args.out, "agent_states.csv"))
    print(f"  generated {written:,} requests, {contacts:,} contacts, {intervals:,} agent-state intervals of {agents} agents",
          file=sys.stderr)


def _contact(rng, cid, rid, service, customer, submitted, end):
    arrived = submitted + dt.timedelta(seconds=int(3600 * 72 * rng.random() ** 2))
    if arrived >= end:
        return ""
    r = rng.random()
    if r < 0.5:
        channel, queue = "call_center", "PS"
        o = rng.random()
        if o < 0.03:
            outcome, wait, talk, agent = "self_service", "", "", ""
        elif o < 0.13:
            outcome, wait, talk, agent = "abandoned", str(int(rng.expovariate(1 / 80))), "", ""
        else:
            wait = 0 if rng.random() < 0.25 else int(rng.expovariate(1 / 50))
            outcome, wait, talk, agent = "answered", str(wait), str(max(1, int(math.exp(rng.gauss(math.log(200), 0.7))))), f"A{rng.randrange(60):03d}"
    elif r < 0.85:
        channel, queue, agent, talk = "email", "email", "", ""
        if rng.random() < 0.06:
            outcome, wait = "abandoned", str(int(86400 * (10 + 40 * rng.random())))  # never answered: its time unanswered
        else:
            outcome, wait = "answered", str(int(3600 * (1 + 120 * rng.random() * rng.random())))
    else:
        channel, queue, agent, outcome, wait, talk = rng.choice(["web", "mobile_app"]), "", "", "self_service", "", ""
    return f"{cid},{timestamp(arrived)},{channel},{queue},{agent},{service},{customer},{outcome},{wait},{talk},{rid}\n"


def _agent_states(rng, agents, path):
    written = 0
    with open(path, "w") as handle:
        handle.write("agent,state,start,end\n")
        for d in range(DAYS):
            day = START + dt.timedelta(days=d)
            if day.weekday() >= 5:
                continue
            busy = 0.6 + 0.2 * math.sin(2 * math.pi * d / DAYS)
            shift_start = day + dt.timedelta(hours=9)
            shift_end = shift_start + dt.timedelta(hours=9)
            lines = []
            for a in range(agents):
                clock = shift_start + dt.timedelta(seconds=int(900 * rng.random()))
                lunch = False
                while clock < shift_end:
                    minutes = 5 + 15 * rng.random()
                    if not lunch and clock > shift_start + dt.timedelta(hours=4):
                        state, minutes, lunch = "aux", 45, True
                    elif rng.random() < 0.05:
                        state = "aux"
                    elif rng.random() < busy:
                        state = "handling" if rng.random() < 0.85 else "wrap"
                    else:
                        state = "available"
                    stop = clock + dt.timedelta(seconds=int(60 * minutes))
                    lines.append(f"A{a:03d},{state},{timestamp(clock)},{timestamp(stop)}\n")
                    clock = stop
            written += len(lines)
            handle.writelines(lines)
    return written


def _second_of_day(rng, hour_total):
    r = rng.random() * hour_total
    for hour, weight in enumerate(HOURS):
        if r < weight:
            return hour * 3600 + int(rng.random() * 3600)
        r -= weight
    return 23 * 3600 + int(rng.random() * 3600)


if __name__ == "__main__":
    main()
