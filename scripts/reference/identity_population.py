"""Identity resolution at scale, with known truth (scripts/bench-identity). Standard library only.

    python3 scripts/reference/identity_population.py generate --records N [--seed 18] [--no-shuffle] DIR
        A population of customer records with known truth, as `otklik import customers` reads it: DIR/customers.csv
        (id,phone,email,external_id,card,device,lang,time_zone,acquisition_source,acquired_at) and DIR/truth.txt (the
        person of each CSV row, one a line). The people are those of Otklik's SyntheticIdentityPopulation (the same
        SplitMix64 draws, so --people 5000 --no-shuffle gives the 12,486 records of IdentityPopulationTests): several
        identities a person, phones in four spellings, e-mails in three cases, external ids (CDNOW-style 00001 too),
        loyalty cards, devices; an office phone shared by 30 people (a super-node), placeholders on 5 % of later
        records, pairs of people on one device, pairs with their own ids on one home phone. The records are shuffled
        (seeded), so duplicates arrive in any order and must be merged, not just matched.
    python3 scripts/reference/identity_population.py reference DIR
        The reference: a union-find over DIR/customers.csv with the same normalisation (E.164 phones, lower-cased
        e-mails, ids verbatim, the placeholder list) and the same deterministic merge rules as IdentityClustering
        (strong kinds join; a phone joins unless 5+ anchored customers carry it; a device joins only groups of which at
        most one holds anything else, below 3; limits 1 external id, 2 cards, 3 phones, 3 e-mails, 5 devices), timed from
        reading the file to the groups; pairwise precision and recall against DIR/truth.txt. Prints JSON.
    python3 scripts/reference/identity_population.py score DIR (DATABASE.sqlite | IDENTITIES.tsv)
        Pairwise precision and recall of the customers Otklik stored: each CSV row belongs to the customer that owns its
        most trusted identity (external id, card, phone, e-mail, device: the order Otklik's matcher links a record by),
        read from customer_identities with sqlite3. Prints JSON.

Pairwise: a pair of records is predicted together when both are in one customer, truly together when both are one
person; precision = correct / predicted pairs, recall = correct / true pairs, counted through group sizes.
"""
import csv
import json
import os
import sqlite3
import sys
import time

MASK = (1 << 64) - 1
KINDS = ["external", "loyalty_card", "phone", "email", "device"]  # Otklik's IdentityKind order (trust)
RANK = {kind: index for index, kind in enumerate(KINDS)}
STRONG = {"external", "loyalty_card", "email"}
LIMITS = {"external": 1, "loyalty_card": 2, "phone": 3, "email": 3, "device": 5}
SUPER_NODE = {"phone": 5, "device": 3}
COLUMNS = ["id", "phone", "email", "external_id", "card", "device", "lang", "time_zone", "acquisition_source", "acquired_at"]
CSV_COLUMN = {"external": "id", "phone": "phone", "email": "email", "loyalty_card": "card", "device": "device"}


class SplitMix64:
    def __init__(self, state):
        self.state = state & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound


def padded(number, width):
    text = str(number)
    return "0" * max(0, width - len(text)) + text


def formatted(digits, variant):
    code, a, b, c = digits[0:3], digits[3:6], digits[6:8], digits[8:10]
    if variant == 0:
        return "+7" + digits
    if variant == 1:
        return "8 (%s) %s-%s-%s" % (code, a, b, c)
    if variant == 2:
        return digits
    return "+7 %s %s %s %s" % (code, a, b, c)


def email_variant(email, variant):
    if variant == 0:
        return email
    if variant == 1:
        return " " + email.upper() + " "
    return email[:1].upper() + email[1:]


PLACEHOLDERS = [("phone", "0000000000"), ("phone", "+7 000 000-00-00"), ("email", "test@example.com"), ("email", "anonymous"), ("phone", "-1")]


