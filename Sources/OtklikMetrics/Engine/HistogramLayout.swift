/// How a dense scan counts a group: one **joint** histogram over the codes of several scores at once
/// (one counter increment a row for all of them), and a small histogram of its own for each code that
/// does not fit in the joint one.
///
/// Codes: NPS none/0…10 → 0…11, CSAT none/0…5 → 0…6, press none/positive/neutral/negative → 0…3,
/// CES none/0…7 → 0…8, and the record's flags (bit 0 rated, bit 1 negative) 0…3. The joint index is
/// Σ code·multiplier over the codes in it (mixed radix, in that order); codes join it while it stays
/// within ``maximumJoint`` slots. The flags follow from NPS, CSAT and press together: when all three
/// are in the joint histogram they are read off it, else the row's flag code is counted.
struct HistogramLayout: Equatable, Sendable {
    enum Code: Int, CaseIterable {
        case nps, csat, button, ces, flags

        var count: Int { [12, 7, 4, 9, 4][rawValue] }
        var measure: TallyMeasures { [.nps, .csat, .button, .ces, .flags][rawValue] }
    }

    /// The largest joint histogram. 12 keeps a joint histogram to one score (each further score gets
    /// its own small histogram): measured on 10 million records, counters that stay in the first-level
    /// cache and a loop with no per-row decisions beat fewer increments into bigger joint histograms.
    static let maximumJoint = 12

    /// Per code: its multiplier in the joint histogram (0 = not in it) and the offset of its own
    /// histogram (−1 = none).
    private(set) var multiplier = [0, 0, 0, 0, 0]
    private(set) var separate = [-1, -1, -1, -1, -1]
    /// Slots of the joint histogram (1 when no code is in it: then it counts records).
    private(set) var joint = 1
    /// Whether the flags are read off the joint NPS × CSAT × press codes.
    private(set) var derivedFlags = false
    /// Slots per group.
    private(set) var width = 1

    init(_ measures: TallyMeasures) {
        let all = measures.isSuperset(of: [.nps, .csat, .button])
        var apart: [Code] = []
        for code in Code.allCases where measures.contains(code.measure) {
            if code == .flags && all && multiplier[0] > 0 && multiplier[1] > 0 && multiplier[2] > 0 {
                derivedFlags = true
            } else if joint * code.count <= Self.maximumJoint {
                multiplier[code.rawValue] = joint
                joint *= code.count
            } else {
                apart.append(code)
            }
        }
        width = joint
        for code in apart {
            separate[code.rawValue] = width
            width += code.count
        }
    }

    /// The code of each kind in each joint slot (nil when that kind is not in the joint histogram),
    /// decoded once per layout.
    var decodedSlots: [[Int?]] {
        (0..<joint).map { index in
            Code.allCases.map { code in
                let m = multiplier[code.rawValue]
                return m == 0 ? nil : index / m % code.count
            }
        }
    }
}
