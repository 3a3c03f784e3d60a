"""Independent check of SurveySegmentStratumContractTests (a segment as a survey stratum): the design weights 1/pi per
segment stratum and day, the design-weighted NPS with Kish's effective n, each stratum's eligible count and share,
Wilson's interval of its response rate and the adjusted-Wald interval of its NPS. Standard library only.

    python3 scripts/reference/segment_strata.py
"""
from math import sqrt

Z = 1.959963984540054

# Decisions (interaction, day, stratum, invited) as the quota plan made them: targets vip 1, gold 2, other 1 per day.
decisions = [
    ("i1", 0, "vip", True), ("i2", 0, "vip", False), ("i3", 0, "gold", True), ("i4", 0, "gold", True),
    ("i5", 0, "other", True), ("i6", 0, "other", False), ("i7", 0, "other", False),
    ("j1", 1, "vip", True), ("j2", 1, "other", True),
]
answers = {"i1": 10, "i3": 0, "i4": 9, "i5": 6}

seen, invited = {}, {}
for _, day, stratum, chosen in decisions:
    seen[(stratum, day)] = seen.get((stratum, day), 0) + 1
    invited[(stratum, day)] = invited.get((stratum, day), 0) + (1 if chosen else 0)
weight = {i: seen[(s, d)] / invited[(s, d)] for i, d, s, chosen in decisions if chosen}
stratum_of = {i: s for i, _, s, chosen in decisions if chosen}
print("weights", weight)

pairs = [(weight[i], score) for i, score in answers.items()]
total = sum(w for w, _ in pairs)
p = sum(w for w, s in pairs if s >= 9) / total
d = sum(w for w, s in pairs if s <= 6) / total
n_eff = total ** 2 / sum(w * w for w, _ in pairs)
half = Z * sqrt((p + d - (p - d) ** 2) / n_eff)
print("weighted NPS %.6f n_eff %.6f interval [%.6f; %.6f]" % (100 * (p - d), n_eff, max(-100, 100 * (p - d - half)), min(100, 100 * (p - d + half))))

eligible = {}
for i, s in stratum_of.items():
    eligible[s] = eligible.get(s, 0) + weight[i]
print("eligible", eligible, "shares", {s: v / sum(eligible.values()) for s, v in eligible.items()})


def wilson(k, n):
    phat = k / n
    centre = (phat + Z * Z / (2 * n)) / (1 + Z * Z / n)
    spread = Z * sqrt(phat * (1 - phat) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return 100 * (centre - spread), 100 * (centre + spread)


def adjusted_wald(promoters, detractors, n):
    # Rocks (2016): add 3 to n and 3/4 to promoters and detractors; the interval is centred on the adjusted estimate.
    m = n + 3
    pp, dd = (promoters + 0.75) / m, (detractors + 0.75) / m
    se = sqrt((pp + dd - (pp - dd) ** 2) / m)
    return max(-100, 100 * (pp - dd - Z * se)), min(100, 100 * (pp - dd + Z * se))


for s in ["vip", "gold", "other"]:
    mine = [i for i in stratum_of if stratum_of[i] == s]
    done = [i for i in mine if i in answers]
    scores = [answers[i] for i in done]
    promoters, detractors = sum(x >= 9 for x in scores), sum(x <= 6 for x in scores)
    print(s, "RR1 %.1f %%" % (100 * len(done) / len(mine)), "Wilson [%.6f; %.6f]" % wilson(len(done), len(mine)),
          "NPS %.1f" % (100 * (promoters - detractors) / len(scores)), "adjusted Wald [%.6f; %.6f]" % adjusted_wald(promoters, detractors, len(scores)))