def population(people, seed=18):
    """SyntheticIdentityPopulation(people:seed:) of Otklik, draw for draw: a list of (person, [(kind, raw text)]), and
    the trap each person is in."""
    random_ = SplitMix64(seed)
    office = "+7 (495) 123-45-67"
    office_staff = min(30, people)
    family_phone, shared_device = {}, {}
    for pair in range(people // 200):
        a = 100 + pair * 40
        b = a + 1
        if b >= people:
            break
        family_phone[a] = "+7 916 700 %s %s" % (padded(pair // 100, 2), padded(pair % 100, 2))
        family_phone[b] = family_phone[a]
        shared_device[a + 10] = "dev-shared-%d" % pair
        shared_device[b + 10] = "dev-shared-%d" % pair
    traps = {person: "family" for person in family_phone}
    traps.update({person: "device" for person in shared_device})
    traps.update({person: "office" for person in range(office_staff)})
    records = []
    for person in range(people):
        digits = str(9_000_000_000 + person * 7 + 1)
        family = family_phone.get(person)
        phone = family if family is not None else formatted(digits, random_.below(4))
        has_external = family is not None or person % 50 == 1 or random_.below(10) < 6
        external = padded(person, 5) if person % 50 == 1 else "C%d" % person
        emails = ["p%d@mail.ru" % person] + (["person.%d@yandex.ru" % person] if random_.below(5) == 0 else [])
        card = "CARD%d" % (100_000 + person) if random_.below(4) == 0 else None
        device = shared_device.get(person)
        shares_device = device is not None
        if device is None:
            device = "dev-%d" % person if random_.below(5) < 2 else None
        own = [("phone", phone)] + [("email", e) for e in emails]
        if card is not None:
            own.append(("loyalty_card", card))
        if device is not None and not shares_device:
            own.append(("device", device))
        first = list(own)
        if has_external:
            first.append(("external", external))
        if shares_device:
            first = [("email", emails[0]), ("device", device)]
        records.append((person, first))
        for _ in range(random_.below(4)):
            carried = []
            pool = [("email", emails[0])] if shares_device else own
            for _ in range(1 + random_.below(2)):
                carried.append(pool[random_.below(len(pool))])
            if has_external and random_.below(3) == 0:
                carried.append(("external", external))
            changed = []
            for kind, text in carried:
                if kind == "phone" and family is None:
                    changed.append((kind, formatted(digits, random_.below(4))))
                elif kind == "email":
                    changed.append((kind, email_variant(text, random_.below(3))))
                else:
                    changed.append((kind, text))
            carried = changed
            if random_.below(20) == 0:
                carried.append(PLACEHOLDERS[random_.below(5)])
            records.append((person, carried))
        if person < office_staff:
            records.append((person, [("phone", office), ("email", emails[0])]))
    return records, traps


def shuffled(count, seed):
    """The order the records are written in: Fisher-Yates with SplitMix64(seed + 1,000,003), from the last index down
    (CustomerImportPopulationContractTests shuffles the same way)."""
    order = list(range(count))
    draws = SplitMix64(seed + 1_000_003)
    for i in range(count - 1, 0, -1):
        j = draws.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


# --- normalisation, as Otklik's IdentityNormalizer and CustomerCSV ------------------------------------------------

def is_placeholder(text):
    return len(text.encode()) <= 9 and text.lower() in ("0", "-1", "anonymous")


def norm_phone(raw):
    text = raw.strip()
    if not text:
        raise ValueError("the phone is empty")
    if is_placeholder(text):
        return None
    digits, plus = [], False
    for index, character in enumerate(text):
        if character == "+" and index == 0:
            plus = True
        elif "0" <= character <= "9":
            digits.append(character)
        elif character not in " -().\u00a0":
            raise ValueError("a phone has only digits, spaces, dashes, brackets and a leading +: %r" % raw)
    digits = "".join(digits)
    if not plus and digits.startswith("00"):
        plus, digits = True, digits[2:]
    if not digits:
        raise ValueError("the phone has no digits")
    if set(digits) == {"0"}:
        return None
    if plus:
        if not (8 <= len(digits) <= 15) or digits[0] == "0":
            raise ValueError("bad international phone %r" % raw)
        if digits.startswith("7") and len(digits) != 11:
            raise ValueError("a Russian phone (+7) has 10 digits after the 7: %r" % raw)
        e164 = "+" + digits
    elif len(digits) == 11 and digits[0] in "87":
        e164 = "+7" + digits[1:]
    elif len(digits) == 10 and digits[0] != "0":
        e164 = "+7" + digits
    else:
        raise ValueError("a phone without + is read as Russian: %r" % raw)
    if set(e164[2:]) == {"0"}:
        return None
    return e164


def norm_email(raw):
    text = raw.strip().lower()
    if not text:
        raise ValueError("the e-mail address is empty")
    if is_placeholder(text):
        return None
    parts = text.split("@")
    if len(parts) != 2 or not parts[0] or "." not in parts[1] or parts[1].startswith(".") or parts[1].endswith(".") \
            or any(c.isspace() for c in text):
        raise ValueError("bad e-mail %r" % raw)
    if parts[1].startswith("example.") and parts[0] == "test":
        return None
    return text


def norm_verbatim(raw):
    text = raw.strip()
    if not text or len(text) > 200:
        raise ValueError("bad id %r" % raw)
    if is_placeholder(text) or set(text) == {"0"}:
        return None
    return text


NORMALIZE = {"phone": norm_phone, "email": norm_email, "external": norm_verbatim, "loyalty_card": norm_verbatim, "device": norm_verbatim}


def row_identities(row):
    """One CSV row's normalised identities, (kind, value), placeholders dropped."""
    found = []
    client = row["id"].strip() or row["external_id"].strip()
    if client:
        value = norm_verbatim(client)
        if value is not None:
            found.append(("external", value))
    for column, kind in (("phone", "phone"), ("email", "email"), ("card", "loyalty_card"), ("device", "device")):
        for part in row[column].split(";"):
            part = part.strip()
            if part:
                value = NORMALIZE[kind](part)
                if value is not None:
                    found.append((kind, value))
    return found


def read_rows(directory):
    with open(os.path.join(directory, "customers.csv"), newline="", encoding="utf-8") as handle:
        return [row_identities(row) for row in csv.DictReader(handle)]


def read_truth(directory):
    with open(os.path.join(directory, "truth.txt")) as handle:
        return [int(line.split()[0]) for line in handle]


def read_traps(directory):
    """The trap each person is in (office, family, device), from truth.txt's second column."""
    traps = {}
    with open(os.path.join(directory, "truth.txt")) as handle:
        for line in handle:
            person, trap = line.split()
            if trap != "-":
                traps[int(person)] = trap
    return traps


def false_pairs_by_trap(predicted, truth, traps):
    """Pairs placed together that are two people, by the trap the customer holding them shows: office (two of the
    office phone's staff), family (a family on one home phone), device (two people on one device), other."""
    people = {}
    for customer, person in zip(predicted, truth):
        people.setdefault(customer, {}).setdefault(person, 0)
        people[customer][person] += 1
    found = {}
    for counts in people.values():
        if len(counts) < 2:
            continue
        total = sum(counts.values())
        wrong = (total * total - sum(n * n for n in counts.values())) // 2
        kinds = [traps.get(person, "other") for person in counts]
        trap = next((t for t in ("office", "family", "device") if kinds.count(t) >= 2), "other")
        found[trap] = found.get(trap, 0) + wrong
    return found


# --- the reference: IdentityClustering's rules as a union-find -------------------------------------------------------

def cluster(records):
    """Groups of records under the merge rules (Otklik's IdentityClustering, pass for pass); returns (group of each
    record, pairs sent to review, super-nodes)."""
    parent = list(range(len(records)))
    held = []
    for identities in records:
        kinds = {}
        for kind, value in identities:
            kinds.setdefault(kind, set()).add(value)
        held.append(kinds)
    by_identity = {}
    for index, identities in enumerate(records):
        for identity in set(identities):
            by_identity.setdefault(identity, []).append(index)
    review = []

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def groups_of(members):
        seen, groups = set(), []
        for member in members:
            root = find(member)
            if root not in seen:
                seen.add(root)
                groups.append(root)
        return groups

    def anchored(root):
        return any(held[root].get(kind) for kind in STRONG)

    def holds_other(root, kind):
        return any(k != kind and v for k, v in held[root].items())

    def conflict(left, right):
        for kind in KINDS:
            if len(left.get(kind, set()) | right.get(kind, set())) > LIMITS[kind]:
                return "conflicting_external_ids" if kind == "external" else "limit_exceeded:" + kind
        return None

    def join_all(members, identity):
        groups = groups_of(members)
        if not groups:
            return True
        target, joined = groups[0], True
        for other in groups[1:]:
            target, root = find(target), find(other)
            if root == target:
                continue
            refusal = conflict(held[target], held[root])
            if refusal:
                review.append((target, root, identity, refusal))
                joined = False
                continue
            keep, drop = (target, root) if target < root else (root, target)
            parent[drop] = keep
            for kind, values in held[drop].items():
                held[keep].setdefault(kind, set()).update(values)
            held[drop] = {}
        return joined

    ordered = sorted(by_identity, key=lambda identity: (RANK[identity[0]], identity[1]))
    for identity in ordered:
        if identity[0] in STRONG:
            join_all(by_identity[identity], identity)
    super_nodes = {}
    for identity in ordered:
        if identity[0] != "phone":
            continue
        groups = groups_of(by_identity[identity])
        anchored_groups = [g for g in groups if anchored(g)]
        if len(anchored_groups) >= SUPER_NODE["phone"]:
            super_nodes[identity] = len(anchored_groups)
            continue
        if not join_all(anchored_groups, identity):
            continue
        join_all(anchored_groups + [g for g in groups if not anchored(g)], identity)
    for identity in ordered:
        if identity[0] != "device":
            continue
        groups = groups_of(by_identity[identity])
        rich = [g for g in groups if holds_other(g, "device")]
        if len(rich) >= SUPER_NODE["device"]:
            super_nodes[identity] = len(rich)
            continue
        if len(rich) > 1:
            for left, right in zip(rich, rich[1:]):
                review.append((left, right, identity, "shared_device"))
            continue
        join_all(rich + [g for g in groups if g not in rich], identity)
    group = [find(index) for index in range(len(records))]
    pairs = {(min(find(l), find(r)), max(find(l), find(r)), ident, reason) for l, r, ident, reason in review}
    return group, len({p for p in pairs if p[0] != p[1]}), super_nodes


def pairwise(predicted, truth):
    def pairs(keys):
        sizes = {}
        for key in keys:
            sizes[key] = sizes.get(key, 0) + 1
        return sum(n * (n - 1) // 2 for n in sizes.values())
    predicted_pairs, true_pairs, correct = pairs(predicted), pairs(truth), pairs(zip(predicted, truth))
    return {
        "records": len(truth), "people": len(set(truth)), "customers": len(set(predicted)),
        "true_pairs": true_pairs, "predicted_pairs": predicted_pairs, "correct_pairs": correct,
        "precision": correct / predicted_pairs if predicted_pairs else 1.0, "recall": correct / true_pairs if true_pairs else 1.0,
    }


# --- commands ----------------------------------------------------------------------------------------------------------

def generate(argv):
    records_wanted, seed, shuffle, people, directory = None, 18, True, None, None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--records":
            records_wanted = int(args.pop(0))
        elif arg == "--people":
            people = int(args.pop(0))
        elif arg == "--seed":
            seed = int(args.pop(0))
        elif arg == "--no-shuffle":
            shuffle = False
        else:
            directory = arg
    if directory is None or (records_wanted is None) == (people is None):
        sys.exit("usage: generate (--records N | --people N) [--seed 18] [--no-shuffle] DIR")
    os.makedirs(directory, exist_ok=True)
    # About 2.5 records a person: generate a few more people than needed, keep the first N records (whole people).
    records, traps = population(people if people is not None else records_wanted * 2 // 5 + 1000, seed)
    if records_wanted is not None:
        while len(records) > records_wanted:
            records.pop()
    order = shuffled(len(records), seed) if shuffle else list(range(len(records)))
    first_of = {}
    for index, (person, _) in enumerate(records):
        first_of.setdefault(person, index)
    with open(os.path.join(directory, "customers.csv"), "w", newline="", encoding="utf-8") as out, \
            open(os.path.join(directory, "truth.txt"), "w") as truth:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for count, index in enumerate(order):
            person, raw = records[index]
            cells = {column: [] for column in COLUMNS}
            for kind, text in raw:
                cells[CSV_COLUMN[kind]].append(text)
            # A person's first record (the registration) carries language, time zone and acquisition, as a CRM export does.
            first = first_of[person] == index
            row = [";".join(cells[c]) for c in ("id", "phone", "email")] + [""] + [";".join(cells[c]) for c in ("card", "device")] + [
                ("en" if person % 7 == 0 else "ru") if first else "", "Europe/Moscow" if first and person % 3 == 0 else "",
                ("referral", "search", "store", "campaign")[person % 4] if first else "",
                "2025-%02d-%02dT10:00:00Z" % (1 + person % 12, 1 + person % 28) if first else ""]
            writer.writerow(row)
            truth.write("%d %s\n" % (person, traps.get(person, "-")))
            if (count + 1) % 200_000 == 0:
                print("    generated %d records" % (count + 1), file=sys.stderr)
    print(json.dumps({"records": len(records), "people": len({p for p, _ in records})}))


def reference(argv):
    directory = argv[0]
    start = time.perf_counter()
    records = read_rows(directory)
    read = time.perf_counter() - start
    group, review, super_nodes = cluster(records)
    seconds = time.perf_counter() - start
    truth = read_truth(directory)
    result = pairwise(group, truth)
    result["false_pairs_by_trap"] = false_pairs_by_trap(group, truth, read_traps(directory))
    result.update({"seconds": round(seconds, 2), "read_and_normalise_seconds": round(read, 2), "review_pairs": review,
                   "super_nodes": {"%s:%s" % k: v for k, v in super_nodes.items()}})
    print(json.dumps(result))


def score(argv):
    directory, database = argv
    records = read_rows(directory)
    owner, merged, counts = {}, {}, {}
    if database.endswith(".tsv"):  # kind, value, customer_id as PostgreSQL's \\copy writes them
        with open(database) as handle:
            for line in handle:
                kind, value, customer = line.rstrip("\n").split("\t")
                owner[(kind, value)] = customer
        counts["identities_stored"] = len(owner)
    else:
        connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
        for kind, value, customer in connection.execute("SELECT kind, value, customer_id FROM customer_identities"):
            owner[(kind, value)] = customer
        merged = dict(connection.execute("SELECT id, merged_into FROM customers WHERE merged_into IS NOT NULL"))
        counts = {
            "customers_stored": connection.execute("SELECT count(*) FROM customers WHERE merged_into IS NULL").fetchone()[0],
            "merges_journaled": connection.execute("SELECT count(*) FROM customer_merges").fetchone()[0],
            "review_items": connection.execute("SELECT count(*) FROM customer_review").fetchone()[0],
            "identities_stored": len(owner),
        }
        connection.close()
    predicted, missing, merged_owner = [], 0, 0
    for index, identities in enumerate(records):
        present = sorted((i for i in identities if i in owner), key=lambda i: (RANK[i[0]], i[1]))
        missing += len(identities) - len(present)
        customer = owner[present[0]] if present else "missing:%d" % index
        merged_owner += customer in merged
        predicted.append(customer)
    truth = read_truth(directory)
    result = pairwise(predicted, truth)
    result["false_pairs_by_trap"] = false_pairs_by_trap(predicted, truth, read_traps(directory))
    result.update(counts)
    result.update({"identities_not_stored": missing, "owned_by_merged_customer": merged_owner})
    print(json.dumps(result))


if __name__ == "__main__":
    commands = {"generate": generate, "reference": reference, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
