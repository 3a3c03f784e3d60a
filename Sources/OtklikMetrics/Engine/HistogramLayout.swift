/// How a dense scan counts a group: one **joint** histogram over the codes of several scores at once
/// (so a row costs one counter increment however many measures the query needs), plus a separate
/// CES histogram when CES does not fit in the joint one.
///
/// Codes: NPS none/0…10 → 0…11, CSAT none/0…5 → 0…6, press none/positive/neutral/negative → 0…3,
/// CES none/0…7 → 0…8, and the record's flags (bit 0 rated, bit 1 negative) 0…3. The joint index is
/// Σ code·multiplier over the codes in it (mixed radix, in the order NPS, CSAT, press, CES, flags);
/// a code outside it has multiplier 0. The flags follow from NPS, CSAT and press together: when all
/// three are in the joint histogram they are derived from it, else the row's flag code is counted.
struct HistogramLayout: Equatable, Sendable {
    static let npsCodes = 12, csatCodes = 7, buttonCodes = 4, cesCodes = 9
    /// The largest joint histogram: NPS × CSAT × press (336) fits, adding CES (3,024) does not.
    static let maximumJoint = 400

    static let flagCodes = 4

    var npsMultiplier = 0, csatMultiplier = 0, buttonMultiplier = 0, cesMultiplier = 0, flagsMultiplier = 0
    /// Slots of the joint histogram (1 when no code is in it: then it counts records).
    var joint = 1
    /// Offsets of the separate CES and flag histograms, or −1.
    var separateCES = -1, separateFlags = -1
    /// Whether the flags are read off the joint NPS × CSAT × press codes.
    var derivedFlags = false
    /// Slots per group.
    private(set) var width = 1

    init(_ measures: TallyMeasures) {
        if measures.contains(.nps) { npsMultiplier = joint; joint *= Self.npsCodes }
        if measures.contains(.csat) { csatMultiplier = joint; joint *= Self.csatCodes }
        if measures.contains(.button) { buttonMultiplier = joint; joint *= Self.buttonCodes }
        var separate = 0
        func place(_ codes: Int, _ multiplier: inout Int, _ offset: inout Int) {
            if joint * codes <= Self.maximumJoint {
                multiplier = joint
                joint *= codes
            } else {
                offset = separate  // relative to the joint histogram's end, fixed below
                separate += codes
            }
        }
        if measures.contains(.ces) { place(Self.cesCodes, &cesMultiplier, &separateCES) }
        if measures.contains(.flags) {
            if measures.isSuperset(of: [.nps, .csat, .button]) { derivedFlags = true } else { place(Self.flagCodes, &flagsMultiplier, &separateFlags) }
        }
        if separateCES >= 0 { separateCES += joint }
        if separateFlags >= 0 { separateFlags += joint }
        width = joint + separate
    }

    /// The codes of each joint slot, decoded once per layout; 0 when a code is not in the joint histogram.
    var decodedSlots: [(nps: Int, csat: Int, button: Int, ces: Int, flags: Int)] {
        (0..<joint).map { index in
            func code(_ multiplier: Int, _ codes: Int) -> Int { multiplier == 0 ? 0 : index / multiplier % codes }
            return (code(npsMultiplier, Self.npsCodes), code(csatMultiplier, Self.csatCodes),
                    code(buttonMultiplier, Self.buttonCodes), code(cesMultiplier, Self.cesCodes), code(flagsMultiplier, Self.flagCodes))
        }
    }
}
