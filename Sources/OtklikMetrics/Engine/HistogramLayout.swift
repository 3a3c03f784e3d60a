/// How a dense scan counts a group: one **joint** histogram over the codes of several scores at once
/// (so a row costs one counter increment however many measures the query needs), plus a separate
/// CES histogram when CES does not fit in the joint one.
///
/// Codes: NPS none/0…10 → 0…11, CSAT none/0…5 → 0…6, press none/positive/neutral/negative → 0…3,
/// CES none/0…7 → 0…8. The joint index is Σ code·multiplier over the scores in it (mixed radix, in the
/// order NPS, CSAT, press, CES); a score outside it has multiplier 0. The negative-share flags need
/// NPS, CSAT and the press of the same record, so asking for them puts all three in the joint.
struct HistogramLayout: Equatable, Sendable {
    static let npsCodes = 12, csatCodes = 7, buttonCodes = 4, cesCodes = 9
    /// The largest joint histogram: NPS × CSAT × press (336) fits, adding CES (3,024) does not.
    static let maximumJoint = 400

    var npsMultiplier = 0, csatMultiplier = 0, buttonMultiplier = 0, cesMultiplier = 0
    /// Slots of the joint histogram (1 when no score is in it: then it counts records).
    var joint = 1
    /// Offset of the separate CES histogram, or −1.
    var separateCES = -1
    /// Slots per group.
    var width: Int { separateCES >= 0 ? joint + Self.cesCodes : joint }

    init(_ measures: TallyMeasures) {
        var wanted = measures
        if wanted.contains(.flags) { wanted.formUnion([.nps, .csat, .button]) }
        if wanted.contains(.nps) { npsMultiplier = joint; joint *= Self.npsCodes }
        if wanted.contains(.csat) { csatMultiplier = joint; joint *= Self.csatCodes }
        if wanted.contains(.button) { buttonMultiplier = joint; joint *= Self.buttonCodes }
        if wanted.contains(.ces) {
            if joint * Self.cesCodes <= Self.maximumJoint {
                cesMultiplier = joint
                joint *= Self.cesCodes
            } else {
                separateCES = joint
            }
        }
    }

    /// The codes of each joint slot, decoded once per layout: (nps, csat, button, ces), 0 when absent.
    var decodedSlots: [(nps: Int, csat: Int, button: Int, ces: Int)] {
        (0..<joint).map { index in
            func code(_ multiplier: Int, _ codes: Int) -> Int { multiplier == 0 ? 0 : index / multiplier % codes }
            return (code(npsMultiplier, Self.npsCodes), code(csatMultiplier, Self.csatCodes),
                    code(buttonMultiplier, Self.buttonCodes), code(cesMultiplier, Self.cesCodes))
        }
    }
}
