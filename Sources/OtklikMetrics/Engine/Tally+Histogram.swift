extension Tally {
    /// The tally of one group from its histograms (see ``TallyMeasures/layout``); measures not counted stay zero.
    init(slots: UnsafeBufferPointer<Int>, measures: TallyMeasures) {
        self.init()
        let layout = measures.layout
        func sum(_ offset: Int, _ range: ClosedRange<Int>) -> Int { range.reduce(0) { $0 + slots[offset + $1] } }
        if layout.nps >= 0 {
            let o = layout.nps
            count = sum(o, 0...11)
            npsN = sum(o, 1...11)
            promoters = sum(o, 10...11)
            detractors = sum(o, 1...7)
        }
        if layout.csat >= 0 {
            let o = layout.csat
            count = sum(o, 0...6)
            csatN = sum(o, 1...6)
            csatTop2 = sum(o, 5...6)
        }
        if layout.ces >= 0 {
            let o = layout.ces
            count = sum(o, 0...8)
            cesN = sum(o, 1...8)
            for score in 0...7 {
                cesSum += score * slots[o + score + 1]
                cesSumOfSquares += score * score * slots[o + score + 1]
            }
            cesEasy = sum(o, 6...8)
        }
        if layout.button >= 0 {
            let o = layout.button
            count = sum(o, 0...3)
            if measures.contains(.button) {  // else counted only for the record count
                buttonN = sum(o, 1...3)
                buttonPositive = slots[o + 1]
                buttonNegative = slots[o + 3]
            }
        }
        if layout.flags >= 0 {
            let o = layout.flags
            count = sum(o, 0...3)
            rated = slots[o + 1] + slots[o + 3]
            negative = slots[o + 2] + slots[o + 3]
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
