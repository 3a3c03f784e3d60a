extension Tally {
    /// The tally of one group from its counters laid out as `layout` says; measures not asked for
    /// stay zero (the record count is always filled).
    init(slots: UnsafeBufferPointer<Int>, layout: HistogramLayout, measures: TallyMeasures) {
        self.init()
        let first = layout.counted[0]
        count = (0..<first.count).reduce(0) { $0 + slots[layout.offset[first.rawValue] + $1] }
        for kind in layout.counted where measures.contains(kind.measure) {
            let start = layout.offset[kind.rawValue]
            for code in 1..<kind.count { add(kind, code, times: slots[start + code]) }
        }
    }

    /// Counts `k` records whose code of one kind is `code` (0 = no answer, which adds nothing but the count).
    private mutating func add(_ kind: HistogramLayout.Code, _ code: Int, times k: Int) {
        guard code > 0, k > 0 else { return }
        switch kind {
        case .nps:
            npsN += k
            if code - 1 >= 9 { promoters += k }
            if code - 1 <= 6 { detractors += k }
        case .csat:
            csatN += k
            if code - 1 >= 4 { csatTop2 += k }
        case .button:
            buttonN += k
            if code == 1 { buttonPositive += k }
            if code == 3 { buttonNegative += k }
        case .ces:
            let score = code - 1
            cesN += k
            cesSum += score * k
            cesSumOfSquares += score * score * k
            if score >= 5 { cesEasy += k }
        case .flags:
            if code & 1 != 0 { rated += k }
            if code & 2 != 0 { negative += k }
        }
    }

    /// The tally with only the given measures' fields kept (the record count always): what a dense
    /// scan for those measures produces, so that every scan path answers alike.
    func keeping(_ measures: TallyMeasures) -> Tally {
        var result = Tally()
        result.count = count
        if measures.contains(.nps) { (result.npsN, result.promoters, result.detractors) = (npsN, promoters, detractors) }
        if measures.contains(.csat) { (result.csatN, result.csatTop2) = (csatN, csatTop2) }
        if measures.contains(.ces) { (result.cesN, result.cesSum, result.cesSumOfSquares, result.cesEasy) = (cesN, cesSum, cesSumOfSquares, cesEasy) }
        if measures.contains(.button) { (result.buttonN, result.buttonPositive, result.buttonNegative) = (buttonN, buttonPositive, buttonNegative) }
        if measures.contains(.flags) { (result.rated, result.negative) = (rated, negative) }
        return result
    }

    /// The rated (bit 0) and negative (bit 1) flags each score code contributes, indexed by code
    /// (score + 1 for NPS/CSAT, 0-3 for a press); a record's flags are the bitwise or of its three.
    static let npsFlags: [UInt8] = [0] + (0...10).map { $0 <= 6 ? 3 : 1 }
    static let csatFlags: [UInt8] = [0] + (0...5).map { (1...2).contains($0) ? 3 : 1 }
    static let buttonFlags: [UInt8] = [0, 1, 1, 3]
}
