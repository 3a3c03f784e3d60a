/// How a dense scan counts a group: one small histogram per score the query needs, side by side in
/// the group's slots — NPS none/0…10 (12 counters), CSAT none/0…5 (7), CES none/0…7 (9), the press
/// none/positive/neutral/negative (4) and the record's flags (bit 0 rated, bit 1 negative; 4).
///
/// Joint histograms over several scores (one increment a row instead of several) were measured on
/// 10 million records and lost: their counters leave the first-level cache.
struct HistogramLayout: Equatable, Sendable {
    enum Code: Int, CaseIterable, Sendable {
        case nps, csat, button, ces, flags

        var count: Int { [12, 7, 4, 9, 4][rawValue] }
        var measure: TallyMeasures { [.nps, .csat, .button, .ces, .flags][rawValue] }
    }

    /// Offset of each code's histogram in a group's slots (by `Code.rawValue`), −1 when not counted.
    private(set) var offset = [-1, -1, -1, -1, -1]
    /// Slots per group.
    private(set) var width = 0
    /// The codes counted, in layout order. A query for the record count alone counts the flags (the
    /// smallest histogram), so that every group's count is known.
    private(set) var counted: [Code] = []

    init(_ measures: TallyMeasures) {
        counted = Code.allCases.filter { measures.contains($0.measure) }
        if counted.isEmpty { counted = [.flags] }
        for code in counted {
            offset[code.rawValue] = width
            width += code.count
        }
    }
}
