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
import os
import sys

import numpy as np

START = np.datetime64("2025-01-01T00:00:00", "s")
DAYS = 365
SERVICES = 40
LOCATIONS = 60
# Share of a day's requests per hour, 00-23 (centres open 08-20, the portal around the clock).
HOURS = np.array([0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.0, 4.0, 8.0, 9.5, 9.5, 9.0, 8.5, 9.0, 9.0, 8.5, 7.5, 6.0, 4.0, 2.5, 1.8, 1.2, 0.6])
# Monday..Sunday: the centres work six days, fewer requests on Saturday and online only on Sunday.
WEEKDAYS = [1.0, 1.0, 1.0, 1.0, 0.95, 0.45, 0.15]
CHANNELS = np.array(["other", "terminal", "web", "mobile_app", "email"])
CHANNEL_WEIGHTS = np.array([0.55, 0.05, 0.25, 0.12, 0.03])
STATES = np.array(["available", "handling", "wrap", "aux"])


def times(moments):
    """ISO-8601 UTC texts of datetime64[s] values."""
    return [text + "Z" for text in np.datetime_as_string(moments, unit="s").tolist()]


def weekday(day):
    return int((START + np.timedelta64(day, "D")).astype("datetime64[D]").astype(int) + 3) % 7  # 1970-01-01 was a Thursday


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    services = np.array([f"SV{k:02d}" for k in range(1, SERVICES + 1)])
    service_p = 1 / np.arange(1, SERVICES + 1) ** 0.9
    service_p /= service_p.sum()
    # Per service: median processing days, completion probability, median cost.
    median_days = 0.5 + 14 * rng.random(SERVICES) ** 2
    complete_p = 0.78 + 0.18 * rng.random(SERVICES)
    median_cost = 200 * np.exp(2 * rng.random(SERVICES))
    locations = np.array([""] + [f"L{k:02d}" for k in range(1, LOCATIONS + 1)])
    location_p = 0.4 + rng.random(LOCATIONS)
    location_p /= location_p.sum()
    customers = max(1000, args.n // 3)
    day_weights = np.array([WEEKDAYS[weekday(d)] for d in range(DAYS)])
    counts = np.floor(args.n * day_weights / day_weights.sum()).astype(int)
    counts[-1] += args.n - counts.sum()
    end = START + np.timedelta64(DAYS, "D")
    written = contacts = 0
    with open(os.path.join(args.out, "requests.csv"), "w") as requests_file, \
            open(os.path.join(args.out, "contacts.csv"), "w") as contacts_file:
        requests_file.write("id,service,location,channel,customer,submitted_at,status,closed_at,cost\n")
        contacts_file.write("id,arrived_at,channel,queue,agent,service,customer,outcome,wait_s,talk_s,request\n")
        for d in range(DAYS):
            c = int(counts[d])
            seconds = np.sort(rng.choice(24, c, p=HOURS / HOURS.sum()) * 3600 + rng.integers(0, 3600, c))
            submitted = START + np.timedelta64(d, "D") + seconds.astype("timedelta64[s]")
            ids = np.array([f"R{k:09d}" for k in range(written + 1, written + c + 1)])
            written += c
            service = rng.choice(SERVICES, c, p=service_p)
            channel = rng.choice(len(CHANNELS), c, p=CHANNEL_WEIGHTS)
            online = (channel == 2) | (channel == 3)
            location = np.where(online & (rng.random(c) < 0.8), 0, 1 + rng.choice(LOCATIONS, c, p=location_p))
            anonymous = rng.random(c) < np.where(online, 0.1, 0.35)
            customer = np.where(anonymous, "", np.char.add("C", np.char.zfill((customers * rng.random(c) ** 2).astype(int).astype(str), 8)))
            closed = submitted + (86400 * median_days[service] * np.exp(rng.normal(0, 0.6, c))).astype("timedelta64[s]")
            r = rng.random(c)
            p = complete_p[service]
            status = np.where(r < p, "completed", np.where(r < p + (1 - p) * 0.7, "rejected", "withdrawn"))
            still_open = closed >= end
            status[still_open] = "open"
            costed = ((status == "completed") & (rng.random(c) < 0.9)) | ((status == "rejected") & (rng.random(c) < 0.4))
            cost = np.where(costed, np.char.mod("%.2f", median_cost[service] * np.exp(rng.normal(0, 0.35, c))), "")
            closed_text = np.where(still_open, "", np.array(times(closed), dtype=object))
            columns = [ids, services[service], locations[location], CHANNELS[channel], customer, times(submitted), status, closed_text, cost]
            requests_file.writelines(",".join(row) + "\n" for row in zip(*(np.asarray(col).tolist() for col in columns)))
            contacts += _contacts(rng, contacts_file, ids, services[service], customer, submitted, end)
            if d % 60 == 59:
                print(f"  generated {written:,} requests ({d + 1} days)", file=sys.stderr)
    agents = max(10, round(60 * args.n / 1_000_000))
    intervals = _agent_states(rng, agents, os.path.join(args.out, "agent_states.csv"))
    print(f"  generated {written:,} requests, {contacts:,} contacts, {intervals:,} agent-state intervals of {agents} agents",
          file=sys.stderr)


def _contacts(rng, handle, ids, service, customer, submitted, end):
    """The contacts about 30 % of the requests (a second one for 30 % of those), after the submission."""
    first = rng.random(len(ids)) < 0.3
    second = first & (rng.random(len(ids)) < 0.3)
    rows = np.concatenate([np.flatnonzero(first), np.flatnonzero(second)])
    number = np.concatenate([np.full(first.sum(), 1), np.full(second.sum(), 2)])
    c = len(rows)
    arrived = submitted[rows] + (3600 * 72 * rng.random(c) ** 2).astype("timedelta64[s]")
    kind = rng.random(c)
    phone, email = kind < 0.5, (kind >= 0.5) & (kind < 0.85)
    channel = np.where(phone, "call_center", np.where(email, "email", np.where(rng.random(c) < 0.5, "web", "mobile_app")))
    queue = np.where(phone, "PS", np.where(email, "email", ""))
    o = rng.random(c)
    # Calls: 3 % end in the IVR, 10 % abandoned after an exponential wait, the rest answered (a quarter at once).
    call_outcome = np.where(o < 0.03, "self_service", np.where(o < 0.13, "abandoned", "answered"))
    call_wait = np.where(o < 0.13, rng.exponential(80, c), np.where(rng.random(c) < 0.25, 0, rng.exponential(50, c))).astype(int)
    talk = np.maximum(1, np.exp(rng.normal(np.log(200), 0.7, c))).astype(int)
    # E-mails: 6 % never answered (their time unanswered, 10-50 days), the rest within 1-121 hours.
    unanswered = rng.random(c) < 0.06
    mail_wait = np.where(unanswered, 86400 * (10 + 40 * rng.random(c)), 3600 * (1 + 120 * rng.random(c) * rng.random(c))).astype(int)
    outcome = np.where(phone, call_outcome, np.where(email, np.where(unanswered, "abandoned", "answered"), "self_service"))
    wait = np.where(phone & (call_outcome != "self_service"), call_wait.astype(str), np.where(email, mail_wait.astype(str), ""))
    talk_text = np.where(phone & (call_outcome == "answered"), talk.astype(str), "")
    agent = np.where(phone & (call_outcome == "answered"), np.char.add("A", np.char.zfill(rng.integers(0, 60, c).astype(str), 3)), "")
    keep = arrived < end
    contact_ids = np.char.add(np.char.add(ids[rows], "-"), number.astype(str))
    columns = [contact_ids, times(arrived), channel, queue, agent, service[rows], customer[rows], outcome, wait, talk_text, ids[rows]]
    columns = [np.asarray(col)[keep].tolist() for col in columns]
    handle.writelines(",".join(row) + "\n" for row in zip(*columns))
    return int(keep.sum())


def _agent_states(rng, agents, path):
    """Each agent's 09:00-18:00 shift on working days (Mon-Fri): starting within 15 minutes, intervals of 5-20 minutes
    (5 % auxiliary, otherwise handling or wrap-up with a probability that rises and falls over the year, else
    available), the first interval starting after 13:00 a 45-minute lunch (auxiliary)."""
    written = 0
    slots = 120  # 9 hours of intervals of at least 5 minutes
    with open(path, "w") as handle:
        handle.write("agent,state,start,end\n")
        names = np.array([f"A{a:03d}" for a in range(agents)])
        for d in range(DAYS):
            if weekday(d) >= 5:
                continue
            busy = 0.6 + 0.2 * np.sin(2 * np.pi * d / DAYS)
            shift = START + np.timedelta64(d, "D") + np.timedelta64(9, "h")
            minutes = 5 + 15 * rng.random((agents, slots))
            u, v = rng.random((agents, slots)), rng.random((agents, slots))
            state = np.where(u < 0.05, 3, np.where(u < 0.05 + 0.95 * busy, np.where(v < 0.85, 1, 2), 0))
            seconds = (60 * minutes).astype(int)
            begin = (900 * rng.random(agents)).astype(int)[:, None] + np.concatenate(
                [np.zeros((agents, 1), int), np.cumsum(seconds, axis=1)[:, :-1]], axis=1)
            lunch = np.argmax(begin > 4 * 3600, axis=1)
            seconds[np.arange(agents), lunch] = 45 * 60
            state[np.arange(agents), lunch] = 3
            begin = begin[:, :1] + np.concatenate([np.zeros((agents, 1), int), np.cumsum(seconds, axis=1)[:, :-1]], axis=1)
            keep = begin < 9 * 3600
            agent = np.broadcast_to(np.arange(agents)[:, None], (agents, slots))[keep]
            starts = shift + begin[keep].astype("timedelta64[s]")
            ends = starts + seconds[keep].astype("timedelta64[s]")
            columns = [names[agent].tolist(), STATES[state[keep]].tolist(), times(starts), times(ends)]
            handle.writelines(",".join(row) + "\n" for row in zip(*columns))
            written += int(keep.sum())
    return written


if __name__ == "__main__":
    main()
